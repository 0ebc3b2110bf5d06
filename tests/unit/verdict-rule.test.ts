import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { clauseDuties, type DutyStrength } from '../../src/course/policy.ts';
import { compileScenario, endingFeedback, type ScenarioData } from '../../src/scenarios/machine.ts';
import { replay } from '../../src/scenarios/run.ts';
import { checkScenarioVerdicts, scenarioPaths } from '../../src/build/scenario-checks.ts';
import { ScenarioSchema } from '../../src/schemas/scenario.ts';

/** Clause strengths as the real policy words them (3.4 must not; 5.2 should not; 3.7 both; 8.1 none). */
const DUTIES: Record<string, DutyStrength[]> = {
	'3-4': ['must'],
	'5-2': ['should'],
	'3-7': ['must', 'should'],
	'8-1': [],
};
const duties = (id: string) => DUTIES[id];

/**
 * A parent asks you to share news: "post" breaches 3.4 (must), "text" breaches 5.2 (should),
 * "decline" breaks nothing. Then you either put it right or leave it.
 */
// The raw YAML shape is what the test patches, before the schema types it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;
function scenario(patch: (raw: Raw) => void = () => {}): ScenarioData {
	const raw: Raw = {
		title: 'News',
		summary: 'A parent asks for news.',
		setting: { role: 'You are a teaching assistant.', place: 'At home.', situation: 'A parent messages you.' },
		start: 'ask',
		steps: [
			{
				id: 'ask',
				text: 'A parent asks what happened at school.',
				choices: [
					{ id: 'post', label: 'Post it', consequence: 'Posted.', next: 'after', set: ['posted'], breaches: ['3-4'] },
					{ id: 'text', label: 'Text back', consequence: 'Texted.', next: 'after', set: ['texted'], breaches: [{ clause: '5-2', strength: 'should' }] },
					{ id: 'decline', label: 'Decline', consequence: 'Declined.', next: 'after', upholds: ['3-4'] },
				],
			},
			{
				id: 'after',
				text: 'Later.',
				choices: [
					{ id: 'fix', label: 'Put it right', consequence: 'Done.', next: 'good' },
					{ id: 'leave', label: 'Leave it', consequence: 'Left.', next: 'bad' },
				],
			},
		],
		endings: [
			{ id: 'good', verdict: 'best-practice', title: 'Good', feedback: 'You kept it private.', clauses: ['3-4'] },
			{ id: 'bad', verdict: 'breach', title: 'Bad', feedback: 'It went out.', clauses: ['3-4', '5-2'] },
		],
	};
	patch(raw);
	return { ...ScenarioSchema.parse(raw), id: 'news' };
}

describe('clauseDuties reads the strength from the clause wording', () => {
	it('finds must-level wording: must not, not permitted, required, legally bound, will not be accepted, "No ... may be"', () => {
		expect(clauseDuties({ text: 'Staff members must not use work-related email addresses.', items: [] })).toEqual(['must']);
		expect(clauseDuties({ text: 'Users are not permitted to discuss personal information.', items: [] })).toEqual(['must']);
		expect(clauseDuties({ text: 'All individuals are legally bound by a duty of confidence.', items: [] })).toEqual(['must']);
		expect(clauseDuties({ text: 'Freedom of expression will not be accepted as justification.', items: [] })).toEqual(['must']);
		expect(clauseDuties({ text: 'No other social media platforms may be set up without approval.', items: [] })).toEqual(['must']);
	});
	it('finds should-level wording and both strengths in one clause', () => {
		expect(clauseDuties({ text: 'Staff are strongly advised to keep passwords confidential.', items: [] })).toEqual(['should']);
		expect(clauseDuties({ text: 'Staff are required to be respectful. Staff are strongly advised not to.', items: [] })).toEqual(['must', 'should']);
		expect(clauseDuties({ text: 'The Trust reserves the right to monitor; staff are expected to follow it.', items: [] })).toEqual([]);
	});
});

describe('checkScenarioVerdicts: the verdict rule on every path', () => {
	it('enumerates every path from start to an ending', () => {
		expect(scenarioPaths(scenario()).map((p) => p.decisions.map((d) => d.choice.id).join('>'))).toEqual([
			'post>fix',
			'post>leave',
			'text>fix',
			'text>leave',
			'decline>fix',
			'decline>leave',
		]);
	});

	it('rejects a best-practice ending reached after a must-level breach, naming the path and clause', () => {
		const { problems, paths } = checkScenarioVerdicts(scenario(), duties);
		expect(paths).toBe(6);
		expect(problems).toContainEqual(
			expect.objectContaining({
				field: 'endings[0].verdict',
				value: 'good',
				message: expect.stringMatching(/best-practice ending "good" is reached by path ask:post > after:fix, which breaches clause 3-4 \(must\)/),
			}),
		);
		expect(problems).toContainEqual(
			expect.objectContaining({
				message: expect.stringContaining(
					'best-practice ending "good" is reached by path ask:post > after:fix, which breaches clause 3-4, a must-level duty: the ending must be a breach',
				),
			}),
		);
	});

	it('rejects a breach ending on a path with no must-level breach, and a should-level lapse at best practice', () => {
		const { problems } = checkScenarioVerdicts(scenario(), duties);
		const messages = problems.map((p) => p.message);
		expect(messages).toContainEqual(
			expect.stringMatching(/breach ending "bad" is reached by path ask:text > after:leave, which breaches no must-level duty \(5-2 \(should\)\)/),
		);
		expect(messages).toContainEqual(
			expect.stringMatching(/best-practice ending "good" is reached by path ask:text > after:fix, which breaches clause 5-2 \(should\)/),
		);
	});

	it('accepts a scenario whose verdicts follow the rule: a recovery after a must-level breach is still a breach', () => {
		const s = scenario((raw) => {
			raw.steps[0].choices[0].next = 'after';
			raw.steps[0].choices[1].next = 'lapse';
			raw.steps[0].choices[2].next = 'good';
			raw.steps[1].choices = [
				{ id: 'take-down', label: 'Take it down and tell your headteacher', consequence: 'Done.', next: 'put-right' },
				{ id: 'leave', label: 'Leave it', consequence: 'Left.', next: 'bad' },
			];
			raw.endings = [
				{ id: 'good', verdict: 'best-practice', title: 'Good', feedback: 'You kept it private.', clauses: ['3-4'] },
				{
					id: 'put-right',
					verdict: 'breach',
					title: 'A breach, put right',
					feedback: 'You took it down quickly, but clause 3.4 says it must not be shared.',
					clauses: ['3-4'],
				},
				{ id: 'bad', verdict: 'breach', title: 'Bad', feedback: 'It went out.', clauses: ['3-4'] },
				{ id: 'lapse', verdict: 'risky', title: 'Risky', feedback: 'Clause 5.2 says you should not.', clauses: ['5-2'] },
			];
		});
		const { problems } = checkScenarioVerdicts(s, duties);
		expect(problems).toEqual([]);
	});

	it('requires every breached clause to be cited by the ending', () => {
		const s = scenario((raw) => {
			raw.endings[1].clauses = ['3-4'];
		});
		expect(checkScenarioVerdicts(s, duties).problems).toContainEqual(
			expect.objectContaining({
				field: 'endings[1].clauses',
				value: '5-2',
				message: expect.stringContaining('breaches clause 5-2, but does not cite it'),
			}),
		);
	});

	it("takes a bare id at the clause's strongest duty and checks a named strength against the wording", () => {
		const bare = scenario((raw) => {
			raw.steps[0].choices[1].breaches = ['3-7']; // must + should: the bare id means must
		});
		expect(checkScenarioVerdicts(bare, duties).problems.map((p) => p.message)).not.toContainEqual(
			expect.stringMatching(/breach ending "bad" is reached by path ask:text/),
		);
		const wrong = scenario((raw) => {
			raw.steps[0].choices[1].breaches = [{ clause: '5-2', strength: 'must' }];
			raw.steps[0].choices[0].breaches = ['8-1'];
		});
		const messages = checkScenarioVerdicts(wrong, duties).problems;
		expect(messages).toContainEqual(
			expect.objectContaining({ field: 'steps[0].choices[1].breaches[0].strength', message: expect.stringContaining('states only "should" duties') }),
		);
		expect(messages).toContainEqual(
			expect.objectContaining({ field: 'steps[0].choices[0].breaches[0]', value: '8-1', message: expect.stringContaining('states no duty') }),
		);
	});

	it('reports one problem per ending and clause, counting the other paths', () => {
		const s = scenario((raw) => {
			raw.steps[1].choices.push({ id: 'wait', label: 'Wait', consequence: 'Waited.', next: 'good' });
		});
		const best = checkScenarioVerdicts(s, duties).problems.filter((p) => p.value === 'good' && /3-4 \(must\)/.test(p.message));
		expect(best).toHaveLength(1);
		expect(best[0]!.message).toContain('(and 1 other path)');
	});
});

describe('review notes: where feedback must be read against each path', () => {
	it('lists an ending reached by paths that break different clauses with no variants, and flags nobody reads', () => {
		const { reviewNotes } = checkScenarioVerdicts(scenario(), duties);
		expect(reviewNotes).toContainEqual(
			expect.objectContaining({
				field: 'endings[1].feedback',
				value: 'bad',
				message: expect.stringContaining(
					'ask:post > after:leave (breaches 3-4 (must)); ask:text > after:leave (breaches 5-2 (should)); ask:decline > after:leave (breaches nothing)',
				),
			}),
		);
		expect(reviewNotes).toContainEqual(expect.objectContaining({ field: 'steps[0].choices[0].set', value: 'posted' }));
		const withVariants = scenario((raw) => {
			raw.endings[1].variants = [
				{ if: ['posted'], feedback: 'You posted it.' },
				{ if: ['texted'], feedback: 'You texted.' },
			];
		});
		const notes = checkScenarioVerdicts(withVariants, duties).reviewNotes;
		// The same breaches met in another order are one case, not two.
		const sameSet = scenario((raw) => {
			raw.steps[0].choices = [raw.steps[0].choices[0], raw.steps[0].choices[2]];
			raw.steps[1].choices[0].breaches = [{ clause: '5-2', strength: 'should' }];
			raw.steps[1].choices.push({ id: 'text-then-post', label: 'Other', consequence: 'C.', next: 'bad', breaches: ['5-2', '3-4'] });
			raw.steps[1].choices[1].next = 'bad';
			raw.endings[0].verdict = 'breach';
		});
		expect(
			checkScenarioVerdicts(sameSet, duties)
				.reviewNotes.filter((n) => n.value === 'bad')
				.map((n) => n.message.split('; ').length),
		).toEqual([3]);
		expect(notes.map((n) => n.value)).toEqual(['good']); // "bad" now has variants; both flags are read
	});
});

describe('ending variants: the feedback follows the path', () => {
	const s = scenario((raw) => {
		raw.endings[1].variants = [{ if: ['texted'], feedback: 'You texted from your own phone.' }];
	});
	it('picks the first matching variant, else the default', () => {
		expect(endingFeedback(s.endings[1]!, ['texted'])).toBe('You texted from your own phone.');
		expect(endingFeedback(s.endings[1]!, ['posted'])).toBe('It went out.');
	});
	it("is compiled into the machine: the output and the ended event carry the path's feedback", () => {
		const texted = replay(compileScenario(s), [
			{ stepId: 'ask', choiceId: 'text' },
			{ stepId: 'after', choiceId: 'leave' },
		]);
		expect(texted.getSnapshot().output?.feedback).toBe('You texted from your own phone.');
		const actor = createActor(compileScenario(s)).start();
		const ended: unknown[] = [];
		actor.on('scenario.ended', (e) => ended.push(e));
		actor.send({ type: 'learner.choose', choiceId: 'post' });
		actor.send({ type: 'learner.choose', choiceId: 'leave' });
		expect(ended).toEqual([expect.objectContaining({ endingId: 'bad', feedback: 'It went out.' })]);
	});
	it('counts a flag set by the very choice that reaches the ending', () => {
		const t = scenario((raw) => {
			raw.steps[1].choices[1].set = ['left'];
			raw.endings[1].variants = [{ if: ['left'], feedback: 'You left it up.' }];
		});
		const actor = replay(compileScenario(t), [
			{ stepId: 'ask', choiceId: 'post' },
			{ stepId: 'after', choiceId: 'leave' },
		]);
		expect(actor.getSnapshot().output?.feedback).toBe('You left it up.');
	});
});
