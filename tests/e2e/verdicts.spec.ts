/**
 * What learners see of the verdict rule: a one-line legend on every scenario page (in the HTML,
 * so it is there without JavaScript), and ending feedback that follows the path taken (an
 * ending's variant is shown when the path set its flags). The path is found from the content,
 * so the test follows whatever scenario has variants.
 */
import { expect, test } from '@playwright/test';
import { endingFeedback } from '../../src/scenarios/machine.ts';
import { scenarioPaths } from '../../src/build/scenario-checks.ts';
import { allScenarios, waitForIslands } from './helpers.ts';

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('every scenario page explains the three verdicts in one line', async ({ page }) => {
		for (const s of allScenarios.slice(0, 3)) {
			await page.goto(`/modules/${s.moduleId}/scenarios/${s.id}/`);
			const legend = page.locator('#verdict-legend');
			await expect(legend).toContainText('Breach: you went against something the policy says you must or must not do.');
			await expect(legend).toContainText('Risky: you ignored its advice (should, strongly advised)');
			await expect(legend).toContainText('Best practice: you did what it asks, with nothing broken on the way.');
		}
	});
});

// A path that reaches an ending through one of its feedback variants (the first found).
const withVariant = allScenarios
	.flatMap((s) => scenarioPaths(s.data).map((path) => ({ s, path })))
	.find(({ path }) => path.ending.variants.length > 0 && endingFeedback(path.ending, path.flags) !== path.ending.feedback);

test('the outcome shows the feedback variant for the path the learner took', async ({ page }) => {
	test.skip(!withVariant, 'no scenario ending has a feedback variant yet');
	const { s, path } = withVariant!;
	await page.goto(`/modules/${s.moduleId}/scenarios/${s.id}/`);
	await waitForIslands(page);
	for (const decision of path.decisions) {
		await page.getByRole('button', { name: decision.choice.label, exact: true }).click();
	}
	await expect(page.locator('#step-heading')).toHaveText(`Outcome: ${path.ending.title}`);
	await expect(page.getByText(endingFeedback(path.ending, path.flags), { exact: true })).toBeVisible();
	await expect(page.getByText(path.ending.feedback, { exact: true })).toHaveCount(0);
});
