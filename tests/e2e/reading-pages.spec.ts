import { expect, test } from '@playwright/test';
import { builtHtml, builtPages, isReadingPage } from './site.ts';

const readingPages = builtPages().filter(isReadingPage);

test('there are reading pages to check: policy, help, offline and every module', () => {
	expect(readingPages).toContain('/policy/');
	expect(readingPages).toContain('/help/');
	expect(readingPages.filter((p) => p.startsWith('/modules/')).length).toBeGreaterThanOrEqual(10);
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

// Every built page, in groups of at most 6 per test, so no single test has to visit all 85+
// pages (each with a network-idle wait) inside one time limit on a busy 2-core machine.
const PAGES_PER_TEST = 6;
const allPages = builtPages();
for (let start = 0; start < allPages.length; start += PAGES_PER_TEST) {
	const group = allPages.slice(start, start + PAGES_PER_TEST);
	test(`every page makes requests to its own origin only (pages ${start + 1} to ${start + group.length} of ${allPages.length})`, async ({ page, baseURL }) => {
		const foreign: string[] = [];
		page.on('request', (r) => {
			if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:')) foreign.push(`${page.url()} -> ${r.url()}`);
		});
		for (const path of group) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
		}
		expect(foreign).toEqual([]);
	});
}

test('the origin checks above cover every built page', () => {
	expect(allPages.length).toBeGreaterThan(80);
	expect(Math.ceil(allPages.length / PAGES_PER_TEST)).toBeGreaterThanOrEqual(14);
});

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
