import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { availableChoices, compileScenario, stepText, type ScenarioData } from '../../src/scenarios/machine.ts';
import { replay, restore } from '../../src/scenarios/run.ts';
import { checkScenarioGraph } from '../../src/build/scenario-checks.ts';
import { ScenarioSchema } from '../../src/schemas/scenario.ts';

/** A small scenario with a flag that changes later text and options. */
export function tinyScenario(overrides: Partial<Record<string, unknown>> = {}): ScenarioData {
	const data = ScenarioSchema.parse({
		title: 'Tiny',
		summary: 'A test case.',
		setting: { role: 'You are a teacher.', place: 'At home.', situation: 'A request arrives.' },
		start: 'request',
		steps: [
			{
				id: 'request',
				text: 'A pupil asks to connect.',
				choices: [
					{ id: 'accept', label: 'Accept', consequence: 'Connected.', next: 'message', set: ['accepted'] },
					{ id: 'decline', label: 'Decline', consequence: 'Declined.', next: 'message' },
				],
			},
			{
				id: 'message',
				text: 'A message arrives.',
				variants: [{ if: ['accepted'], text: 'Now connected, a message arrives.' }],
				choices: [
					{ id: 'reply', label: 'Reply', consequence: 'Replied.', next: 'breach', if: ['accepted'] },
					{ id: 'report', label: 'Report', consequence: 'Reported.', next: 'best' },
					{ id: 'ignore', label: 'Ignore', consequence: 'Ignored.', next: 'risky' },
				],
			},
		],
		endings: [
			{ id: 'best', verdict: 'best-practice', title: 'Good', feedback: 'Right.', clauses: ['3-5'] },
			{ id: 'risky', verdict: 'risky', title: 'Hmm', feedback: 'Risky.', clauses: ['3-6'] },
			{ id: 'breach', verdict: 'breach', title: 'Bad', feedback: 'Breach.', clauses: ['3-6'] },
		],
		...overrides,
	});
	return { ...data, id: 'tiny' };
}

describe('compileScenario', () => {
	it('moves between steps on learner.choose and ignores choices that are not offered', () => {
		const actor = createActor(compileScenario(tinyScenario())).start();
		actor.send({ type: 'learner.choose', choiceId: 'reply' }); // not a choice at this step
		expect(actor.getSnapshot().value).toBe('request');
		actor.send({ type: 'learner.choose', choiceId: 'decline' });
		expect(actor.getSnapshot().value).toBe('message');
	});

	it('guards flag-dependent choices: "reply" exists only after accepting', () => {
		const s = tinyScenario();
		const declined = replay(compileScenario(s), [{ stepId: 'request', choiceId: 'decline' }]);
		declined.send({ type: 'learner.choose', choiceId: 'reply' });
		expect(declined.getSnapshot().value).toBe('message');
		expect(availableChoices(s.steps[1]!, []).map((c) => c.id)).toEqual(['report', 'ignore']);
		const accepted = replay(compileScenario(s), [{ stepId: 'request', choiceId: 'accept' }]);
		expect(accepted.getSnapshot().context.flags).toEqual(['accepted']);
		expect(stepText(s.steps[1]!, accepted.getSnapshot().context.flags)).toBe('Now connected, a message arrives.');
		accepted.send({ type: 'learner.choose', choiceId: 'reply' });
		expect(accepted.getSnapshot().value).toBe('breach');
	});

	it('ends in a final state whose output is the verdict and clauses, emitting typed events', () => {
		const actor = createActor(compileScenario(tinyScenario())).start();
		const events: unknown[] = [];
		actor.on('*', (e) => events.push(e));
		actor.send({ type: 'learner.choose', choiceId: 'accept' });
		actor.send({ type: 'learner.choose', choiceId: 'report' });
		expect(actor.getSnapshot().status).toBe('done');
		expect(actor.getSnapshot().output).toEqual({ endingId: 'best', verdict: 'best-practice', clauses: ['3-5'], feedback: 'Right.' });
		expect(events).toEqual([
			{ type: 'scenario.decided', scenarioId: 'tiny', stepId: 'request', choiceId: 'accept', nextId: 'message' },
			{ type: 'scenario.decided', scenarioId: 'tiny', stepId: 'message', choiceId: 'report', nextId: 'best' },
			{ type: 'scenario.ended', scenarioId: 'tiny', endingId: 'best', verdict: 'best-practice', clauses: ['3-5'], feedback: 'Right.' },
		]);
	});

	it('restores a saved run at the same step with the same flags by replaying its decisions', () => {
		const machine = compileScenario(tinyScenario());
		const saved = { history: [{ stepId: 'request', choiceId: 'accept' }], startedAt: '', stepStartedAt: '' };
		const back = restore(machine, JSON.parse(JSON.stringify(saved)));
		expect(back.restored).toBe(true);
		expect(back.actor.getSnapshot().value).toBe('message');
		expect(back.actor.getSnapshot().context.flags).toEqual(['accepted']);
	});

	it('starts afresh when a saved decision no longer fits the case', () => {
		const machine = compileScenario(tinyScenario());
		const fresh = restore(machine, { history: [{ stepId: 'request', choiceId: 'nope' }], startedAt: '', stepStartedAt: '' });
		expect(fresh.restored).toBe(false);
		expect(fresh.actor.getSnapshot().value).toBe('request');
		expect(fresh.history).toEqual([]);
	});
});

describe('checkScenarioGraph', () => {
	it('accepts a well-formed scenario', () => {
		expect(checkScenarioGraph(tinyScenario())).toEqual([]);
	});

	it('reports an unreachable step by name', () => {
		const s = tinyScenario();
		s.steps.push({
			id: 'orphan',
			text: 'Never seen.',
			prompt: 'What do you do?',
			variants: [],
			choices: [
				{ id: 'a', label: 'A', consequence: 'A.', next: 'best', set: [], breaches: [], upholds: [] },
				{ id: 'b', label: 'B', consequence: 'B.', next: 'risky', set: [], breaches: [], upholds: [] },
			],
		});
		expect(checkScenarioGraph(s)).toEqual([
			expect.objectContaining({ field: 'steps[2]', value: 'orphan', message: expect.stringContaining('can never be reached') }),
		]);
	});

	it('reports a dead end: a step where no choice is available', () => {
		const s = tinyScenario();
		// Both choices need the flag, which the "decline" path never sets.
		s.steps[1]!.choices = s.steps[1]!.choices.map((c) => ({ ...c, if: ['accepted'] }));
		expect(checkScenarioGraph(s)).toEqual(
			expect.arrayContaining([expect.objectContaining({ value: 'message', message: expect.stringContaining('dead end') })]),
		);
	});

	it('reports a cycle with no way out', () => {
		const s = tinyScenario();
		s.steps[1]!.choices = [
			{ id: 'back', label: 'Back', consequence: 'Back.', next: 'request', set: [], breaches: [], upholds: [] },
			{ id: 'stay', label: 'Stay', consequence: 'Stay.', next: 'message', set: [], breaches: [], upholds: [] },
		];
		const problems = checkScenarioGraph(s);
		expect(problems.some((p) => /cycle with no way out/.test(p.message))).toBe(true);
	});

	it('reports references to missing steps and a missing best-practice ending', () => {
		const s = tinyScenario();
		s.steps[0]!.choices[1]!.next = 'nowhere';
		s.endings[0]!.verdict = 'risky';
		const problems = checkScenarioGraph(s);
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ field: 'steps[0].choices[1].next', value: 'nowhere' }),
				expect.objectContaining({ field: 'endings', message: expect.stringContaining('best-practice') }),
			]),
		);
	});
});
