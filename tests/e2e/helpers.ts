/** Shared steps for the browser tests, written as a learner would act: by role and label. */
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { loadCourse } from '../../src/course/load.ts';
import { correctAnswer } from '../../src/assessment/score.ts';

export const course = loadCourse(resolve('modules'));
export const allScenarios = course.modules.flatMap((m) => m.scenarios);
const allQuestions = course.modules.flatMap((m) => m.questions.map((q) => q.data));

/** The legend text a question is shown with, and the labels of its correct and wrong options. */
export function answerKey(legend: string): { right: string[]; wrong: string[]; multiple: boolean } {
	const q = allQuestions.find((x) => legend.endsWith(x.prompt));
	if (!q) throw new Error(`No question with legend ${legend}`);
	const options = q.type === 'truefalse' ? [{ id: 'true', text: 'True' }, { id: 'false', text: 'False' }] : q.options;
	const right = correctAnswer(q);
	return {
		right: options.filter((o) => right.includes(o.id)).map((o) => o.text),
		wrong: options.filter((o) => !right.includes(o.id)).map((o) => o.text),
		multiple: q.type === 'multiple',
	};
}

/** Answers the question on screen, rightly or wrongly. */
export async function answerQuestion(page: Page, correctly: boolean): Promise<void> {
	const legend = (await page.locator('fieldset legend').first().innerText()).replace(/^\d+\.\s*/, '').trim();
	const key = answerKey(legend);
	const picks = correctly ? key.right : [key.wrong[0]!];
	for (const label of picks) await page.getByLabel(label, { exact: true }).check();
}

export async function saveProfile(page: Page, profile: { name: string; email?: string; staff?: string; role: string; recruiter?: boolean }) {
	await page.goto('/profile/');
	await page.getByLabel('Your name').fill(profile.name);
	if (profile.staff) {
		await page.getByLabel(/My staff number/).check();
		await page.getByLabel('Staff number', { exact: true }).fill(profile.staff);
	} else {
		await page.getByLabel('Work email address', { exact: true }).fill(profile.email ?? 'learner@example.org');
	}
	await page.getByRole('radio', { name: new RegExp(`^${profile.role}`) }).check();
	if (profile.recruiter) await page.getByLabel(/I shortlist or interview/).check();
	await page.getByRole('button', { name: 'Save my details' }).click();
	await expect(page.getByText('Your details are saved on this device')).toBeVisible();
}

/** Waits until every island on the page has hydrated (Astro drops their `ssr` attribute). */
export async function waitForIslands(page: Page): Promise<void> {
	await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
}

/** Plays a scenario from where it stands by always taking the first choice; returns the outcome heading. */
export async function playFirstChoices(page: Page): Promise<string> {
	await waitForIslands(page);
	for (let i = 0; i < 15; i++) {
		const heading = page.locator('#step-heading');
		await expect(heading).toBeVisible();
		const text = await heading.innerText();
		if (text.startsWith('Outcome')) return text;
		await page.locator('.choices button[data-choice]').first().click();
	}
	throw new Error('scenario did not end');
}

/** Reads every lesson of a module (continue button), plays its first case and takes its check. */
export async function completeModule(page: Page, moduleId: string, role: string) {
	const mod = course.modules.find((m) => m.id === moduleId)!;
	const isFor = (aud: string[]) => aud.includes('all') || aud.includes(role);
	for (const lesson of mod.lessons.filter((l) => isFor(l.data.audiences))) {
		await page.goto(`/modules/${moduleId}/${lesson.id}/`);
		await page.locator('[data-lesson-done][data-ready]').click();
		await page.waitForURL((u) => !u.pathname.endsWith(`/${lesson.id}/`));
	}
	const scenario = mod.scenarios.find((s) => isFor(s.data.audiences))!;
	await page.goto(`/modules/${moduleId}/scenarios/${scenario.id}/`);
	await playFirstChoices(page);
	await takeKnowledgeCheck(page, moduleId);
}

/** Takes a module's knowledge check, answering each question correctly and reading the feedback. */
export async function takeKnowledgeCheck(page: Page, moduleId: string) {
	await page.goto(`/modules/${moduleId}/check/`);
	for (let i = 0; i < 5; i++) {
		if (await page.getByRole('heading', { name: /You answered \d+ of \d+/ }).isVisible()) break;
		await answerQuestion(page, true);
		await page.getByRole('button', { name: 'Check my answer' }).click();
		await expect(page.getByText(/^(Correct\.|Not quite\.)/)).toBeVisible();
		await page.getByRole('button', { name: /Next question|See your result/ }).click();
	}
	await expect(page.getByRole('heading', { name: /You answered \d+ of \d+/ })).toBeVisible();
}

/** Confirms the policy acknowledgement, which completes the course. */
export async function acknowledgePolicy(page: Page) {
	await page.goto('/acknowledge/');
	await page.getByLabel(/I confirm I have read and understood/).check();
	await page.getByRole('button', { name: 'Confirm and complete the course' }).click();
	await expect(page.getByRole('heading', { name: /you have completed the course/ })).toBeVisible();
}

/** Answers every assessment question, rightly or wrongly, and submits with the confirm step. */
export async function takeAssessment(page: Page, correctly: boolean | ((index: number) => boolean)) {
	await page.goto('/assessment/');
	await expect(page.getByRole('button', { name: /Start (the assessment|a new attempt)/ })).toBeEnabled();
	await page.getByRole('button', { name: /Start (the assessment|a new attempt)/ }).click();
	for (let i = 0; i < 40; i++) {
		const heading = await page.locator('#question-heading, #review-heading').first().innerText();
		if (heading.startsWith('Check your answers')) break;
		await answerQuestion(page, typeof correctly === 'function' ? correctly(i) : correctly);
		await page.getByRole('button', { name: /Save and (next question|check your answers)/ }).click();
	}
	await page.getByRole('button', { name: 'Submit my answers' }).click();
	await expect(page.getByRole('heading', { name: 'Submit your answers?' })).toBeFocused();
	await page.getByRole('button', { name: 'Yes, submit my answers' }).click();
}

/** localStorage contents for this origin. */
export async function storage(page: Page): Promise<Record<string, string>> {
	return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)!])));
}

/**
 * Marks every module as done (tested out) in the stored progress, for tests about the end of
 * the course that do not need to walk the whole path first.
 */
export async function markPathDone(page: Page) {
	await page.goto('/');
	await page.evaluate((ids) => {
		const stored = JSON.parse(localStorage.getItem('policy-course:progress')!);
		for (const id of ids) stored.data.attempt.testedOut[id] = new Date().toISOString();
		localStorage.setItem('policy-course:progress', JSON.stringify(stored));
	}, course.modules.map((m) => m.id));
	await page.reload();
}

/**
 * The training record as stored: one key per statement (`policy-course:record:<id>`), in the
 * order the statements were made. Read the way the app reads it (src/stores/records.ts).
 */
export async function storedRecords<T = { status: string; statement: { id: string; timestamp: string; verb: { id: string }; object: { id: string }; context: { registration: string; extensions: Record<string, string> }; result?: { extensions?: Record<string, string> } } }>(page: Page): Promise<T[]> {
	return page.evaluate(() => {
		const out: Array<{ statement: { id: string; timestamp: string } }> = [];
		for (const store of [sessionStorage, localStorage]) {
			for (const key of Object.keys(store)) if (key.startsWith('policy-course:record:')) out.push(JSON.parse(store.getItem(key)!).data);
		}
		const byId = new Map(out.map((r) => [r.statement.id, r]));
		return [...byId.values()].sort((a, b) => (a.statement.timestamp < b.statement.timestamp ? -1 : a.statement.timestamp > b.statement.timestamp ? 1 : a.statement.id < b.statement.id ? -1 : 1));
	}) as Promise<T[]>;
}

/**
 * A launch naming a record store not used on this device asks the learner first (issue 21.1):
 * agree, as a learner sent by their own organisation would.
 */
export async function approveLrs(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Send my records there' }).click();
}
