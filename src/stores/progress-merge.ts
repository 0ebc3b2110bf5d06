/**
 * How ./progress.ts joins the learner's progress another tab (or the SCORM wrapper's course
 * frame) stored with its own.
 */
import type { Progress } from './shapes.ts';

/**
 * Joins the progress another tab stored with this tab's (issue 14.1). Tabs each write the whole
 * value, and a tab can write before it has seen another's latest change: without this, the
 * later write drops the earlier one's lessons, answers or cases. Single values follow the
 * stored one; what only grows (lessons read, cases played, checks, completions, once-set
 * fields such as `initializedAt`, finished assessments and attempts) is united, and where both
 * tabs changed the same entry (a check or assessment in progress) the one saved later wins. Of
 * two different attempts, the one started later wins, as a refresher replaces an induction.
 */
export function mergeProgress(stored: Progress, mine: Progress): Progress {
	const a = stored.attempt;
	const b = mine.attempt;
	const finished = union(stored.assessment.finished, mine.assessment.finished, (x) => x.id);
	const history = union(stored.history, mine.history, (x) => x.registration);
	const later = a.registration === b.registration || a.startedAt > b.startedAt ? stored : mine;
	const joined: Progress = { ...later, history, assessment: { ...later.assessment, finished } };
	if (a.registration !== b.registration) return joined;
	const attempt = (joined.attempt = { ...b, ...a });
	for (const k of ['lessons', 'scenarios', 'checks', 'testedOut', 'modulesCompleted'] as const) attempt[k] = newest<unknown>(a[k], b[k]) as never;
	const current = newest({ c: stored.assessment.current }, { c: mine.assessment.current }).c;
	// An assessment either tab has finished is not brought back as "in progress".
	if (current && !finished.some((x) => x.id === current.id)) joined.assessment.current = current;
	else delete joined.assessment.current;
	const preCheck = newest({ p: stored.preCheck }, { p: mine.preCheck }).p;
	if (preCheck && !attempt.preCheck) joined.preCheck = preCheck;
	else delete joined.preCheck;
	if (stored.checkRuns || mine.checkRuns) joined.checkRuns = newest(stored.checkRuns, mine.checkRuns);
	return joined;
}

/** When an entry was last changed: its own time, `savedAt` or `at` (empty when unknown). */
function time(v: unknown): string {
	if (typeof v === 'string') return v;
	const o = v as { savedAt?: string; at?: string } | undefined;
	return o?.savedAt ?? o?.at ?? '';
}

/**
 * Per key, the newer of the two entries (the stored one on a tie), in the stored order, so a
 * join that changes nothing gives the same JSON and is not written back.
 */
function newest<T>(stored: Record<string, T> = {}, mine: Record<string, T> = {}): Record<string, T> {
	const joined = { ...stored };
	for (const k in mine) if (mine[k] !== undefined && (joined[k] === undefined || time(mine[k]) > time(joined[k]))) joined[k] = mine[k];
	return joined;
}

function union<T>(stored: T[], mine: T[], id: (x: T) => string): T[] {
	return [...stored, ...mine.filter((x) => !stored.some((y) => id(y) === id(x)))];
}
