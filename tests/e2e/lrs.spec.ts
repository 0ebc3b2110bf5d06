import { expect, test } from '@playwright/test';
import { startLrs, type Lrs } from '../lrs/harness.ts';
import { completeModule, playFirstChoices, saveProfile } from './helpers.ts';

// One LRS for this file; its tests run in order on one worker.
test.describe.configure({ mode: 'serial' });
let lrs: Lrs;
test.beforeAll(async ({}, info) => {
	lrs = await startLrs(4480 + info.parallelIndex * 10);
});
test.afterAll(async () => lrs?.close());

const launchUrl = (path: string, auth: string, registration: string) =>
	`${path}?${new URLSearchParams({ endpoint: lrs.endpoint, auth, actor: JSON.stringify({ objectType: 'Agent', name: 'Priya Shah', mbox: 'mailto:priya.shah@example.org' }), registration, activity_id: 'https://learning.reach2.org/xapi/social-media-policy' })}`;

/** The statements this launch made (anything recorded before it stays local). */
async function localRecords(page: import('@playwright/test').Page, registration: string) {
	const all = await page.evaluate(() => (JSON.parse(localStorage.getItem('policy-course:records') ?? '{"data":[]}').data as Array<{ status: string; statement: { id: string; verb: { id: string }; context: { registration: string } } }>));
	return all.filter((r) => r.statement.context.registration === registration);
}

test('statements reach the LRS exactly once, including those made while it was down', async ({ page }) => {
	test.setTimeout(120_000);
	const registration = crypto.randomUUID();
	await saveProfile(page, { name: 'Priya Shah', email: 'priya.shah@example.org', role: 'Teaching staff' });
	await page.goto(launchUrl('/', lrs.auth, registration));
	// Credentials never stay in the address bar.
	await expect(page).toHaveURL(/\/$/);
	await completeModule(page, 'monitoring', 'teaching');
	await expect(page.locator('#status-records')).toHaveText('All records sent.');
	await expect.poll(async () => (await localRecords(page, registration)).map((r) => r.status + ' ' + r.statement.verb.id.split('/').pop()).filter((x) => !x.startsWith('sent'))).toEqual([]);
	let local = await localRecords(page, registration);
	let stored = (await lrs.statements()).filter((s) => s.context?.registration === registration);
	expect(local.length).toBeGreaterThan(8);
	expect(stored.map((s) => s.id).sort()).toEqual(local.map((r) => r.statement.id).sort());
	const verbs = new Set(stored.map((s) => s.verb.id.split('/').pop()));
	for (const v of ['initialized', 'experienced', 'answered', 'completed']) expect(verbs).toContain(v);

	// The LRS goes away; learning carries on and statements wait.
	await lrs.stop();
	await page.goto('/modules/monitoring/scenarios/manager-checks-messages/');
	await playFirstChoices(page);
	await expect(page.locator('#status-records')).toContainText(/\d+ records? waiting to send/);
	local = await localRecords(page, registration);
	expect(local.filter((r) => r.status === 'waiting').length).toBeGreaterThan(0);
	await page.reload(); // the outbox survives a reload
	await expect(page.locator('#status-records')).toContainText(/waiting to send/);

	// It comes back: the retry with backoff delivers everything, once.
	await lrs.start();
	await expect(page.locator('#status-records')).toHaveText('All records sent.', { timeout: 45_000 });
	local = await localRecords(page, registration);
	stored = (await lrs.statements()).filter((s) => s.context?.registration === registration);
	expect(stored).toHaveLength(local.length);
	expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
	expect(stored.map((s) => s.id).sort()).toEqual(local.map((r) => r.statement.id).sort());
	expect(local.every((r) => r.status === 'sent')).toBe(true);
	expect(local[0]!.statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized');
});

test('refused credentials are reported, and the records are kept', async ({ page }) => {
	const registration = crypto.randomUUID();
	await page.goto(launchUrl('/modules/monitoring/privacy-and-monitoring/', 'Basic d3Jvbmc6d3Jvbmc=', registration));
	await page.locator('[data-lesson-done]').scrollIntoViewIfNeeded();
	await expect(page.locator('#status-records')).toContainText('refused the course’s credentials');
	const local = await localRecords(page, registration);
	expect(local.length).toBeGreaterThan(0);
	expect(local.every((r) => r.status === 'waiting')).toBe(true);
	expect((await lrs.statements()).filter((s) => s.context?.registration === registration)).toHaveLength(0);
});
