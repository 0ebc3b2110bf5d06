/**
 * Issue 16 (review items 5 and 12): on a phone the header is one row, the Menu button beside the
 * site name, so a new learner's first screen shows their next action ("Your details"). The menu
 * stays HTML and CSS alone (reading pages ship no script), and works at 320 px, at 200% zoom and
 * in forced colours, with no sideways scrolling.
 */
import { wcagViolationLines } from './axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { waitForLearnerState } from './helpers.ts';

/** The header's parts as drawn: the site name, the Menu button and the header itself. */
async function headerBoxes(page: Page) {
	const header = page.locator('header.site-header');
	const [name, menu, whole] = await Promise.all([
		header.locator('.site-name').boundingBox(),
		header.locator('summary', { hasText: 'Menu' }).boundingBox(),
		header.boundingBox(),
	]);
	const padding = await header.locator('.wrap').evaluate((el) => parseFloat(getComputedStyle(el).paddingTop) + parseFloat(getComputedStyle(el).paddingBottom));
	return { name: name!, menu: menu!, header: whole!, padding };
}

/** Menu and site name share one row, and the header is no taller than that row and its padding. */
async function expectOneRow(page: Page) {
	const { name, menu, header, padding } = await headerBoxes(page);
	expect(menu.y, "the Menu button starts within the site name's row").toBeLessThan(name.y + name.height);
	expect(name.y, "the site name starts within the Menu button's row").toBeLessThan(menu.y + menu.height);
	expect(menu.x, 'the Menu button is beside the site name, not under it').toBeGreaterThanOrEqual(name.x + name.width);
	expect(header.height).toBeLessThanOrEqual(Math.max(name.height, menu.height) + padding + 1);
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test.describe('on a 375x740 phone', () => {
	test.use({ viewport: { width: 375, height: 740 } });

	test('the header is one row, and a new learner\'s "Your details" action is on the first screen', async ({ page }) => {
		await page.goto('/');
		await waitForLearnerState(page);
		await expectOneRow(page);
		const action = page.getByTestId('next-step');
		await expect(action).toHaveText('Your details');
		const box = (await action.boundingBox())!;
		expect(box.y + box.height, 'the whole button is above the fold of a 740 px screen').toBeLessThanOrEqual(740);
		expect(await noSidewaysScroll(page)).toBe(true);
		expect(await wcagViolationLines(page)).toEqual([]);
	});

	test('opening the menu drops the links below the header without moving the Menu button, with no script', async ({ page }) => {
		await page.goto('/policy/');
		expect(await page.locator('script[src], script[type="module"]').count()).toBe(0);
		const menu = page.locator('header summary', { hasText: 'Menu' });
		const before = (await menu.boundingBox())!;
		await menu.focus();
		await page.keyboard.press('Enter');
		const nav = page.locator('header').getByRole('navigation', { name: 'Main' });
		await expect(nav.getByRole('link', { name: 'My record' })).toBeVisible();
		expect(await menu.boundingBox()).toEqual(before);
		const first = (await nav.getByRole('link', { name: 'Course' }).boundingBox())!;
		expect(first.y).toBeGreaterThanOrEqual(before.y + before.height);
		// In the page's flow: the main content starts below the open list, not under it.
		const main = (await page.locator('main').boundingBox())!;
		const last = (await nav.getByRole('link', { name: 'Help and privacy' }).boundingBox())!;
		expect(main.y).toBeGreaterThanOrEqual(last.y + last.height);
		expect(await wcagViolationLines(page)).toEqual([]);
	});

	test('in forced colours the Menu button keeps its outline and its focus ring', async ({ page }) => {
		await page.emulateMedia({ forcedColors: 'active' });
		await page.goto('/policy/');
		const menu = page.locator('header summary', { hasText: 'Menu' });
		expect(await menu.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
		await menu.focus();
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Tab');
		expect(await menu.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
		await expectOneRow(page);
	});
});

for (const { label, viewport } of [
	{ label: 'a 320 px phone', viewport: { width: 320, height: 568 } },
	// 200% zoom of a 1280 px window: the page is laid out 640 CSS px wide.
	{ label: '200% zoom', viewport: { width: 640, height: 400 } },
]) {
	test(`at ${label} the header is still one row and nothing scrolls sideways`, async ({ page }) => {
		await page.setViewportSize(viewport);
		for (const path of ['/', '/policy/', '/modules/monitoring/privacy-and-monitoring/']) {
			await page.goto(path);
			await expectOneRow(page);
			expect(await noSidewaysScroll(page), path).toBe(true);
		}
	});
}
