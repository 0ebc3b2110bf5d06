import { describe, expect, it } from 'vitest';
import { checkQuestion, checkScenarioItems, isStrictlyLongest, maxLongest } from '../../src/build/items.ts';
import { QuestionSchema } from '../../src/schemas/question.ts';
import { ScenarioSchema } from '../../src/schemas/scenario.ts';

const single = (options: string[], answer = 'a', id = 'q1') =>
	QuestionSchema.parse({
		id,
		type: 'single',
		prompt: 'Which is right?',
		explanation: 'Because.',
		clauses: ['3-5'],
		options: options.map((text, i) => ({ id: 'abcde'[i], text })),
		answer,
	});

describe('item-writing checks for questions', () => {
	it('allows the right answer to be longest in at most 1 in 3', () => {
		expect([3, 4, 5, 6, 46].map(maxLongest)).toEqual([1, 1, 1, 2, 15]);
	});

	it('counts the correct option as longest only when strictly longer than every other', () => {
		expect(isStrictlyLongest(['abcd', 'abc', 'ab'], 0)).toBe(true);
		expect(isStrictlyLongest(['abcd', 'abce', 'ab'], 0)).toBe(false);
		expect(checkQuestion(single(['Tell your line manager today', 'Ignore it', 'Reply']), 'questions[0]').correctLongest).toBe(true);
		expect(checkQuestion(single(['Tell your line manager', 'Reply to them in public', 'Ignore']), 'questions[0]').correctLongest).toBe(false);
	});

	it('rejects "all of the above" and "none of the above", naming the option', () => {
		const found = checkQuestion(single(['Tell someone', 'All of the above', 'None of the above.']), 'questions[2]').problems;
		expect(found).toEqual([
			expect.objectContaining({ field: 'questions[2].options[1].text', message: expect.stringContaining('"All of the above"') }),
			expect.objectContaining({ field: 'questions[2].options[2].text', message: expect.stringContaining('"None of the above"') }),
		]);
	});

	it('rejects the same option twice, ignoring case, spacing and end punctuation', () => {
		const found = checkQuestion(single(['Tell your line manager', 'tell your  line manager.', 'Ignore it']), 'questions[0]').problems;
		expect(found).toEqual([
			expect.objectContaining({ field: 'questions[0].options[1].text', message: expect.stringContaining('same option twice (also options[0])') }),
		]);
	});
});

const scenario = (labels: { good: string; bad: string; meh: string }) => ({
	...ScenarioSchema.parse({
		title: 'T',
		summary: 'S.',
		setting: { role: 'R.', place: 'P.', situation: 'S.' },
		start: 'one',
		steps: [
			{
				id: 'one',
				text: 'Go.',
				choices: [
					{ id: 'good', label: labels.good, consequence: 'C.', next: 'best' },
					{ id: 'bad', label: labels.bad, consequence: 'C.', next: 'breach', breaches: ['3-4'] },
					{ id: 'meh', label: labels.meh, consequence: 'C.', next: 'two', set: ['waited'] },
				],
			},
			{
				id: 'two',
				text: 'Then.',
				choices: [
					{ id: 'late', label: 'Tell them now', consequence: 'C.', next: 'risky', if: ['waited'] },
					{ id: 'late-twin', label: 'Tell them now', consequence: 'C.', next: 'risky', unless: ['waited'] },
					{ id: 'never', label: 'Never tell', consequence: 'C.', next: 'risky' },
				],
			},
		],
		endings: [
			{ id: 'best', verdict: 'best-practice', title: 'B', feedback: 'F.', clauses: ['3-4'] },
			{ id: 'risky', verdict: 'risky', title: 'R', feedback: 'F.', clauses: ['3-4'] },
			{ id: 'breach', verdict: 'breach', title: 'X', feedback: 'F.', clauses: ['3-4'] },
		],
	}),
	id: 't',
});

describe('item-writing checks for scenario steps', () => {
	it('finds the step where the choice leading to best practice is the longest label', () => {
		const biased = checkScenarioItems(scenario({ good: 'Raise it with the senior leadership team today', bad: 'Post it', meh: 'Wait' }));
		expect(biased.steps[0]).toMatchObject({ stepId: 'one', hasBestPractice: true, bestPracticeLongest: true, bestPracticeChoices: ['good'] });
		// Step "two" leads to no best-practice ending, so it is not counted.
		expect(biased.steps[1]).toMatchObject({ hasBestPractice: false });
		const fair = checkScenarioItems(scenario({ good: 'Raise it today', bad: 'Post it in the staff group', meh: 'Wait' }));
		expect(fair.steps[0]).toMatchObject({ hasBestPractice: true, bestPracticeLongest: false });
	});

	it('does not count a step where every choice offered leads to best practice: length gives nothing away there', () => {
		const s = scenario({ good: 'Raise it with the senior leadership team today', bad: 'Post it', meh: 'Wait' });
		s.steps[0]!.choices = s.steps[0]!.choices.map((c) => ({ ...c, next: 'best', breaches: [] }));
		expect(checkScenarioItems(s).steps[0]).toMatchObject({ hasBestPractice: false, bestPracticeLongest: false });
	});

	it('allows the same label on choices never offered together, and rejects it when they are', () => {
		expect(checkScenarioItems(scenario({ good: 'A', bad: 'B', meh: 'C' })).problems).toEqual([]);
		const twin = checkScenarioItems(scenario({ good: 'Tell someone', bad: 'Tell someone.', meh: 'Wait' })).problems;
		expect(twin).toEqual([expect.objectContaining({ field: 'steps[0].choices[1].label', message: expect.stringContaining('same label twice') })]);
	});
});
