import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import validation from '@learninglocker/xapi-validation';
import { expect, test } from '@playwright/test';
import { acknowledgePolicy, completeModule, course, saveProfile, storage, storedRecords, takeAssessment } from './helpers.ts';

const monthsAgo = (n: number) => {
	const d = new Date();
	d.setMonth(d.getMonth() - n);
	return d.toISOString();
};

test('a new teacher completes the induction path end to end', async ({ page }) => {
	test.setTimeout(240_000);
	await page.goto('/');
	await expect(page.getByText(/Start by telling the course/)).toBeVisible();
	await saveProfile(page, { name: 'Tom Nguyen', email: 'tom.nguyen@example.org', role: 'Teaching staff' });
	await page.goto('/');
	const path = page.getByTestId('path');
	const required = await path.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-module')!));
	expect(required).not.toContain('recruitment-and-equality');
	expect(required).toHaveLength(9);
	await expect(page.getByTestId('progress-percent')).toHaveText('0%');

	for (const [i, moduleId] of required.entries()) {
		await completeModule(page, moduleId, 'teaching');
		if (i === 0) {
			// Reload at any point resumes: the home page shows the module done and the next one up.
			await page.goto('/');
			await expect(path.locator(`li[data-module="${moduleId}"]`)).toContainText('Completed');
			await expect(page.getByTestId('next-step')).toHaveText(`Continue: ${course.modules.find((m) => m.id === required[1])!.data.title}`);
		}
	}
	await page.goto('/');
	await expect(page.getByTestId('progress-percent')).toHaveText('100%');
	await expect(page.getByTestId('next-step')).toHaveText('Take the final assessment');
	await takeAssessment(page, true);
	await acknowledgePolicy(page);
	await page.goto('/');
	await expect(page.getByText(/You have completed the course/)).toBeVisible();

	// The training record: one lesson statement per required lesson, module completions, a pass.
	const records = await storedRecords(page);
	const verbs = records.map((r) => r.statement.verb.id.split('/').pop());
	expect(verbs[0]).toBe('initialized');
	expect(verbs.at(-1)).toBe('terminated');
	expect(records.filter((r) => r.statement.verb.id.endsWith('/completed') && r.statement.object.id.includes('/modules/') && !r.statement.object.id.includes('/lessons/'))).toHaveLength(9);
	expect(verbs).toContain('passed');
	expect(verbs).toContain('accept');

	// The downloaded record is a JSON array of valid xAPI statements, named with the learner and date.
	await page.goto('/records/');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download my training record' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(`training-record-social-media-policy-tom-nguyen-${new Date().toISOString().slice(0, 10)}.json`);
	const statements = JSON.parse(readFileSync(await file.path(), 'utf8')) as unknown[];
	expect(statements).toHaveLength(records.length);
	// Playwright loads this CommonJS module without the default-export interop Vitest applies.
	const validateStatement = ((validation as unknown as { default?: unknown }).default ?? validation) as (s: unknown) => unknown[];
	for (const statement of statements) expect(validateStatement(statement)).toEqual([]);
	expect(new Set(statements.map((s) => (s as { id: string }).id)).size).toBe(statements.length);
});

test('a governor sees the governor path, with recruitment only when they shortlist', async ({ page }) => {
	await saveProfile(page, { name: 'Grace Mensah', staff: 'GOV-0042', role: 'Governor or trustee' });
	await page.goto('/');
	await expect(page.getByText('Grace Mensah · Governor or trustee')).toBeVisible();
	const required = await page.getByTestId('path').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-module')));
	expect(required).not.toContain('recruitment-and-equality');
	await expect(page.getByText(/Not on your path, open to browse: Recruitment and equality/)).toBeVisible();
	expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations).toEqual([]);
	await saveProfile(page, { name: 'Grace Mensah', staff: 'GOV-0042', role: 'Governor or trustee', recruiter: true });
	await page.goto('/');
	await expect(page.getByTestId('path').locator('li[data-module="recruitment-and-equality"]')).toBeVisible();
});

test('a learner who completed 13 months ago is offered the refresher, tests out of modules, and finishes', async ({ page }) => {
	test.setTimeout(120_000);
	const completedAt = monthsAgo(13);
	await page.addInitScript(([completedAt]) => {
		if (localStorage.getItem('policy-course:seeded')) return;
		localStorage.setItem('policy-course:seeded', '1');
		localStorage.setItem('policy-course:profile', JSON.stringify({ v: 1, data: { name: 'Sam Patel', idKind: 'email', id: 'sam.patel@example.org', role: 'support', recruiter: false, updatedAt: completedAt } }));
		const attempt = { registration: '4f1c2d9e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', mode: 'induction', startedAt: completedAt, courseVersion: '1.0.0', policyVersion: '2', initializedAt: completedAt, lessons: {}, scenarios: {}, checks: {}, testedOut: {}, modulesCompleted: {}, completed: { at: completedAt, score: 92, code: 'ABCD-EFGH-JKLM' } };
		localStorage.setItem('policy-course:progress', JSON.stringify({ v: 1, data: { attempt, history: [{ registration: attempt.registration, mode: 'induction', completedAt, courseVersion: '1.0.0', policyVersion: '2', score: 92, code: 'ABCD-EFGH-JKLM', seenQuestions: [] }], assessment: { finished: [] } } }));
	}, [completedAt]);
	await page.goto('/');
	const offer = page.getByTestId('refresher-offer');
	await expect(offer).toBeVisible();
	await expect(offer).toContainText('Your refresher is due by');
	await offer.getByRole('link', { name: 'Start the refresher' }).click();
	await page.getByRole('button', { name: 'Start the refresher' }).click();
	// Answer every pre-check question correctly except in one module, which stays required.
	const sections = page.locator('form section');
	const count = await sections.count();
	const keepModule = (await sections.nth(0).getAttribute('aria-labelledby'))!.replace('pc-', '');
	for (let i = 0; i < count; i++) {
		const fieldsets = sections.nth(i).locator('fieldset');
		for (let j = 0; j < (await fieldsets.count()); j++) {
			const fs = fieldsets.nth(j);
			const legend = (await fs.locator('legend').innerText()).replace(/^\d+\.\s*/, '');
			const { answerKey } = await import('./helpers.ts');
			const key = answerKey(legend);
			for (const label of i === 0 ? [key.wrong[0]!] : key.right) await fs.getByLabel(label, { exact: true }).check();
		}
	}
	await page.getByRole('button', { name: 'Submit the refresher check' }).click();
	await expect(page.getByRole('heading', { name: 'Your refresher path' })).toBeVisible();
	await expect(page.getByText(/tested out \(optional now\)/).first()).toBeVisible();
	await page.reload(); // resumes on the result
	await expect(page.getByRole('heading', { name: 'Your refresher path' })).toBeVisible();
	await page.goto('/');
	await expect(page.getByText(/Annual refresher:/)).toBeVisible();
	await expect(page.getByTestId('path').locator('li', { hasText: 'Tested out' }).first()).toBeVisible();
	await expect(page.getByTestId('next-step')).toHaveText(`Continue: ${course.modules.find((m) => m.id === keepModule)!.data.title}`);
	await completeModule(page, keepModule, 'support');
	await page.goto('/');
	await expect(page.getByTestId('next-step')).toHaveText('Take the final assessment');
	await takeAssessment(page, true);
	await acknowledgePolicy(page);
	await page.goto('/');
	await expect(page.getByText(/You have completed the course.*\(refresher\)/)).toBeVisible();
	const records = await storedRecords(page);
	expect(records.filter((r) => r.statement.verb.id.endsWith('/waived')).length).toBe(count - 1);
	expect(records.every((r) => r.statement.context.extensions['https://learning.reach2.org/xapi/extensions/mode'] === 'refresher')).toBe(true);
});

test('a second tab sees the same progress', async ({ page, context }) => {
	await saveProfile(page, { name: 'Lin Chen', email: 'lin@example.org', role: 'Volunteer' });
	await page.goto('/');
	const other = await context.newPage();
	await other.goto('/');
	await expect(other.getByText('Lin Chen · Volunteer')).toBeVisible();
	await page.goto('/modules/monitoring/privacy-and-monitoring/');
	await page.locator('[data-lesson-done][data-ready]').click();
	await page.waitForURL(/scenarios/);
	await expect(other.getByTestId('path').locator('li[data-module="monitoring"]')).toContainText('In progress');
});

test('corrupted stored data is set aside with a notice, never an error page', async ({ page }) => {
	await page.addInitScript(() => {
		if (sessionStorage.getItem('seeded')) return;
		sessionStorage.setItem('seeded', '1');
		localStorage.setItem('policy-course:progress', '{"v":1,"data":{"attempt":42');
		localStorage.setItem('policy-course:profile', JSON.stringify({ v: 1, data: { name: '', role: 'wizard' } }));
	});
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto('/');
	await expect(page.getByText(/Your saved progress could not be read, so it was reset/)).toBeVisible();
	await expect(page.getByText(/Your saved details \(name, role\) could not be read/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Your course' })).toBeVisible();
	expect(errors).toEqual([]);
	const stored = await storage(page);
	const setAside = JSON.parse(stored['policy-course:quarantine']!) as Array<{ key: string; raw: string }>;
	expect(setAside.map((q) => q.key).sort()).toEqual(['policy-course:profile', 'policy-course:progress']);
	expect(setAside.find((q) => q.key === 'policy-course:progress')!.raw).toBe('{"v":1,"data":{"attempt":42');
	// Dismissed notices stay dismissed.
	while (await page.getByRole('button', { name: 'OK, hide this message' }).count()) await page.getByRole('button', { name: 'OK, hide this message' }).first().click();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Your course' })).toBeVisible();
	await expect(page.getByText(/could not be read/)).toHaveCount(0);
	await page.goto('/records/');
	await expect(page.getByText(/Some saved data could not be read and was set aside/)).toBeVisible();
});

test('a full storage is reported and the record download offered', async ({ page }) => {
	await page.addInitScript(() => {
		const real = Storage.prototype.setItem;
		Storage.prototype.setItem = function (key: string, value: string) {
			if (key === 'policy-course:progress' && (window as unknown as { full?: boolean }).full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			return real.call(this, key, value);
		};
	});
	await page.goto('/modules/monitoring/privacy-and-monitoring/');
	await page.evaluate(() => { (window as unknown as { full: boolean }).full = true; });
	await page.locator('[data-lesson-done][data-ready]').scrollIntoViewIfNeeded();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Your browser storage is full');
	await expect(alert.getByRole('button', { name: 'Download my training record' })).toBeVisible();
	const download = page.waitForEvent('download');
	await alert.getByRole('button', { name: 'Download my training record' }).click();
	expect((await download).suggestedFilename()).toMatch(/^training-record-social-media-policy-learner-\d{4}-\d{2}-\d{2}\.json$/);
});

test('"Forget me" asks first, offers the download, then leaves no course data in storage', async ({ page }) => {
	await saveProfile(page, { name: 'Ola Nowak', email: 'ola@example.org', role: 'Contractor' });
	await page.goto('/modules/monitoring/privacy-and-monitoring/');
	await page.locator('[data-lesson-done][data-ready]').click();
	await page.goto('/profile/');
	await page.getByRole('button', { name: 'Forget me on this device' }).click();
	await expect(page.getByRole('heading', { name: 'Are you sure?' })).toBeFocused();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download my training record' }).click();
	expect((await download).suggestedFilename()).toMatch(/ola-nowak/);
	await page.getByRole('button', { name: 'Yes, delete everything' }).click();
	await expect(page.getByRole('heading', { name: 'Everything has been deleted from this device' })).toBeFocused();
	const keys = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('policy-course:')));
	expect(keys).toEqual([]);
});
