import { expect, test } from './lrs-fixture.ts';
import { cmi5Breaches, type LrsStatement } from '../lrs/cmi5-rules.ts';
import type { Lrs } from '../lrs/harness.ts';
import { invalidStatements } from '../lrs/validate.ts';
import { acknowledgePolicy, approveLrs, completeModule, markPathDone, playFirstChoices, saveProfile, storedRecords, takeAssessment } from './helpers.ts';

/** Every statement is valid xAPI (Learning Locker's validator). */
const expectValid = (statements: unknown[]) => expect(invalidStatements(statements)).toEqual([]);

// One LRS per worker (lrs-fixture.ts), so this file's tests run on both workers at once.
let lrs: Lrs;
test.beforeEach(({ lrs: workerLrs }) => {
	lrs = workerLrs;
});

const launchUrl = (path: string, auth: string, registration: string) =>
	`${path}?${new URLSearchParams({ endpoint: lrs.endpoint, auth, actor: JSON.stringify({ objectType: 'Agent', name: 'Priya Shah', mbox: 'mailto:priya.shah@example.org' }), registration, activity_id: 'https://learning.reach2.org/xapi/social-media-policy' })}`;

/** The statements this launch made (anything recorded before it stays local). */
async function localRecords(page: import('@playwright/test').Page, registration: string) {
	return (await storedRecords(page)).filter((r) => r.statement.context.registration === registration);
}

test('statements reach the LRS exactly once, including those made while it was down', async ({ page }) => {
	test.setTimeout(120_000);
	const registration = crypto.randomUUID();
	await saveProfile(page, { name: 'Priya Shah', email: 'priya.shah@example.org', role: 'Teaching staff' });
	await page.goto(launchUrl('/', lrs.auth, registration));
	// Credentials never stay in the address bar.
	await expect(page).toHaveURL(/\/$/);
	await approveLrs(page);
	await completeModule(page, 'monitoring', 'teaching');
	await expect(page.locator('#status-records')).toHaveText('All records sent.');
	await expect
		.poll(async () =>
			(await localRecords(page, registration)).map((r) => r.status + ' ' + r.statement.verb.id.split('/').pop()).filter((x) => !x.startsWith('sent')),
		)
		.toEqual([]);
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
	// One initialized for this launch (issue 14.3), and every statement valid xAPI.
	expect(stored.filter((s) => s.verb.id.endsWith('/initialized'))).toHaveLength(1);
	expectValid(stored);
});

test('refused credentials are reported, and the records are kept', async ({ page }) => {
	const registration = crypto.randomUUID();
	await page.goto(launchUrl('/modules/monitoring/privacy-and-monitoring/', 'Basic d3Jvbmc6d3Jvbmc=', registration));
	await approveLrs(page);
	await page.locator('[data-lesson-done][data-ready]').scrollIntoViewIfNeeded();
	await expect(page.locator('#status-records')).toContainText('refused the course’s credentials');
	const local = await localRecords(page, registration);
	expect(local.length).toBeGreaterThan(0);
	expect(local.every((r) => r.status === 'waiting')).toBe(true);
	expect((await lrs.statements()).filter((s) => s.context?.registration === registration)).toHaveLength(0);
});

test('a cmi5 launch produces a session the cmi5 rules accept', async ({ page }) => {
	test.setTimeout(90_000);
	const registration = crypto.randomUUID();
	const sessionId = crypto.randomUUID();
	const activityId = 'https://lms.example.org/courses/social-media/au/1';
	const actor = { objectType: 'Agent', name: 'Kofi Boateng', account: { homePage: 'https://lms.example.org', name: 'kboateng' } };
	const returnURL = '/?returned=1';
	const fetchUrl = lrs.cmi5(registration, {
		contextTemplate: {
			contextActivities: { grouping: [{ objectType: 'Activity', id: 'https://lms.example.org/courses/social-media' }] },
			extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
		},
		launchMode: 'Normal',
		launchMethod: 'AnyWindow',
		moveOn: 'CompletedAndPassed',
		masteryScore: 0.8,
		returnURL,
	});
	await saveProfile(page, { name: 'Kofi Boateng', staff: 'K123', role: 'Central or regional staff' });
	await page.goto(`/?${new URLSearchParams({ endpoint: lrs.endpoint, fetch: fetchUrl, actor: JSON.stringify(actor), registration, activityId })}`);
	await approveLrs(page);
	await expect(page.locator('#status-records')).toHaveText('All records sent.');
	// A reload reuses the token (the fetch URL works only once).
	await page.reload();
	await page.goto('/modules/monitoring/scenarios/told-posts-monitored/');
	await playFirstChoices(page);
	await markPathDone(page);
	await takeAssessment(page, true);
	await expect(page.getByRole('heading', { name: /You passed/ })).toBeVisible();
	// moveOn is CompletedAndPassed: passing alone does not meet it.
	await expect(page.getByText('You have done what your learning system asks of this course.')).toHaveCount(0);
	await acknowledgePolicy(page);
	await expect(page.getByRole('link', { name: 'Return to your learning system' })).toBeVisible();
	await expect(page.locator('#status-records')).toHaveText('All records sent.');

	const stored = (await lrs.statements()).filter((s) => s.context?.registration === registration);
	// The LRS lists newest first; put them in the order they were made.
	const ordered = [...stored].sort(
		(a, b) => Date.parse((a as unknown as { timestamp: string }).timestamp) - Date.parse((b as unknown as { timestamp: string }).timestamp),
	);
	type S = {
		id: string;
		verb: { id: string };
		object: { id: string };
		actor?: unknown;
		result?: { score?: { scaled: number }; success?: boolean };
		context?: { registration?: string; contextActivities?: { category?: Array<{ id: string }> }; extensions?: Record<string, unknown> };
	};
	const all = ordered as S[];
	const isDefined = (s: S) => (s.context?.contextActivities?.category ?? []).some((c) => c.id === 'https://w3id.org/xapi/cmi5/context/categories/cmi5');
	const defined = all.filter(isDefined);
	const verb = (s: S) => s.verb.id.split('/').pop();
	expect(verb(all[0]!)).toBe('initialized');
	expect(verb(all.at(-1)!)).toBe('terminated');
	expect(defined.map(verb)).toEqual(['initialized', 'passed', 'completed', 'terminated']);
	for (const s of defined) {
		expect(s.object.id).toBe(activityId);
		expect(s.context?.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe(sessionId);
		expect(s.actor).toMatchObject({ account: actor.account });
	}
	const passed = defined.find((s) => verb(s) === 'passed')!;
	expect(passed.result).toMatchObject({ success: true, score: { scaled: 1 } });
	expect(passed.context?.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBe(0.8);
	// Allowed statements carry the session id but not the cmi5 category.
	for (const s of all.filter((x) => !isDefined(x))) expect(s.context?.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe(sessionId);
	expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
	expectValid(all);
	expect(cmi5Breaches(all as unknown as LrsStatement[], { activityId, masteryScore: 0.8, sessionsEnded: true })).toEqual([]);

	await page.getByRole('link', { name: 'Return to your learning system' }).click();
	await expect(page).toHaveURL(/returned=1/);
});
