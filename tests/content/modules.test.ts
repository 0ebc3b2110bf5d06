/**
 * The real course, as data: it loads, covers every rule clause, and meets the content targets.
 */
import { resolve } from 'node:path';
import { getSimplePaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { coverage, coverageIssues } from '../../src/build/coverage.ts';
import { loadCourse } from '../../src/build/load.ts';
import { compileScenario } from '../../src/scenarios/machine.ts';
import { eventsAt, serializeScenarioSnapshot } from '../../src/build/scenario-checks.ts';

const loaded = loadCourse(resolve('modules'));
const scenarios = loaded.modules.flatMap((m) => m.scenarios);

describe('the course in modules/', () => {
	it('teaches and assesses 100% of rule clauses, with no coverage or path issues', () => {
		const report = coverage(loaded);
		expect(report.ruleClauses).toBeGreaterThanOrEqual(30);
		expect(report.percent).toBe(100);
		expect(coverageIssues(loaded)).toEqual([]);
	});

	it('has at least 24 scenarios and 60 questions, and every module has lessons, 2+ scenarios and 6+ questions', () => {
		expect(scenarios.length).toBeGreaterThanOrEqual(24);
		expect(loaded.modules.reduce((n, m) => n + m.questions.length, 0)).toBeGreaterThanOrEqual(60);
		for (const m of loaded.modules) {
			expect(m.lessons.length, m.id).toBeGreaterThan(0);
			expect(m.scenarios.length, m.id).toBeGreaterThanOrEqual(2);
			expect(m.questions.length, m.id).toBeGreaterThanOrEqual(6);
		}
		const count = (id: string) => loaded.modules.find((m) => m.id === id)!.scenarios.length;
		expect(count('acceptable-use')).toBeGreaterThan(2);
		expect(count('personal-use')).toBeGreaterThan(2);
	});

	it('has one module per policy section, in policy order', () => {
		expect(loaded.modules.map((m) => m.id)).toEqual([
			'overview',
			'principles-and-scope',
			'acceptable-use',
			'personal-use',
			'official-use',
			'recruitment-and-equality',
			'legal-considerations',
			'breaches',
			'freedom-of-expression',
			'monitoring',
		]);
	});

	it('lists every policy clause with a unique id, its printed number and heading', () => {
		expect(loaded.clauses).toHaveLength(50);
		expect(new Set(loaded.clauses.map((c) => c.id)).size).toBe(50);
		const twoOnes = loaded.clauses.filter((c) => c.number === '2.1');
		expect(twoOnes.map((c) => [c.id, c.heading])).toEqual([
			['2-1', 'Overarching principles'],
			['2-1-impact', 'Intended Impact'],
		]);
		expect(loaded.policy.notes.map((n) => n.id)).toEqual(
			expect.arrayContaining(['duplicate-section-2-0', 'misnumbered-1-1-1-2', 'no-section-4', 'contents-mismatch', 'truncated-touchstone', 'review-overdue']),
		);
	});

	it('includes the two signature cases with 2+ decisions on a path and 3+ endings', () => {
		for (const id of ['pupil-friend-request', 'grievance-vent']) {
			const s = scenarios.find((x) => x.id === id)!.data;
			expect(s.endings.length, id).toBeGreaterThanOrEqual(3);
			const longest = Math.max(
				...getSimplePaths(compileScenario(s), { events: eventsAt(s), serializeState: serializeScenarioSnapshot }).map((p) => p.steps.length),
			);
			expect(longest, id).toBeGreaterThanOrEqual(2);
		}
		const friend = scenarios.find((x) => x.id === 'pupil-friend-request')!.data;
		expect(friend.endings.flatMap((e) => e.clauses)).toEqual(expect.arrayContaining(['3-5', '3-6']));
		const vent = scenarios.find((x) => x.id === 'grievance-vent')!.data;
		expect(vent.endings.flatMap((e) => e.clauses)).toEqual(expect.arrayContaining(['3-9', '3-7', '3-8']));
	});
});

// No per-scenario tests here: loadCourse() above already fails on an unreachable step or ending,
// a dead end, a cycle with no way out or a clause not in the policy (checkScenarioGraph and the
// loader, unit-tested in tests/unit/scenario-machine.test.ts), and the machine's events and output
// are pinned in tests/unit/scenario-machine.test.ts and tests/unit/rules-pinned.test.ts.
