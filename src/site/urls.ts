/**
 * Site-relative addresses that follow the build's base path (`base` in astro.config.mjs, exposed
 * as `import.meta.env.BASE_URL`), so the same course can be served from `/` or from a sub-path
 * such as an LMS package folder or `/training/social-media/`. Every internal link, fetch and
 * asset address should be made with `withBase`, never written root-absolute.
 */

/** The base path, always ending in `/` (`/` when the site is served at the root). */
export const BASE: string = (() => {
	const raw = (import.meta.env?.BASE_URL as string | undefined) ?? '/';
	return raw.endsWith('/') ? raw : `${raw}/`;
})();

/**
 * `withBase('/modules/01/')` -> `/training/social-media/modules/01/` under that base.
 * Accepts a path with or without its leading slash; keeps any query or hash.
 */
export function withBase(path: string): string {
	return BASE + path.replace(/^\/+/, '');
}
