import { expect, test } from '@playwright/test';
import { wcagViolationLines } from './axe.ts';
import { waitForLearnerState } from './helpers.ts';
import { builtPages } from './site.ts';

// Every built page, once, in the state a first-time learner sees it: zero WCAG 2.x A/AA
// violations, no errors logged, every request to the course's own origin, and (WCAG 1.4.10)
// nothing needing horizontal scrolling at 320 CSS pixels. One visit serves all four checks:
// each used to visit every page on its own, and page visits are what the browser tests spend.
const everyPage = [...builtPages(), '/404.html'];
for (const path of everyPage) {
	test(`on ${path}: axe finds no WCAG A/AA violations, the page logs no errors, requests only its own origin and reflows to 320 px`, async ({
		page,
		baseURL,
	}) => {
		// Console errors include Content-Security-Policy violations and failed hydration.
		const errors: string[] = [];
		page.on('console', (m) => {
			if (m.type() === 'error' && !(path === '/404.html' && m.text().includes('404'))) errors.push(m.text());
		});
		page.on('pageerror', (e) => errors.push(e.message));
		const foreign: string[] = [];
		page.on('request', (r) => {
			if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:')) foreign.push(`${page.url()} -> ${r.url()}`);
		});
		await page.goto(path);
		// Checked as the learner sees it: hydrated, showing their own state.
		await waitForLearnerState(page);
		expect(await wcagViolationLines(page)).toEqual([]);
		// Late requests too: the page is watched until the network has been idle for 500 ms.
		await page.waitForLoadState('networkidle');
		expect(foreign).toEqual([]);
		// A phone, or 1280 px at 400% zoom (200% zoom on a 640 px window is the same width). The
		// layout at a width is CSS alone (no course script reads the viewport), so narrowing the
		// window of the loaded page is what zooming it does.
		await page.setViewportSize({ width: 320, height: 640 });
		const { scroll, client } = await page.evaluate(
			() =>
				new Promise<{ scroll: number; client: number }>((done) =>
					requestAnimationFrame(() => done({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })),
				),
		);
		expect(client).toBe(320);
		expect(scroll, `${path} is ${scroll}px wide at 320px`).toBeLessThanOrEqual(client);
		expect(errors).toEqual([]);
	});
}

test('the checks above cover every built page', () => {
	expect(everyPage.length).toBeGreaterThan(80);
	expect(everyPage).toEqual(expect.arrayContaining(['/', '/policy/', '/help/', '/records/', '/404.html']));
});

// The faster way axe is run (axe.ts) still finds what it should: a planted image with no text
// alternative, pale text and an unnamed button, after hydration, on a real page.
test('the axe check fails a page with planted violations', async ({ page }) => {
	await page.goto('/modules/acceptable-use/scenarios/pupil-friend-request/');
	await waitForLearnerState(page);
	await page.evaluate(() => {
		const main = document.querySelector('main')!;
		main.insertAdjacentHTML('beforeend', '<img src="planted.png"><p id="planted-pale">Pale text</p><button></button>');
		// Through the CSSOM: the page's CSP refuses style attributes written as markup.
		Object.assign(document.getElementById('planted-pale')!.style, { color: '#ccc', background: '#fff' });
	});
	const ids = (await wcagViolationLines(page)).map((line) => line.split(':')[0]);
	expect(ids).toEqual(expect.arrayContaining(['image-alt', 'color-contrast', 'button-name']));
});

test('the scenario page scrolls smoothly, and with reduced motion requested it does not, and nothing animates', async ({ browser }) => {
	// The one motion in the course is smooth scrolling to what happened in a case (global.css);
	// checking it is on without the preference is what lets this test fail.
	const motion = async (reducedMotion: 'reduce' | 'no-preference') => {
		const context = await browser.newContext({ reducedMotion, serviceWorkers: 'block' });
		const page = await context.newPage();
		await page.goto('/modules/acceptable-use/scenarios/pupil-friend-request/');
		await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
		await page.getByRole('button', { name: /Decline the request/ }).click();
		await expect(page.getByText('You chose: Decline the request', { exact: true })).toBeVisible();
		const found = await page.evaluate(() => ({
			scroll: getComputedStyle(document.documentElement).scrollBehavior,
			animated: [...document.querySelectorAll('*')].filter((el) => {
				const s = getComputedStyle(el);
				return (s.animationName !== 'none' && parseFloat(s.animationDuration) > 0) || parseFloat(s.transitionDuration) > 0;
			}).length,
		}));
		await context.close();
		return found;
	};
	expect((await motion('no-preference')).scroll).toBe('smooth');
	expect(await motion('reduce')).toEqual({ scroll: 'auto', animated: 0 });
});

test('learner-entered text is always shown as text, never run as markup', async ({ page }) => {
	const name = '<img src=x onerror="window.pwned=1">Sam';
	await page.goto('/profile/');
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('Work email address', { exact: true }).fill('sam@example.org');
	await page.getByRole('radio', { name: /^Volunteer/ }).check();
	await page.getByRole('button', { name: 'Save my details' }).click();
	await page.goto('/');
	await expect(page.getByText(`${name} · Volunteer`)).toBeVisible();
	expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
	expect(await page.locator('main img').count()).toBe(0);
});
