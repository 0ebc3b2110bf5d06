import { readFileSync } from 'node:fs';
import { wcagViolations } from './axe.ts';
import validation from '@learninglocker/xapi-validation';
import { expect, test, type Page } from '@playwright/test';
import {
	answerKey,
	answerQuestion,
	course,
	expectOptionsNamed,
	pathOf,
	saveProfile,
	storage,
	storedRecords,
	takeAssessmentOnPath,
	takeCheckHere,
	walkPath,
	type Learner,
} from './helpers.ts';

import { addMonths } from '../../src/course/refresher.ts';
import { drawQuestions } from '../../src/assessment/draw.ts';

const fmt = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY = 24 * 60 * 60 * 1000;

type Statement = {
	id: string;
	actor: unknown;
	verb: { id: string };
	object: { id: string };
	context?: { registration?: string; extensions?: Record<string, string> };
};

/**
 * A new learner's whole year, through the UI: induction to certificate; the refresher offered
 * at 11 months and a day, overdue at 13; the pre-check (two modules partly wrong, the rest
 * tested out); the modules still required; a new assessment avoiding last year's questions; a
 * new acknowledgement and a second certificate; and a record about one actor.
 */
async function inductionThenRefresher(page: Page, profile: Parameters<typeof saveProfile>[1], learner: Learner) {
	const start = new Date('2026-01-15T09:00:00Z');
	await page.clock.install({ time: start });
	await page.goto('/');
	await expect(page.getByText(/Start by telling the course/)).toBeVisible();
	await saveProfile(page, profile);
	const path = pathOf(learner);
	await page.goto('/');
	const shownPath = await page
		.getByTestId('path')
		.locator('li[data-module]')
		.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-module')!));
	expect(shownPath).toEqual(path.required);

	// Induction.
	await walkPath(page, learner);
	await expect(page.getByTestId('progress-percent')).toHaveText('100%');
	await expect(page.getByTestId('next-step')).toHaveText('Take the final assessment');
	const firstAsked = await takeAssessmentOnPath(page, learner);
	await confirmAndCertificate(page, start);

	// 11 months and a day later: offered, with its due date.
	await page.clock.setSystemTime(new Date(addMonths(start.toISOString(), 11).getTime() + DAY));
	await page.goto('/');
	const offer = page.getByTestId('refresher-offer');
	await expect(offer).toContainText(`Your refresher is due by ${fmt(addMonths(start.toISOString(), 12))}.`);
	await expect(offer).not.toContainText('overdue');
	// 13 months: overdue.
	const later = addMonths(start.toISOString(), 13);
	await page.clock.setSystemTime(later);
	await page.goto('/');
	await expect(offer).toContainText(`Your refresher is overdue: it was due by ${fmt(addMonths(start.toISOString(), 12))}.`);
	await offer.getByRole('link', { name: 'Start the refresher' }).click();
	await page.getByRole('button', { name: 'Start the refresher' }).click();

	// The pre-check: every question on the path and labelled; a reload keeps questions and answers.
	const sections = page.locator('form section');
	await expect(sections).toHaveCount(path.required.length);
	const modulesShown = await sections.evaluateAll((els) => els.map((e) => e.getAttribute('data-module')!));
	expect(modulesShown).toEqual(path.required);
	const partly = modulesShown.slice(0, 2);
	const legendsBefore = await page.locator('form fieldset legend').allInnerTexts();
	for (const [i, moduleId] of modulesShown.entries()) {
		const fieldsets = sections.nth(i).locator('fieldset');
		const n = await fieldsets.count();
		expect(n).toBe(course.course.refresher.preCheckQuestions);
		for (let j = 0; j < n; j++) {
			const fs = fieldsets.nth(j);
			const legend = await fs.locator('legend').innerText();
			expect(path.questionFor(legend), `pre-check question off the path: ${legend}`).toBe(true);
			await expectOptionsNamed(fs);
			const key = answerKey(legend.replace(/^\d+\.\s*/, ''));
			const right = !(partly.includes(moduleId) && j === 1);
			for (const label of right ? key.right : [key.wrong[0]!]) await fs.getByLabel(label, { exact: true }).check();
		}
		if (i === 0) {
			await page.reload();
			await expect(page.locator('form fieldset legend')).toHaveText(legendsBefore);
			for (let j = 0; j < n; j++) {
				const fs = sections.nth(0).locator('fieldset').nth(j);
				const key = answerKey((await fs.locator('legend').innerText()).replace(/^\d+\.\s*/, ''));
				for (const label of j === 1 ? [key.wrong[0]!] : key.right) await expect(fs.getByLabel(label, { exact: true })).toBeChecked();
			}
		}
	}
	await page.getByRole('button', { name: 'Submit the refresher check' }).click();
	await expect(page.getByRole('heading', { name: 'Your refresher path' })).toBeVisible();
	const testedOut = path.required.filter((id) => !partly.includes(id));
	await expect(page.getByText(/tested out \(optional now\)/)).toHaveCount(testedOut.length);
	await page.getByRole('link', { name: 'Continue your refresher' }).click();
	await expect(page.getByText(/Annual refresher:/)).toBeVisible();
	await expect(page.getByTestId('next-step')).toHaveText(`Continue: ${course.modules.find((m) => m.id === partly[0])!.data.title}`);

	// The modules still required, then a new assessment with a fresh draw.
	await walkPath(page, learner);
	await expect(page.getByTestId('next-step')).toHaveText('Take the final assessment');
	const secondAsked = await takeAssessmentOnPath(page, learner);
	expect(secondAsked.filter((id) => firstAsked.includes(id))).toEqual([]);
	await confirmAndCertificate(page, later);
	await page.goto('/');
	await expect(page.getByText(/You have completed the course \(refresher\)/)).toContainText(
		`Your next refresher is due by ${fmt(addMonths(later.toISOString(), 12))}.`,
	);
	await expect(page.getByTestId('refresher-offer')).toHaveCount(0);

	// The downloaded record: two course completions, waived tested-out modules, one actor.
	await page.goto('/records/');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download my training record' }).click();
	const statements = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as Statement[];
	const iri = course.course.activityIriBase;
	const verb = (s: Statement) => s.verb.id.split('/').pop();
	expect(statements.filter((s) => verb(s) === 'completed' && s.object.id === iri)).toHaveLength(2);
	expect(
		statements
			.filter((s) => verb(s) === 'waived')
			.map((s) => s.object.id)
			.sort(),
	).toEqual(testedOut.map((id) => `${iri}/modules/${id}`).sort());
	expect(new Set(statements.map((s) => JSON.stringify(s.actor))).size).toBe(1);
	expect(verb(statements[0]!)).toBe('initialized');
	expect(statements.filter((s) => verb(s) === 'initialized')).toHaveLength(2);
	expect(new Set(statements.map((s) => s.context?.registration)).size).toBe(2);
	const validateStatement = ((validation as unknown as { default?: unknown }).default ?? validation) as (s: unknown) => unknown[];
	for (const statement of statements) expect(validateStatement(statement)).toEqual([]);
}

/** From a passed assessment: confirm the policy (the current version), then the certificate dated today. */
async function confirmAndCertificate(page: Page, today: Date) {
	await page.getByRole('link', { name: 'Next: confirm you have read the policy' }).click();
	await page.getByLabel(/I confirm I have read and understood/).check();
	await page.getByRole('button', { name: 'Confirm and complete the course' }).click();
	await expect(page.getByRole('heading', { name: /you have completed the course/ })).toBeVisible();
	await page.getByRole('link', { name: 'View and print your certificate' }).click();
	await expect(page.getByTestId('certificate-date')).toHaveText(fmt(today));
	// The certificate names the Trust as written and the policy version once (issue 16).
	await expect(
		page.locator('.certificate').getByText(`on the REAch2 Academy Trust Social Media Policy, ${course.policy.versionLabel}.`, { exact: true }),
	).toBeVisible();
}

test('a new teacher completes the induction, and a year later the refresher, through the UI', async ({ page }) => {
	test.setTimeout(600_000);
	await inductionThenRefresher(page, { name: 'Tom Nguyen', email: 'tom.nguyen@example.org', role: 'Teaching staff' }, { role: 'teaching', recruiter: false });
});

test('a new governor completes the induction and the refresher, never shown or asked anything off their path', async ({ page }) => {
	test.setTimeout(600_000);
	await inductionThenRefresher(page, { name: 'Grace Mensah', staff: 'GOV-0042', role: 'Governor or trustee' }, { role: 'governor', recruiter: false });
});

test('a new contractor completes the induction and the refresher, never shown or asked anything off their path', async ({ page }) => {
	test.setTimeout(600_000);
	await inductionThenRefresher(page, { name: 'Ola Nowak', email: 'ola.nowak@example.org', role: 'Contractor' }, { role: 'contractor', recruiter: false });
});

/** Seeds whose draw, without the audience rule, would ask about PPA time (found from the content). */
function seedsThatWouldAskPpa(count: number, modules: string[], n: number): number[] {
	const all = course.modules.flatMap((m) => m.questions.map((q) => ({ ...q.data, moduleId: m.id })));
	const seeds: number[] = [];
	for (let seed = 1; seeds.length < n && seed < 10_000; seed++) {
		if (drawQuestions(all, { count, modules, seed }).some((q) => !q.audiences.includes('all') && q.moduleId === 'personal-use')) seeds.push(seed);
	}
	return seeds;
}

for (const [name, role, learner] of [
	['governor', 'Governor or trustee', { role: 'governor', recruiter: false }],
	['contractor', 'Contractor', { role: 'contractor', recruiter: false }],
] as const) {
	test(`a ${name}'s personal-use check and assessment, at seeds that would otherwise ask about PPA time, stay on their path`, async ({ page }) => {
		test.setTimeout(180_000);
		await saveProfile(page, { name: 'Pat Lee', email: 'pat.lee@example.org', role });
		const path = pathOf(learner);
		for (const seed of seedsThatWouldAskPpa(course.course.knowledgeCheck.questionCount, ['personal-use'], 3)) {
			await page.goto(`/modules/personal-use/check/?seed=${seed}`);
			await takeCheckHere(page, learner);
		}
		for (const seed of seedsThatWouldAskPpa(course.course.assessment.questionCount, path.required, 1)) {
			await page.goto(`/assessment/?seed=${seed}`);
			const start = page.getByRole('button', { name: /Start (the assessment|a new attempt)/ });
			await expect(start).toBeEnabled();
			await start.click();
			for (let i = 0; i < course.course.assessment.questionCount; i++) {
				const legend = await page.locator('fieldset legend').first().innerText();
				expect(path.questionFor(legend), `seed ${seed}: ${legend}`).toBe(true);
				await answerQuestion(page, true);
				await page.getByRole('button', { name: /Save and (next question|check your answers)/ }).click();
			}
			await page.getByRole('button', { name: 'Submit my answers' }).click();
			await page.getByRole('button', { name: 'Yes, submit my answers' }).click();
			await expect(page.getByRole('heading', { name: /^You passed/ })).toBeVisible();
		}
	});
}

test('a governor sees the governor path, with recruitment only when they shortlist', async ({ page }) => {
	await saveProfile(page, { name: 'Grace Mensah', staff: 'GOV-0042', role: 'Governor or trustee' });
	await page.goto('/');
	await expect(page.getByText('Grace Mensah · Governor or trustee')).toBeVisible();
	const required = await page
		.getByTestId('path')
		.locator('li[data-module]')
		.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-module')));
	expect(required).not.toContain('recruitment-and-equality');
	await expect(page.getByText(/Not on your path, open to browse: Recruitment and equality/)).toBeVisible();
	expect(await wcagViolations(page)).toEqual([]);
	await saveProfile(page, { name: 'Grace Mensah', staff: 'GOV-0042', role: 'Governor or trustee', recruiter: true });
	await page.goto('/');
	await expect(page.getByTestId('path').locator('li[data-module="recruitment-and-equality"]')).toBeVisible();
});

test("a new learner's record starts with an initialized about them, made when their details are saved", async ({ page }) => {
	await page.goto('/');
	await page.goto('/policy/');
	await page.goto('/');
	expect(await storedRecords(page)).toEqual([]);
	await saveProfile(page, { name: 'Kit Doe', email: 'kit.doe@example.org', role: 'Support staff' });
	await page.goto('/modules/monitoring/privacy-and-monitoring/');
	await page.locator('[data-lesson-done][data-ready]').click();
	await page.waitForURL(/scenarios/);
	const statements = (await storedRecords<{ statement: Statement }>(page)).map((r) => r.statement);
	expect(statements.map((s) => s.verb.id.split('/').pop())).toEqual(['initialized', 'experienced']);
	expect(statements[0]!.actor).toMatchObject({ name: 'Kit Doe', mbox: 'mailto:kit.doe@example.org' });
	expect(statements[1]!.actor).toEqual(statements[0]!.actor);
});

test('a lesson read before "Your details" is filed under the learner once they are saved: one actor throughout', async ({ page }) => {
	await page.goto('/modules/monitoring/privacy-and-monitoring/');
	await page.locator('[data-lesson-done][data-ready]').click();
	await page.waitForURL(/scenarios/);
	await saveProfile(page, { name: 'Ade Bello', email: 'ade.bello@example.org', role: 'Volunteer' });
	const statements = (await storedRecords<{ statement: Statement }>(page)).map((r) => r.statement);
	expect(statements.map((s) => s.verb.id.split('/').pop()).sort()).toEqual(['experienced', 'initialized']);
	for (const s of statements) expect(s.actor).toEqual({ objectType: 'Agent', name: 'Ade Bello', mbox: 'mailto:ade.bello@example.org' });
});

test('a second tab sees the same progress', async ({ page, context }) => {
	await saveProfile(page, { name: 'Lin Chen', email: 'lin@example.org', role: 'Volunteer' });
	await page.goto('/');
	const other = await context.newPage();
	await other.goto('/');
	await expect(other.getByText('Lin Chen · Volunteer')).toBeVisible();
	await page.goto('/modules/monitoring/privacy-and-monitoring/');
	await page.locator('[data-lesson-done][data-ready]').click();
	await page.waitForURL(/scenarios/);
	await expect(other.getByTestId('path').locator('li[data-module="monitoring"]')).toContainText('In progress');
});

test('corrupted stored data is set aside with a notice, never an error page', async ({ page }) => {
	await page.addInitScript(() => {
		if (sessionStorage.getItem('seeded')) return;
		sessionStorage.setItem('seeded', '1');
		localStorage.setItem('policy-course:progress', '{"v":1,"data":{"attempt":42');
		localStorage.setItem('policy-course:profile', JSON.stringify({ v: 1, data: { name: '', role: 'wizard' } }));
	});
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto('/');
	await expect(page.getByText(/Your saved progress could not be read, so it was reset/)).toBeVisible();
	await expect(page.getByText(/Your saved details \(name, role\) could not be read/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Your course' })).toBeVisible();
	expect(errors).toEqual([]);
	const stored = await storage(page);
	const setAside = JSON.parse(stored['policy-course:quarantine']!) as Array<{ key: string; raw: string }>;
	expect(setAside.map((q) => q.key).sort()).toEqual(['policy-course:profile', 'policy-course:progress']);
	expect(setAside.find((q) => q.key === 'policy-course:progress')!.raw).toBe('{"v":1,"data":{"attempt":42');
	// Dismissed notices stay dismissed.
	while (await page.getByRole('button', { name: 'OK, hide this message' }).count())
		await page.getByRole('button', { name: 'OK, hide this message' }).first().click();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Your course' })).toBeVisible();
	await expect(page.getByText(/could not be read/)).toHaveCount(0);
	await page.goto('/records/');
	await expect(page.getByText(/Some saved data could not be read and was set aside/)).toBeVisible();
});

test('a full storage is reported and the record download offered', async ({ page }) => {
	await page.addInitScript(() => {
		const real = Storage.prototype.setItem;
		Storage.prototype.setItem = function (key: string, value: string) {
			if (key === 'policy-course:progress' && (window as unknown as { full?: boolean }).full)
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			return real.call(this, key, value);
		};
	});
	await page.goto('/modules/monitoring/privacy-and-monitoring/');
	await page.evaluate(() => {
		(window as unknown as { full: boolean }).full = true;
	});
	await page.locator('[data-lesson-done][data-ready]').scrollIntoViewIfNeeded();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Your browser storage is full');
	await expect(alert.getByRole('button', { name: 'Download my training record' })).toBeVisible();
	const download = page.waitForEvent('download');
	await alert.getByRole('button', { name: 'Download my training record' }).click();
	expect((await download).suggestedFilename()).toMatch(/^training-record-social-media-policy-learner-\d{4}-\d{2}-\d{2}\.json$/);
});

test('"Forget me" asks first, offers the download, then leaves no course data in storage', async ({ page }) => {
	await saveProfile(page, { name: 'Ola Nowak', email: 'ola@example.org', role: 'Contractor' });
	await page.goto('/modules/monitoring/privacy-and-monitoring/');
	await page.locator('[data-lesson-done][data-ready]').click();
	await page.goto('/profile/');
	await page.getByRole('button', { name: 'Forget me on this device' }).click();
	await expect(page.getByRole('heading', { name: 'Are you sure?' })).toBeFocused();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download my training record' }).click();
	expect((await download).suggestedFilename()).toMatch(/ola-nowak/);
	await page.getByRole('button', { name: 'Yes, delete everything' }).click();
	await expect(page.getByRole('heading', { name: 'Everything has been deleted from this device' })).toBeFocused();
	const keys = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('policy-course:')));
	expect(keys).toEqual([]);
});
