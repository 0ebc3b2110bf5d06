import { wcagViolations } from './axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { markPathDone, saveProfile, storedRecords, takeAssessment } from './helpers.ts';

const axe = async (page: Page) => (await wcagViolations(page)).map((v) => v.id);

test('a learner fails, sees what to revisit, retakes a different set, passes, acknowledges and prints the certificate', async ({ page }) => {
	test.setTimeout(180_000); // two whole assessments: a budget that does not assume an idle machine
	await saveProfile(page, { name: 'Amara Okafor', email: 'amara.okafor@example.org', role: 'Support staff' });

	// Fail: every answer wrong.
	await page.goto('/assessment/');
	expect(await axe(page)).toEqual([]);
	await takeAssessment(page, false);
	await expect(page.getByRole('heading', { name: /You did not pass this time: 0%/ })).toBeFocused();
	await expect(page.getByRole('heading', { name: 'Modules to revisit' })).toBeVisible();
	expect(await page.locator('a[href^="/modules/"]').count()).toBeGreaterThan(3);
	expect(await axe(page)).toEqual([]);
	const firstSet = await page.evaluate(() => JSON.parse(localStorage.getItem('policy-course:progress')!).data.assessment.finished[0].questionIds as string[]);
	expect(firstSet).toHaveLength(12);

	// Retake: a fresh set, mostly different; answer all correctly.
	await takeAssessment(page, true);
	await expect(page.getByRole('heading', { name: /You passed: 100%/ })).toBeVisible();
	const secondSet = await page.evaluate(() => JSON.parse(localStorage.getItem('policy-course:progress')!).data.assessment.finished[1].questionIds as string[]);
	expect(secondSet.filter((id) => firstSet.includes(id)).length).toBeLessThan(4);

	// Certificate is not available before the acknowledgement.
	await page.goto('/certificate/');
	await expect(page.getByText(/Your certificate is available when you have passed/)).toBeVisible();

	// Passing is not enough: the modules on the path must be done too.
	await page.goto('/acknowledge/');
	await expect(page.getByTestId('path-outstanding')).toContainText('To complete the course, first finish these modules');
	await markPathDone(page);
	await page.goto('/acknowledge/');
	await expect(page.getByText('Version 2: December 2019').first()).toBeVisible();
	await page.getByRole('button', { name: 'Confirm and complete the course' }).click();
	await expect(page.getByRole('alert')).toContainText('Tick the box');
	await page.getByLabel(/I confirm I have read and understood/).check();
	await page.getByRole('button', { name: 'Confirm and complete the course' }).click();
	await expect(page.getByRole('heading', { name: /you have completed the course/ })).toBeVisible();
	expect(await axe(page)).toEqual([]);

	await page.getByRole('link', { name: 'View and print your certificate' }).click();
	await expect(page.getByTestId('certificate-name')).toHaveText('Amara Okafor');
	await expect(page.getByTestId('certificate-score')).toHaveText('100%');
	await expect(page.getByTestId('certificate-date')).toHaveText(new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }));
	await expect(page.getByText('Social Media Policy, Version 2: December 2019', { exact: true })).toBeVisible();
	const code = await page.getByTestId('certificate-code').innerText();
	expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
	expect(await axe(page)).toEqual([]);

	// The code is the one in the "completed" statement of the training record.
	const completed = (await storedRecords(page))
		.map((r) => r.statement)
		.find((s) => s.verb.id.endsWith('/completed') && s.object.id.endsWith('/social-media-policy'));
	expect(completed?.result?.extensions?.['https://learning.reach2.org/xapi/extensions/certificate-code']).toBe(code);

	// Print: the button opens the browser's print dialog; the print stylesheet hides the chrome.
	await page.evaluate(() => {
		(window as unknown as { printed: number }).printed = 0;
		window.print = () => {
			(window as unknown as { printed: number }).printed++;
		};
	});
	await page.getByRole('button', { name: 'Print or save as PDF' }).click();
	expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.getByTestId('certificate-name')).toBeVisible();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.byteLength).toBeGreaterThan(1000);
});

test('the assessment in progress survives a reload, and the whole flow works by keyboard', async ({ page }) => {
	await page.goto('/assessment/?seed=7');
	// The introduction is there at once; its button works as soon as the questions have loaded.
	await expect(page.getByRole('button', { name: 'Start the assessment' })).toBeEnabled();
	await page.getByRole('button', { name: 'Start the assessment' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('#question-heading')).toBeFocused();
	// Choose an option with the keyboard: Tab into the group, Space to select.
	await page.keyboard.press('Tab');
	await page.keyboard.press('Space');
	const chosen = await page.evaluate(() => (document.activeElement as HTMLInputElement).id);
	expect(await page.locator(`#${chosen}`).isChecked()).toBe(true);
	await page.getByRole('button', { name: 'Save and next question' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('#question-heading')).toHaveText('Question 2 of 12');
	expect(await axe(page)).toEqual([]);
	await page.reload();
	await expect(page.locator('#question-heading')).toHaveText('Question 2 of 12');
	await page.getByRole('button', { name: 'Previous question' }).click();
	await expect(page.locator(`#${chosen}`)).toBeChecked();
	await page.getByRole('button', { name: 'Check your answers' }).click();
	await expect(page.getByText('You have answered 1 of 12 questions.')).toBeVisible();
	expect(await axe(page)).toEqual([]);
});
