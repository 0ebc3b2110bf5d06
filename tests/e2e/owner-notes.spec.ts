/**
 * The notes for the policy owner (faults in the printed policy) are for the owner's report
 * (`course:check -- --owner-report`), not for learners: neither the help page nor the policy
 * reader shows them.
 */
import { expect, test } from '@playwright/test';
import { course } from './helpers.ts';

test('learners do not see the notes for the policy owner on the help page or the policy reader', async ({ page }) => {
	expect(course.policy.notes.length).toBeGreaterThan(10);
	for (const path of ['/help/', '/policy/']) {
		await page.goto(path);
		await expect(page.locator('h1')).toBeVisible();
		const text = await page.locator('main').innerText();
		for (const note of course.policy.notes) expect(text, `${path} shows note ${note.id}`).not.toContain(note.text);
		await expect(page.locator('#policy-notes')).toHaveCount(0);
	}
});
