/** Shared steps for the browser tests, written as a learner would act: by role and label. */
import { resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { loadCourse } from '../../src/build/load.ts';
import { optionsOf } from '../../src/assessment/options.ts';
import { correctAnswer } from '../../src/assessment/score.ts';
import { pathModules } from '../../src/build/coverage.ts';
import { isFor, requiredModules, type Learner } from '../../src/course/paths.ts';

export const course = loadCourse(resolve('modules'));
export const allScenarios = course.modules.flatMap((m) => m.scenarios);
const allQuestions = course.modules.flatMap((m) => m.questions.map((q) => q.data));

/** The legend text a question is shown with, and the labels of its correct and wrong options. */
export function answerKey(legend: string): { right: string[]; wrong: string[]; multiple: boolean } {
	const q = allQuestions.find((x) => legend.endsWith(x.prompt));
	if (!q) throw new Error(`No question with legend ${legend}`);
	const options = optionsOf(q);
	const right = correctAnswer(q);
	return {
		right: options.filter((o) => right.includes(o.id)).map((o) => o.text),
		wrong: options.filter((o) => !right.includes(o.id)).map((o) => o.text),
		multiple: q.type === 'multiple',
	};
}

export type { Learner };

/** What is on a learner's path, worked out from the content (not from the page under test). */
export function pathOf(learner: Learner) {
	const required = requiredModules(course.course, pathModules(course), learner);
	return {
		required,
		lessonFor: (moduleId: string, lessonId: string) =>
			isFor(course.modules.find((m) => m.id === moduleId)!.lessons.find((l) => l.id === lessonId)!.data.audiences, learner),
		scenarioFor: (moduleId: string, scenarioId: string) =>
			isFor(course.modules.find((m) => m.id === moduleId)!.scenarios.find((s) => s.id === scenarioId)!.data.audiences, learner),
		/** True when the question with this legend belongs to a required module and is for this learner. */
		questionFor: (legend: string) => {
			const q = questionByLegend(legend);
			return required.includes(q.moduleId) && isFor(q.audiences, learner);
		},
	};
}

const questionsWithModule = course.modules.flatMap((m) => m.questions.map((q) => ({ ...q.data, moduleId: m.id })));
/** The question shown with this legend ("3. True or false: ..." included). */
export function questionByLegend(legend: string) {
	const clean = legend.replace(/^\d+\.\s*/, '').trim();
	const q = questionsWithModule.find((x) => clean.endsWith(x.prompt));
	if (!q) throw new Error(`No question with legend ${legend}`);
	return q;
}

/**
 * Every option of the question in this fieldset is a control whose accessible name is exactly
 * its own text (a clashing id would leave one unlabelled or labelled by something else).
 */
export async function expectOptionsNamed(fieldset: Locator): Promise<void> {
	const q = questionByLegend(await fieldset.locator('legend').innerText());
	const options =
		q.type === 'truefalse'
			? [
					{ id: 'true', text: 'True' },
					{ id: 'false', text: 'False' },
				]
			: q.options;
	const inputs = fieldset.locator('input');
	await expect(inputs).toHaveCount(options.length);
	for (let i = 0; i < options.length; i++) {
		const input = inputs.nth(i);
		const value = await input.getAttribute('value');
		await expect(input).toHaveAccessibleName(options.find((o) => o.id === value)!.text);
	}
}

/** Answers the question on screen, rightly or wrongly. */
export async function answerQuestion(page: Page, correctly: boolean): Promise<void> {
	const legend = (await page.locator('fieldset legend').first().innerText()).replace(/^\d+\.\s*/, '').trim();
	const key = answerKey(legend);
	const picks = correctly ? key.right : [key.wrong[0]!];
	for (const label of picks) await page.getByLabel(label, { exact: true }).check();
}

export async function saveProfile(page: Page, profile: { name: string; email?: string; staff?: string; role: string; recruiter?: boolean }) {
	await page.goto('profile/');
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

/**
 * Waits until the page shows the learner's own state, not the server's: every island hydrated,
 * and the parts that mark it (the dashboard's section, a lesson's done button, a module's progress) carry
 * `data-ready`. This is what an accessibility check needs, and unlike waiting for the network
 * to be idle (at least 500 ms a page, and far more on a busy machine) it costs nothing extra.
 */
export async function waitForLearnerState(page: Page): Promise<void> {
	await page.waitForFunction(
		() =>
			!document.querySelector(
				'astro-island[ssr], section[aria-labelledby="dashboard-heading"]:not([data-ready]), [data-lesson-done]:not([data-ready]), [data-module-progress]:not([data-ready])',
			),
	);
}

/**
 * Plays a scenario from where it stands by always taking the first choice; returns the outcome
 * heading. A case already at its ending (a saved run is restored) is played again from decision 1.
 */
export async function playFirstChoices(page: Page): Promise<string> {
	await waitForIslands(page);
	await expect(page.locator('#step-heading')).toBeVisible();
	if ((await page.locator('#step-heading').innerText()).startsWith('Outcome')) {
		await page.getByRole('button', { name: /^Go back to decision 1 / }).click();
		await expect(page.locator('#step-heading')).toHaveAccessibleName('The moment, decision 1');
	}
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
	await readModule(page, moduleId, role);
	await takeKnowledgeCheck(page, moduleId);
}

/** Reads every lesson of a module (continue button) and plays its first case. */
export async function readModule(page: Page, moduleId: string, role: string) {
	const mod = course.modules.find((m) => m.id === moduleId)!;
	const isFor = (aud: string[]) => aud.includes('all') || aud.includes(role);
	for (const lesson of mod.lessons.filter((l) => isFor(l.data.audiences))) {
		await page.goto(`modules/${moduleId}/${lesson.id}/`);
		await page.locator('[data-lesson-done][data-ready]').click();
		await page.waitForURL((u) => !u.pathname.endsWith(`/${lesson.id}/`));
	}
	const scenario = mod.scenarios.find((s) => isFor(s.data.audiences))!;
	await page.goto(`modules/${moduleId}/scenarios/${scenario.id}/`);
	await playFirstChoices(page);
}

/** Takes a module's knowledge check, answering each question correctly and reading the feedback. */
export async function takeKnowledgeCheck(page: Page, moduleId: string) {
	await page.goto(`modules/${moduleId}/check/`);
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
	await page.goto('acknowledge/');
	await page.getByLabel(/I confirm I have read and understood/).check();
	await page.getByRole('button', { name: 'Confirm and complete the course' }).click();
	await expect(page.getByRole('heading', { name: /you have completed the course/ })).toBeVisible();
}

/** Answers the assessment's questions from the one on screen to "Check your answers", rightly or wrongly. */
export async function answerAssessmentQuestions(page: Page, correctly: boolean | ((index: number) => boolean)) {
	for (let i = 0; i < 40; i++) {
		const heading = await page.locator('#question-heading, #review-heading').first().innerText();
		if (heading.startsWith('Check your answers')) break;
		await answerQuestion(page, typeof correctly === 'function' ? correctly(i) : correctly);
		await page.getByRole('button', { name: /Save and (next question|check your answers)/ }).click();
	}
}

/** Answers every assessment question, rightly or wrongly, and submits with the confirm step. */
export async function takeAssessment(page: Page, correctly: boolean | ((index: number) => boolean)) {
	await page.goto('assessment/');
	await expect(page.getByRole('button', { name: /Start (the assessment|a new attempt)/ })).toBeEnabled();
	await page.getByRole('button', { name: /Start (the assessment|a new attempt)/ }).click();
	await answerAssessmentQuestions(page, correctly);
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
	await page.goto('./');
	await page.evaluate(
		(ids) => {
			const stored = JSON.parse(localStorage.getItem('policy-course:progress')!);
			for (const id of ids) stored.data.attempt.testedOut[id] = new Date().toISOString();
			localStorage.setItem('policy-course:progress', JSON.stringify(stored));
		},
		course.modules.map((m) => m.id),
	);
	await page.reload();
}

/**
 * Takes the knowledge check on screen, answering rightly, and proves that every question asked
 * is on the learner's path and every option is labelled by its own text.
 */
export async function takeCheckHere(page: Page, learner: Learner) {
	const path = pathOf(learner);
	for (let i = 0; i < 6; i++) {
		const heading = page.locator('#check-heading');
		await expect(heading).toBeVisible();
		if (/^You answered/.test(await heading.innerText())) return;
		const fieldset = page.locator('fieldset').first();
		const legend = await fieldset.locator('legend').innerText();
		expect(path.questionFor(legend), `check question off the path: ${legend}`).toBe(true);
		await expectOptionsNamed(fieldset);
		await answerQuestion(page, true);
		await page.getByRole('button', { name: 'Check my answer' }).click();
		await expect(page.getByText(/^(Correct\.|Not quite\.)/)).toBeVisible();
		await page.getByRole('button', { name: /Next question|See your result/ }).click();
	}
	await expect(page.getByRole('heading', { name: /You answered \d+ of \d+/ })).toBeVisible();
}

/**
 * Completes a module the way a learner does from its overview: the first lesson, then "Next"
 * each time (proving it never leads off the learner's path), one case, the knowledge check.
 */
export async function walkModule(page: Page, moduleId: string, learner: Learner) {
	const path = pathOf(learner);
	const mod = course.modules.find((m) => m.id === moduleId)!;
	await expect(page).toHaveURL(new RegExp(`/modules/${moduleId}/$`));
	const first = mod.lessons.find((l) => path.lessonFor(moduleId, l.id))!;
	await page.getByRole('link', { name: first.data.title, exact: true }).click();
	for (let i = 0; i < 12; i++) {
		const url = new URL(page.url()).pathname;
		// Matched from the end, so the walk also works under a sub-path (tests/e2e/subpath.spec.ts).
		const lessonId = /\/modules\/[^/]+\/([^/]+)\/$/.exec(url)?.[1] ?? '';
		if (url.includes('/scenarios/') || url.endsWith('/check/')) break;
		expect(path.lessonFor(moduleId, lessonId), `"Next" led to ${url}, not on the path`).toBe(true);
		await page.locator('[data-lesson-done][data-ready]').click();
		await page.waitForURL((u) => u.pathname !== url);
	}
	if (page.url().includes('/scenarios/')) {
		const scenarioId = /\/scenarios\/([^/]+)\/$/.exec(new URL(page.url()).pathname)![1]!;
		expect(path.scenarioFor(moduleId, scenarioId), `"Next" led to case ${scenarioId}, not on the path`).toBe(true);
		await playFirstChoices(page);
		await page.goto(`modules/${moduleId}/`);
		await page.getByRole('link', { name: 'Start the knowledge check' }).click();
	}
	await takeCheckHere(page, learner);
}

/** From the home page, follows "Continue: <module>" until the path is done. */
export async function walkPath(page: Page, learner: Learner) {
	for (let i = 0; i < 12; i++) {
		await page.goto('./');
		// The server renders a new learner's next step; read it only once the island shows this learner's.
		await expect(page.locator('section[aria-labelledby="dashboard-heading"][data-ready]')).toBeVisible();
		const next = page.getByTestId('next-step');
		await expect(next).toBeVisible();
		const label = await next.innerText();
		if (!label.startsWith('Continue: ')) return;
		const mod = course.modules.find((m) => m.data.title === label.slice('Continue: '.length))!;
		expect(pathOf(learner).required).toContain(mod.id);
		await next.click();
		await walkModule(page, mod.id, learner);
	}
}

/**
 * Takes the final assessment (started from its page), proving each question is on the path and
 * labelled; returns the ids of the questions asked.
 */
export async function takeAssessmentOnPath(page: Page, learner: Learner, correctly: boolean | ((index: number) => boolean) = true): Promise<string[]> {
	const path = pathOf(learner);
	await page.goto('assessment/');
	const start = page.getByRole('button', { name: /Start (the assessment|a new attempt)/ });
	await expect(start).toBeEnabled();
	await start.click();
	const asked: string[] = [];
	for (let i = 0; i < 40; i++) {
		const heading = await page.locator('#question-heading, #review-heading').first().innerText();
		if (heading.startsWith('Check your answers')) break;
		const fieldset = page.locator('fieldset').first();
		const legend = await fieldset.locator('legend').innerText();
		expect(path.questionFor(legend), `assessment question off the path: ${legend}`).toBe(true);
		asked.push(questionByLegend(legend).id);
		await expectOptionsNamed(fieldset);
		await answerQuestion(page, typeof correctly === 'function' ? correctly(i) : correctly);
		await page.getByRole('button', { name: /Save and (next question|check your answers)/ }).click();
	}
	await page.getByRole('button', { name: 'Submit my answers' }).click();
	await expect(page.getByRole('heading', { name: 'Submit your answers?' })).toBeFocused();
	await page.getByRole('button', { name: 'Yes, submit my answers' }).click();
	await expect(page.getByRole('heading', { name: /^You passed/ })).toBeVisible();
	return asked;
}

/**
 * The training record as stored: one key per statement (`policy-course:record:<id>`), in the
 * order the statements were made. Read the way the app reads it (src/stores/records.ts).
 */
export async function storedRecords<
	T = {
		status: string;
		statement: {
			id: string;
			timestamp: string;
			verb: { id: string };
			object: { id: string };
			context: { registration: string; extensions: Record<string, string> };
			result?: { extensions?: Record<string, string> };
		};
	},
>(page: Page): Promise<T[]> {
	return page.evaluate(() => {
		const out: Array<{ statement: { id: string; timestamp: string } }> = [];
		for (const store of [sessionStorage, localStorage]) {
			for (const key of Object.keys(store)) if (key.startsWith('policy-course:record:')) out.push(JSON.parse(store.getItem(key)!).data);
		}
		const byId = new Map(out.map((r) => [r.statement.id, r]));
		return [...byId.values()].sort((a, b) =>
			a.statement.timestamp < b.statement.timestamp ? -1 : a.statement.timestamp > b.statement.timestamp ? 1 : a.statement.id < b.statement.id ? -1 : 1,
		);
	}) as Promise<T[]>;
}

/**
 * A launch naming a record store not used on this device asks the learner first (issue 21.1):
 * agree, as a learner sent by their own organisation would.
 */
export async function approveLrs(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Send my records there' }).click();
}
