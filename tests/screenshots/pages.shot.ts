/**
 * `npm run screenshots` (playwright.screenshots.config.ts): full-page pictures of every page type
 * and every state of a case, at 1280x800 (project "desktop") and 375x740 ("phone"), into
 * screenshots/<project>/ (git-ignored). For people reviewing the learner's experience
 * (docs/review-learner-experience-checklist.md points at them); it asserts only what it needs to
 * reach each state, and is not part of npm test.
 *
 * The pictures of a finished learner mark the modules done in storage (markPathDone) rather than
 * walking the whole path: these are pictures, not a journey test (journey.spec.ts walks it).
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { acknowledgePolicy, course, saveProfile, takeAssessment, takeKnowledgeCheck, waitForIslands, waitForLearnerState, markPathDone, answerQuestion, answerAssessmentQuestions } from '../e2e/helpers.ts';

const mod = course.modules[0]!;
const CASE = '/modules/acceptable-use/scenarios/pupil-friend-request/';
const LEAVE = 'Leave it for now and decide what to do later';
const KIND = "Explain kindly that staff don't connect with pupils online, and decline";
const LATER = "Say you'll accept it once she has left the school at the end of the summer";
const ACCEPT = 'Accept the request: she is a lovely pupil and it seems harmless';
const REPLY = 'Reply privately to reassure her, and keep it between the two of you';

/** One picture: screenshots/<desktop|phone>/<name>.png, the whole page. */
async function shot(page: Page, info: TestInfo, name: string, fullPage = true) {
	// A long page (the whole policy) takes a while to capture on a busy machine.
	await page.screenshot({ path: `screenshots/${info.project.name}/${name}.png`, fullPage, animations: 'disabled', timeout: 90_000 });
}

async function visit(page: Page, path: string) {
	await page.goto(path);
	await waitForLearnerState(page);
}

async function choose(page: Page, label: string) {
	await page.getByRole('button', { name: label, exact: true }).click();
	await expect(page.locator('#consequence')).toBeFocused();
}

test('pages a new learner sees', async ({ page }, info) => {
	await visit(page, '/');
	await shot(page, info, '01-home-new');
	await shot(page, info, '01-home-new-first-screen', false);
	await visit(page, '/profile/');
	await page.getByRole('button', { name: 'Save my details' }).click();
	await shot(page, info, '02-profile-errors');
	await saveProfile(page, { name: 'Alex Morgan', role: 'Teaching staff' });
	await shot(page, info, '02-profile-saved');
	await visit(page, `/modules/${mod.id}/`);
	await shot(page, info, '03-module-new');
	await visit(page, `/modules/${mod.id}/${mod.lessons[0]!.id}/`);
	await shot(page, info, '04-lesson');
	await page.locator('[data-lesson-done][data-ready]').click();
	await page.waitForURL((u) => !u.pathname.endsWith(`/${mod.lessons[0]!.id}/`));
	await visit(page, `/modules/${mod.id}/`);
	await shot(page, info, '03-module-in-progress');
	// The knowledge check: a question, a wrong answer checked, then the result.
	await visit(page, `/modules/${mod.id}/check/`);
	await shot(page, info, '05-check-question');
	await answerQuestion(page, false);
	await page.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.getByText(/^(Correct\.|Not quite\.)/)).toBeVisible();
	await shot(page, info, '05-check-feedback');
	for (let i = 0; i < 8; i++) {
		if (await page.getByRole('heading', { name: /You answered \d+ of \d+/ }).isVisible()) break;
		const next = page.getByRole('button', { name: /Next question|See your result/ });
		if (await next.isVisible()) {
			await next.click();
			continue;
		}
		await answerQuestion(page, i % 2 === 0);
		await page.getByRole('button', { name: 'Check my answer' }).click();
	}
	await expect(page.getByRole('heading', { name: /You answered \d+ of \d+/ })).toBeVisible();
	await shot(page, info, '05-check-result');
	await visit(page, '/assessment/');
	await shot(page, info, '06-assessment-intro');
	await visit(page, '/certificate/');
	await shot(page, info, '07-certificate-not-yet');
	await visit(page, '/records/');
	await shot(page, info, '08-record-early');
	for (const [name, path] of [['09-policy', '/policy/'], ['10-help', '/help/'], ['11-offline', '/offline/'], ['12-not-found', '/no-such-page/']] as const) {
		await page.goto(path);
		await shot(page, info, name);
	}
	await page.goto('/policy/#clause-1.1');
	await shot(page, info, '09-policy-clause-link', false);
});

test('every state of a case', async ({ page }, info) => {
	await visit(page, CASE);
	await waitForIslands(page);
	await shot(page, info, '20-case-opening');
	await choose(page, LEAVE);
	// The screen as the learner sees it, taken first: a full-page capture moves the scroll position.
	// Once the smooth scroll has brought all of it into view.
	await expect(page.locator('#consequence')).toBeInViewport({ ratio: 1 });
	await shot(page, info, '21-case-after-a-choice-in-view', false);
	await shot(page, info, '21-case-after-a-choice');
	await choose(page, KIND);
	await shot(page, info, '22-case-ending-best-practice');
	await page.getByRole('group', { name: 'Picture of the case' }).locator('[data-node]').first().focus();
	await shot(page, info, '26-case-picture-focused', false);
	await page.getByRole('button', { name: /^Go back to decision 2 / }).click();
	await shot(page, info, '23-case-gone-back');
	await choose(page, LATER);
	await shot(page, info, '22-case-ending-risky');
	await page.getByRole('button', { name: /^Go back to decision 1 / }).click();
	await choose(page, ACCEPT);
	await page.reload();
	await waitForIslands(page);
	await shot(page, info, '24-case-resumed-after-reload');
	await choose(page, REPLY);
	await shot(page, info, '22-case-ending-breach');
	await page.reload();
	await waitForIslands(page);
	await shot(page, info, '25-case-ending-after-reload');
	await page.emulateMedia({ forcedColors: 'active' });
	await shot(page, info, '27-case-ending-forced-colours');
});

test('pages of a learner who finishes', async ({ page }, info) => {
	await saveProfile(page, { name: 'Alex Morgan', role: 'Teaching staff' });
	await takeKnowledgeCheck(page, mod.id);
	await markPathDone(page);
	await visit(page, '/assessment/');
	await page.getByRole('button', { name: /Start (the assessment|a new attempt)/ }).click();
	await shot(page, info, '30-assessment-question');
	// Every question answered, every third one wrongly, so "Check your answers" shows answers and
	// the result shows what was missed.
	await answerAssessmentQuestions(page, (i) => i % 3 !== 0);
	await shot(page, info, '31-check-your-answers');
	// A failed attempt (this one), then a pass.
	await page.getByRole('button', { name: 'Submit my answers' }).click();
	await page.getByRole('button', { name: 'Yes, submit my answers' }).click();
	await expect(page.locator('#result-heading')).toContainText('You did not pass');
	await shot(page, info, '32-result-fail');
	await takeAssessment(page, true);
	await expect(page.getByRole('heading', { name: /^You passed/ })).toBeVisible();
	await shot(page, info, '32-result-pass');
	await visit(page, '/acknowledge/');
	await shot(page, info, '33-acknowledge');
	await acknowledgePolicy(page);
	await shot(page, info, '33-acknowledge-done');
	await visit(page, '/certificate/');
	await shot(page, info, '34-certificate');
	await page.emulateMedia({ media: 'print' });
	await shot(page, info, '34-certificate-print');
	await page.pdf({ path: `screenshots/${info.project.name}/34-certificate.pdf`, format: 'A4', preferCSSPageSize: true });
	await page.emulateMedia({ media: 'screen' });
	await visit(page, '/records/');
	await shot(page, info, '35-my-record');
	await visit(page, '/');
	await shot(page, info, '36-home-finished');
	await visit(page, '/refresher/');
	await shot(page, info, '37-refresher');
});
