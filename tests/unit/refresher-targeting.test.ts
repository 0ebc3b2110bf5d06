/**
 * Per-version acknowledgement and the targeted refresher (issue 20), on the fixture's fictional
 * Version 3: the learner's history says which version each completion acknowledged; a refresher
 * for a major change draws its pre-check from the questions citing the changed clauses first,
 * keeps the modules teaching a changed rule on the path, and lists the changed lessons and cases
 * first; without a change the usual cycle is untouched.
 */
import { describe, expect, it } from 'vitest';
import { drawQuestions } from '../../src/assessment/draw.ts';
import type { CompletedAttempt } from '../../src/course/journey.ts';
import { loadCourse } from '../../src/build/load.ts';
import { buildCourseMeta } from '../../src/build/meta-build.ts';
import {
	acknowledgedVersion,
	acknowledgements,
	changeTargets,
	refresherItems,
	refresherState,
	targetedPreCheck,
	testedOut,
} from '../../src/course/refresher.ts';

const config = { offerAfterMonths: 11, dueAfterMonths: 12 };
const completion = (over: Partial<CompletedAttempt> = {}): CompletedAttempt => ({
	registration: 'r1',
	mode: 'induction',
	completedAt: '2026-01-10T10:00:00.000Z',
	courseVersion: '1.0.0',
	policyVersion: '2',
	score: 100,
	code: 'ABCD-EFGH-JKLM',
	seenQuestions: [],
	...over,
});

describe('per-version acknowledgement', () => {
	it('reads the version a completion acknowledged, falling back to the attempt version for old records', () => {
		expect(acknowledgedVersion(completion({ policyVersion: '2', acknowledged: { at: '2026-01-10T10:00:00.000Z', policyVersion: '3' } }))).toBe('3');
		expect(acknowledgedVersion(completion({ policyVersion: '2' }))).toBe('2');
	});

	it('lists every acknowledgement in the history with its version, oldest first', () => {
		const history = [
			completion({ acknowledged: { at: '2026-01-10T09:59:00.000Z', policyVersion: '2' } }),
			completion({
				registration: 'r2',
				mode: 'refresher',
				completedAt: '2026-10-01T10:00:00.000Z',
				policyVersion: '3',
				acknowledged: { at: '2026-10-01T09:59:00.000Z', policyVersion: '3' },
			}),
		];
		expect(acknowledgements(history)).toEqual([
			{ policyVersion: '2', at: '2026-01-10T09:59:00.000Z' },
			{ policyVersion: '3', at: '2026-10-01T09:59:00.000Z' },
		]);
	});

	it('asks again when the acknowledged version is older and the change is major, not when the acknowledged version is current', () => {
		const now = new Date('2026-03-01T00:00:00Z'); // well before the annual offer
		const current = { courseVersion: '1.0.0', policyVersion: '3' };
		expect(refresherState(completion({ acknowledged: { at: '2026-01-10T10:00:00.000Z', policyVersion: '2' } }), now, config, current).reasons).toEqual([
			'policy-version',
		]);
		// Started under 2, but the page had moved to 3 when the learner acknowledged: nothing to ask.
		expect(refresherState(completion({ acknowledged: { at: '2026-01-10T10:00:00.000Z', policyVersion: '3' } }), now, config, current).offered).toBe(false);
		// Minor-only: Version 2's acknowledgement still stands.
		expect(refresherState(completion(), now, config, { ...current, policySameMeaning: ['2'] }).offered).toBe(false);
	});
});

describe('the targeted refresher', () => {
	const loaded = loadCourse('tests/fixtures/course-v3');
	const meta = buildCourseMeta(loaded);
	const pool = loaded.modules.flatMap((m) => m.questions.map((q) => ({ ...q.data, moduleId: m.id })));

	it('the course meta names the major changes and the lessons and cases citing them (not the minor 1.1)', () => {
		expect(meta.policyChange?.from).toBe('2');
		expect([...meta.policyChange!.clauses].sort()).toEqual(['1-2', '3-5', '5-2']);
		expect(meta.policyChange!.items).toEqual([
			{ module: 'example', kind: 'lesson', id: 'basics', title: 'The basics' },
			{ module: 'example', kind: 'scenario', id: 'news', title: 'A parent asks for news' },
		]);
	});

	it('the published course (one policy version) has no policy change in its meta', () => {
		expect(buildCourseMeta(loadCourse('modules')).policyChange).toBeUndefined();
	});

	it('draws the pre-check from questions citing the changed clauses first, whatever the seed', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const ids = targetedPreCheck(pool, ['example'], meta.policyChange!.clauses, { count: 2, avoid: new Set(), seed }, drawQuestions);
			expect(new Set(ids.example)).toEqual(new Set(['ex-phone', 'ex-friends']));
		}
	});

	it('puts changed-clause questions seen last time after fresh ones, and fills up with the usual draw', () => {
		const ids = targetedPreCheck(pool, ['example'], meta.policyChange!.clauses, { count: 3, avoid: new Set(['ex-phone']), seed: 7 }, drawQuestions);
		expect(ids.example!.slice(0, 2)).toEqual(['ex-friends', 'ex-phone']);
		expect(ids.example).toHaveLength(3);
		expect(['ex-share', 'ex-web']).toContain(ids.example![2]);
	});

	it('without a change, draws exactly as the usual cycle does', () => {
		const ids = targetedPreCheck(pool, ['example'], [], { count: 2, avoid: new Set(), seed: 5 }, drawQuestions);
		expect(ids.example).toEqual(drawQuestions(pool, { count: 2, modules: ['example'], avoid: new Set(), seed: 5 }).map((q) => q.id));
	});

	it('keeps a module teaching a changed rule on the path even when every answer is right', () => {
		const results = { example: { correct: 2, total: 2 }, other: { correct: 2, total: 2 }, weak: { correct: 1, total: 2 } };
		expect(testedOut(results, meta.policyChange)).toEqual(['other']);
		expect(testedOut(results)).toEqual(['example', 'other']);
	});

	it('lists the changed lessons and cases first, only on the learner required modules', () => {
		expect(refresherItems(['example'], meta.policyChange).changed.map((i) => `${i.kind}:${i.id}`)).toEqual(['lesson:basics', 'scenario:news']);
		expect(refresherItems(['other'], meta.policyChange).changed).toEqual([]);
		const targets = changeTargets('2', ['9-9'], [{ id: 'm', lessons: [{ id: 'l', title: 'L', clauses: ['1-1'] }], scenarios: [] }]);
		expect(targets.items).toEqual([]);
	});
});
