/**
 * Offline first, in Chromium with the service worker allowed: one visit, then everything works
 * with no network, nothing done offline is lost, and a new deploy is offered as an update.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startLrs } from '../lrs/harness.ts';
import { testPort } from '../ports.ts';
import { approveLrs, playFirstChoices, storedRecords, takeKnowledgeCheck } from './helpers.ts';
import { builtPages } from './site.ts';

test.use({ serviceWorkers: 'allow' });

async function waitForServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
	});
}

async function goOffline(context: BrowserContext) {
	await context.setOffline(true);
}

test('after one visit the course works offline, and waiting records go when back online', async ({ page, context }) => {
	test.setTimeout(180_000);
	const lrs = await startLrs(testPort(4470));
	try {
		const registration = crypto.randomUUID();
		await page.goto(
			`/?${new URLSearchParams({ endpoint: lrs.endpoint, auth: lrs.auth, registration, actor: JSON.stringify({ mbox: 'mailto:gov@example.org', name: 'Governor' }) })}`,
		);
		await approveLrs(page);
		await waitForServiceWorker(page);
		await expect(page.locator('#status-records')).toHaveText('All records sent.');

		await goOffline(context);
		// The page and the worker are both cut off from the network.
		expect(
			await page.evaluate(() =>
				fetch('/not-in-the-precache.txt').then(
					() => 'fetched',
					() => 'failed',
				),
			),
		).toBe('failed');
		await expect(page.locator('#status-network')).toHaveText('You are offline. Your progress and records are saved on this device.');

		await page.goto('/a-page-that-was-never-built/');
		await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();

		// Every built page offline: the tests below, a part of the site each.
		// Complete a scenario and a knowledge check with no network.
		await page.goto('/modules/monitoring/scenarios/told-posts-monitored/');
		await playFirstChoices(page);
		await takeKnowledgeCheck(page, 'monitoring');
		await page.reload();
		await page.goto('/');
		await expect(page.getByTestId('path').locator('li[data-module="monitoring"]')).toContainText('In progress');
		await expect(page.locator('#status-records')).toContainText(/\d+ records? waiting to send when you are back online/);
		const waiting = (await storedRecords(page)).filter((r) => r.status === 'waiting').length;
		expect(waiting).toBeGreaterThan(5);

		await context.setOffline(false);
		await expect(page.locator('#status-records')).toHaveText('All records sent.', { timeout: 30_000 });
		const local = await storedRecords(page);
		const mine = local
			.filter((r) => r.statement.context.registration === registration)
			.map((r) => r.statement.id)
			.sort();
		const stored = (await lrs.statements())
			.filter((s) => s.context?.registration === registration)
			.map((s) => s.id)
			.sort();
		expect(stored).toEqual(mine);
	} finally {
		await lrs.close();
	}
});

// After one visit to the home page every built page opens with no network. Two tests of about
// 44 pages, each after its own first visit, so each has its own time limit (it was one loop inside
// the records test's) and they run in parallel. Not more: each first visit installs the worker and
// its 1.5 MB precache again (~10 s a test under load; four tests took 104 s, one loop ~35 s).
const PAGES_PER_TEST = 44;
const allPages = builtPages();
const offlineGroups = new Map<string, string[]>();
for (let start = 0; start < allPages.length; start += PAGES_PER_TEST) {
	const group = allPages.slice(start, start + PAGES_PER_TEST);
	offlineGroups.set(`pages ${start + 1} to ${start + group.length} of ${allPages.length}`, group);
}
for (const [group, paths] of offlineGroups) {
	test(`after one visit every page opens offline: ${group}`, async ({ page, context }) => {
		test.setTimeout(120_000);
		await page.goto('/');
		await waitForServiceWorker(page);
		await goOffline(context);
		for (const path of paths) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(200);
			await expect(page.locator('h1').first(), path).toBeVisible();
		}
	});
}

test('the offline page checks above cover every built page', () => {
	expect([...offlineGroups.values()].flat().sort()).toEqual(builtPages());
	expect(offlineGroups.size).toBeGreaterThanOrEqual(2);
});

test('a new deploy shows the update prompt, and progress survives the update', async ({ page }) => {
	test.setTimeout(90_000);
	const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
	cpSync(resolve('dist'), dir, { recursive: true });
	const port = testPort(4397);
	const server: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs', '--dir', dir, '--port', String(port)], { stdio: 'ignore' });
	try {
		const base = `http://127.0.0.1:${port}`;
		await expect
			.poll(() =>
				fetch(`${base}/`).then(
					(r) => r.status,
					() => 0,
				),
			)
			.toBe(200);
		await page.goto(`${base}/modules/monitoring/privacy-and-monitoring/`);
		await page.locator('[data-lesson-done][data-ready]').click();
		await page.waitForURL(/scenarios/);
		await page.goto(`${base}/`);
		await waitForServiceWorker(page);
		await expect(page.getByTestId('path').locator('li[data-module="monitoring"]')).toContainText('In progress');
		await expect(page.getByRole('button', { name: 'Update now' })).toHaveCount(0);

		// Deploy a changed build: the home page changes, and so does its precache revision.
		const html = readFileSync(join(dir, 'index.html'), 'utf8').replace('</h1>', ' (new version)</h1>');
		writeFileSync(join(dir, 'index.html'), html);
		const sw = readFileSync(join(dir, 'sw.js'), 'utf8').replace(/(url:"index\.html",revision:")[a-f0-9]+/, '$1deadbeefdeadbeefdeadbeefdeadbeef');
		writeFileSync(join(dir, 'sw.js'), sw);

		await page.reload();
		const update = page.getByRole('button', { name: 'Update now' });
		await expect(update).toBeVisible({ timeout: 30_000 });
		await expect(page.getByText('A new version of the course is ready.')).toBeVisible();
		await update.click();
		await expect(page.locator('h1')).toContainText('(new version)');
		await expect(page.getByTestId('path').locator('li[data-module="monitoring"]')).toContainText('In progress');
	} finally {
		server.kill();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('the course is installable: a valid manifest with icons made at build time, and a service worker', async ({ page, request }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	const manifest = await (await request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({ name: expect.any(String), short_name: expect.any(String), start_url: '/', display: 'standalone', theme_color: '#1d3f73' });
	for (const icon of manifest.icons as Array<{ src: string; sizes: string; type: string }>) {
		const res = await request.get(icon.src);
		expect(res.status(), icon.src).toBe(200);
		expect(res.headers()['content-type']).toBe(icon.type);
	}
	const cdp = await page.context().newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	// Test browsers run in an incognito-like profile, which Chromium reports; anything else
	// (manifest, icons, service worker, start URL) would be the course's fault.
	expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});
