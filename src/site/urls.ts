/**
 * Site-relative addresses that follow the build's base path (`base` in astro.config.mjs, exposed
 * as `import.meta.env.BASE_URL`), so the same course can be served from `/` or from a sub-path
 * such as `/training/social-media/`. Every internal link, fetch and asset address should be made
 * with `withBase`, never written root-absolute.
 *
 * LMS packages (`npm run package`, scripts/package.ts) cannot know their folder at build time:
 * Moodle serves a SCORM package from /pluginfile.php/<context>/mod_scorm/content/<revision>/, and
 * the revision changes with every upload. The package build sets `import.meta.env.COURSE_PACKAGE`
 * and a placeholder base; scripts/package.ts rewrites the placeholder in the HTML and CSS to
 * relative paths, and in the browser BASE is read from the page's `<meta name="course-base">`
 * (written by that script, relative to the page), so it is the real folder wherever the LMS put it.
 */

/** True in an LMS package build: no service worker, folder found at run time. */
export const PACKAGED: boolean = import.meta.env?.COURSE_PACKAGE === true;

function normalise(raw: string): string {
	return raw.endsWith('/') ? raw : `${raw}/`;
}

/** The package's folder, from the page's own address and its relative `course-base` meta tag. */
function packageBase(): string {
	const relativeBase = document.querySelector<HTMLMetaElement>('meta[name="course-base"]')?.content ?? './';
	return normalise(new URL(relativeBase, document.baseURI).pathname);
}

/** The base path, always ending in `/` (`/` when the site is served at the root). */
export const BASE: string = PACKAGED && typeof document !== 'undefined' ? packageBase() : normalise((import.meta.env?.BASE_URL as string | undefined) ?? '/');

/**
 * `withBase('/modules/01/')` -> `/training/social-media/modules/01/` under that base.
 * Accepts a path with or without its leading slash; keeps any query or hash.
 * In a package, a folder address gets `index.html`: an LMS serves files, not folder indexes
 * (Moodle's pluginfile.php answers 404 to `.../modules/01/`).
 */
export function withBase(path: string): string {
	const address = BASE + path.replace(/^\/+/, '');
	return PACKAGED ? indexFile(address) : address;
}

/**
 * `a/b/?x#y` -> `a/b/index.html?x#y`, and `` (a package's root, relative) -> `index.html`: the
 * file an LMS can serve for a folder address. Also used by scripts/package.ts on built pages.
 */
export function indexFile(address: string): string {
	const [, path = '', rest = ''] = /^([^?#]*)(.*)$/s.exec(address) ?? [];
	return path === '' || path.endsWith('/') ? `${path}index.html${rest}` : address;
}
