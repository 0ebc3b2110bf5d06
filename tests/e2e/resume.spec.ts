/**
 * A reload returns the learner to exactly what they saw: a case's step (with the situation and
 * the last consequence), a case's ending, a knowledge-check question (answered or not), and an
 * assessment question, review or confirm step. (The refresher pre-check's reload is proved in
 * the journey spec, after a completed induction.)
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { answerQuestion, course, saveProfile, waitForIslands } from './helpers.ts';

async function reloadKeeps(page: Page, parts: Locator[]) {
	const before = await Promise.all(parts.map(async (p) => (await p.textContent()) ?? ''));
	await page.reload();
	await waitForIslands(page);
	for (const [i, part] of parts.entries()) await expect(part).toHaveText(before[i]!);
}

test.beforeEach(async ({ page }) => {
	await saveProfile(page, { name: 'Rhea Shah', email: 'rhea.shah@example.org', role: 'Teaching staff' });
});

test('a reload on a case step shows the situation, the last consequence and the same step', async ({ page }) => {
	const scenario = course.modules.find((m) => m.id === 'monitoring')!.scenarios[0]!;
	await page.goto(`/modules/monitoring/scenarios/${scenario.id}/`);
	await waitForIslands(page);
	await page.locator('.choices button[data-choice]').first().click();
	await expect(page.getByText(/^What happened:/)).toBeVisible();
	if ((await page.locator('#step-heading').innerText()).startsWith('Outcome')) test.skip(true, 'first choice ends this case at once');
	await reloadKeeps(page, [
		page.locator('#step-heading'),
		page.getByText(/^What happened:/),
		page.getByRole('heading', { name: 'The situation' }).locator('..'),
		page.locator('.scenario section'),
	]);
	await expect(page.getByText('Welcome back: you are where you left off.')).toBeVisible();
});

test('a reload on a case ending shows the same ending, not a restart', async ({ page }) => {
	const scenario = course.modules.find((m) => m.id === 'monitoring')!.scenarios[0]!;
	await page.goto(`/modules/monitoring/scenarios/${scenario.id}/`);
	await waitForIslands(page);
	for (let i = 0; i < 15 && !(await page.locator('#step-heading').innerText()).startsWith('Outcome'); i++) {
		await page.locator('.choices button[data-choice]').first().click();
	}
	await expect(page.locator('#step-heading')).toHaveText(/^Outcome/);
	await reloadKeeps(page, [page.locator('#step-heading'), page.locator('.scenario section')]);
	await expect(page.getByRole('button', { name: /Go back to decision 1/ })).toBeVisible();
});

test('a reload mid knowledge check keeps the question, the answer and its feedback', async ({ page }) => {
	await page.goto('/modules/monitoring/check/');
	await expect(page.locator('fieldset')).toBeVisible();
	await answerQuestion(page, false);
	await page.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.getByText(/^Not quite\./)).toBeVisible();
	const checked = page.locator('fieldset input:checked');
	const value = await checked.getAttribute('value');
	await reloadKeeps(page, [page.locator('#check-heading'), page.locator('fieldset legend'), page.getByRole('status').filter({ hasText: 'Not quite.' })]);
	await expect(page.locator('fieldset input:checked')).toHaveAttribute('value', value!);
	await expect(page.locator('fieldset input:checked')).toBeDisabled();
	// The next question, answered but not yet checked.
	await page.getByRole('button', { name: 'Next question' }).click();
	await expect(page.locator('#check-heading')).toHaveText('Question 2 of 4');
	await answerQuestion(page, true);
	const picked = await page.locator('fieldset input:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	await reloadKeeps(page, [page.locator('#check-heading'), page.locator('fieldset legend')]);
	expect(await page.locator('fieldset input:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(picked);
	await expect(page.getByRole('button', { name: 'Check my answer' })).toBeVisible();
});

test('a reload in the assessment keeps the question on screen, the answers, the review and the confirm step', async ({ page }) => {
	await page.goto('/assessment/');
	await page.getByRole('button', { name: 'Start the assessment' }).click();
	await answerQuestion(page, true);
	await page.getByRole('button', { name: 'Save and next question' }).click();
	await answerQuestion(page, false);
	await page.getByRole('button', { name: 'Save and next question' }).click();
	await page.getByRole('button', { name: 'Previous question' }).click();
	await expect(page.locator('#question-heading')).toHaveText(/^Question 2 of/);
	const picked = await page.locator('fieldset input:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	await reloadKeeps(page, [page.locator('#question-heading'), page.locator('fieldset legend')]);
	expect(await page.locator('fieldset input:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(picked);
	await page.getByRole('button', { name: 'Check your answers' }).click();
	await reloadKeeps(page, [page.locator('#review-heading'), page.getByTestId('check-answers')]);
	await page.getByRole('button', { name: 'Submit my answers' }).click();
	await reloadKeeps(page, [page.getByRole('heading', { name: 'Submit your answers?' }), page.getByText(/You have answered 2 of/)]);
});
