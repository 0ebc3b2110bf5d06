/**
 * Actions on the final assessment in progress. Kept apart from the shared progress store so
 * only the assessment page ships them.
 */
import { emitCourseEvent } from './events.ts';
import { $progress, update, type AssessmentAttempt } from './progress.ts';

export function startAssessment(attempt: AssessmentAttempt): void {
	update((p) => ({ ...p, assessment: { ...p.assessment, current: { ...attempt, savedAt: new Date().toISOString() } } }));
}

export function answerAssessment(questionId: string, answer: string[]): void {
	update((p) => {
		const current = p.assessment.current;
		if (!current) return p;
		return { ...p, assessment: { ...p.assessment, current: { ...current, answers: { ...current.answers, [questionId]: answer }, savedAt: new Date().toISOString() } } };
	});
}

/** Remembers what is on screen, so a reload returns to the same question or step. */
export function showAssessmentView(view: NonNullable<AssessmentAttempt['view']>): void {
	update((p) => (p.assessment.current ? { ...p, assessment: { ...p.assessment, current: { ...p.assessment.current, view, savedAt: new Date().toISOString() } } } : p));
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

