/**
 * Issue 16 (progress, check answers, header): a new learner's first action is "Your details",
 * "Check your answers" shows each answer with a way to change it, and the header's Menu button
 * works on a phone by keyboard, with no JavaScript needed.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { waitForIslands } from './helpers.ts';

const axe = async (page: Page) =>
	(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map((v) => v.id);

test('the home page\'s first action for a new learner is "Your details", first in the task list too', async ({ page }) => {
	await page.goto('/');
	await waitForIslands(page);
	await expect(page.getByTestId('next-step')).toHaveText('Your details');
	await expect(page.getByTestId('path').locator('li').first()).toContainText('Your details');
	await expect(page.getByTestId('path').locator('li').first()).toContainText('Not started');
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
