/**
 * The learner's progress: the current attempt (induction or refresher), the history of
 * completed attempts, and the assessment in progress. Actions announce what happened on the
 * event bus; the records listener turns that into statements.
 */
import type { Attempt } from '../course/journey.ts';
import { uuid } from '../records/statements.ts';
import { emitCourseEvent } from './event-bus.ts';
import { mergeProgress } from './progress-merge.ts';
import { validateProgressShape } from './shapes.ts';
import { expect, versionedAtom } from './storage.ts';

// The shapes live with their validation (./shapes.ts), which this store uses on every read.
export type { AssessmentAttempt, CheckRun, Progress } from './shapes.ts';
import type { AssessmentAttempt, CheckRun, Progress } from './shapes.ts';

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
	merge: mergeProgress,
	validate: validateProgressShape,
	resetMessage:
		'Your saved progress could not be read, so it was reset. A copy of what was stored is kept and included in your record download. Your training record (statements) is kept separately and is not affected.',
});

let localChange = false;
/** True while this tab applies its own change (not one arriving from another tab). */
export function isLocalChange(): boolean {
	return localChange;
}

/**
 * Applies a change to the stored progress (also used by the action modules beside this one).
 * Other tabs' changes reach $progress through the storage event before this tab's next action.
 */
export function update(change: (p: Progress) => Progress): void {
	localChange = true;
	try {
		$progress.set(change($progress.get()));
	} finally {
		localChange = false;
	}
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

export function saveCheckRun(moduleId: string, run: CheckRun): void {
	update((p) => ({ ...p, checkRuns: { ...p.checkRuns, [moduleId]: { ...run, savedAt: new Date().toISOString() } } }));
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

/** The passing assessment of the current attempt, if any. */
export function passedAssessment(p: Progress): AssessmentAttempt | undefined {
	const since = p.attempt.startedAt;
	return [...p.assessment.finished].reverse().find((a) => a.passed && a.startedAt >= since);
}
