/**
 * Offline first: after `astro build`, make the app icons from one source image, write the web
 * app manifest, and generate a Workbox service worker that precaches every page and asset.
 * (@vite-pwa/astro does not support Astro 7, and vite-plugin-pwa cannot see Astro's HTML, so
 * this runs workbox-build's generateSW over the built folder.)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import sharp from 'sharp';
import { generateSW } from 'workbox-build';

const ICON_SIZES = [192, 512];

export default function offline(options: { name: string; shortName: string; themeColor: string }): AstroIntegration {
	return {
		name: 'offline',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const out = fileURLToPath(dir);
				const source = readFileSync(fileURLToPath(new URL('../assets/icon.svg', import.meta.url)));
				mkdirSync(join(out, 'icons'), { recursive: true });
				writeFileSync(join(out, 'icons', 'icon.svg'), source);
				for (const size of ICON_SIZES) {
					await sharp(source, { density: 300 }).resize(size, size).png().toFile(join(out, 'icons', `icon-${size}.png`));
				}
				await sharp(source, { density: 300 }).resize(384, 384).extend({ top: 64, bottom: 64, left: 64, right: 64, background: '#1d3f73' }).png().toFile(join(out, 'icons', 'icon-maskable-512.png'));
				const manifest = {
					name: options.name,
					short_name: options.shortName,
					description: 'Scenario-based training on the REAch2 Academy Trust Social Media Policy. Works offline.',
					lang: 'en-GB',
					start_url: '/',
					scope: '/',
					display: 'standalone',
					background_color: '#ffffff',
					theme_color: options.themeColor,
					icons: [
						...ICON_SIZES.map((s) => ({ src: `/icons/icon-${s}.png`, sizes: `${s}x${s}`, type: 'image/png', purpose: 'any' })),
						{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
						{ src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
					],
				};
				writeFileSync(join(out, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2));

				const { count, size, warnings } = await generateSW({
					globDirectory: out,
					globPatterns: ['**/*.{html,js,css,svg,png,webmanifest,json}'],
					// The 404 page is served by the host; offline, unknown pages get /offline/.
					globIgnores: ['404.html', 'sw.js', 'report/**', '_astro/*Report*'],
					swDest: join(out, 'sw.js'),
					mode: 'production',
					sourcemap: false,
					inlineWorkboxRuntime: true,
					cleanupOutdatedCaches: true,
					clientsClaim: true,
					// The learner decides when to switch to a new version (the shell asks).
					skipWaiting: false,
					directoryIndex: 'index.html',
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
							options: { precacheFallback: { fallbackURL: '/offline/index.html' } },
						},
					],
				});
				for (const w of warnings) logger.warn(w);
				logger.info(`service worker precaches ${count} files, ${(size / 1024).toFixed(0)} KB`);
			},
		},
	};
}
