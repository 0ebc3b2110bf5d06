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
