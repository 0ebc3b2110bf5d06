// @ts-check
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import courseContent from './src/integrations/course-content.ts';
import offline from './src/integrations/offline.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { LAUNCH_CAPTURE_SCRIPT } from './src/records/launch-capture-script.ts';

// The inline script that takes launch parameters out of the address bar first thing.
/** @type {`sha256-${string}`} */
const launchCaptureHash = `sha256-${createHash('sha256').update(LAUNCH_CAPTURE_SCRIPT).digest('base64')}`;

/**
 * Where the pages may connect: their own origin, and the LRS origins the course configuration
 * allows (`lrs.allowedOrigins` in modules/course.yaml; any https origin when it lists none).
 * Loopback (the tests' LRS on 127.0.0.1) only in a build made with COURSE_LRS_LOOPBACK=1,
 * as scripts/test.sh does: production builds never allow it.
 */
function lrsConnectSources() {
	const root = resolve(process.env.COURSE_ROOT ?? 'modules');
	let origins = [];
	try {
		origins = parse(readFileSync(resolve(root, 'course.yaml'), 'utf8'))?.lrs?.allowedOrigins ?? [];
	} catch {
		/* the course-content integration reports a broken course.yaml */
	}
	const sources = origins.length ? origins : ['https:'];
	if (process.env.COURSE_LRS_LOOPBACK === '1') sources.push('http://127.0.0.1:*', 'http://localhost:*');
	return sources.join(' ');
}

export default defineConfig({
	output: 'static',
	// Tests build fixture courses into a folder of their own.
	outDir: process.env.COURSE_OUT_DIR ?? './dist',
	trailingSlash: 'always',
	build: { format: 'directory' },
	// No toolbar, no prefetch script: reading pages must ship no JavaScript at all.
	devToolbar: { enabled: false },
	prefetch: false,
	// Shiki's inline styles would break the strict CSP; the course shows no code anyway.
	markdown: { syntaxHighlight: false },
	vite: {
		build: {
			rollupOptions: {
				output: {
					// The compliance report (/report/) shares the statement code and React's JSX runtime
					// with the learner pages. Left alone, the bundler splits each shared module into a
					// chunk of its own, and every learner page pays for the extra chunks and lost
					// compression (0.55 KB on the heaviest page). These groups keep them in the chunks the
					// learner pages load anyway; the report page loads those chunks too.
					codeSplitting: {
						groups: [
							{ name: 'app', test: /[\\/]src[\\/](records[\\/]statements|stores[\\/]app)\.ts$/ },
							{ name: 'react', test: /[\\/]node_modules[\\/]react[\\/]|rolldown[\\/]runtime/ },
						],
					},
				},
			},
		},
	},
	integrations: [
		courseContent({ root: 'modules' }),
		react(),
		offline({ name: 'REAch2 Social Media Policy training', shortName: 'Social media', themeColor: '#1d3f73' }),
	],
	security: {
		// Astro writes a CSP meta tag on every page with hashes of the scripts and styles it emits.
		csp: {
			scriptDirective: { hashes: [launchCaptureHash] },
			directives: [
				"default-src 'self'",
				"img-src 'self' data:",
				"font-src 'self'",
				// The course talks to a Learning Record Store only when launched with one.
				`connect-src 'self' ${lrsConnectSources()}`,
				"manifest-src 'self'",
				"worker-src 'self'",
				"object-src 'none'",
				"base-uri 'self'",
				"form-action 'self'",
			],
		},
	},
});
