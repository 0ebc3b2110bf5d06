/**
 * What the certificate page shows: a small module of its own, so that page does not load the
 * completion flow (verification codes, the journey, scoring) it never runs.
 */
import { computed } from 'nanostores';
import { acknowledgedVersion } from '../course/refresher.ts';
import { courseMeta } from './meta.ts';
import { $progress, type Progress } from './progress.ts';

/**
 * The completion a certificate shows: this attempt's once it is complete, else the last one in
 * the history (during next year's refresher the last certificate stays available).
 */
export function completionShown(p: Progress, courseVersion: string) {
	if (p.attempt.completed) {
		return {
			...p.attempt.completed,
			policyVersion: p.attempt.acknowledged?.policyVersion ?? p.attempt.policyVersion,
			courseVersion: p.attempt.courseVersion || courseVersion,
		};
	}
	const last = p.history[p.history.length - 1];
	return last
		? { at: last.completedAt, score: last.score, code: last.code, policyVersion: acknowledgedVersion(last), courseVersion: last.courseVersion }
		: undefined;
}

export const $completionShown = computed($progress, (p) => completionShown(p, courseMeta().version));
