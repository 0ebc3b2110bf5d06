import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtHtml, builtPages, isModuleOverview, isReadingPage } from './site.ts';

const readingPages = builtPages().filter(isReadingPage);
const moduleOverviews = builtPages().filter(isModuleOverview);

test('there are reading pages to check: policy, help and offline', () => {
	expect(readingPages).toContain('/policy/');
	expect(readingPages).toContain('/help/');
	expect(readingPages).toContain('/offline/');
});

/** The same-origin scripts a page requests, as paths. */
async function scriptsOf(page: import('@playwright/test').Page, path: string): Promise<string[]> {
	const scripts: string[] = [];
	const listen = (r: import('@playwright/test').Request) => {
		if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
	};
	page.on('request', listen);
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	page.off('request', listen);
	return scripts;
}

// Module overviews show the learner's progress (issue 16), so they are treated like lesson pages:
// the shared app script and their own small page script, no React island.
test('module overview pages load what a lesson page loads plus their own small script, and no island', async ({ page }) => {
	expect(moduleOverviews.length).toBeGreaterThanOrEqual(10);
	const lessonPage = builtPages().find(
		(p) => p.startsWith(moduleOverviews[0]!) && !p.includes('/scenarios/') && !p.endsWith('/check/') && p !== moduleOverviews[0],
	)!;
	const lessonScripts = await scriptsOf(page, lessonPage);
	const gz = (p: string) => gzipSync(readFileSync(join('dist', p)), { level: 9 }).length;
	for (const path of moduleOverviews) {
		const html = builtHtml(path);
		expect(html, path).not.toContain('<astro-island');
		// The launch-capture inline script (hashed in the CSP), the shell, and the page's own script.
		expect(html.match(/<script\b[^>]*type="module"/g)?.length, path).toBe(2);
		const scripts = await scriptsOf(page, path);
		const own = scripts.filter((s) => !lessonScripts.includes(s));
		// Everything a lesson page loads but its own script is shared (the app chunk, the shell).
		expect(lessonScripts.filter((s) => !scripts.includes(s)).length, path).toBeLessThanOrEqual(1);
		expect(
			own.reduce((n, s) => n + gz(s), 0),
			`${path} adds ${own.join(', ')}`,
		).toBeLessThan(3 * 1024);
	}
});

for (const path of readingPages) {
	test(`reading page ${path} ships and loads no JavaScript`, async ({ page }) => {
		expect(builtHtml(path)).not.toMatch(/<script\b/i);
		const scripts: string[] = [];
		page.on('request', (r) => {
			if (r.resourceType() === 'script') scripts.push(r.url());
		});
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		expect(scripts).toEqual([]);
	});
}

// That every page requests only its own origin is checked on the one visit accessibility.spec.ts
// makes to every built page (with axe, errors logged and reflow).

test('every page carries a strict Content-Security-Policy meta tag', () => {
	for (const path of builtPages()) {
		const html = builtHtml(path);
		const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1] ?? '';
		expect(csp, path).toContain("default-src 'self'");
		expect(csp, path).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
		expect(csp, path).not.toContain('unsafe-inline');
		expect(csp, path).not.toContain('unsafe-eval');
		expect(csp, path).toContain("object-src 'none'");
	}
});
