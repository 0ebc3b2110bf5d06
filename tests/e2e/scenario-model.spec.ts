/**
 * Model-based test of one case: the compiled scenario machine (src/scenarios/machine.ts) is the
 * model. `createTestModel` from `xstate/graph` finds a shortest path to every ending, and each
 * path is played in the browser by a new learner, through buttons by their accessible names.
 * At every state the page must show what the model says: the decision's text (with the variant
 * the flags pick) and exactly the choices available, then the ending's verdict, title and
 * feedback. A drift between the machine and the player (a guard, a variant, an ending's
 * verdict) fails here.
 */
import { expect, test } from '@playwright/test';
import { createTestModel } from 'xstate/graph';
import { availableChoices, compileScenario, endingFeedback, findNode, stepText, type ScenarioData } from '../../src/scenarios/machine.ts';
import { eventsAt, serializeScenarioSnapshot } from '../../src/build/scenario-checks.ts';
import { VERDICT } from '../../src/scenarios/verdict.ts';
import { allScenarios, waitForIslands } from './helpers.ts';

/** The case with flags, variants and the most endings: accepting a request changes what comes later. */
const CASE = 'pupil-friend-request';
const loaded = allScenarios.find((s) => s.id === CASE)!;
const scenario: ScenarioData = { ...loaded.data, id: loaded.id };
const moduleId = loaded.moduleId;

type Snap = { value: unknown; context: { flags: string[] }; status: string; output?: { endingId: string; verdict: keyof typeof VERDICT } };

// Typed loosely, as in validate.ts: the graph helpers' generics do not follow the compiled events.
const model = createTestModel(compileScenario(scenario) as never, {
	events: eventsAt(scenario) as never,
	serializeState: serializeScenarioSnapshot as never,
});
/** One shortest path to each ending. */
const paths = model
	.getShortestPaths({ toState: (s: Snap) => s.status === 'done' } as never)
	.map((p) => ({ path: p, ending: String((p.state as unknown as Snap).value) }))
	.filter((p, i, all) => all.findIndex((q) => q.ending === p.ending) === i);

test('the model reaches every ending of the case', () => {
	expect(paths.map((p) => p.ending).sort()).toEqual(scenario.endings.map((e) => e.id).sort());
});

for (const { path, ending } of paths) {
	test(`a new learner reaches "${ending}" and sees what the machine says at each state`, async ({ page }) => {
		// Its own budget: each state waits on the page, and CI has 2 busy cores.
		test.setTimeout(90_000);
		await page.goto(`/modules/${moduleId}/scenarios/${CASE}/`);
		await waitForIslands(page);
		let decisions = 0;
		let at = '';
		await path.test({
			states: {
				'*': async (snapshot: Snap) => {
					at = String(snapshot.value);
					const node = findNode(scenario, at)!;
					if (node.kind === 'step') {
						decisions += 1;
						await expect(
							page.getByRole('heading', { name: `${decisions === 1 ? 'The moment' : 'What happens next'}, decision ${decisions}`, exact: true }),
						).toBeVisible();
						await expect(page.getByText(stepText(node.step, snapshot.context.flags), { exact: true })).toBeVisible();
						const offered = availableChoices(node.step, snapshot.context.flags).map((c) => c.label);
						await expect(page.getByRole('list', { name: node.step.prompt }).getByRole('button')).toHaveText(offered);
						return;
					}
					// An ending: the banner shows the verdict the machine outputs, then title and feedback.
					expect(snapshot.status).toBe('done');
					expect(snapshot.output?.endingId).toBe(node.ending.id);
					const outcome = page.getByRole('region', { name: `Outcome: ${node.ending.title}` });
					await expect(outcome).toBeVisible();
					await expect(outcome.getByText(VERDICT[snapshot.output!.verdict].label, { exact: true })).toBeVisible();
					await expect(outcome.getByText(endingFeedback(node.ending, snapshot.context.flags), { exact: true })).toBeVisible();
				},
			},
			events: {
				'learner.choose': async (step: { event: { choiceId: string } }) => {
					const node = findNode(scenario, at)!;
					if (node.kind !== 'step') throw new Error(`no choice at ending ${at}`);
					const choice = node.step.choices.find((c) => c.id === step.event.choiceId)!;
					await page.getByRole('button', { name: choice.label, exact: true }).click();
					await expect(page.getByText(`You chose: ${choice.label}`, { exact: true })).toBeVisible();
				},
			},
		} as never);
		expect(at).toBe(ending);
	});
}
