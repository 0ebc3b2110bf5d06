/**
 * Policy versions, the learner's side (issue 20), end to end on the fixture course: a new learner
 * completes it under Version 2; the same address then serves the Version 3 build; the learner is
 * asked to acknowledge the new version, sees what changed, takes a refresher that starts from the
 * changed clauses, acknowledges Version 3 and gets a certificate naming it; the downloaded record
 * holds both acknowledgements, each with its version, and every statement names its version.
 *
 * The two fixture builds (tests/fixtures/course-v2 and course-v3) are made by scripts/test.sh into
 * POLICY_FIXTURE_BUILDS; run alone, the test makes any that are missing (about 15 s each).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { optionsOf } from '../../src/assessment/options.ts';
import { correctAnswer } from '../../src/assessment/score.ts';
import { loadCourse } from '../../src/build/load.ts';
import { EXT } from '../../src/records/statements.ts';
import { testPort } from '../ports.ts';
import { acknowledgePolicy, playFirstChoices, saveProfile, waitForIslands } from './helpers.ts';

const PORT = testPort(4395);
const BASE = `http://127.0.0.1:${PORT}`;
test.use({ baseURL: BASE });

const builds = resolve(process.env.POLICY_FIXTURE_BUILDS ?? join(tmpdir(), 'policy-fixture-builds'));
const buildOf = (v: string) => join(builds, `v${v}`);
// Version 3's questions include every Version 2 prompt with the same answers.
const questions = loadCourse(resolve('tests/fixtures/course-v3')).modules.flatMap((m) => m.questions.map((q) => q.data));

/** Builds a fixture course unless the build is already there (scripts/test.sh makes both). */
async function ensureBuild(v: string) {
	if (existsSync(join(buildOf(v), 'index.html'))) return;
	await promisify(execFile)(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
		env: { ...process.env, COURSE_ROOT: resolve(`tests/fixtures/course-v${v}`), COURSE_OUT_DIR: buildOf(v) },
		maxBuffer: 16 * 1024 * 1024,
	});
}

/** Puts a build in the served folder, as a host deploying a new version would. */
function deploy(served: string, v: string) {
	for (const name of readdirSync(served)) rmSync(join(served, name), { recursive: true, force: true });
	cpSync(buildOf(v), served, { recursive: true });
}

/** Answers the question in this fieldset rightly, from the fixture's answer key. */
async function answerRightly(page: Page, legend: string, scope = page.locator('body')) {
	const q = questions.find((x) =>
		legend
			.replace(/^\d+\.\s*/, '')
			.trim()
			.endsWith(x.prompt),
	);
	if (!q) throw new Error(`No fixture question with legend ${legend}`);
	for (const o of optionsOf(q).filter((o) => correctAnswer(q).includes(o.id))) await scope.getByLabel(o.text, { exact: true }).check();
	return q.id;
}

async function readLessonAndCase(page: Page) {
	await page.goto('/modules/example/basics/');
	await page.locator('[data-lesson-done][data-ready]').click();
	await page.waitForURL((u) => !u.pathname.endsWith('/basics/'));
	await page.goto('/modules/example/scenarios/news/');
	await playFirstChoices(page);
}

async function takeCheck(page: Page) {
	await page.goto('/modules/example/check/');
	for (let i = 0; i < 6; i++) {
		const heading = page.locator('#check-heading');
		await expect(heading).toBeVisible();
		if (/^You answered/.test(await heading.innerText())) return;
		await answerRightly(page, await page.locator('fieldset legend').first().innerText());
		await page.getByRole('button', { name: 'Check my answer' }).click();
		await expect(page.getByText(/^(Correct\.|Not quite\.)/)).toBeVisible();
		await page.getByRole('button', { name: /Next question|See your result/ }).click();
	}
	await expect(page.getByRole('heading', { name: /You answered \d+ of \d+/ })).toBeVisible();
}

async function passAssessment(page: Page) {
	await page.goto('/assessment/');
	await page.getByRole('button', { name: /Start (the assessment|a new attempt)/ }).click();
	for (let i = 0; i < 20; i++) {
		const heading = await page.locator('#question-heading, #review-heading').first().innerText();
		if (heading.startsWith('Check your answers')) break;
		await answerRightly(page, await page.locator('fieldset legend').first().innerText());
		await page.getByRole('button', { name: /Save and (next question|check your answers)/ }).click();
	}
	await page.getByRole('button', { name: 'Submit my answers' }).click();
	await page.getByRole('button', { name: 'Yes, submit my answers' }).click();
	await expect(page.getByRole('heading', { name: /You passed/ })).toBeVisible();
}

let server: ChildProcess | undefined;
let served = '';

test.beforeAll(async () => {
	test.setTimeout(240_000);
	mkdirSync(builds, { recursive: true });
	await ensureBuild('2');
	await ensureBuild('3');
	served = mkdtempSync(join(tmpdir(), 'policy-served-'));
	deploy(served, '2');
	server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', served, '--port', String(PORT)], { stdio: 'ignore' });
	await expect
		.poll(
			() =>
				fetch(`${BASE}/`).then(
					(r) => r.status,
					() => 0,
				),
			{ timeout: 20_000 },
		)
		.toBe(200);
});

test.afterAll(() => {
	server?.kill();
	if (served) rmSync(served, { recursive: true, force: true });
});

test('a learner who completed under Version 2 sees what changed, takes a targeted refresher and acknowledges Version 3', async ({ page }) => {
	test.setTimeout(180_000);

	// Version 2: a new learner completes the fixture course.
	await saveProfile(page, { name: 'Vera Version', email: 'vera@example.org', role: 'Teaching staff' });
	await readLessonAndCase(page);
	await takeCheck(page);
	await passAssessment(page);
	await acknowledgePolicy(page);
	await page.goto('/certificate/');
	await expect(page.getByTestId('certificate-policy')).toHaveText('Social Media Policy, Version 2');

	// The same address now serves Version 3 (a major change).
	deploy(served, '3');
	await page.goto('/');
	await waitForIslands(page);
	const offer = page.getByTestId('refresher-offer');
	await expect(offer.getByRole('heading', { name: 'The policy has changed: please acknowledge the new version' })).toBeVisible();
	await expect(offer.getByTestId('ack-new-version')).toContainText('You acknowledged Version 2 of the policy. It is now Version 3');

	// What changed: the major changes side by side, the minor one listed as wording only.
	await offer.getByRole('link', { name: 'See what changed in the policy' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'What changed in the policy' })).toBeVisible();
	for (const name of ['Changed: clause 1.2', 'New: clause 3.5', 'Changed: clause 5.2']) await expect(page.getByRole('heading', { name })).toBeVisible();
	await expect(page.getByText('Clause 1.1: "A term" is now "the term"')).toBeVisible();
	await expect(page.locator('ins', { hasText: 'must' }).first()).toBeVisible();

	// The targeted refresher: the pre-check asks the questions citing the changed clauses.
	await page.goto('/');
	await page.getByTestId('refresher-offer').getByRole('link', { name: 'Start the refresher' }).click();
	await waitForIslands(page);
	await expect(page.getByTestId('refresher-policy-change')).toContainText('Version 2');
	await page.getByRole('button', { name: 'Start the refresher' }).click();
	const legends = page.locator('form fieldset legend');
	await expect(legends).toHaveCount(2);
	const asked: string[] = [];
	for (const legend of await legends.allInnerTexts())
		asked.push(await answerRightly(page, legend, page.locator('fieldset', { hasText: legend.replace(/^\d+\.\s*/, '') })));
	expect(asked.sort()).toEqual(['ex-friends', 'ex-phone']);
	await page.getByRole('button', { name: 'Submit the refresher check' }).click();

	// All right, yet the module teaching the changed rules stays required; the changed items come first.
	await expect(page.getByRole('heading', { name: 'Your refresher path' })).toBeFocused();
	await expect(page.getByText('Example: required (it teaches a rule that changed)')).toBeVisible();
	const changed = page.getByTestId('refresher-changed').getByRole('link');
	await expect(changed).toHaveText(['Example: lesson, The basics', 'Example: case, A parent asks for news']);
	await changed.first().click();
	await expect(page).toHaveURL(/\/modules\/example\/basics\/$/);
	await expect(page.getByText('You must not accept friend requests from pupils on your own accounts.')).toBeVisible();
	await page.locator('[data-lesson-done][data-ready]').click();
	await page.waitForURL((u) => !u.pathname.endsWith('/basics/'));
	await page.goto('/modules/example/scenarios/news/');
	await playFirstChoices(page);
	await takeCheck(page);
	await passAssessment(page);

	// Acknowledge Version 3: the page names it and the earlier Version 2 acknowledgement.
	await page.goto('/acknowledge/');
	await expect(page.getByTestId('earlier-acknowledgements')).toContainText('Earlier you confirmed Version 2');
	await expect(page.getByLabel(/I confirm I have read and understood/)).toHaveAccessibleName(/Version 3\.$/);
	await acknowledgePolicy(page);
	await expect(page.getByText(/You confirmed you have read and understood the policy \(Version 3\)/)).toBeVisible();

	// A new certificate naming Version 3, and the record holding both acknowledgements.
	await page.goto('/certificate/');
	await expect(page.getByTestId('certificate-policy')).toHaveText('Social Media Policy, Version 3');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download my training record' }).click();
	const file = await (await download).path();
	const statements = JSON.parse(readFileSync(file, 'utf8')) as Array<{
		verb: { id: string };
		object: { id: string };
		result?: { extensions?: Record<string, unknown> };
		context?: { extensions?: Record<string, unknown> };
	}>;
	const acks = statements.filter((s) => s.verb.id === 'http://activitystrea.ms/schema/1.0/accept');
	expect(acks.map((s) => [s.object.id, s.result?.extensions?.[EXT.policyVersion]])).toEqual([
		['https://example.org/xapi/fixture/policy/v2', '2'],
		['https://example.org/xapi/fixture/policy/v3', '3'],
	]);
	// Every statement names the policy version it was made under: 2 before the change, 3 after.
	const versions = statements.map((s) => s.context?.extensions?.[EXT.policyVersion]);
	expect(versions.every((v) => v === '2' || v === '3')).toBe(true);
	const firstV3 = versions.indexOf('3');
	expect(firstV3).toBeGreaterThan(0);
	expect(versions.slice(firstV3).every((v) => v === '3')).toBe(true);
});
