/**
 * The stores the islands show and act through (issue 17: thin islands). Derived values follow
 * the stores they come from; each flow (answer, check, assessment, pre-check, acknowledgement)
 * is an action that records what happened on the event bus, so no island has to.
 */
import { resolve } from 'node:path';
import { cleanStores, keepMount } from 'nanostores';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientQuestion } from '../../src/assessment/options.ts';
import { correctAnswer } from '../../src/assessment/score.ts';
import type { CourseEvent } from '../../src/records/course-events.ts';
import { MemoryStorage } from './memory-storage.ts';

// The client's course facts come from the build (virtual:course-meta); here, from the real course.
vi.mock('../../src/stores/meta.ts', async () => {
	const { loadCourse } = await import('../../src/build/load.ts');
	const { buildCourseMeta } = await import('../../src/build/meta-build.ts');
	const meta = buildCourseMeta(loadCourse(resolve('modules')));
	return { courseMeta: () => meta };
});

const ls = new MemoryStorage();
let s: {
	profile: typeof import('../../src/stores/profile.ts');
	progress: typeof import('../../src/stores/progress.ts');
	journey: typeof import('../../src/stores/journey.ts');
	assessment: typeof import('../../src/stores/assessment.ts');
	check: typeof import('../../src/stores/check.ts');
	refresher: typeof import('../../src/stores/refresher.ts');
	completion: typeof import('../../src/stores/completion.ts');
	answers: typeof import('../../src/stores/answers.ts');
	records: typeof import('../../src/stores/records.ts');
};
let pool: ClientQuestion[];
let events: CourseEvent[];

beforeAll(async () => {
	Object.assign(globalThis, {
		window: globalThis,
		localStorage: ls,
		sessionStorage: new MemoryStorage(),
		addEventListener: () => {},
		removeEventListener: () => {},
	});
	s = {
		profile: await import('../../src/stores/profile.ts'),
		progress: await import('../../src/stores/progress.ts'),
		journey: await import('../../src/stores/journey.ts'),
		assessment: await import('../../src/stores/assessment.ts'),
		check: await import('../../src/stores/check.ts'),
		refresher: await import('../../src/stores/refresher.ts'),
		completion: await import('../../src/stores/completion.ts'),
		answers: await import('../../src/stores/answers.ts'),
		records: await import('../../src/stores/records.ts'),
	};
	(await import('../../src/stores/event-bus.ts')).onCourseEvent((e) => events.push(e));
	const { loadCourse } = await import('../../src/build/load.ts');
	pool = loadCourse(resolve('modules')).modules.flatMap((m) => m.questions.map((q) => ({ ...q.data, moduleId: m.id })));
});

beforeEach(() => {
	events = [];
	s.progress.$progress.set(s.progress.emptyProgress());
	s.profile.$profile.set(null);
	s.records.$cmi5.set(null);
});

afterEach(() => {
	cleanStores(
		s.profile.$profile,
		s.profile.$learner,
		s.progress.$progress,
		s.journey.$journey,
		s.assessment.$passMark,
		s.assessment.$attemptResults,
		s.refresher.$refresher,
		s.completion.$completionShown,
		s.records.$cmi5,
	);
});

const teacher = {
	name: 'Sam Teacher',
	idKind: 'email' as const,
	id: 'sam@example.org',
	role: 'teaching' as const,
	recruiter: false,
	updatedAt: '2026-01-01T00:00:00.000Z',
};
const rightAnswer = (q: ClientQuestion) => correctAnswer(q);

describe('derived stores', () => {
	it('$learner follows the profile: no profile, only content for everyone', () => {
		keepMount(s.profile.$learner);
		expect(s.profile.$learner.get()).toEqual({ role: 'unknown', recruiter: false });
		s.profile.$profile.set({ ...teacher, recruiter: true });
		expect(s.profile.$learner.get()).toEqual({ role: 'teaching', recruiter: true });
	});

	it('$journey follows progress and role: a role with fewer modules has fewer outstanding', () => {
		keepMount(s.journey.$journey);
		const everyone = s.journey.$journey.get().outstanding.length;
		s.profile.$profile.set(teacher);
		const forTeacher = s.journey.$journey.get();
		expect(forTeacher.outstanding.length).toBeGreaterThanOrEqual(everyone);
		const first = forTeacher.outstanding[0]!;
		s.progress.update((p) => ({ ...p, attempt: { ...p.attempt, testedOut: { [first]: new Date().toISOString() } } }));
		expect(s.journey.$journey.get().outstanding).not.toContain(first);
		expect(s.journey.$journey.get().states[first]).toBe('tested-out');
	});

	it('$passMark is the course pass mark until a cmi5 launch sets a mastery score', () => {
		keepMount(s.assessment.$passMark);
		const course = s.assessment.$passMark.get();
		expect(course).toBeGreaterThan(0);
		s.records.$cmi5.set({ masteryScore: 0.9, terminated: false, moveOnMet: false });
		expect(s.assessment.$passMark.get()).toBe(90);
	});

	it('$refresher is not offered before any completion, and is once the last completion is over a year old', () => {
		keepMount(s.refresher.$refresher);
		expect(s.refresher.$refresher.get().offered).toBe(false);
		const longAgo = '2020-01-01T00:00:00.000Z';
		s.progress.update((p) => ({
			...p,
			history: [
				{ registration: 'r', mode: 'induction', completedAt: longAgo, courseVersion: '0', policyVersion: '2', score: 90, code: 'X', seenQuestions: [] },
			],
		}));
		expect(s.refresher.$refresher.get()).toMatchObject({ offered: true, overdue: true, reasons: expect.arrayContaining(['time']) });
	});
});

describe('statement times', () => {
	afterEach(() => vi.useRealTimers());
	it('an event emitted after a statement recorded with its own time (a cmi5 initialized) is stamped after it', async () => {
		vi.useFakeTimers({ now: Date.parse('2031-01-01T00:00:00.000Z') });
		const bus = await import('../../src/stores/event-bus.ts');
		const stamps: string[] = [];
		const stop = bus.onCourseEvent((_, at) => stamps.push(at));
		s.records.recordEvent({ type: 'course.initialized' }, '2031-01-01T00:00:00.000Z');
		bus.emitCourseEvent({ type: 'course.initialized' });
		stop();
		expect(stamps).toEqual(['2031-01-01T00:00:00.001Z']);
	});
});

describe('actions', () => {
	it('answerQuestion records one answered event in the setting given, marked', () => {
		const q = pool[0]!;
		expect(s.answers.answerQuestion(q, rightAnswer(q), 'check', 1200)).toBe(true);
		expect(s.answers.answerQuestion(q, [], 'pre-check')).toBe(false);
		expect(events).toEqual([
			expect.objectContaining({ type: 'question.answered', questionId: q.id, moduleId: q.moduleId, setting: 'check', success: true, durationMs: 1200 }),
			expect.objectContaining({ type: 'question.answered', questionId: q.id, setting: 'pre-check', success: false, response: [] }),
		]);
	});

	it('a knowledge check refuses an empty answer, records a checked one once, and records the check at its last question', () => {
		s.profile.$profile.set(teacher);
		s.check.openCheck(pool, 'monitoring', 2, 7);
		const run = () => s.progress.$progress.get().checkRuns!.monitoring!;
		expect(run().questionIds).toHaveLength(2);
		expect(s.check.checkAnswer('monitoring', pool, 0)).toBe('empty');
		expect(events).toEqual([]);
		for (const [i, id] of run().questionIds.entries()) {
			const q = pool.find((x) => x.id === id)!;
			s.check.selectCheckAnswer('monitoring', id, rightAnswer(q));
			expect(s.check.checkAnswer('monitoring', pool, 0)).toBe(true);
			expect(s.check.checkAnswer('monitoring', pool, 0)).toBeUndefined(); // already checked
			if (i === 0) expect(s.progress.$progress.get().attempt.checks.monitoring).toBeUndefined();
			s.check.nextCheckQuestion('monitoring');
		}
		expect(events.filter((e) => e.type === 'question.answered')).toHaveLength(2);
		expect(s.progress.$progress.get().attempt.checks.monitoring).toMatchObject({ correct: 2, total: 2 });
		// Reopening resumes the same run rather than drawing again.
		const ids = run().questionIds;
		s.check.openCheck(pool, 'monitoring', 2);
		expect(run().questionIds).toEqual(ids);
	});

	it('startAssessment draws from the path and submitAssessment records every answer, marks against $passMark and files the attempt', () => {
		s.profile.$profile.set(teacher);
		const attempt = s.assessment.startAssessment(pool, 10, 3);
		expect(attempt.questionIds).toHaveLength(10);
		expect(s.progress.$progress.get().assessment.current?.id).toBe(attempt.id);
		for (const id of attempt.questionIds) s.assessment.answerAssessment(id, rightAnswer(pool.find((q) => q.id === id)!));
		const finished = s.assessment.submitAssessment(pool)!;
		expect(finished).toMatchObject({ correct: 10, total: 10, passed: true });
		expect(s.progress.$progress.get().assessment.current).toBeUndefined();
		expect(s.assessment.$attemptResults.get()).toHaveLength(1);
		expect(events.filter((e) => e.type === 'question.answered' && e.setting === 'assessment')).toHaveLength(10);
		expect(events.at(-1)).toMatchObject({ type: 'assessment.finished', correct: 10, total: 10, passed: true, passMark: s.assessment.$passMark.get() });
		expect(s.assessment.submitAssessment(pool)).toBeUndefined();
	});

	it('acknowledge refuses before a pass, and while modules on the path are open', async () => {
		s.profile.$profile.set(teacher);
		expect(await s.completion.acknowledge('2', 'Version 2')).toBe('not-passed');
		const attempt = s.assessment.startAssessment(pool, 10, 3);
		for (const id of attempt.questionIds) s.assessment.answerAssessment(id, rightAnswer(pool.find((q) => q.id === id)!));
		s.assessment.submitAssessment(pool);
		expect(await s.completion.acknowledge('2', 'Version 2')).toBe('path-outstanding');
		expect(s.progress.$progress.get().attempt.acknowledged).toBeUndefined();
		expect(events.some((e) => e.type === 'policy.acknowledged')).toBe(false);
	});

	it('acknowledge completes the course once the path is done, and the certificate shows that completion', async () => {
		s.profile.$profile.set(teacher);
		const attempt = s.assessment.startAssessment(pool, 10, 3);
		for (const id of attempt.questionIds) s.assessment.answerAssessment(id, rightAnswer(pool.find((q) => q.id === id)!));
		s.assessment.submitAssessment(pool);
		const now = new Date().toISOString();
		// The path is done: every module tested out (as after a refresher's pre-check).
		s.progress.update((p) => ({ ...p, attempt: { ...p.attempt, testedOut: Object.fromEntries(s.journey.$journey.get().required.map((id) => [id, now])) } }));
		keepMount(s.completion.$completionShown);
		expect(s.completion.$completionShown.get()).toBeUndefined();
		expect(await s.completion.acknowledge('2', 'Version 2')).toBe('completed');
		expect(events.map((e) => e.type).slice(-3)).toEqual(['policy.acknowledged', 'course.completed', 'course.terminated']);
		expect(s.completion.$completionShown.get()).toMatchObject({ score: 100, policyVersion: '2' });
		expect(await s.completion.acknowledge('2', 'Version 2')).toBe('already-completed');
	});
});
