/**
 * Records nothing can lose, against the real LRS (Learning Locker's statement service): two
 * tabs of one launch, a slow connection, the learner's consent before a new record store, a
 * second launch naming another host, refused launch links, Retry-After, "Forget me" across
 * tabs, and cmi5 sessions (a second session, fail-then-pass, a slow Finish, masteryScore)
 * checked by the independent cmi5 rule checker. Issues 14 and 21.
 */
import { expect, test } from './lrs-fixture.ts';
import { cmi5Breaches, type LrsStatement } from '../lrs/cmi5-rules.ts';
import { startLrs, type Lrs } from '../lrs/harness.ts';
import { invalidStatements } from '../lrs/validate.ts';
import { testPort } from '../ports.ts';
import {
	acknowledgePolicy,
	approveLrs,
	markPathDone,
	playFirstChoices,
	readModule,
	saveProfile,
	storedRecords,
	takeAssessment,
	takeKnowledgeCheck,
} from './helpers.ts';

// One LRS per worker (lrs-fixture.ts), so this file's tests run on both workers at once.
let lrs: Lrs;
test.beforeEach(({ lrs: workerLrs }) => {
	lrs = workerLrs;
});

const actor = { objectType: 'Agent', name: 'Priya Shah', mbox: 'mailto:priya.shah@example.org' };
const xapiLink = (path: string, registration: string, endpoint = lrs.endpoint, auth = lrs.auth) =>
	`${path}?${new URLSearchParams({ endpoint, auth, actor: JSON.stringify(actor), registration, activity_id: 'https://lms.example.org/courses/social-media' })}`;
const byRegistration = async (registration: string, from = lrs) => (await from.statements()).filter((s) => s.context?.registration === registration);
const verb = (s: { verb: { id: string } }) => s.verb.id.split('/').pop();

test('two tabs learning at once on one launch: the record and the LRS hold the same statements, once each', async ({ page, context }) => {
	test.setTimeout(180_000);
	const registration = crypto.randomUUID();
	await saveProfile(page, { name: 'Priya Shah', email: 'priya.shah@example.org', role: 'Teaching staff' });
	await page.goto(xapiLink('/', registration));
	await approveLrs(page);
	await expect(page.locator('#status-records')).toHaveText('All records sent.');
	// The second tab of the same launch (an LMS opens the link again), and an idle third tab.
	const second = await context.newPage();
	await second.goto(xapiLink('/', registration));
	await expect(second.locator('#status-records')).toHaveText('All records sent.');
	const idle = await context.newPage();
	await idle.goto('/');
	// One tab reads the lessons and plays the case, the other takes the knowledge check.
	await Promise.all([readModule(page, 'monitoring', 'teaching'), takeKnowledgeCheck(second, 'monitoring')]);
	const moduleDone = (s: { verb: { id: string }; object: { id: string } }) => verb(s) === 'completed' && s.object.id.endsWith('/modules/monitoring');
	await expect.poll(async () => (await byRegistration(registration)).filter(moduleDone).length, { timeout: 30_000 }).toBe(1);
	for (const p of [page, second]) await expect(p.locator('#status-records')).toHaveText('All records sent.', { timeout: 30_000 });

	const local = (await storedRecords(page)).filter((r) => r.statement.context.registration === registration);
	const stored = await byRegistration(registration);
	expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
	expect(stored.map((s) => s.id).sort()).toEqual(local.map((r) => r.statement.id).sort());
	expect(local.every((r) => r.status === 'sent')).toBe(true);
	expect(stored.filter(moduleDone)).toHaveLength(1);
	expect(stored.filter((s) => verb(s) === 'initialized')).toHaveLength(1);
	// The LMS's activity id groups every statement (issue 14.5).
	expect(
		stored.every((s) =>
			(s as unknown as { context: { contextActivities: { grouping: Array<{ id: string }> } } }).context.contextActivities.grouping.some(
				(g) => g.id === 'https://lms.example.org/courses/social-media',
			),
		),
	).toBe(true);
	expect(invalidStatements(stored)).toEqual([]);
	await second.close();
	await idle.close();
});

test('a launch on a slow connection is kept even when the learner moves on at once', async ({ page, context }) => {
	test.setTimeout(120_000);
	const registration = crypto.randomUUID();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 });
	await page.goto(xapiLink('/', registration), { waitUntil: 'commit' });
	// As soon as the page shows: to "My record".
	await page.getByRole('link', { name: 'My record' }).click();
	await expect(page).toHaveURL(/\/records\/$/);
	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
	await approveLrs(page);
	await expect(page.locator('#status-records')).toHaveText('All records sent.', { timeout: 30_000 });
	expect((await byRegistration(registration)).map(verb)).toEqual(['initialized']);
});

test('a second launch naming another host gets nothing made for the first, and the learner is asked first', async ({ page, context }) => {
	test.setTimeout(120_000);
	const other = await startLrs(testPort(4540), 'other', 'secret');
	try {
		const registration = crypto.randomUUID();
		await saveProfile(page, { name: 'Priya Shah', email: 'priya.shah@example.org', role: 'Teaching staff' });
		await page.goto(xapiLink('/', registration));
		await approveLrs(page);
		await expect(page.locator('#status-records')).toHaveText('All records sent.');
		await lrs.stop();
		await page.goto('/modules/monitoring/scenarios/manager-checks-messages/');
		await playFirstChoices(page);
		await expect(page.locator('#status-records')).toContainText(/records? waiting to send \(the record store cannot be reached/);
		const waiting = (await storedRecords(page)).filter((r) => r.status === 'waiting').map((r) => r.statement.id);
		expect(waiting.length).toBeGreaterThan(1);
		await page.close();

		// A new tab, a link naming another host: the learner sees the host and is asked.
		const tab = await context.newPage();
		await tab.goto(`/?${new URLSearchParams({ endpoint: other.endpoint, auth: other.auth })}`);
		await expect(tab.getByRole('alert').filter({ hasText: 'This link asks the course to send your training records' })).toContainText(
			new URL(other.endpoint).host,
		);
		expect(await other.statements()).toHaveLength(0);
		await approveLrs(tab);
		await expect(tab.locator('#status-records')).toHaveText('All records sent.');
		const atOther = await other.statements();
		expect(atOther.filter((s) => waiting.includes(s.id))).toEqual([]);
		expect(atOther.filter((s) => s.context?.registration === registration)).toEqual([]);

		// The first LRS comes back and its own launch delivers them there.
		await lrs.start();
		await tab.goto(xapiLink('/', registration));
		await expect(tab.locator('#status-records')).toHaveText('All records sent.', { timeout: 30_000 });
		const atFirst = (await byRegistration(registration)).map((s) => s.id);
		for (const id of waiting) expect(atFirst).toContain(id);
	} finally {
		await lrs.start().catch(() => undefined);
		await other.close();
	}
});

test('a refused launch link leaves no secret in the address bar and says why in plain words', async ({ page }) => {
	const cases: Array<[Record<string, string>, RegExp]> = [
		[{ endpoint: 'javascript:alert(1)//', auth: 'Basic c2VjcmV0' }, /must be an https address/],
		[{ endpoint: 'http://lrs.example.org/xAPI/', auth: 'Basic c2VjcmV0' }, /not secure/],
		[{ endpoint: 'https://user:pass@lrs.example.org/xAPI/', auth: 'Basic c2VjcmV0' }, /user name or password/],
		[{ endpoint: lrs.endpoint, auth: 'Basic c2VjcmV0\r\nX-Injected: 1' }, /line breaks/],
		[
			{
				endpoint: 'javascript:alert(1)//',
				fetch: 'https://lms.example.org/fetch/one-time-secret',
				registration: crypto.randomUUID(),
				activityId: 'https://a/1',
				actor: '{}',
			},
			/must be an https address/,
		],
	];
	for (const [params, message] of cases) {
		await page.goto(`/?${new URLSearchParams(params)}`);
		await expect(page.locator('#status-records')).toHaveText(message);
		expect(page.url()).not.toMatch(/auth|c2VjcmV0|fetch|one-time-secret|endpoint/);
		await page.reload();
		expect(page.url()).not.toMatch(/auth|c2VjcmV0|fetch|endpoint/);
	}
});

test('Retry-After is honoured, and the status line says the record store, not the connection, is the problem', async ({ page }) => {
	test.setTimeout(90_000);
	const registration = crypto.randomUUID();
	await page.goto(xapiLink('/', registration));
	await approveLrs(page);
	await expect(page.locator('#status-records')).toHaveText('All records sent.');
	lrs.behave({ fail: { status: 429, count: 1, retryAfter: 6 } });
	const from = lrs.posts.length;
	await page.goto('/modules/monitoring/privacy-and-monitoring/');
	await page.locator('[data-lesson-done][data-ready]').scrollIntoViewIfNeeded();
	await expect(page.locator('#status-records')).toContainText('the record store is busy or not answering');
	await expect(page.locator('#status-records')).toHaveText('All records sent.', { timeout: 30_000 });
	const posts = lrs.posts.slice(from);
	expect(posts[0]!.status).toBe(429);
	expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(6000);
	lrs.behave({});
});

test('"Forget me" in one tab stops a second, launched tab writing personal data', async ({ page, context }) => {
	const registration = crypto.randomUUID();
	await saveProfile(page, { name: 'Priya Shah', email: 'priya.shah@example.org', role: 'Teaching staff' });
	const launched = await context.newPage();
	await launched.goto(xapiLink('/', registration));
	await approveLrs(launched);
	await expect(launched.locator('#status-records')).toHaveText('All records sent.');
	await page.goto('/profile/');
	await page.getByRole('button', { name: 'Forget me on this device' }).click();
	await page.getByRole('button', { name: 'Yes, delete everything' }).click();
	// The launched tab acts after the erase: nothing with the learner's name or email is written.
	await launched.goto('/modules/monitoring/privacy-and-monitoring/').catch(() => undefined);
	await launched.locator('[data-lesson-done][data-ready]').scrollIntoViewIfNeeded();
	await launched.locator('[data-lesson-done][data-ready]').click();
	// Look once the click has been handled and the next page has started up (both write to
	// storage synchronously, if at all): the lesson's link leads on, and the next page's status
	// line shows once its app shell has run.
	await launched.waitForURL((url) => !url.pathname.includes('/privacy-and-monitoring/'));
	await launched.locator('#status-records').waitFor();
	const kept = await page.evaluate(() => [...Object.entries(localStorage), ...Object.entries(sessionStorage)].filter(([k]) => k.startsWith('policy-course:')));
	expect(JSON.stringify(kept)).not.toMatch(/Priya|priya\.shah/);
	const tabSession = await launched.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('policy-course:')));
	expect(tabSession.filter((k) => /launch|token/.test(k))).toEqual([]);
});

/** cmi5: an LMS launch with a fresh session id and one-time fetch URL. */
function cmi5Link(registration: string, activityId: string, launchData: Record<string, unknown>) {
	const sessionId = crypto.randomUUID();
	const fetchUrl = lrs.cmi5(registration, {
		contextTemplate: {
			contextActivities: { grouping: [{ objectType: 'Activity', id: 'https://lms.example.org/courses/social-media' }] },
			extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
		},
		launchMode: 'Normal',
		launchMethod: 'AnyWindow',
		...launchData,
	});
	const cmi5Actor = { objectType: 'Agent', name: 'Kofi Boateng', account: { homePage: 'https://lms.example.org', name: 'kboateng' } };
	return {
		sessionId,
		url: `/?${new URLSearchParams({ endpoint: lrs.endpoint, fetch: fetchUrl, actor: JSON.stringify(cmi5Actor), registration, activityId })}`,
	};
}

test('cmi5: fail then pass, a second session, a slow Finish and masteryScore 0.95 keep every cmi5 rule', async ({ page }) => {
	test.setTimeout(240_000);
	const registration = crypto.randomUUID();
	const activityId = 'https://lms.example.org/courses/social-media/au/2';
	const data = { moveOn: 'CompletedAndPassed', masteryScore: 0.95, returnURL: '/?returned=1' };
	await saveProfile(page, { name: 'Kofi Boateng', staff: 'K123', role: 'Central or regional staff' });

	// Session 1: the LMS's pass mark shows before the attempt; fail, then pass on a retake.
	await page.goto(cmi5Link(registration, activityId, data).url);
	await approveLrs(page);
	await expect(page.locator('#status-records')).toHaveText('All records sent.');
	await markPathDone(page);
	await page.goto('/assessment/');
	await expect(page.getByText('You need 95% to pass.')).toBeVisible();
	await takeAssessment(page, false);
	await expect(page.getByRole('heading', { name: /You did not pass/ })).toBeVisible();
	await takeAssessment(page, true);
	await expect(page.getByRole('heading', { name: /You passed/ })).toBeVisible();
	await expect(page.getByText(/your pass will be sent to it then/)).toBeVisible();
	// Finish with a slow LRS: the page leaves only once `terminated` is stored.
	lrs.behave({ delayMs: 2000 });
	await page.getByRole('button', { name: 'Finish and return to your learning system' }).click();
	await expect(page).toHaveURL(/returned=1/, { timeout: 30_000 });
	lrs.behave({});
	let stored = await byRegistration(registration);
	expect(stored.some((s) => verb(s) === 'terminated')).toBe(true);

	// Session 2 of the same registration: starts with initialized; the pass goes as its defined
	// `passed`; the learner completes and finishes.
	await page.goto(cmi5Link(registration, activityId, data).url);
	await expect(page.locator('#status-records')).toHaveText('All records sent.');
	await acknowledgePolicy(page);
	await expect(page.getByRole('link', { name: 'Return to your learning system' })).toBeVisible();
	await expect(page.locator('#status-records')).toHaveText('All records sent.');

	stored = await byRegistration(registration);
	expect(invalidStatements(stored)).toEqual([]);
	expect(cmi5Breaches(stored as unknown as LrsStatement[], { activityId, masteryScore: 0.95, sessionsEnded: true })).toEqual([]);
	const defined = (stored as unknown as LrsStatement[])
		.filter((s) => (s.context?.contextActivities?.category ?? []).some((c) => c.id.endsWith('/categories/cmi5')))
		.sort((a, b) => (a.timestamp < b.timestamp ? -1 : 1))
		.map(verb);
	expect(defined).toEqual(['initialized', 'failed', 'terminated', 'initialized', 'passed', 'completed', 'terminated']);
});

test('cmi5: LaunchData the course cannot use is refused with fixed wording, the detail on My record', async ({ page }) => {
	const registration = crypto.randomUUID();
	await page.goto(cmi5Link(registration, 'https://lms.example.org/au/3', { masteryScore: 'abc', returnURL: 'javascript:alert(1)' }).url);
	await approveLrs(page);
	await expect(page.locator('#status-records')).toHaveText(
		'Your learning system sent launch settings the course cannot use, so your records are kept on this device only. The details are on My record.',
	);
	await page.getByRole('link', { name: 'My record' }).click();
	await expect(page.getByText(/LMS\.LaunchData: masteryScore "abc" is not a number from 0 to 1/)).toBeVisible();
	await page.goto('/assessment/');
	await expect(page.getByText('You need 80% to pass.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Return to your learning system' })).toHaveCount(0);
});
