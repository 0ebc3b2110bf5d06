/**
 * Issue 16 (progress, check answers, header): a new learner's first action is "Your details",
 * "Check your answers" shows each answer with a way to change it, and the header's Menu button
 * works on a phone by keyboard, with no JavaScript needed.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answerQuestion, course, questionByLegend, saveProfile, takeAssessment, waitForIslands } from './helpers.ts';

const axe = async (page: Page) =>
	(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map((v) => v.id);

test('the home page\'s first action for a new learner is "Your details", first in the task list too', async ({ page }) => {
	await page.goto('/');
	await waitForIslands(page);
	await expect(page.getByTestId('next-step')).toHaveText('Your details');
	await expect(page.getByTestId('path').locator('li').first()).toContainText('Your details');
	await expect(page.getByTestId('path').locator('li').first()).toContainText('Not started');
	// The assessment may be taken at any time, so the task list links to it from the start.
	await expect(page.getByTestId('path').locator('li').last().getByRole('link', { name: 'Final assessment' })).toHaveAttribute('href', /\/assessment\/$/);
	expect(await axe(page)).toEqual([]);
	await page.getByTestId('next-step').click();
	await expect(page).toHaveURL(/\/profile\/$/);
});

test('"Check your answers" lists each question with the answer given and a Change button that goes back to it', async ({ page }) => {
	await page.goto('/assessment/?seed=7');
	await page.getByRole('button', { name: 'Start the assessment' }).click();
	const first = page.locator('fieldset').first();
	const prompt = (await first.locator('legend').innerText()).trim();
	const option = first.getByRole('radio').or(first.getByRole('checkbox')).first();
	const optionName = (await option.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.innerText ?? '')).trim();
	await option.check();
	await page.getByRole('button', { name: 'Save and next question' }).click();
	await page.getByRole('button', { name: 'Check your answers' }).click();
	await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeFocused();
	const rows = page.getByTestId('check-answers').locator('.summary-list__row');
	await expect(rows).toHaveCount(12);
	await expect(rows.first().locator('dt')).toContainText(prompt);
	await expect(rows.first().locator('.summary-list__value')).toHaveText(optionName);
	await expect(rows.nth(1).locator('.summary-list__value')).toHaveText('Not answered');
	expect(await axe(page)).toEqual([]);
	await rows.first().getByRole('button', { name: 'Change your answer to question 1' }).click();
	await expect(page.locator('#question-heading')).toHaveText('Question 1 of 12');
	await expect(option).toBeChecked();
});

test('the result lists modules in course order as counts, every question missed with both answers, and a pass in a confirmation panel', async ({ page }) => {
	test.setTimeout(120_000);
	await saveProfile(page, { name: 'Sam Reid', role: 'Support staff' });
	await takeAssessment(page, false);
	await expect(page.locator('#result-heading')).toContainText('You did not pass this time');
	await expect(page.locator('.confirmation')).toHaveCount(0);
	// An honest measure: a count per module, no "Strong" or "Revisit" label drawn from one question.
	const table = page.getByRole('table');
	await expect(table.getByRole('columnheader')).toHaveText(['Module', 'Questions right']);
	await expect(table).not.toContainText(/Strong|Partly/);
	const rows = (await table.locator('tbody td:first-child').allInnerTexts()).map((t) => t.trim());
	const order = course.modules.map((m) => m.data.title);
	expect(rows.map((t) => order.indexOf(t))).toEqual([...rows.map((t) => order.indexOf(t))].sort((a, b) => a - b));
	expect(rows.every((t) => order.includes(t))).toBe(true);
	// Every question was answered wrongly: all 12 are listed, each with the answer given, the right one and why.
	const missed = page.getByTestId('missed-questions');
	await missed.locator('summary').click();
	const items = missed.locator('li');
	await expect(items).toHaveCount(12);
	const first = items.first();
	const q = questionByLegend(await first.locator('strong').innerText());
	await expect(first).toContainText('Your answer: ');
	await expect(first).toContainText('The right answer: ');
	await expect(first).toContainText(q.explanation);
	expect(await axe(page)).toEqual([]);
	await takeAssessment(page, true);
	await expect(page.locator('.confirmation #result-heading')).toContainText('You passed');
	await expect(page.getByTestId('missed-questions')).toHaveCount(0);
});

test('a checked knowledge-check question marks the answer given and the right one in words, and the result lists what was missed with its feedback', async ({
	page,
}) => {
	await page.goto('/modules/monitoring/check/');
	const legends: string[] = [];
	for (let i = 0; i < 6; i++) {
		if (await page.getByRole('heading', { name: /You answered \d+ of \d+/ }).isVisible()) break;
		await expect(page.locator('fieldset')).toBeVisible();
		legends.push(await page.locator('fieldset legend').innerText());
		await answerQuestion(page, false);
		await page.getByRole('button', { name: 'Check my answer' }).click();
		await expect(page.getByText(/^Not quite\./)).toBeVisible();
		// In place: the chosen option says it was the learner's and not right; the right one says so.
		const chosen = page.locator('fieldset .option').filter({ has: page.locator('input:checked') });
		await expect(chosen.locator('.option__mark')).toHaveText('Your answer: not right');
		await expect(page.locator('fieldset .option--right .option__mark').first()).toHaveText('Right answer');
		if (i === 0) expect(await axe(page)).toEqual([]);
		await page.getByRole('button', { name: /Next question|See your result/ }).click();
	}
	const missed = page.getByTestId('check-missed').locator('li');
	await expect(missed).toHaveCount(legends.length);
	const q = questionByLegend(legends[0]!);
	await expect(missed.first()).toContainText(q.prompt);
	await expect(missed.first()).toContainText(q.explanation);
	await expect(missed.first()).toContainText('The answer is: ');
	expect(await axe(page)).toEqual([]);
});

test.describe('on a 375 px phone', () => {
	test.use({ viewport: { width: 375, height: 740 } });

	test('the header collapses to a Menu button that opens by keyboard, with no JavaScript', async ({ page }) => {
		// The policy is a reading page: it ships no script (reading-pages.spec.ts), so the menu is HTML and CSS alone.
		await page.goto('/policy/');
		expect(await page.locator('script[src], script[type="module"]').count()).toBe(0);
		const header = page.locator('header');
		await expect(header.getByRole('link', { name: 'My record' })).toBeHidden();
		const menu = header.locator('summary', { hasText: 'Menu' });
		await expect(menu).toBeVisible();
		await page.keyboard.press('Tab'); // skip link
		await page.keyboard.press('Tab'); // site name
		await page.keyboard.press('Tab');
		await expect(menu).toBeFocused();
		await page.keyboard.press('Enter');
		const nav = header.getByRole('navigation', { name: 'Main' });
		await expect(nav).toHaveCount(1);
		await expect(nav.getByRole('link', { name: 'My record' })).toBeVisible();
		expect(await axe(page)).toEqual([]);
		await page.keyboard.press('Tab');
		await expect(nav.getByRole('link', { name: 'Course' })).toBeFocused();
	});

	test('at desktop width the links show in a row and no Menu button', async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto('/policy/');
		await expect(page.locator('header summary', { hasText: 'Menu' })).toBeHidden();
		await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My record' })).toBeVisible();
	});
});
