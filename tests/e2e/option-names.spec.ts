/**
 * Every option of every question in the pool is labelled by its own text. axe does not catch a
 * radio labelled by the wrong element (an option id clashing with a generated id), so each
 * option's accessible name is compared with its text. One test per module, each with its own
 * budget; seeds are chosen from the content so that each module's checks show its whole pool.
 */
import { expect, test } from '@playwright/test';
import { drawQuestions } from '../../src/assessment/draw.ts';
import { answerQuestion, course, expectOptionsNamed, questionByLegend, saveProfile } from './helpers.ts';

const count = course.course.knowledgeCheck.questionCount;

/** Few seeds whose checks, together, ask every question of the module. */
function coveringSeeds(moduleId: string): number[] {
	const pool = course.modules.find((m) => m.id === moduleId)!.questions.map((q) => ({ ...q.data, moduleId }));
	const left = new Set(pool.map((q) => q.id));
	const seeds: number[] = [];
	for (let seed = 1; left.size > 0 && seed < 5000; seed++) {
		const drawn = drawQuestions(pool, { count, modules: [moduleId], seed }).map((q) => q.id);
		if (drawn.some((id) => left.has(id))) {
			seeds.push(seed);
			for (const id of drawn) left.delete(id);
		}
	}
	return seeds;
}

for (const mod of course.modules) {
	test(`every option in the ${mod.data.title} pool is labelled by its own text`, async ({ page }) => {
		test.setTimeout(150_000);
		// A teacher who shortlists: every question in the pool is on their path.
		await saveProfile(page, { name: 'Ada Obi', email: 'ada.obi@example.org', role: 'Teaching staff', recruiter: true });
		const seen = new Set<string>();
		for (const seed of coveringSeeds(mod.id)) {
			await page.goto(`/modules/${mod.id}/check/?seed=${seed}`);
			for (let i = 0; i < count; i++) {
				const fieldset = page.locator('fieldset').first();
				await expect(fieldset).toBeVisible();
				await expectOptionsNamed(fieldset);
				seen.add(questionByLegend(await fieldset.locator('legend').innerText()).id);
				await answerQuestion(page, true);
				await page.getByRole('button', { name: 'Check my answer' }).click();
				await page.getByRole('button', { name: /Next question|See your result/ }).click();
			}
			await expect(page.getByRole('heading', { name: /You answered \d+ of \d+/ })).toBeVisible();
		}
		expect([...seen].sort()).toEqual(mod.questions.map((q) => q.data.id).sort());
	});
}
