/** The annual refresher's actions (the refresher page only). */
import { initializeAttempt } from './app.ts';
import { emitCourseEvent } from './events.ts';
import { $progress, newAttempt, update, type Progress } from './progress.ts';

/**
 * Starts the annual refresher: a new attempt with a new registration, opened with its own
 * `initialized`. Checks left open or finished last time start afresh (cases too: a saved run
 * belongs to its attempt's registration, see ScenarioPlayer).
 */
export function startRefresher(courseVersion: string, policyVersion: string): void {
	update((p) => ({ ...p, attempt: newAttempt('refresher', courseVersion, policyVersion), assessment: { ...p.assessment, current: undefined }, preCheck: undefined, checkRuns: {} }));
	initializeAttempt();
}

export function savePreCheck(preCheck: Progress['preCheck']): void {
	update((p) => ({ ...p, preCheck: preCheck && { ...preCheck, savedAt: new Date().toISOString() } }));
}

export function finishPreCheck(results: Record<string, { correct: number; total: number }>): void {
	update((p) => ({ ...p, preCheck: undefined, attempt: { ...p.attempt, preCheck: { at: new Date().toISOString(), results } } }));
}

export function markTestedOut(moduleId: string, title: string): void {
	if ($progress.get().attempt.testedOut[moduleId]) return;
	update((p) => ({ ...p, attempt: { ...p.attempt, testedOut: { ...p.attempt.testedOut, [moduleId]: new Date().toISOString() } } }));
	emitCourseEvent({ type: 'module.tested-out', moduleId, title });
}
