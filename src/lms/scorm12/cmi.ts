/**
 * What the course tells a SCORM 1.2 LMS, as pure functions of the learner's progress: status,
 * score, session time, exit and location (RTE 1.2, section 3.4, the cmi.core elements), and
 * the learner's name as the LMS gives it.
 */
import { percent } from '../../assessment/score.ts';
import type { AssessmentAttempt, Progress } from '../../stores/progress.ts';

export type LessonStatus = 'passed' | 'completed' | 'failed' | 'incomplete' | 'browsed' | 'not attempted';

/** The assessments finished in the current attempt (a refresher starts a new attempt), oldest first. */
function finishedThisAttempt(p: Progress): AssessmentAttempt[] {
	return p.assessment.finished.filter((a) => a.finishedAt && a.startedAt >= p.attempt.startedAt);
}

/**
 * cmi.core.lesson_status: passed or failed once the assessment has a result (the latest one
 * counts, so a learner who fails and retakes becomes passed, and a pass is never taken back
 * by a later attempt in the same session); completed when every required module is done but
 * there is no result yet; otherwise incomplete.
 */
export function lessonStatus(p: Progress, pathDone: boolean): LessonStatus {
	const finished = finishedThisAttempt(p);
	if (p.attempt.completed || finished.some((a) => a.passed)) return 'passed';
	if (finished.length > 0) return 'failed';
	return pathDone ? 'completed' : 'incomplete';
}

/** cmi.core.score.raw/min/max: the best result this attempt as the course shows it (a whole 0-100 percentage). */
export function score(p: Progress): { raw: string; min: string; max: string } | null {
	const finished = finishedThisAttempt(p);
	if (finished.length === 0 && !p.attempt.completed) return null;
	const best = Math.max(p.attempt.completed?.score ?? 0, ...finished.map((a) => percent(a.correct ?? 0, a.total ?? 0)));
	// Whole numbers: Moodle and most LMSs show raw as given, and the course's own figure is floored.
	return { raw: String(Math.min(100, Math.max(0, Math.floor(best)))), min: '0', max: '100' };
}

/**
 * CMITimespan, HHHH:MM:SS.SS (RTE 1.2, 3.4.2): hours 2 to 4 digits, seconds with up to two
 * decimals. Negative or unreadable durations count as zero; 9999 hours is the ceiling.
 */
export function timespan(ms: number): string {
	const cs = Number.isFinite(ms) && ms > 0 ? Math.min(Math.round(ms / 10), 9999 * 360000 + 359999) : 0;
	const hours = Math.floor(cs / 360000);
	const minutes = Math.floor((cs % 360000) / 6000);
	const seconds = (cs % 6000) / 100;
	const pad = (n: number, w: number) => String(n).padStart(w, '0');
	return `${pad(hours, 4)}:${pad(minutes, 2)}:${seconds.toFixed(2).padStart(5, '0')}`;
}

/** cmi.core.exit: suspend until passed, so the LMS keeps suspend_data for a resume; empty once passed. */
export function exitValue(status: LessonStatus): '' | 'suspend' {
	return status === 'passed' ? '' : 'suspend';
}

/**
 * The learner's name as people read it. SCORM 1.2 asks LMSs for "Last, First" (Moodle sends
 * "Last, First"); "Smith, Jo" becomes "Jo Smith". A name without one comma is kept as sent.
 * Whitespace is tidied and the length capped to what the profile accepts.
 */
export function displayName(studentName: string, max = 100): string {
	const tidy = studentName.replace(/\s+/g, ' ').trim();
	const parts = tidy.split(',');
	const name = parts.length === 2 && parts[0]!.trim() && parts[1]!.trim() ? `${parts[1]!.trim()} ${parts[0]!.trim()}` : tidy;
	return name.slice(0, max);
}

/** cmi.core.lesson_location (CMIString255): the course page the learner was on, relative to the course root. */
export function lessonLocation(path: string): string {
	return path.length <= 255 ? path : '';
}
