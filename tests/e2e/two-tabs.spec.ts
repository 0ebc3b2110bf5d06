/**
 * Two tabs of one learner write the same stored progress. A tab busy with its own work has not
 * yet seen the other's latest write when it saves, so it writes a stale copy over it (issue
 * 14.1). Made deterministic here: the reading tab is held inside a synchronous request (its
 * page cannot process the other tab's storage event) while the other tab checks an answer, and
 * then marks its lesson read in the same task, exactly as a busy tab would.
 */
import { expect, test } from '@playwright/test';
import { answerQuestion, saveProfile, storage } from './helpers.ts';

test('a tab writing a stale copy of progress loses nothing the other tab did', async ({ page: reading, context }) => {
	test.setTimeout(90_000);
	await saveProfile(reading, { name: 'Ama Mensah', email: 'ama@example.org', role: 'Teaching staff' });
	const checking = await context.newPage();
	await checking.goto('/modules/monitoring/check/');
	await reading.goto('/modules/monitoring/privacy-and-monitoring/');
	await expect(reading.locator('[data-lesson-done][data-ready]')).toBeVisible();

	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await reading.route('**/__hold', async (route) => {
		await released;
		await route.fulfill({ status: 204 });
	});
	// The reading tab blocks in a synchronous request, then marks its lesson read in the same task.
	const stale = reading.evaluate(() => {
		const hold = new XMLHttpRequest();
		hold.open('GET', '/__hold', false);
		hold.send();
		(document.querySelector('[data-lesson-done]') as HTMLElement).click();
	});
	await answerQuestion(checking, true);
	await checking.getByRole('button', { name: 'Check my answer' }).click();
	await expect(checking.getByText(/^(Correct\.|Not quite\.)/)).toBeVisible();
	release();
	await stale;
	await reading.waitForURL(/scenarios/);

	// The checking tab still shows its feedback, and the stored progress (read in both tabs)
	// holds both the lesson and the checked answer.
	await expect(checking.getByText(/^(Correct\.|Not quite\.)/)).toBeVisible();
	for (const tab of [checking, reading]) {
		await expect
			.poll(async () => {
				const progress = JSON.parse((await storage(tab))['policy-course:progress']!).data;
				return { lesson: 'monitoring/privacy-and-monitoring' in progress.attempt.lessons, checked: progress.checkRuns?.monitoring?.checked };
			})
			.toEqual({ lesson: true, checked: true });
	}
	await checking.reload();
	await expect(checking.getByText(/^(Correct\.|Not quite\.)/)).toBeVisible();
});
