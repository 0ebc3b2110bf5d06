/**
 * With the service worker: pages open offline whatever their query string, and "Update now" in
 * one tab moves every open tab to the new version, so no tab of the old build keeps writing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { testPort } from '../ports.ts';

test.use({ serviceWorkers: 'allow' });

async function waitForServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
	});
}

test('offline, a page opens from the precache whatever its query string', async ({ page, context }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	const home = await page.locator('h1').first().innerText();
	await context.setOffline(true);
	for (const [path, heading] of [
		['/?returned=1', home],
		['/?endpoint=x&utm_source=y', home],
		['/policy/?clause=7.3', null],
	] as const) {
		await page.goto(path);
		await expect(page.getByRole('heading', { name: 'You are offline' }), path).toHaveCount(0);
		if (heading) await expect(page.locator('h1').first(), path).toHaveText(heading);
		else await expect(page.locator('h1').first(), path).toBeVisible();
	}
	await page.goto('/never-built/?a=1');
	await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
	await context.setOffline(false);
});

test('"Update now" in one tab reloads every open tab into the new version', async ({ context }) => {
	test.setTimeout(90_000);
	const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
	cpSync(resolve('dist'), dir, { recursive: true });
	const port = testPort(4396);
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
		const first = await context.newPage();
		await first.goto(`${base}/`);
		await waitForServiceWorker(first);
		const second = await context.newPage();
		await second.goto(`${base}/`);
		await waitForServiceWorker(second);

		// Deploy a changed build: the home page changes, and so does its precache revision.
		writeFileSync(join(dir, 'index.html'), readFileSync(join(dir, 'index.html'), 'utf8').replace('</h1>', ' (new version)</h1>'));
		writeFileSync(
			join(dir, 'sw.js'),
			readFileSync(join(dir, 'sw.js'), 'utf8').replace(/(url:"index\.html",revision:")[a-f0-9]+/, '$1deadbeefdeadbeefdeadbeefdeadbeef'),
		);

		await first.reload();
		const update = first.getByRole('button', { name: 'Update now' });
		await expect(update).toBeVisible({ timeout: 30_000 });
		await update.click();
		await expect(first.locator('h1')).toContainText('(new version)');
		// The other tab was not touched by the test: it reloaded itself.
		await expect(second.locator('h1')).toContainText('(new version)', { timeout: 20_000 });
	} finally {
		server.kill();
		rmSync(dir, { recursive: true, force: true });
	}
});
