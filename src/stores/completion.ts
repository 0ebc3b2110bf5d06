/** Acknowledging the policy and completing the course; the completion a certificate shows. */
import { percent } from '../assessment/score.ts';
import { verificationCode } from '../records/verification.ts';
import { emitCourseEvent } from './event-bus.ts';
import { $journey } from './journey.ts';
import { courseMeta } from './meta.ts';
import { $progress, passedAssessment, update } from './progress.ts';
import { currentActor, readAllRecords } from './records.ts';

/**
 * The learner confirms they have read and understood the policy: when this attempt has passed
 * the final assessment and every module on their path is done or tested out, this records the
 * acknowledgement and completes the course, with a verification code over every statement of
 * the attempt so far (any later edit of the record shows). Returns why not, otherwise.
 */
export async function acknowledge(policyVersion: string, policyLabel: string): Promise<'completed' | 'not-passed' | 'path-outstanding' | 'already-completed'> {
	const p = $progress.get();
	if (p.attempt.completed) return 'already-completed';
	const passed = passedAssessment(p);
	if (!passed) return 'not-passed';
	if ($journey.get().outstanding.length > 0) return 'path-outstanding';
	acknowledgePolicy(policyVersion, policyLabel, courseMeta().version);
	const score = percent(passed.correct ?? 0, passed.total ?? 0);
	const actor = currentActor();
	const completedAt = new Date().toISOString();
	const code = await verificationCode(
		{ learner: 'mbox' in actor ? actor.mbox : actor.account.name, registration: p.attempt.registration, score, policyVersion },
		readAllRecords().map((r) => r.statement),
	);
	// This attempt's questions: the next refresher avoids them.
	const since = p.attempt.startedAt;
	const seen = $progress
		.get()
		.assessment.finished.filter((a) => a.startedAt >= since)
		.flatMap((a) => a.questionIds);
	completeCourse(score, code, [...new Set(seen)], completedAt);
	return 'completed';
}

// The certificate's own view of the record lives apart, so its page loads only that.
export { completionShown, $completionShown } from './certificate.ts';

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
