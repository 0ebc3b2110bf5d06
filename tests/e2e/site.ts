/** Facts about the built site that the browser tests share. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const DIST = join(process.cwd(), 'dist');

/** Every built page's URL path, e.g. `/modules/acceptable-use/`. */
export function builtPages(): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const abs = join(dir, name);
			if (statSync(abs).isDirectory()) {
				if (name !== '_astro') walk(abs);
			} else if (name === 'index.html') {
				out.push(`/${relative(DIST, dir)}/`.replace(/\/+/g, '/'));
			}
		}
	};
	walk(DIST);
	return out.sort();
}

/**
 * Reading pages carry no interaction and must ship no JavaScript: the policy reader, help and
 * the offline page. Module overviews show the learner's progress, so they load script as lesson
 * pages do (issue 16; see isModuleOverview).
 */
export function isReadingPage(path: string): boolean {
	return ['/policy/', '/policy/changes/', '/help/', '/offline/'].includes(path);
}

/** A module's overview page, e.g. `/modules/acceptable-use/`. */
export function isModuleOverview(path: string): boolean {
	return /^\/modules\/[^/]+\/$/.test(path);
}

/** A built page's HTML: `/help/` (a folder's index.html) or `/404.html`. */
export function builtHtml(path: string): string {
	return readFileSync(join(DIST, path.endsWith('.html') ? path : join(path, 'index.html')), 'utf8');
}
