/**
 * What each built page costs a learner: the JavaScript it loads (following every import of
 * every script and island), its CSS and HTML, the number of requests, and the offline
 * precache totals; with the budget verdicts. Node only; used by `npm run bench` and a test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = {
	/** Reading pages ship no JavaScript at all. */
	readingPageJsBytes: 0,
	/**
	 * The heaviest interactive page: all its JavaScript, gzipped. The goal is 95 KB; it was
	 * raised to 96 KB on 2026-11-28 when the record-keeping fixes (records keyed by statement,
	 * launch capture, storage checks, exact resume) brought scenario pages from 94.5 to 95.8 KB.
	 * Building statements only when the first event happens (issue 17's connection work) is
	 * where the kilobyte comes back; then lower this again.
	 */
	interactivePageJsGzip: 96 * 1024,
	/** CSS per page, gzipped. */
	pageCssGzip: 20 * 1024,
	/**
	 * The offline precache: HTML, CSS, JS and fonts together (raw bytes on disk). Raised from 1.5 MB
	 * (2026-11-29) for the server-rendered case pictures and moments (issue 16) and the policy
	 * versions pages (issue 20): measured 1,496,891 B before (HTML 1,112,113), 1,693,849 B after
	 * (HTML 1,295,484; CSS +7.5 KB; JS +6 KB). HTML is the cheap way to pay: it ships no JavaScript
	 * and each page compresses about three to one on the wire (all HTML: 1,298 KB raw, 430 KB gzipped).
	 */
	precacheBytes: 1.75 * 1024 * 1024,
	/** Web fonts in all, if any. */
	fontBytes: 60 * 1024,
};

export interface PageCost {
	path: string;
	kind: 'reading' | 'interactive';
	jsFiles: string[];
	/** Chunks the page can load on demand (dynamic imports and everything they import), not counted in jsBytes. */
	onDemandGzip: number;
	jsBytes: number;
	jsGzip: number;
	cssBytes: number;
	cssGzip: number;
	htmlBytes: number;
	requests: number;
	verdict: 'ok' | 'over';
	problems: string[];
}

export interface BenchReport {
	date: string;
	pages: PageCost[];
	precache: { html: number; css: number; js: number; fonts: number; other: number; total: number; files: number };
	heaviest: { path: string; jsGzip: number };
	ok: boolean;
	problems: string[];
}

/**
 * Reading pages carry no interaction (see tests/e2e/site.ts). Module overviews were reading
 * pages until they showed the learner's progress (issue 16); they now load script as lessons do.
 */
export function isReadingPage(path: string): boolean {
	return ['/policy/', '/policy/changes/', '/help/', '/offline/', '/404.html'].includes(path);
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

export function walk(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const abs = join(dir, name);
		if (statSync(abs).isDirectory()) walk(abs, out);
		else out.push(abs);
	}
	return out;
}

const resolveSpec = (from: string, spec: string) => (spec.startsWith('/') ? spec : posix.join(posix.dirname(from), spec));

/**
 * Every module a page loads: its scripts and everything they import statically. Chunks only
 * imported dynamically (`import()`, e.g. cmi5 support, loaded only on a cmi5 launch) are
 * returned separately as "on demand".
 */
export function jsClosure(dist: string, entries: string[]): { loaded: Set<string>; onDemand: Set<string> } {
	const loaded = new Set<string>();
	const dynamic = new Set<string>();
	const queue = [...entries];
	while (queue.length) {
		const url = queue.pop()!;
		if (loaded.has(url)) continue;
		const file = join(dist, url);
		if (!existsSync(file)) continue;
		loaded.add(url);
		const code = readFileSync(file, 'utf8');
		for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["'`]([^"'`]+\.js)["'`]/g)) queue.push(resolveSpec(url, m[1]!));
		for (const m of code.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) dynamic.add(resolveSpec(url, m[1]!));
	}
	// On demand: every file a dynamic import can bring in, with its own imports (a launch's
	// connection brings XState with it), less what the page has loaded already.
	const onDemand = new Set<string>();
	const more = [...dynamic];
	while (more.length) {
		const url = more.pop()!;
		if (loaded.has(url) || onDemand.has(url) || !existsSync(join(dist, url))) continue;
		onDemand.add(url);
		const code = readFileSync(join(dist, url), 'utf8');
		for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["'`]([^"'`]+\.js)["'`]/g)) more.push(resolveSpec(url, m[1]!));
		for (const m of code.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) more.push(resolveSpec(url, m[1]!));
	}
	return { loaded, onDemand };
}

/** The scripts a page's HTML names: script tags, island components and renderers, module preloads. */
export function scriptsOf(html: string): string[] {
	return [
		...[...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!),
		...[...html.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)].map((m) => m[1]!),
		...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!),
	];
}

export function analyse(dist: string): BenchReport {
	const files = walk(dist);
	const pages: PageCost[] = [];
	for (const file of files.filter((f) => f.endsWith('.html'))) {
		const rel = `/${relative(dist, file).replace(/\\/g, '/')}`;
		const path = rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
		const html = readFileSync(file);
		const text = html.toString('utf8');
		const scripts = scriptsOf(text);
		const inlineScripts = [...text.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
		const { loaded: js, onDemand } = jsClosure(dist, scripts);
		const css = [...text.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
		const jsBufs = [...js].map((u) => readFileSync(join(dist, u)));
		const inline = Buffer.from(inlineScripts.join('\n'));
		const cssBufs = css.map((u) => readFileSync(join(dist, u)));
		const kind = isReadingPage(path) ? 'reading' : 'interactive';
		const jsBytes = jsBufs.reduce((n, b) => n + b.length, 0) + inline.length;
		const jsGzip = jsBufs.reduce((n, b) => n + gz(b), 0) + (inline.length ? gz(inline) : 0);
		const cssGzip = cssBufs.reduce((n, b) => n + gz(b), 0);
		const problems: string[] = [];
		if (kind === 'reading' && jsBytes > BUDGETS.readingPageJsBytes) problems.push(`reading page loads ${jsBytes} bytes of JavaScript`);
		if (jsGzip > BUDGETS.interactivePageJsGzip)
			problems.push(`JavaScript ${(jsGzip / 1024).toFixed(1)} KB gzipped > ${BUDGETS.interactivePageJsGzip / 1024} KB`);
		if (cssGzip > BUDGETS.pageCssGzip) problems.push(`CSS ${(cssGzip / 1024).toFixed(1)} KB gzipped > ${BUDGETS.pageCssGzip / 1024} KB`);
		pages.push({
			path,
			kind,
			jsFiles: [...js].sort(),
			onDemandGzip: [...onDemand].reduce((n, u) => n + gz(readFileSync(join(dist, u))), 0),
			jsBytes,
			jsGzip,
			cssBytes: cssBufs.reduce((n, b) => n + b.length, 0),
			cssGzip,
			htmlBytes: html.length,
			requests: 1 + js.size + css.length,
			verdict: problems.length ? 'over' : 'ok',
			problems,
		});
	}
	pages.sort((a, b) => a.path.localeCompare(b.path));

	// What the service worker precaches (its manifest lists every file).
	const sw = existsSync(join(dist, 'sw.js')) ? readFileSync(join(dist, 'sw.js'), 'utf8') : '';
	const precached = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!).filter((u) => existsSync(join(dist, u)));
	const precache = { html: 0, css: 0, js: 0, fonts: 0, other: 0, total: 0, files: precached.length };
	for (const u of precached) {
		const size = statSync(join(dist, u)).size;
		const ext = u.split('.').pop()!;
		if (ext === 'html') precache.html += size;
		else if (ext === 'css') precache.css += size;
		else if (ext === 'js') precache.js += size;
		else if (['woff', 'woff2', 'ttf', 'otf'].includes(ext)) precache.fonts += size;
		else precache.other += size;
	}
	precache.total = precache.html + precache.css + precache.js + precache.fonts;
	const fontFiles = files.filter((f) => /\.(woff2?|ttf|otf)$/.test(f));
	const fontBytes = fontFiles.reduce((n, f) => n + statSync(f).size, 0);

	const problems = pages.flatMap((p) => p.problems.map((x) => `${p.path}: ${x}`));
	if (!sw) problems.push('no service worker (dist/sw.js) to measure the precache');
	if (precache.total > BUDGETS.precacheBytes)
		problems.push(`precache of HTML, CSS, JS and fonts is ${(precache.total / 1024).toFixed(0)} KB > ${BUDGETS.precacheBytes / 1024} KB`);
	if (fontBytes > BUDGETS.fontBytes) problems.push(`web fonts total ${(fontBytes / 1024).toFixed(0)} KB > ${BUDGETS.fontBytes / 1024} KB`);
	const heaviest = pages.reduce((a, b) => (b.jsGzip > a.jsGzip ? b : a), pages[0]!);
	return { date: new Date().toISOString(), pages, precache, heaviest: { path: heaviest.path, jsGzip: heaviest.jsGzip }, ok: problems.length === 0, problems };
}
