/**
 * Module overview pages show the learner's own progress (issue 16, review item 6): the module's
 * state, a tick on each lesson read, the cases played with endings found, a start/continue
 * button at the top, and "Module N of M" counted on the learner's path. Every test starts from
 * a new learner and goes through the UI; nothing is seeded.
 */
import { expect, test, type Page } from '@playwright/test';
import { wcagViolationLines } from './axe.ts';
import { course, pathOf, playFirstChoices, saveProfile, takeKnowledgeCheck } from './helpers.ts';

const MODULE = 'acceptable-use';
const mod = course.modules.find((m) => m.id === MODULE)!;
const lessons = mod.lessons.map((l) => ({ id: l.id, title: l.data.title }));
const cases = mod.scenarios.map((s) => ({ id: s.id, title: s.data.title, endings: s.data.endings.length }));

const progress = (page: Page) => page.locator('[data-module-progress][data-ready]');
const lessonCard = (page: Page, title: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
const position = (page: Page) => page.locator('[data-module-position]');

test('a new learner sees the module start, then their progress after reading a lesson', async ({ page }) => {
	// Eight page loads and two axe runs: its own budget, so a busy 2-core machine does not fail it.
	test.setTimeout(120_000);
	// Before "Your details": the page claims nothing about a path it does not know.
	await page.goto(`modules/${MODULE}/`);
	await expect(progress(page)).toBeVisible();
	await expect(position(page)).toHaveText(`Module ${course.modules.indexOf(mod) + 1} of ${course.modules.length} in the course`);
	await expect(progress(page).getByRole('link', { name: 'Your details' })).toBeVisible();
	// Nor that a lesson is off a path it does not know (PPA time is for teachers and trainees).
	await page.goto('modules/personal-use/');
	await expect(progress(page)).toContainText('0 of 4 lessons read');
	await expect(page.getByText('Not on your path')).toHaveCount(0);

	await saveProfile(page, { name: 'Sam Teacher', role: 'Teaching staff' });
	const path = pathOf({ role: 'teaching', recruiter: false }).required;
	await page.goto(`modules/${MODULE}/`);
	await expect(progress(page)).toContainText('Not started');
	await expect(position(page)).toHaveText(`Module ${path.indexOf(MODULE) + 1} of ${path.length} on your path`);
	await expect(lessonCard(page, lessons[0]!.title)).toContainText('Not read yet');
	expect(await wcagViolationLines(page)).toEqual([]);

	// The button at the top starts the module at its first lesson; reading it to the end counts.
	await progress(page).getByRole('link', { name: 'Start the module' }).click();
	await expect(page.getByRole('heading', { level: 1, name: lessons[0]!.title })).toBeVisible();
	await page.locator('[data-lesson-done][data-ready]').click();
	await expect(page.getByRole('heading', { level: 1, name: lessons[1]!.title })).toBeVisible();
	// Back to the module by its breadcrumb, as a learner would.
	await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: mod.data.title }).click();

	await expect(progress(page)).toContainText('In progress');
	await expect(progress(page)).toContainText('1 of');
	await expect(lessonCard(page, lessons[0]!.title)).toContainText('Read');
	await expect(lessonCard(page, lessons[0]!.title)).not.toContainText('Not read');
	await expect(lessonCard(page, lessons[1]!.title)).toContainText('Not read yet');
	const next = progress(page).getByRole('link', { name: `Continue: ${lessons[1]!.title}` });
	await expect(next).toBeVisible();
	expect(await wcagViolationLines(page)).toEqual([]);
	await next.click();
	await expect(page.getByRole('heading', { level: 1, name: lessons[1]!.title })).toBeVisible();
});

test('a case played shows as played, with the endings found', async ({ page }) => {
	test.setTimeout(90_000);
	await saveProfile(page, { name: 'Sam Support', role: 'Support staff' });
	const played = cases[0]!;
	await page.goto(`modules/${MODULE}/scenarios/${played.id}/`);
	await playFirstChoices(page);
	await page.goto(`modules/${MODULE}/`);
	const card = lessonCard(page, played.title);
	await expect(progress(page)).toContainText('In progress');
	await expect(progress(page)).toContainText('1 case played');
	await expect(card).toContainText('Played');
	await expect(card).toContainText(`1 of ${played.endings} endings found`);
	await expect(lessonCard(page, cases[1]!.title)).toContainText('Not played yet');
	// Lessons still come first: the case does not skip them.
	await expect(progress(page).getByRole('link', { name: `Continue: ${lessons[0]!.title}` })).toBeVisible();
	expect(await wcagViolationLines(page)).toEqual([]);
});

test('following the button at the top through a module: lessons, one case, the check, then Completed and the next module', async ({ page }) => {
	test.setTimeout(120_000);
	await saveProfile(page, { name: 'Vic Volunteer', role: 'Volunteer' });
	const path = pathOf({ role: 'volunteer', recruiter: false }).required;
	const first = course.modules.find((m) => m.id === path[0])!;
	const next = course.modules.find((m) => m.id === path[1])!;
	const steps: string[] = [];
	for (let i = 0; i < 10; i++) {
		await page.goto(`modules/${first.id}/`);
		const button = progress(page).locator('[data-module-next]');
		const label = (await button.innerText()).trim();
		if (label.startsWith('Next module')) break;
		steps.push(label);
		await button.click();
		if (label.includes('check your understanding')) await takeKnowledgeCheck(page, first.id);
		else if (page.url().includes('/scenarios/')) await playFirstChoices(page);
		else await page.locator('[data-lesson-done][data-ready]').click();
		await page.waitForLoadState('domcontentloaded');
	}
	expect(steps).toEqual([
		'Start the module',
		...first.lessons.slice(1).map((l) => `Continue: ${l.data.title}`),
		`Continue with a case: ${first.scenarios[0]!.data.title}`,
		'Continue: check your understanding',
	]);
	await expect(progress(page)).toContainText('Completed');
	await expect(progress(page).getByRole('link', { name: `Next module: ${next.data.title}` })).toHaveAttribute('href', new RegExp(`/modules/${next.id}/$`));
	for (const l of first.lessons) await expect(lessonCard(page, l.data.title)).toContainText('Read');
	await expect(page.locator('[data-check-status]')).toContainText(/Done: \d+ of \d+ right/);
	expect(await wcagViolationLines(page)).toEqual([]);
});

// A governor's path has 9 modules; a teacher who shortlists or interviews also takes the recruitment
// module (clause 7.3), so the same module sits at a different place on a longer path.
for (const who of [
	{ label: 'a governor', role: 'Governor or trustee', learner: { role: 'governor' as const, recruiter: false } },
	{ label: 'a teacher who shortlists or interviews', role: 'Teaching staff', learner: { role: 'teaching' as const, recruiter: true } },
]) {
	test(`${who.label} sees "Module N of M" on their own path, and which modules are not on it`, async ({ page }) => {
		await saveProfile(page, { name: 'Alex Example', role: who.role, recruiter: who.learner.recruiter });
		const path = pathOf(who.learner).required;
		const later = 'legal-considerations';
		await page.goto(`modules/${later}/`);
		await expect(progress(page)).toBeVisible();
		await expect(position(page)).toHaveText(`Module ${path.indexOf(later) + 1} of ${path.length} on your path`);
		await page.goto('modules/recruitment-and-equality/');
		await expect(progress(page)).toBeVisible();
		if (who.learner.recruiter) {
			await expect(position(page)).toHaveText(`Module ${path.indexOf('recruitment-and-equality') + 1} of ${path.length} on your path`);
		} else {
			await expect(position(page)).toHaveText('Not on your path');
			await expect(progress(page)).toContainText('This module is not on your path as Governor or trustee');
		}
	});
}

test('governor and recruiting teacher paths differ in length (the comparison above means something)', () => {
	expect(pathOf({ role: 'governor', recruiter: false }).required.length).not.toBe(pathOf({ role: 'teaching', recruiter: true }).required.length);
});

test.describe('without script', () => {
	test.use({ javaScriptEnabled: false });
	test('the page still has everything to start the module, and claims no progress or path', async ({ page }) => {
		await page.goto(`modules/${MODULE}/`);
		await expect(page.getByRole('link', { name: 'Start the module' })).toHaveAttribute('href', new RegExp(`/modules/${MODULE}/${lessons[0]!.id}/$`));
		for (const l of lessons) await expect(page.getByRole('link', { name: l.title, exact: true })).toBeVisible();
		for (const c of cases) await expect(page.getByRole('link', { name: c.title, exact: true })).toBeVisible();
		await expect(position(page)).toHaveText(`Module ${course.modules.indexOf(mod) + 1} of ${course.modules.length} in the course`);
		await expect(page.getByText(/Not started|In progress|Completed|Not read yet|Not played yet|on your path/)).toHaveCount(0);
	});
});
