/**
 * The course built for a sub-path (COURSE_BASE=/training/social-media/, a trust's intranet
 * folder) and served only there: a new learner's whole journey through the UI, from the home
 * page's first action to the certificate, with every request the pages make staying under the
 * sub-path and the service worker's scope being the sub-path, not the site root.
 * scripts/test.sh makes the build in SUBPATH_BUILD; run alone, the test makes it (about 15 s).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import sirv from 'sirv';
import { testPort } from '../ports.ts';
import { acknowledgePolicy, saveProfile, takeAssessmentOnPath, walkPath } from './helpers.ts';

const BASE = '/training/social-media/';
// 4450: clear of the LRS fixture (4480 + 10 per worker) and the other specs (see tests/ports.ts users).
const PORT = testPort(4450);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DIR = resolve(process.env.SUBPATH_BUILD ?? join('.tmp', 'subpath-build'));
const GOVERNOR = { role: 'governor' as const, recruiter: false };

let server: Server;
test.describe.configure({ mode: 'serial' });
test.use({ baseURL: `${ORIGIN}${BASE}`, serviceWorkers: 'allow' });

test.beforeAll(async () => {
	test.setTimeout(300_000);
	if (!existsSync(join(DIR, 'index.html'))) {
		execFileSync('npx', ['astro', 'build'], {
			stdio: 'inherit',
			env: { ...process.env, COURSE_BASE: BASE, COURSE_LRS_LOOPBACK: '1', COURSE_OUT_DIR: DIR, COURSE_CACHE_DIR: `${DIR}-cache` },
		});
	}
	// Only the sub-path exists on this host: anything asked for outside it is a 404.
	const files = sirv(DIR, { dev: false, etag: true });
	server = createServer((req, res) => {
		const notFound = () => {
			res.statusCode = 404;
			res.end('not found');
		};
		if (!req.url?.startsWith(BASE)) return notFound();
		req.url = req.url.slice(BASE.length - 1);
		files(req, res, notFound);
	});
	await new Promise<void>((done) => server.listen(PORT, '127.0.0.1', done));
});
test.afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

test('a governor completes the whole course served from a sub-path, and nothing is asked for outside it', async ({ page }) => {
	test.setTimeout(600_000);
	const outside: string[] = [];
	const failed: string[] = [];
	page.on('request', (r) => {
		const url = new URL(r.url());
		if (url.origin === ORIGIN && !url.pathname.startsWith(BASE)) outside.push(url.pathname);
	});
	page.on('response', (r) => {
		if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
	});

	// A new learner's first action on the home page is "Your details", under the sub-path.
	await page.goto('./');
	const details = page.getByRole('link', { name: 'Your details' }).first();
	await expect(details).toHaveAttribute('href', `${BASE}profile/`);
	await details.click();
	await expect(page).toHaveURL(`${ORIGIN}${BASE}profile/`);
	await saveProfile(page, { name: 'Grace Mensah', staff: 'GOV-0042', role: 'Governor or trustee' });

	await walkPath(page, GOVERNOR);
	await takeAssessmentOnPath(page, GOVERNOR);
	await acknowledgePolicy(page);
	await page.goto('certificate/');
	await expect(page.getByText('Grace Mensah')).toBeVisible();

	// The offline worker belongs to the course's folder, not to the whole host.
	const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
	expect(scope).toBe(`${ORIGIN}${BASE}`);
	const manifest = await (await page.request.get(`${ORIGIN}${BASE}manifest.webmanifest`)).json();
	expect(manifest.start_url.startsWith(BASE)).toBe(true);

	expect(outside).toEqual([]);
	expect(failed).toEqual([]);
});
