// @ts-check
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import courseContent from './src/integrations/course-content.ts';
import offline from './src/integrations/offline.ts';

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
	integrations: [
		courseContent({ root: 'modules' }),
		react(),
		offline({ name: 'REAch2 Social Media Policy training', shortName: 'Social media', themeColor: '#1d3f73' }),
	],
	security: {
		// Astro writes a CSP meta tag on every page with hashes of the scripts and styles it emits.
		csp: {
			directives: [
				"default-src 'self'",
				"img-src 'self' data:",
				"font-src 'self'",
				// The course talks to a Learning Record Store only when launched with one. Production
				// LRSs are https; loopback is allowed so a local LRS can be used in tests and pilots.
				"connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
				"manifest-src 'self'",
				"worker-src 'self'",
				"object-src 'none'",
				"base-uri 'self'",
				"form-action 'self'",
			],
		},
	},
});
