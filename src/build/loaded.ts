/**
 * The course, read from `modules/` (or COURSE_ROOT) once per build. The build integration
 * (src/build/integrations/course-content.ts) validates it when the build starts and keeps it here;
 * the pages (./site.ts) and the client facts (./meta-build.ts) then read the same object, so
 * there is one load and one order. Node only.
 */
import { resolve } from 'node:path';
import { loadCourse, type LoadedCourse } from './load.ts';

// On globalThis, not in a module variable: Astro runs the integration and renders the pages
// from separately bundled copies of this module within one process.
const KEY = Symbol.for('policy-course:loaded-course');
type Cache = Map<string, LoadedCourse>;
const cache = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Cache;

/** The course root the build uses: COURSE_ROOT (fixture courses in tests) or `modules`. */
export function courseRoot(fallback = 'modules'): string {
	return resolve(process.env.COURSE_ROOT ?? fallback);
}

/** Keeps a course already loaded (and validated) for `root`, so pages reuse it. */
export function keepLoadedCourse(loaded: LoadedCourse, root = loaded.root): void {
	cache.set(resolve(root), loaded);
}

/** The loaded course for `root`, loading it once if nothing has kept one. */
export function loadedCourse(root = courseRoot()): LoadedCourse {
	const key = resolve(root);
	let loaded = cache.get(key);
	if (!loaded) {
		loaded = loadCourse(key);
		cache.set(key, loaded);
	}
	return loaded;
}
