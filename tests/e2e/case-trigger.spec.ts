/**
 * Issue 16, "cases that feel like the moment": a case whose situation is something arriving on a
 * screen draws that thing (a friend request, a chat message, a post with its comments) from its
 * own `setting.trigger`, as text in the page, not a picture. A new learner (a fresh browser, no
 * seeded storage) meets it by role and accessible name; the page stays axe clean, fits a 320 px
 * screen, and the drawing costs no JavaScript: it is in the server-rendered HTML (it is there with
 * scripts switched off) and a case with a trigger loads exactly the scripts of a case without one.
 */
import { expect, test, type Page } from '@playwright/test';
import { analyse } from '../../src/build/analyse.ts';
import { wcagViolationLines } from './axe.ts';
import { allScenarios, waitForIslands } from './helpers.ts';

/** Each case's own words, from its YAML, so a drift between the data and the drawing fails. */
function triggerOf(id: string) {
	const s = allScenarios.find((c) => c.id === id);
	if (!s) throw new Error(`no case ${id}`);
	const trigger = s.data.setting.trigger;
	if (!trigger) throw new Error(`case ${id} has no setting.trigger: its moment is not drawn`);
	return { href: `/modules/${s.moduleId}/scenarios/${id}/`, trigger };
}

const FRIEND_REQUEST = triggerOf('pupil-friend-request');
const POST = triggerOf('colleague-derogatory-post');
const MESSAGE = triggerOf('parent-who-is-a-friend');
/** A case whose moment is the learner's own draft, not something arriving: no trigger. */
const NO_TRIGGER = allScenarios.find((c) => c.id === 'grievance-vent')!;
const NO_TRIGGER_HREF = `/modules/${NO_TRIGGER.moduleId}/scenarios/${NO_TRIGGER.id}/`;

/** The scripts a case page loads until its player is awake, as "path bytes" lines, sorted. */
async function scriptsLoaded(page: Page, href: string): Promise<string[]> {
	const paths = new Set<string>();
	const seen = (r: { request(): { resourceType(): string }; url(): string }) => {
		if (r.request().resourceType() === 'script') paths.add(new URL(r.url()).pathname);
	};
	page.on('response', seen);
	await page.goto(href);
	await waitForIslands(page);
	// The player is awake (its choices enabled) once its machine and session chunks have loaded.
	await expect(page.locator('.choices button[data-choice]').first()).toBeEnabled();
	page.off('response', seen);
	// Scripts written into the page itself count too.
	const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).map((s) => s.text.length));
	const lines: string[] = inline.map((n) => `(inline) ${n}`);
	for (const path of paths) lines.push(`${path} ${(await (await page.request.get(path)).body()).length}`);
	return lines.sort();
}

test("a friend request is drawn as one, from the case's own words, and the page passes axe", async ({ page }) => {
	await page.goto(FRIEND_REQUEST.href);
	const card = page.getByRole('figure', { name: 'Friend request from Keira (Building game)', exact: true });
	await expect(card).toBeVisible();
	await expect(card).toHaveAttribute('data-kind', 'friend-request');
	await expect(card).toContainText('Keira sent you a friend request');
	await expect(card).toContainText(FRIEND_REQUEST.trigger.text);
	await expect(card).toContainText(FRIEND_REQUEST.trigger.app);
	// The words are the case's: Keira's message is the one the first step quotes.
	await expect(page.getByText(`She has added a message: "${FRIEND_REQUEST.trigger.text}"`)).toBeVisible();
	// It sits inside "The situation", before the choices, as text (no image in it).
	await expect(page.locator('#situation').getByRole('figure')).toHaveCount(1);
	await expect(card.locator('img, svg, canvas')).toHaveCount(0);
	await waitForIslands(page);
	expect(await wcagViolationLines(page)).toEqual([]);
});

test('a post is drawn with its comments as a list, and a message names who sent it', async ({ page }) => {
	await page.goto(POST.href);
	const post = page.getByRole('figure', { name: 'Post from Callum (Facebook)', exact: true });
	await expect(post).toBeVisible();
	await expect(post).toContainText('Callum posted');
	await expect(post).toContainText(POST.trigger.text);
	const comments = post.getByRole('list', { name: 'Comments' });
	await expect(comments.getByRole('listitem')).toHaveCount(POST.trigger.replies.length);
	for (const [i, r] of POST.trigger.replies.entries()) {
		await expect(comments.getByRole('listitem').nth(i)).toContainText(r.from);
		await expect(comments.getByRole('listitem').nth(i)).toContainText(r.text);
	}
	await expect(comments).toContainText('Is it the family on Elm Road?');
	await waitForIslands(page);
	expect(await wcagViolationLines(page)).toEqual([]);

	await page.goto(MESSAGE.href);
	const message = page.getByRole('figure', { name: 'Message from Beatriz (Facebook)', exact: true });
	await expect(message).toBeVisible();
	await expect(message).toContainText(MESSAGE.trigger.text);
	await waitForIslands(page);
	expect(await wcagViolationLines(page)).toEqual([]);
});

test.describe('on a 320 px screen', () => {
	test.use({ viewport: { width: 320, height: 640 } });

	test('the moment fits without sideways scrolling', async ({ page }) => {
		for (const href of [POST.href, MESSAGE.href]) {
			await page.goto(href);
			const card = page.getByRole('figure');
			await expect(card).toBeVisible();
			const box = (await card.boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width).toBeLessThanOrEqual(320);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
		}
	});
});

test.describe('with scripts switched off', () => {
	test.use({ javaScriptEnabled: false });

	test('the moment is in the server-rendered page', async ({ page }) => {
		await page.goto(FRIEND_REQUEST.href);
		await expect(page.getByRole('figure', { name: 'Friend request from Keira (Building game)' })).toContainText(FRIEND_REQUEST.trigger.text);
	});
});

test('the drawing costs no JavaScript: a case with a trigger loads the same scripts, byte for byte, as one without', async ({ page, browser }) => {
	const withTrigger = await scriptsLoaded(page, FRIEND_REQUEST.href);
	const other = await browser.newPage();
	const without = await scriptsLoaded(other, NO_TRIGGER_HREF);
	await other.close();
	expect(NO_TRIGGER.data.setting.trigger).toBeUndefined();
	expect(withTrigger.length).toBeGreaterThan(3);
	expect(withTrigger).toEqual(without);
	// And in the build: every case page ships the same gzipped JavaScript, trigger or not.
	const cases = analyse('dist').pages.filter((p) => p.path.includes('/scenarios/'));
	expect(cases.length).toBe(allScenarios.length);
	expect(new Set(cases.map((p) => p.jsGzip)).size).toBe(1);
});
