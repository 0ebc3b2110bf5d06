/** Stored values are checked element by element: a malformed element is set aside, never used. */
import { describe, expect, it } from 'vitest';
import * as progress from '../../src/stores/progress.ts';
import * as shapes from '../../src/stores/shapes.ts';

function collect() {
	const aside: unknown[] = [];
	return { aside, fn: (e: unknown) => void aside.push(e) };
}

const assessment = { id: 'a1', seed: 1, questionIds: ['q1'], optionOrder: { q1: ['a', 'b'] }, answers: {}, startedAt: '2026-01-01T00:00:00Z' };

describe('progress', () => {
	it('accepts a fresh progress unchanged', () => {
		const fresh = progress.emptyProgress();
		expect(shapes.validateProgressShape(fresh, collect().fn)).toEqual(fresh);
	});

	it('sets aside an assessment in progress whose questionIds is not a list, keeping the rest', () => {
		const p = { ...progress.emptyProgress(), assessment: { current: { ...assessment, questionIds: 'q1' }, finished: [assessment, null] } };
		const { aside, fn } = collect();
		const checked = shapes.validateProgressShape(p, fn);
		expect(checked.assessment.current).toBeUndefined();
		expect(checked.assessment.finished).toEqual([assessment]);
		expect(aside).toEqual([null, { ...assessment, questionIds: 'q1' }]);
		expect(checked.attempt).toEqual(p.attempt);
	});

	it('keeps knowledge checks in progress, so a reload returns to the same question; a malformed one is set aside', () => {
		const run = { registration: 'r1', seed: 4, questionIds: ['q1', 'q2'], optionOrder: { q1: ['a', 'b'] }, index: 1, answers: { q1: ['a'] }, checked: true };
		const p = { ...progress.emptyProgress(), checkRuns: { monitoring: run, breaches: { ...run, questionIds: 'q1' } } };
		const { aside, fn } = collect();
		const checked = shapes.validateProgressShape(p, fn);
		expect(checked.checkRuns).toEqual({ monitoring: run });
		expect(aside).toEqual([{ breaches: { ...run, questionIds: 'q1' } }]);
	});

	it.each([
		['the attempt is missing', { history: [], assessment: { finished: [] } }],
		['a lesson entry is an object', { ...progress.emptyProgress(), attempt: { ...progress.emptyProgress().attempt, lessons: { 'm/l': { at: 1 } } } }],
		[
			'a check count is text',
			{ ...progress.emptyProgress(), attempt: { ...progress.emptyProgress().attempt, checks: { m: { at: 'x', correct: '3', total: 4 } } } },
		],
		['history is not a list', { ...progress.emptyProgress(), history: {} }],
	])('refuses the whole value when %s', (_why, value) => {
		expect(() => shapes.validateProgressShape(value, collect().fn)).toThrow();
	});
});

describe('records', () => {
	const good = { statement: { id: 's1', actor: { mbox: 'mailto:a@b.c' }, verb: { id: 'v' }, object: { id: 'o' } }, status: 'local', attempts: 0 };
	it('keeps every well-formed record and sets aside one without a verb, or with an unknown status', () => {
		const noVerb = { ...good, statement: { ...good.statement, verb: undefined } };
		const badStatus = { ...good, status: 'lost' };
		const { aside, fn } = collect();
		expect(shapes.validateRecordEntries([good, noVerb, null, badStatus], fn)).toEqual([good]);
		expect(aside).toEqual([noVerb, null, badStatus]);
	});
	it('refuses a value that is not a list', () => {
		expect(() => shapes.validateRecordEntries({ 0: good }, collect().fn)).toThrow();
	});
});

describe('scenario runs', () => {
	it('sets aside a run whose history holds something other than decisions', () => {
		const ok = { history: [{ stepId: 's', choiceId: 'c' }], snapshot: {}, startedAt: 'x', stepStartedAt: 'x' };
		const { aside, fn } = collect();
		expect(shapes.validateScenarioRuns({ a: ok, b: { ...ok, history: [null] } }, fn)).toEqual({ a: ok });
		expect(aside).toHaveLength(1);
	});
});
