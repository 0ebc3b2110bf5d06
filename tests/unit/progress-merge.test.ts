/**
 * Two tabs of one learner each write the whole progress, and a write can cross another tab's in
 * flight (issue 14.1). mergeProgress joins the stored value with this tab's so neither tab's
 * work is lost.
 */
import { describe, expect, it } from 'vitest';
import { emptyProgress, newAttempt, type Progress } from '../../src/stores/progress.ts';
import { mergeProgress } from '../../src/stores/progress-merge.ts';

const finished = (id: string) => ({
	id,
	seed: 1,
	questionIds: ['q1'],
	optionOrder: {},
	answers: {},
	startedAt: '2026-01-01T00:00:00Z',
	finishedAt: '2026-01-01T00:05:00Z',
	passed: true,
});

function base(): Progress {
	const p = emptyProgress();
	return { ...p, attempt: { ...p.attempt, startedAt: '2026-01-01T00:00:00.000Z', courseVersion: '2', policyVersion: '2' } };
}

describe('two tabs writing progress at once', () => {
	it('keeps the lessons one tab read and the check the other took', () => {
		const start = base();
		const readingTab = {
			...start,
			attempt: { ...start.attempt, lessons: { 'monitoring/intro': 't1' }, scenarios: { case: { endingId: 'e', verdict: 'best', at: 't2' } } },
		};
		const checkTab = { ...start, attempt: { ...start.attempt, checks: { monitoring: { at: 't3', correct: 3, total: 3 } } } };
		const joined = mergeProgress(checkTab, readingTab);
		expect(joined.attempt.lessons).toEqual({ 'monitoring/intro': 't1' });
		expect(joined.attempt.scenarios.case?.endingId).toBe('e');
		expect(joined.attempt.checks.monitoring?.correct).toBe(3);
	});

	it('keeps a once-set field such as initializedAt that only this tab has seen', () => {
		const start = base();
		const mine = { ...start, attempt: { ...start.attempt, initializedAt: 't0' } };
		expect(mergeProgress(start, mine).attempt.initializedAt).toBe('t0');
	});

	it('does not bring back an assessment the other tab has finished', () => {
		const start = base();
		const a = finished('a1');
		const mine = { ...start, assessment: { current: a, finished: [] } };
		const stored = { ...start, assessment: { current: undefined, finished: [a] } };
		const joined = mergeProgress(stored, mine);
		expect(joined.assessment.current).toBeUndefined();
		expect(joined.assessment.finished.map((x) => x.id)).toEqual(['a1']);
	});

	it('lets a refresher started in one tab replace the induction the other tab still shows, keeping both histories', () => {
		const induction = base();
		const done = {
			...induction,
			history: [
				{
					registration: induction.attempt.registration,
					mode: 'induction' as const,
					completedAt: 't',
					courseVersion: '2',
					policyVersion: '2',
					score: 90,
					code: 'c',
					seenQuestions: [],
				},
			],
		};
		const refresher = { ...done, attempt: newAttempt('refresher', '2', '2', new Date('2027-01-01T00:00:00Z')) };
		const oldTab = { ...done, attempt: { ...done.attempt, lessons: { 'monitoring/intro': 't9' } } };
		expect(mergeProgress(oldTab, refresher).attempt.registration).toBe(refresher.attempt.registration);
		expect(mergeProgress(refresher, oldTab).attempt.registration).toBe(refresher.attempt.registration);
		expect(mergeProgress(refresher, oldTab).history).toHaveLength(1);
	});

	it('adds nothing when both tabs agree, so a written-back value does not bounce between tabs', () => {
		const start = base();
		const p = { ...start, attempt: { ...start.attempt, lessons: { 'a/b': 't' } }, checkRuns: {} };
		expect(JSON.stringify(mergeProgress(p, structuredClone(p)))).toBe(JSON.stringify(p));
	});
});

describe('two tabs changing the same entry', () => {
	it('keeps the knowledge check as last saved by the tab taking it, not the stale copy the reading tab wrote', () => {
		const start = base();
		const run = {
			registration: start.attempt.registration,
			seed: 1,
			questionIds: ['q1', 'q2'],
			optionOrder: {},
			index: 0,
			answers: { q1: ['a'] },
			checked: false,
			savedAt: '2026-01-01T00:01:00.000Z',
		};
		const stale = { ...start, checkRuns: { monitoring: run } };
		const checking = { ...start, checkRuns: { monitoring: { ...run, checked: true, savedAt: '2026-01-01T00:01:05.000Z' } } };
		expect(mergeProgress(stale, checking).checkRuns?.monitoring?.checked).toBe(true);
		expect(mergeProgress(checking, stale).checkRuns?.monitoring?.checked).toBe(true);
	});
});
