import { wcagViolations } from './axe.ts';
import { expect, test } from '@playwright/test';
import { allScenarios, playFirstChoices, waitForIslands } from './helpers.ts';

for (const s of allScenarios) {
	test(`a learner plays one full path of "${s.id}" to a cited outcome`, async ({ page }) => {
		await page.goto(`/modules/${s.moduleId}/scenarios/${s.id}/`);
		await expect(page.getByRole('heading', { name: 'The situation' })).toBeVisible();
		const outcome = await playFirstChoices(page);
		expect(outcome).toMatch(/^Outcome: /);
		// Scoped to the player: the page's verdict legend uses the same words.
		await expect(page.locator('.scenario').getByText(/^(Best practice|Risky|Breach of the policy)$/)).toBeVisible();
		const clauseLinks = page.locator('.scenario .cites a');
		expect(await clauseLinks.count()).toBeGreaterThan(0);
		expect(await clauseLinks.first().getAttribute('href')).toMatch(/^\/policy\/#clause-/);
		await expect(page.getByRole('heading', { name: 'Your path' })).toBeVisible();
	});
}

test('the friend-request case is completed by keyboard alone, focus following each step, and passes axe', async ({ page }) => {
	await page.goto('/modules/acceptable-use/scenarios/pupil-friend-request/');
	await waitForIslands(page);
	await expect(page.getByRole('button', { name: /Leave it for now/ })).toBeVisible();
	expect(await wcagViolations(page)).toEqual([]);
	// Tab to the third choice ("Leave it for now") and press Enter.
	await page.keyboard.press('Tab'); // skip link
	for (let i = 0; i < 40; i++) {
		const label = await page.evaluate(() => document.activeElement?.textContent ?? '');
		if (label.startsWith('Leave it for now')) break;
		await page.keyboard.press('Tab');
	}
	await page.keyboard.press('Enter');
	// Focus moves to what happened (issue 16), then Tab reaches the next decision's choices.
	await expect(page.locator('#consequence')).toBeFocused();
	await expect(page.locator('#consequence')).toContainText('You chose: Leave it for now');
	await expect(page.locator('#step-heading')).toHaveAccessibleName('What happens next, decision 2');
	await expect(page.getByText('The request stays waiting on your account over the weekend.').first()).toBeVisible();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter'); // first choice: explain kindly
	await expect(page.locator('#consequence')).toBeFocused();
	await expect(page.locator('#step-heading')).toHaveText('Outcome: A clear, kind boundary');
	await expect(page.locator('[aria-live="polite"]')).toContainText('Outcome: Best practice');
	expect(await wcagViolations(page)).toEqual([]);
});

test('reloading mid-scenario resumes at the same step, with flags kept', async ({ page }) => {
	await page.goto('/modules/acceptable-use/scenarios/pupil-friend-request/');
	await waitForIslands(page);
	await page.getByRole('button', { name: /Accept the request/ }).click();
	await expect(page.locator('#step-heading')).toHaveAccessibleName('What happens next, decision 2');
	await expect(page.getByText(/now that you are connected/)).toBeVisible();
	await page.reload();
	await waitForIslands(page);
	await expect(page.locator('#step-heading')).toHaveAccessibleName('What happens next, decision 2');
	await expect(page.getByText(/now that you are connected/)).toBeVisible();
	await expect(page.getByText('Welcome back: you are where you left off.')).toBeVisible();
	await page.getByRole('button', { name: /Reply privately/ }).click();
	await expect(page.locator('#step-heading')).toHaveText('Outcome: Private contact with a pupil');
	// A reload on the ending keeps the ending (issue 13): the learner sees what they saw.
	await page.reload();
	await waitForIslands(page);
	await expect(page.locator('#step-heading')).toHaveText('Outcome: Private contact with a pupil');
});

test('"try a different choice" goes back to an earlier decision and leads to another ending', async ({ page }) => {
	await page.goto('/modules/acceptable-use/scenarios/pupil-friend-request/');
	await waitForIslands(page);
	await page.getByRole('button', { name: /Accept the request/ }).click();
	await page.getByRole('button', { name: /Reply privately/ }).click();
	await expect(page.getByText('You chose: Accept the request: she is a lovely pupil and it seems harmless', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: /Go back to decision 1/ }).click();
	await expect(page.locator('#step-heading')).toBeFocused();
	await page.getByRole('button', { name: 'Decline the request' }).click();
	await page.getByRole('button', { name: /Accept Divya and your nephew Jack/ }).click();
	await expect(page.locator('#step-heading')).toHaveText('Outcome: The exceptions, used properly');
});
