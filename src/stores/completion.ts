/** Acknowledging the policy and completing the course (the acknowledgement page only). */
import { emitCourseEvent } from './events.ts';
import { $progress, update } from './progress.ts';

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
			{
				registration: q.attempt.registration,
				mode: q.attempt.mode,
				completedAt: at,
				courseVersion: q.attempt.courseVersion,
				policyVersion: q.attempt.policyVersion,
				// Which version this completion acknowledged (issue 20): the refresher and certificate read it.
				...(q.attempt.acknowledged ? { acknowledged: { at: q.attempt.acknowledged.at, policyVersion: q.attempt.acknowledged.policyVersion } } : {}),
				score,
				code,
				seenQuestions,
			},
		],
	}));
	const durationMs = Date.parse(at) - Date.parse(p.attempt.startedAt);
	emitCourseEvent({ type: 'course.completed', score, code, durationMs });
	// The attempt ends here: `terminated` is its last statement.
	emitCourseEvent({ type: 'course.terminated', durationMs });
}

