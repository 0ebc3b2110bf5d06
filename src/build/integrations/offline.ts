/**
 * Offline first: after `astro build`, make the app icons from one source image, write the web
 * app manifest, and generate a Workbox service worker that precaches every page and asset.
 * (@vite-pwa/astro does not support Astro 7, and vite-plugin-pwa cannot see Astro's HTML, so
 * this runs workbox-build's generateSW over the built folder.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import sharp from 'sharp';
import { generateSW } from 'workbox-build';
import { jsClosure, scriptsOf, walk } from '../analyse.ts';

const ICON_SIZES = [192, 512];

/**
 * The script chunks only the HR report uses, up front or on demand (its engine and results view load
 * when a report is made): worked out from the built pages, so a chunk's name does not matter.
 * Learners' devices never need them.
 */
function reportOnlyChunks(out: string, base: string): string[] {
	const closure = (file: string) => {
		const entries = scriptsOf(readFileSync(file, 'utf8')).map((url) => (url.startsWith(base) ? `/${url.slice(base.length)}` : url));
		const { loaded, onDemand } = jsClosure(out, entries);
		return [...loaded, ...onDemand];
	};
	const report = new Set<string>();
	const learner = new Set<string>();
	for (const file of walk(out).filter((f) => f.endsWith('.html'))) {
		const page = relative(out, file).replace(/\\/g, '/');
		if (page.startsWith('lms/')) continue;
		for (const url of closure(file)) (page.startsWith('report/') ? report : learner).add(url);
	}
	return [...report].filter((url) => !learner.has(url)).map((url) => url.replace(/^\//, ''));
}

export default function offline(options: { name: string; shortName: string; themeColor: string }): AstroIntegration {
	// The site's base path (`base` in astro.config.mjs), always ending in `/`: the manifest's
	// scope and start page and the service worker's fallback page live under it.
	let base = '/';
	const at = (path: string) => base + path.replace(/^\/+/, '');
	return {
		name: 'offline',
		hooks: {
			'astro:config:done': ({ config }) => {
				base = config.base.endsWith('/') ? config.base : `${config.base}/`;
			},
			'astro:build:done': async ({ dir, logger }) => {
				const out = fileURLToPath(dir);
				// The source icon is served as it is from public/icons/ (Astro copies public/ into the
				// build); the PNG sizes an installed app needs are made from it here.
				const source = readFileSync(join(out, 'icons', 'icon.svg'));
				for (const size of ICON_SIZES) {
					await sharp(source, { density: 300 })
						.resize(size, size)
						.png()
						.toFile(join(out, 'icons', `icon-${size}.png`));
				}
				await sharp(source, { density: 300 })
					.resize(384, 384)
					.extend({ top: 64, bottom: 64, left: 64, right: 64, background: '#1d3f73' })
					.png()
					.toFile(join(out, 'icons', 'icon-maskable-512.png'));
				const manifest = {
					name: options.name,
					short_name: options.shortName,
					description: 'Scenario-based training on the REAch2 Academy Trust Social Media Policy. Works offline.',
					lang: 'en-GB',
					start_url: at('/'),
					scope: at('/'),
					display: 'standalone',
					background_color: '#ffffff',
					theme_color: options.themeColor,
					icons: [
						...ICON_SIZES.map((s) => ({ src: at(`/icons/icon-${s}.png`), sizes: `${s}x${s}`, type: 'image/png', purpose: 'any' })),
						{ src: at('/icons/icon-maskable-512.png'), sizes: '512x512', type: 'image/png', purpose: 'maskable' },
						{ src: at('/icons/icon.svg'), sizes: 'any', type: 'image/svg+xml' },
					],
				};
				writeFileSync(join(out, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2));
				// An LMS package (scripts/package.ts) has no service worker: the LMS serves and frames it.
				if (process.env.COURSE_PACKAGE === '1') return;

				const { count, size, warnings } = await generateSW({
					globDirectory: out,
					globPatterns: ['**/*.{html,js,css,svg,png,webmanifest,json}'],
					// The 404 page is served by the host; offline, unknown pages get /offline/. The report (and
					// every chunk only it loads) and the SCORM launch page (src/pages/lms/scorm12.astro, whose script chunk takes its name)
					// are not for learners' devices.
					globIgnores: ['404.html', 'sw.js', 'report/**', ...reportOnlyChunks(out, base), 'lms/**', '_astro/scorm12.astro_*'],
					swDest: join(out, 'sw.js'),
					mode: 'production',
					sourcemap: false,
					inlineWorkboxRuntime: true,
					cleanupOutdatedCaches: true,
					clientsClaim: true,
					// The learner decides when to switch to a new version (the shell asks).
					skipWaiting: false,
					directoryIndex: 'index.html',
					// Precache entries are relative to the worker (sw.js sits at the base), so they
					// resolve under the base path; the fallback is an address, so it needs the base.
					// A page is the same page whatever its query string (`/?returned=1`, a launch
					// link's parameters): match the precache on the path alone, so offline it opens.
					ignoreURLParametersMatching: [/./],
					// Hashed Astro assets never change; no cache-busting query needed.
					dontCacheBustURLsMatching: /^_astro\//,
					maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
					runtimeCaching: [
						{
							// Pages not in the precache: the network, or the friendly offline page.
							urlPattern: ({ request }) => request.mode === 'navigate',
							handler: 'NetworkOnly',
							options: { precacheFallback: { fallbackURL: at('/offline/index.html') } },
						},
					],
				});
				for (const w of warnings) logger.warn(w);
				logger.info(`service worker precaches ${count} files, ${(size / 1024).toFixed(0)} KB`);
			},
		},
	};
}
