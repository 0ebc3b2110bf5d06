/**
 * Issue 16 (review item 13): submitting the acknowledgement without ticking the box shows a GOV.UK
 * error summary at the top of the form, takes focus to it, and its link takes focus to the box;
 * the box keeps its own inline message. Done by keyboard alone, from a learner who has passed.
 */
import { wcagViolationLines } from './axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { markPathDone, saveProfile, takeAssessment, waitForIslands } from './helpers.ts';

/** Presses Tab until `name` has focus (at most 40 presses), as a keyboard user would. */
async function tabTo(page: Page, name: string) {
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((n) => (document.activeElement?.textContent ?? '').trim() === n, name)) return;
	}
	throw new Error(`Tab never reached "${name}"`);
}

test('confirming without ticking the box shows a focused error summary whose link takes the keyboard to the box', async ({ page }) => {
	test.setTimeout(120_000); // a whole assessment first: a budget that does not assume an idle machine
	await saveProfile(page, { name: 'Amara Okafor', role: 'Support staff' });
	await takeAssessment(page, true);
	await expect(page.getByRole('heading', { name: /You passed/ })).toBeVisible();
	await markPathDone(page);
	await page.goto('/acknowledge/');
	await waitForIslands(page);

	await tabTo(page, 'Confirm and complete the course');
	await page.keyboard.press('Enter');

	const summary = page.getByRole('alert', { name: 'There is a problem' });
	await expect(summary).toBeFocused();
	await expect(summary).toHaveAttribute('role', 'alert');
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	// At the top of the form: before the question it points to.
	const [summaryBox, boxBox] = [await summary.boundingBox(), await page.locator('#ack').boundingBox()];
	expect(summaryBox!.y).toBeLessThan(boxBox!.y);
	// One alert, not two: the inline message is read through the box's description instead.
	await expect(page.getByRole('alert')).toHaveCount(1);
	await expect(page.locator('#ack-error')).toContainText('Tick the box to confirm you have read and understood the policy');
	await expect(page.getByRole('checkbox')).toHaveAccessibleDescription(/Tick the box to confirm/);
	expect(await wcagViolationLines(page)).toEqual([]);

	await page.keyboard.press('Tab');
	const link = summary.getByRole('link', { name: 'Tick the box to confirm you have read and understood the policy' });
	await expect(link).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('checkbox', { name: /I confirm I have read and understood/ })).toBeFocused();
	await page.keyboard.press('Space');
	await expect(page.getByRole('checkbox')).toBeChecked();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Confirm and complete the course' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: /you have completed the course/ })).toBeFocused();
});
