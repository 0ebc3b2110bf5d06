/**
 * The SCORM 1.2 package served the way Moodle serves it: unzipped under a deep, unguessable
 * folder (/pluginfile.php/<context>/mod_scorm/content/<revision>/), files only (a folder address
 * is a 404, as Moodle's pluginfile.php answers). Every page type passes axe from there, every
 * request stays inside the folder, and no service worker registers.
 * Needs `npm run package` first (scripts/test.sh runs it before the browser tests).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import sirv from 'sirv';
import { validateCmi5Structure, validateScormManifest } from '../../scripts/package-validate.ts';
import { testPort } from '../ports.ts';
import { waitForIslands } from './helpers.ts';

const ZIP = resolve('packages', 'scorm12.zip');
const FOLDER = '/pluginfile.php/7/mod_scorm/content/3/';
// Each worker unzips into its own folder and serves it on its own port: the tests run in parallel.
let ROOT = '';
let ORIGIN = '';

let server: Server;

test.beforeAll(async ({}, workerInfo) => {
	const port = testPort(4466) + workerInfo.parallelIndex;
	ROOT = resolve('.tmp', `package-scorm-e2e-${workerInfo.parallelIndex}`);
	ORIGIN = `http://127.0.0.1:${port}`;
	expect(existsSync(ZIP), 'packages/scorm12.zip: run npm run package first').toBe(true);
	rmSync(ROOT, { recursive: true, force: true });
	for (const [name, data] of Object.entries(unzipSync(readFileSync(ZIP)))) {
		if (name.endsWith('/')) continue;
		const abs = join(ROOT, FOLDER, name);
		mkdirSync(dirname(abs), { recursive: true });
		writeFileSync(abs, data);
	}
	const files = sirv(ROOT, { dev: true, extensions: [] });
	server = createServer((req, res) => {
		// Like Moodle: files only, no folder index pages.
		const notFound = () => {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('Not found');
		};
		if ((req.url ?? '/').split(/[?#]/)[0]!.endsWith('/')) notFound();
		else files(req, res, notFound);
	});
	await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
});

test.afterAll(async () => {
	await new Promise((done) => server?.close(done));
	rmSync(ROOT, { recursive: true, force: true });
});

// Service workers allowed, so the test can see that none registers.
test.use({ serviceWorkers: 'allow' });
// axe on a long page (the policy) takes tens of seconds on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

/** Records every request and page error; fails the test if any request leaves the package folder. */
function watch(page: Page) {
	const outside: string[] = [];
	const failed: string[] = [];
	const errors: string[] = [];
	page.on('request', (r) => {
		const url = r.url();
		if (!url.startsWith('data:') && !url.startsWith(ORIGIN + FOLDER)) outside.push(url);
	});
	page.on('response', (r) => {
		if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
	});
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return { outside, failed, errors };
}

async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const PAGES: [string, string][] = [
	['home', 'index.html'],
	['module', 'modules/acceptable-use/index.html'],
	['lesson', 'modules/overview/two-lives-one-reputation/index.html'],
	['knowledge check', 'modules/overview/check/index.html'],
	['assessment', 'assessment/index.html'],
	['acknowledge', 'acknowledge/index.html'],
	['certificate', 'certificate/index.html'],
	['records', 'records/index.html'],
	['policy', 'policy/index.html'],
];

for (const [kind, file] of PAGES) {
	test(`from the SCORM package's folder, the ${kind} page passes axe, loads everything from inside the folder and logs no errors`, async ({ page }) => {
		const seen = watch(page);
		await page.goto(ORIGIN + FOLDER + file);
		await page.waitForLoadState('networkidle');
		await waitForIslands(page);
		await expectAccessible(page);
		expect(seen.outside).toEqual([]);
		expect(seen.failed).toEqual([]);
		expect(seen.errors).toEqual([]);
	});
}

test('from the SCORM package, a scenario played to an ending passes axe, and no service worker registers', async ({ page }) => {
	const seen = watch(page);
	await page.goto(`${ORIGIN + FOLDER}modules/acceptable-use/scenarios/pupil-friend-request/index.html`);
	await waitForIslands(page);
	await page.getByRole('button', { name: 'Decline the request' }).click();
	await page.getByRole('button', { name: /Accept Divya and your nephew Jack/ }).click();
	await expect(page.locator('#step-heading')).toHaveText('Outcome: The exceptions, used properly');
	await expectAccessible(page);
	expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
	expect(await page.evaluate(() => Boolean(document.querySelector('link[rel="manifest"]')))).toBe(false);
	expect(seen.outside).toEqual([]);
	expect(seen.failed).toEqual([]);
	expect(seen.errors).toEqual([]);
});

test('a learner finds their way round the package by its links alone, with no folder addresses', async ({ page }) => {
	const seen = watch(page);
	await page.goto(`${ORIGIN + FOLDER}index.html`);
	await page.getByRole('link', { name: 'full policy' }).click();
	await expect(page).toHaveURL(`${ORIGIN + FOLDER}policy/index.html`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.getByRole('link', { name: /REAch2 ·/ }).click();
	await expect(page).toHaveURL(`${ORIGIN + FOLDER}index.html`);
	expect(seen.outside).toEqual([]);
	expect(seen.failed).toEqual([]);
});

test('the zips npm run package made carry valid manifests, and every file the SCORM manifest lists is in the zip', async () => {
	const scorm = unzipSync(readFileSync(ZIP));
	const manifest = new TextDecoder().decode(scorm['imsmanifest.xml']);
	expect((await validateScormManifest(manifest)).errors).toEqual([]);
	const listed = [...manifest.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1]!);
	expect(listed).toContain('lms/scorm12/index.html');
	expect(listed.filter((f) => !(f in scorm))).toEqual([]);
	const cmi5 = unzipSync(readFileSync(resolve('packages', 'cmi5.zip')));
	expect((await validateCmi5Structure(new TextDecoder().decode(cmi5['cmi5.xml']))).errors).toEqual([]);
	expect('index.html' in cmi5).toBe(true);
	expect(Object.keys(cmi5).filter((f) => /^(sw\.js|manifest\.webmanifest|offline\/)/.test(f))).toEqual([]);
});
