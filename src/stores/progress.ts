/**
 * The learner's progress: the current attempt (induction or refresher), the history of
 * completed attempts, and the assessment in progress. Actions announce what happened on the
 * event bus; the records listener turns that into statements.
 */
import type { Attempt, CompletedAttempt } from '../course/journey.ts';
import { uuid } from '../records/statements.ts';
import { emitCourseEvent } from './events.ts';
import { expect, versionedAtom } from './storage.ts';

/** An assessment attempt in progress or finished. */
export interface AssessmentAttempt {
	id: string;
	seed: number;
	questionIds: string[];
	/** question id -> option order shown (ids), so a reload shows the same order. */
	optionOrder: Record<string, string[]>;
	/** question id -> chosen option ids. */
	answers: Record<string, string[]>;
	startedAt: string;
	finishedAt?: string;
	correct?: number;
	total?: number;
	passed?: boolean;
	/** module id -> [correct, asked]. */
	byModule?: Record<string, [number, number]>;
}

export interface Progress {
	attempt: Attempt;
	history: CompletedAttempt[];
	assessment: { current?: AssessmentAttempt; finished: AssessmentAttempt[] };
	/** The refresher pre-check in progress: module id -> question ids. */
	preCheck?: { questionIds: Record<string, string[]>; answers: Record<string, string[]>; startedAt: string };
}

export function newAttempt(mode: Attempt['mode'], courseVersion: string, policyVersion: string, now = new Date()): Attempt {
	return {
		registration: uuid(),
		mode,
		startedAt: now.toISOString(),
		courseVersion,
		policyVersion,
		lessons: {},
		scenarios: {},
		checks: {},
		testedOut: {},
		modulesCompleted: {},
	};
}

export function emptyProgress(): Progress {
	// The versions are filled in by ensureAttempt() on first use in a page that knows them.
	return { attempt: newAttempt('induction', '', ''), history: [], assessment: { finished: [] } };
}

export function validateProgress(value: unknown): Progress {
	const p = value as Progress;
	expect(p && typeof p === 'object', 'not an object');
	expect(p.attempt && typeof p.attempt.registration === 'string', 'attempt missing');
	for (const key of ['lessons', 'scenarios', 'checks', 'testedOut', 'modulesCompleted'] as const) {
		expect(p.attempt[key] && typeof p.attempt[key] === 'object', `attempt.${key} missing`);
	}
	expect(Array.isArray(p.history), 'history missing');
	expect(p.assessment && Array.isArray(p.assessment.finished), 'assessment missing');
	return p;
}

export const $progress = versionedAtom<Progress>('progress', emptyProgress(), {
	version: 1,
	validate: validateProgress,
	resetMessage: 'Your saved progress could not be read, so it was reset. A copy of what was stored is kept and included in your record download. Your training record (statements) is kept separately and is not affected.',
});

function update(change: (p: Progress) => Progress): void {
	$progress.set(change($progress.get()));
}

/** Makes sure the current attempt carries the course and policy versions. */
export function ensureAttempt(courseVersion: string, policyVersion: string): Attempt {
	const p = $progress.get();
	if (!p.attempt.courseVersion) {
		update((q) => ({ ...q, attempt: { ...q.attempt, courseVersion, policyVersion } }));
	}
	return $progress.get().attempt;
}

export function markLessonRead(moduleId: string, lessonId: string, title: string, moduleTitle: string): void {
	const key = `${moduleId}/${lessonId}`;
	if ($progress.get().attempt.lessons[key]) return; // experienced once per attempt
	update((p) => ({ ...p, attempt: { ...p.attempt, lessons: { ...p.attempt.lessons, [key]: new Date().toISOString() } } }));
	emitCourseEvent({ type: 'lesson.experienced', moduleId, lessonId, title, moduleTitle });
}

export function recordScenarioEnding(scenarioId: string, endingId: string, verdict: string): void {
	update((p) => ({
		...p,
		attempt: { ...p.attempt, scenarios: { ...p.attempt.scenarios, [scenarioId]: { endingId, verdict, at: new Date().toISOString() } } },
	}));
}

export function recordCheck(moduleId: string, correct: number, total: number): void {
	update((p) => ({ ...p, attempt: { ...p.attempt, checks: { ...p.attempt.checks, [moduleId]: { at: new Date().toISOString(), correct, total } } } }));
}

/** Records that a module became complete (once per attempt). */
export function markModuleCompleted(moduleId: string, title: string): void {
	if ($progress.get().attempt.modulesCompleted[moduleId]) return;
	update((p) => ({ ...p, attempt: { ...p.attempt, modulesCompleted: { ...p.attempt.modulesCompleted, [moduleId]: new Date().toISOString() } } }));
	emitCourseEvent({ type: 'module.completed', moduleId, title });
}

export function markTestedOut(moduleId: string, title: string): void {
	if ($progress.get().attempt.testedOut[moduleId]) return;
	update((p) => ({ ...p, attempt: { ...p.attempt, testedOut: { ...p.attempt.testedOut, [moduleId]: new Date().toISOString() } } }));
	emitCourseEvent({ type: 'module.tested-out', moduleId, title });
}

export function startAssessment(attempt: AssessmentAttempt): void {
	update((p) => ({ ...p, assessment: { ...p.assessment, current: attempt } }));
}

export function answerAssessment(questionId: string, answer: string[]): void {
	update((p) => {
		const current = p.assessment.current;
		if (!current) return p;
		return { ...p, assessment: { ...p.assessment, current: { ...current, answers: { ...current.answers, [questionId]: answer } } } };
	});
}

export function finishAssessment(result: Required<Pick<AssessmentAttempt, 'correct' | 'total' | 'passed' | 'byModule'>>, passMark: number): void {
	const current = $progress.get().assessment.current;
	if (!current) return;
	const finished: AssessmentAttempt = { ...current, ...result, finishedAt: new Date().toISOString() };
	update((p) => ({ ...p, assessment: { current: undefined, finished: [...p.assessment.finished, finished] } }));
	emitCourseEvent({
		type: 'assessment.finished',
		attemptId: finished.id,
		correct: result.correct,
		total: result.total,
		passMark,
		passed: result.passed,
		durationMs: Date.parse(finished.finishedAt!) - Date.parse(finished.startedAt),
	});
}

/** The passing assessment of the current attempt, if any. */
export function passedAssessment(p: Progress): AssessmentAttempt | undefined {
	const since = p.attempt.startedAt;
	return [...p.assessment.finished].reverse().find((a) => a.passed && a.startedAt >= since);
}

export function acknowledgePolicy(policyVersion: string, policyLabel: string, courseVersion: string): void {
	update((p) => ({ ...p, attempt: { ...p.attempt, acknowledged: { at: new Date().toISOString(), policyVersion, courseVersion } } }));
	emitCourseEvent({ type: 'policy.acknowledged', policyVersion, policyLabel });
}

/** Finishes the attempt: records completion with its verification code and files it in history. */
export function completeCourse(score: number, code: string, seenQuestions: string[], at = new Date().toISOString()): void {
	const p = $progress.get();
	if (p.attempt.completed) return;
	update((q) => ({
		...q,
		attempt: { ...q.attempt, completed: { at, score, code } },
		history: [
			...q.history,
			{ registration: q.attempt.registration, mode: q.attempt.mode, completedAt: at, courseVersion: q.attempt.courseVersion, policyVersion: q.attempt.policyVersion, score, code, seenQuestions },
		],
	}));
	const durationMs = Date.parse(at) - Date.parse(p.attempt.startedAt);
	emitCourseEvent({ type: 'course.completed', score, code, durationMs });
	// The attempt ends here: `terminated` is its last statement.
	emitCourseEvent({ type: 'course.terminated', durationMs });
}

/** Starts the annual refresher: a new attempt with a new registration. */
export function startRefresher(courseVersion: string, policyVersion: string): void {
	update((p) => ({ ...p, attempt: newAttempt('refresher', courseVersion, policyVersion), assessment: { ...p.assessment, current: undefined }, preCheck: undefined }));
}

export function savePreCheck(preCheck: Progress['preCheck']): void {
	update((p) => ({ ...p, preCheck }));
}

export function finishPreCheck(results: Record<string, { correct: number; total: number }>): void {
	update((p) => ({ ...p, preCheck: undefined, attempt: { ...p.attempt, preCheck: { at: new Date().toISOString(), results } } }));
}
