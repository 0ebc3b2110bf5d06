// @ts-check
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import courseContent from './src/build/integrations/course-content.ts';
import offline from './src/build/integrations/offline.ts';
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

/**
 * The path the course is served from: `/` by default, or a sub-path such as
 * `/training/social-media/` (a trust intranet folder) with COURSE_BASE. Every internal address
 * goes through withBase() (src/site/urls.ts), which reads it back as import.meta.env.BASE_URL.
 */
function courseBase() {
	// An LMS package's folder is unknown until upload: a placeholder that scripts/package.ts
	// rewrites to relative paths, and src/site/urls.ts finds at run time.
	if (PACKAGE) return PACKAGE_BASE;
	const raw = process.env.COURSE_BASE?.trim() || '/';
	if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(raw.endsWith('/') ? raw : `${raw}/`)) {
		throw new Error(`COURSE_BASE must be a path such as /training/social-media/ (got ${JSON.stringify(raw)})`);
	}
	return raw.endsWith('/') ? raw : `${raw}/`;
}

/** An LMS package build (`npm run package`, scripts/package.ts). */
const PACKAGE = process.env.COURSE_PACKAGE === '1';
/** Keep in step with PACKAGE_BASE in scripts/package.ts. */
const PACKAGE_BASE = '/__course_base__/';

export default defineConfig({
	output: 'static',
	base: courseBase(),
	// Tests build fixture courses into a folder of their own.
	outDir: process.env.COURSE_OUT_DIR ?? './dist',
	// The build reads its content back from the data store in the cache folder: builds of other
	// courses made at the same time (scripts/test.sh) each need a cache folder of their own.
	cacheDir: process.env.COURSE_CACHE_DIR || undefined,
	trailingSlash: 'always',
	build: { format: 'directory' },
	// No toolbar, no prefetch script: reading pages must ship no JavaScript at all.
	devToolbar: { enabled: false },
	prefetch: false,
	// Shiki's inline styles would break the strict CSP; the course shows no code anyway.
	markdown: { syntaxHighlight: false },
	vite: {
		define: { 'import.meta.env.COURSE_PACKAGE': JSON.stringify(PACKAGE) },
		// In a package, code finds its chunks relative to itself (import.meta.url), not from the
		// unknown base; HTML and CSS addresses are made relative by scripts/package.ts.
		...(PACKAGE ? { experimental: { renderBuiltUrl: (_file, { hostType }) => (hostType === 'js' ? { relative: true } : undefined) } } : {}),
		// No preload helper for dynamic imports: it cost every page about 0.2 KB gzipped, and what
		// is loaded on demand (a launch's connection, the case engine, the service worker's
		// registration) is fetched once and then served by the service worker. Set per environment
		// because Astro sets its own build.modulePreload.
		plugins: [{ name: 'no-module-preload', configEnvironment: (name) => (name === 'client' ? { build: { modulePreload: false } } : undefined) }],
		build: {
			rollupOptions: {
				output: {
					// The compliance report (/report/) shares the statement code and React's JSX runtime
					// with the learner pages. Left alone, the bundler splits each shared module into a
					// chunk of its own, and every learner page pays for the extra chunks and lost
					// compression (0.55 KB on the heaviest page; withBase's module, src/site/urls.ts, is one
					// of them since the sub-path build). These groups keep them in the chunks the
					// learner pages load anyway; the report page loads those chunks too. 'island' holds what
					// every island wraps itself in (the error boundary, the app-ready hook, useStore): one
					// chunk instead of three on every interactive page.
					codeSplitting: {
						groups: [
							{ name: 'app', test: /[\\/]src[\\/](records[\\/]statements|stores[\\/](app|offline)|site[\\/]urls)\.ts$/ },
							{ name: 'react', test: /[\\/]node_modules[\\/]react[\\/]|rolldown[\\/]runtime/ },
							{
								name: 'island',
								test: /[\\/]src[\\/]components[\\/](IslandBoundary\.tsx|useAppReady\.ts)$|[\\/]node_modules[\\/]@nanostores[\\/]react[\\/]|[\\/]nanostores[\\/](listen-keys|deep-map)[\\/]/,
							},
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
