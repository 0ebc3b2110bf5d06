/**
 * The project's server (scripts/serve.mjs, used by `npm start` and every browser test) sends
 * the security headers the README recommends, keeps pages out of the browser cache, refuses to
 * be framed, and survives a malformed request.
 */
import { expect, test } from '@playwright/test';

test('pages carry frame-ancestors none, X-Frame-Options and the other security headers, and are never cached', async ({ request }) => {
	for (const path of ['/', '/profile/', '/records/', '/modules/monitoring/privacy-and-monitoring/', '/policy/']) {
		const res = await request.get(path);
		expect(res.status(), path).toBe(200);
		const h = res.headers();
		expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
		expect(h['x-frame-options'], path).toBe('DENY');
		expect(h['x-content-type-options'], path).toBe('nosniff');
		expect(h['referrer-policy'], path).toBe('no-referrer');
		expect(h['cross-origin-opener-policy'], path).toBe('same-origin');
		expect(h['permissions-policy'], path).toContain('camera=()');
		expect(h['cache-control'], path).toBe('no-store');
	}
});

test('hashed assets are cached for a year; the service worker and manifest are revalidated', async ({ request }) => {
	const html = await (await request.get('/')).text();
	const asset = /\/_astro\/[^"]+\.(?:js|css)/.exec(html)![0];
	expect((await request.get(asset)).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
	for (const path of ['/sw.js', '/manifest.webmanifest']) {
		const res = await request.get(path);
		expect(res.status(), path).toBe(200);
		expect(res.headers()['cache-control'], path).toBe('no-cache');
		expect(res.headers()['x-frame-options'], path).toBe('DENY');
	}
});

test('a malformed request gets 400 and the server keeps serving', async ({ request, baseURL }) => {
	for (const path of ['/%E0%A4%A', '/%', '/modules/%C0%AF/']) {
		const res = await request.get(`${baseURL}${path}`);
		expect(res.status(), path).toBe(400);
		expect(res.headers()['x-frame-options'], path).toBe('DENY');
	}
	expect((await request.get('/')).status()).toBe(200);
	// Nothing outside the built folder, however the path is written.
	for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc/passwd']) {
		expect([400, 404], path).toContain((await request.get(`${baseURL}${path}`)).status());
	}
	expect((await request.get('/profile')).status()).toBe(200); // redirected to /profile/
	expect((await request.get('/no-such-page/')).status()).toBe(404);
});

test('another site cannot show the course in a frame', async ({ page, baseURL }) => {
	const blocked: string[] = [];
	page.on('console', (m) => {
		if (/frame-ancestors|X-Frame-Options|refused to (display|frame)/i.test(m.text())) blocked.push(m.text());
	});
	await page.setContent(`<iframe title="course" src="${baseURL}/profile/"></iframe>`);
	const frame = page.frames()[1]!;
	await expect.poll(() => frame.url()).not.toBe('about:blank');
	await expect.poll(() => blocked.length).toBeGreaterThan(0);
	// The frame holds the browser's error page, not the course.
	expect(await frame.evaluate(() => document.querySelector('#name') === null).catch(() => true)).toBe(true);
});
