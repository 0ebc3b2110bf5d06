/**
 * Issue 16 (cases that feel like the moment), played through the friend-request case as a new
 * learner would: the consequence of a choice lands in view and takes focus on a phone; the
 * verdict of an ending is announced and told apart without colour (forced colours); the picture
 * of the case is walked by keyboard alone, each point named, and its description names the path.
 *
 * Paths used (modules/03-acceptable-use/scenarios/pupil-friend-request.yaml):
 * Leave it -> Explain kindly = best practice; Leave it -> Say you'll accept later = risky;
 * Accept -> Reply privately = breach.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { waitForIslands } from './helpers.ts';

const CASE = '/modules/acceptable-use/scenarios/pupil-friend-request/';
const LEAVE = 'Leave it for now and decide what to do later';
const KIND = "Explain kindly that staff don't connect with pupils online, and decline";
const LATER = "Say you'll accept it once she has left the school at the end of the summer";

async function choose(page: Page, label: string) {
	await page.getByRole('button', { name: label, exact: true }).click();
}

test.describe('on a 375 x 740 phone', () => {
	test.use({ viewport: { width: 375, height: 740 } });

	test("after each choice the consequence is in view and focused, and the ending's verdict is announced", async ({ page }) => {
		await page.goto(CASE);
		await waitForIslands(page);
		// The choices sit below the situation: the learner has scrolled down to them.
		await choose(page, LEAVE);
		const consequence = page.locator('#consequence');
		await expect(consequence).toBeFocused();
		await expect(consequence).toBeInViewport({ ratio: 1 }); // all of it, once the smooth scroll ends
		await expect(consequence).toContainText(`You chose: ${LEAVE}`);
		await expect(consequence).toContainText('What happened:');
		await choose(page, LATER);
		await expect(consequence).toBeFocused();
		await expect(consequence).toBeInViewport({ ratio: 1 }); // all of it, once the smooth scroll ends
		await expect(consequence).toContainText(`You chose: ${LATER}`);
		// The verdict is said in the live region, in words, with the ending's title.
		const live = page.locator('.scenario [aria-live="polite"]');
		await expect(live).toContainText(`You chose: ${LATER}.`);
		await expect(live).toContainText('Outcome: Risky.');
		await expect(page.locator('.verdict')).toContainText('Risky');
	});
});

test.describe('on a touch-screen phone', () => {
	test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

	test('a choice under the last tap does not look already chosen', async ({ page }) => {
		await page.goto(CASE);
		await waitForIslands(page);
		expect(await page.evaluate(() => matchMedia('(hover: hover)').matches)).toBe(false);
		await choose(page, LEAVE);
		await expect(page.locator('#consequence')).toBeFocused();
		// A phone's browser keeps :hover on whatever sits under the last tap; after the page moves
		// to what happened, that can be one of the next step's choices. Chromium's touch emulation
		// does not do this, so the pointer is put there.
		const choices = page.locator('.choices button[data-choice]');
		await choices.nth(1).hover();
		const look = (i: number) =>
			choices.nth(i).evaluate((b) => `${getComputedStyle(b).backgroundColor}, dot ${getComputedStyle(b, '::before').backgroundColor}`);
		expect(await look(1)).toBe(await look(0));
		expect(await look(1)).toBe(await look(2));
	});
});

test('the three verdicts differ in words, icon and border style in forced-colours mode', async ({ page }) => {
	await page.emulateMedia({ forcedColors: 'active' });
	await page.goto(CASE);
	await waitForIslands(page);
	expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
	const banner = async () => {
		const verdict = page.locator('.verdict');
		await expect(verdict).toBeVisible();
		return verdict.evaluate((el) => {
			const style = getComputedStyle(el);
			return {
				label: el.querySelector('.verdict__label')!.textContent,
				icon: el.querySelector('.verdict__icon')!.textContent,
				borderStyle: style.borderTopStyle,
				borderWidth: parseFloat(style.borderTopWidth),
				borderColor: style.borderTopColor,
				background: style.backgroundColor,
			};
		});
	};
	const seen = [];
	await choose(page, LEAVE);
	await choose(page, KIND);
	seen.push(await banner());
	await page.getByRole('button', { name: /^Go back to decision 2 / }).click();
	await choose(page, LATER);
	seen.push(await banner());
	await page.getByRole('button', { name: /^Go back to decision 1 / }).click();
	await choose(page, 'Accept the request: she is a lovely pupil and it seems harmless');
	await choose(page, 'Reply privately to reassure her, and keep it between the two of you');
	seen.push(await banner());

	expect(seen.map((s) => s.label)).toEqual(['Best practice', 'Risky', 'Breach of the policy']);
	// Told apart without colour: three different icons and three different border styles.
	expect(new Set(seen.map((s) => s.icon)).size).toBe(3);
	expect(new Set(seen.map((s) => s.borderStyle)).size).toBe(3);
	for (const s of seen) {
		expect(s.borderWidth).toBeGreaterThanOrEqual(3);
		// Forced colours draws the border in a system colour, not transparent.
		expect(s.borderColor).not.toBe('rgba(0, 0, 0, 0)');
		// The background colour that tells them apart normally is gone: all three look alike in colour.
		expect(s.background).toBe(seen[0]!.background);
	}
});

test('the picture of the case is walked by keyboard alone: each point is named and the description names the path taken', async ({ page }) => {
	await page.goto(CASE);
	await waitForIslands(page);
	// Keyboard only: Tab to a choice, Enter; twice.
	for (const label of [LEAVE, KIND]) {
		for (let i = 0; i < 40; i++) {
			if ((await page.evaluate(() => document.activeElement?.textContent ?? '')) === label) break;
			await page.keyboard.press('Tab');
		}
		await page.keyboard.press('Enter');
		await expect(page.locator('#consequence')).toBeFocused();
	}
	await expect(page.locator('#step-heading')).toHaveText('Outcome: A clear, kind boundary');

	const picture = page.getByRole('group', { name: 'Picture of the case' });
	await expect(picture).toBeVisible();
	expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map((v) => v.id)).toEqual([]);
	// Its description starts with the path in words.
	await expect(picture).toHaveAccessibleDescription(
		new RegExp(`^Decision 1: You chose: ${LEAVE} Decision 2: You chose: ${KIND.replace(/'/g, '.')} Ending: A clear, kind boundary \\(Best practice\\)`),
	);

	const nodes = picture.locator('[data-node]');
	const count = await nodes.count();
	expect(count).toBeGreaterThan(5);
	// Tab from the outcome until focus enters the picture, then through every point in turn.
	for (let i = 0; i < 60; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate(() => document.activeElement?.hasAttribute('data-node') ?? false)) break;
	}
	const walked: Array<{ id: string; name: string; description: string }> = [];
	for (let i = 0; i < count; i++) {
		const focused = page.locator('[data-node]:focus');
		await expect(focused).toHaveCount(1);
		const id = (await focused.getAttribute('data-node'))!;
		const name = (await focused.getAttribute('aria-label')) ?? '';
		await expect(focused).toHaveAccessibleName(name);
		const description = await focused.evaluate((el) =>
			(el.getAttribute('aria-describedby') ?? '')
				.split(' ')
				.filter(Boolean)
				.map((ref) => document.getElementById(ref)?.textContent ?? '')
				.join(' '),
		);
		walked.push({ id, name, description });
		await page.keyboard.press('Tab');
	}
	expect(walked.map((w) => w.id)).toEqual(await nodes.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.node)));
	for (const w of walked) expect(w.name).toMatch(/^(Decision point \d+ of \d+: |Ending: )\S/);
	// The points on the path say so; the ending reached says it was reached and found.
	expect(walked.find((w) => w.id === 'request')!.description).toContain('On your path this time.');
	expect(walked.find((w) => w.id === 'monday')!.description).toContain('On your path this time.');
	expect(walked.find((w) => w.id === 'message')!.description).toBe('');
	expect(walked.find((w) => w.id === 'best-boundary')!.name).toBe('Ending: A clear, kind boundary. Best practice.');
	expect(walked.find((w) => w.id === 'best-boundary')!.description).toBe('On your path this time. You ended here this time. You have found this ending.');
	// The line of the path is drawn thick for each choice taken, and only those.
	expect(await picture.locator('[data-edge][data-path]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.edge).sort())).toEqual([
		'monday:explain',
		'request:ignore',
	]);
});
