import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attempt } from './attempt.ts';
import { pathGaps, pathModules } from '../../src/build/coverage.ts';
import { moduleMinutes, type CompletedAttempt } from '../../src/course/journey.ts';
import { addMonths, refresherState } from '../../src/course/refresher.ts';
import { minutesFor, summarise } from '../../src/course/summary.ts';
import { loadCourse } from '../../src/build/load.ts';
import { requiredLessons, requiredModules } from '../../src/course/paths.ts';
import { ROLES } from '../../src/course/roles.ts';

const loaded = loadCourse(resolve('modules'));
const modules = pathModules(loaded);
const config = loaded.course;

describe('paths per role', () => {
	it('every role path teaches every rule clause that applies to it', () => {
		for (const role of ROLES) expect(pathGaps(loaded, role), role).toEqual([]);
	});

	it('adds the recruitment module only for people who shortlist or interview', () => {
		for (const role of ROLES) {
			expect(requiredModules(config, modules, { role, recruiter: false })).not.toContain('recruitment-and-equality');
			expect(requiredModules(config, modules, { role, recruiter: true })).toContain('recruitment-and-equality');
		}
	});

	it('gives teachers and trainees the PPA-time lesson, and governors not', () => {
		const teacher = requiredLessons(config, modules, { role: 'teaching', recruiter: false });
		const governor = requiredLessons(config, modules, { role: 'governor', recruiter: false });
		const ppa = teacher.filter((l) => !governor.includes(l));
		expect(ppa.length).toBeGreaterThan(0);
		expect(ppa.every((l) => l.startsWith('personal-use/'))).toBe(true);
		expect(requiredLessons(config, modules, { role: 'trainee', recruiter: false })).toEqual(expect.arrayContaining(ppa));
	});
});

const journeyModules = loaded.modules.map((m) => ({
	...modules.find((p) => p.id === m.id)!,
	title: m.data.title,
	minutes: 10,
	scenarios: m.scenarios.map((s) => ({ id: s.id, audiences: s.data.audiences })),
}));

describe('journey', () => {
	it('counts a module complete when its lessons are read, a case is finished and the check attempted', () => {
		const m = journeyModules.find((x) => x.id === 'monitoring')!;
		const lessons = Object.fromEntries(m.lessons.map((l) => [`monitoring/${l.id}`, 'now']));
		const learner = { role: 'governor' as const, recruiter: false };
		expect(summarise(config, journeyModules, attempt({ lessons }), learner, false).states.monitoring).toBe('in-progress');
		const done = attempt({
			lessons,
			scenarios: { [m.scenarios[0]!.id]: { endingId: 'x', verdict: 'risky', at: 'now' } },
			checks: { monitoring: { at: 'now', correct: 1, total: 4 } },
		});
		const summary = summarise(config, journeyModules, done, learner, false);
		expect(summary.states.monitoring).toBe('completed');
		expect(summary.next).toEqual({ kind: 'module', moduleId: 'overview' });
	});

	it('estimates a module as its lessons, one case and the check', () => {
		expect(moduleMinutes({ lessons: [{ minutes: 4 }, { minutes: 5 }], scenarios: [{ minutes: 3 }, { minutes: 6 }] })).toBe(4 + 5 + 3 + 3);
		expect(moduleMinutes({ lessons: [{ minutes: 4 }], scenarios: [] })).toBe(7);
	});

	it('treats tested-out modules as done and goes to the assessment, then acknowledgement, then certificate', () => {
		const learner = { role: 'volunteer' as const, recruiter: false };
		const all = Object.fromEntries(journeyModules.map((m) => [m.id, 'now']));
		expect(summarise(config, journeyModules, attempt({ testedOut: all }), learner, false)).toMatchObject({ percent: 100, next: { kind: 'assessment' } });
		expect(summarise(config, journeyModules, attempt({ testedOut: all }), learner, true).next).toEqual({ kind: 'acknowledge' });
		expect(
			summarise(config, journeyModules, attempt({ testedOut: all, acknowledged: { at: 'x', policyVersion: '2', courseVersion: '1.0.0' } }), learner, true).next,
		).toEqual({ kind: 'certificate' });
	});
});

describe('refresher timing', () => {
	const done = (completedAt: string, over: Partial<CompletedAttempt> = {}): CompletedAttempt => ({
		registration: 'r',
		mode: 'induction',
		completedAt,
		courseVersion: '1.0.0',
		policyVersion: '2',
		score: 90,
		code: 'X',
		seenQuestions: [],
		...over,
	});
	const cfg = { offerAfterMonths: 11, dueAfterMonths: 12 };
	const current = { courseVersion: '1.0.0', policyVersion: '2' };

	it('is not offered before 11 months, is offered from 11, and is due at 12', () => {
		const last = done('2025-01-15T10:00:00Z');
		expect(refresherState(last, new Date('2025-12-14T10:00:00Z'), cfg, current).offered).toBe(false);
		const s = refresherState(last, new Date('2025-12-15T10:00:00Z'), cfg, current);
		expect(s).toMatchObject({ offered: true, reasons: ['time'] });
		expect(s.dueDate).toBe('2026-01-15T10:00:00.000Z');
	});

	it('is overdue from the due date (12 months), not before', () => {
		const last = done('2025-01-15T10:00:00Z');
		expect(refresherState(last, new Date('2026-01-15T09:59:00Z'), cfg, current).overdue).toBe(false);
		expect(refresherState(last, new Date('2026-02-15T10:00:00Z'), cfg, current)).toMatchObject({ offered: true, overdue: true });
	});

	it('is offered at once when the course or policy version changed', () => {
		const last = done('2026-10-01T00:00:00Z', { policyVersion: '1', courseVersion: '0.9.0' });
		expect(refresherState(last, new Date('2026-10-02T00:00:00Z'), cfg, current)).toMatchObject({
			offered: true,
			reasons: ['course-version', 'policy-version'],
		});
	});

	it('is not offered to someone who never completed the course', () => {
		expect(refresherState(undefined, new Date(), cfg, current)).toEqual({ offered: false, reasons: [], overdue: false });
	});

	it('adds calendar months, clamping to the end of shorter months', () => {
		expect(addMonths('2026-01-31T00:00:00Z', 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
		expect(addMonths('2024-02-29T00:00:00Z', 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
	});
});

describe('time estimates per path', () => {
	const withMinutes = loaded.modules.map((m) => ({
		id: m.id,
		title: m.data.title,
		audiences: m.data.audiences,
		minutes: 99,
		lessons: m.lessons.map((l) => ({ id: l.id, audiences: l.data.audiences, minutes: l.data.minutes })),
		scenarios: m.scenarios.map((s) => ({ id: s.id, audiences: s.data.audiences, minutes: s.data.minutes })),
	}));
	const teacher = { role: 'teaching' as const, recruiter: false };
	const governor = { role: 'governor' as const, recruiter: false };

	it("counts only the lessons and the first case on the learner's path", () => {
		const personal = withMinutes.find((m) => m.id === 'personal-use')!;
		const ppa = personal.lessons.find((l) => l.id === 'ppa-time')!;
		const teacherCase = personal.scenarios.find((s) => s.audiences.includes('all') || s.audiences.includes('teaching'))!;
		const governorCase = personal.scenarios.find((s) => s.audiences.includes('all') || s.audiences.includes('governor'))!;
		expect(minutesFor(personal, teacher) - minutesFor(personal, governor)).toBe(ppa.minutes + teacherCase.minutes - governorCase.minutes);
		expect(minutesFor(personal, governor)).toBeLessThan(minutesFor(personal, teacher));
	});

	it('gives a governor a shorter time left than a teacher at the start', () => {
		const a = attempt();
		expect(summarise(config, withMinutes, a, governor, false).minutesLeft).toBeLessThan(summarise(config, withMinutes, a, teacher, false).minutesLeft);
	});
});
