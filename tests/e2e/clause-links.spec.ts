/**
 * Issue 16 (review item 12): a clause link in a lesson opens the clause in a new tab, said in the
 * link's name, so the lesson stays open where the learner left it; closing the policy's tab brings
 * them back to the same lesson at the same place. This works in the installed app too (it has no
 * Back button; Android opens a new tab from an app in a tab the learner closes), and the policy
 * reader still ships no script.
 */
import { wcagViolationLines } from './axe.ts';
import { expect, test } from '@playwright/test';
import { waitForLearnerState } from './helpers.ts';

test.use({ viewport: { width: 375, height: 740 } });

test('a clause link from a lesson opens the clause in a new tab, and closing it leaves the learner at the same place in the lesson', async ({
	page,
	context,
}) => {
	const lesson = '/modules/principles-and-scope/who-the-policy-covers/';
	await page.goto(lesson);
	await waitForLearnerState(page);
	await expect(page.getByTestId('clause-links-hint')).toHaveText('Clause links open the policy in a new tab. Close that tab to come back to this place.');
	// A link part-way down the page, so "the same place" means a scrolled position, not the top.
	const links = page.locator('.key-points .cites a');
	expect(await links.count()).toBeGreaterThan(1);
	const link = links.last();
	await expect(link).toHaveAccessibleName(/^clause [\d.]+ \(opens in a new tab\)$/);
	const clause = /clause ([\d.]+)/.exec((await link.textContent())!)![1]!;
	// On a phone each citation stays whole ("Policy: clause 2.1" never split over two lines) and smaller than the text it follows.
	const split = await page
		.locator('.cites__clause')
		.evaluateAll((els) =>
			els.filter((el) => new Set([...el.getClientRects()].filter((r) => r.width > 1).map((r) => Math.round(r.bottom))).size > 1).map((el) => el.textContent),
		);
	expect(split).toEqual([]);
	const size = (selector: string) =>
		page
			.locator(selector)
			.first()
			.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(await size('.key-points .cites')).toBeLessThan(await size('.key-points li'));
	expect(await wcagViolationLines(page)).toEqual([]);

	// By keyboard: focus the link and press Enter.
	await link.focus();
	const scrolled = await page.evaluate(() => window.scrollY);
	expect(scrolled).toBeGreaterThan(0);
	const [policy] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
	await policy.waitForLoadState();
	expect(new URL(policy.url()).pathname).toBe('/policy/');
	const target = policy.locator(':target');
	await expect(target).toBeInViewport();
	await expect(target).toContainText(clause);
	expect(await policy.locator('script[src], script[type="module"]').count(), 'the policy reader stays script-free').toBe(0);

	// The lesson never left: same address, same scroll position, focus still on the link.
	expect(new URL(page.url()).pathname).toBe(lesson);
	await policy.close();
	await page.bringToFront();
	expect(new URL(page.url()).pathname).toBe(lesson);
	expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
	await expect(link).toBeFocused();
	await expect(link).toBeInViewport();
});
