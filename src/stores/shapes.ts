/**
 * Deep checks of what is read back from storage: every element, not just the outer type, so one
 * malformed value (`notices: [null]`, a `questionIds` that is not a list, a record without a
 * verb) can never reach an island and blank it.
 *
 * Hand-written rather than zod: these run on every interactive page, and the heaviest page has
 * under 1 KB of its JavaScript budget left. Lists and maps keep their well-formed elements and
 * hand the rest to `aside` (kept for export, with a notice); a value whose frame is wrong throws,
 * and the store starts fresh (also kept for export).
 */
import type { Attempt, CompletedAttempt } from '../course/journey.ts';
import type { RecordEntry } from '../records/outbox.ts';
import type { SavedRun } from '../scenarios/run.ts';
import { expect, type SetAsideElement } from './storage.ts';

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
	/** When this tab last changed it, so of two tabs' copies the later one is kept (./progress-merge.ts). */
	savedAt?: string;
	/** What was on screen (a question's index, the review or the confirm step), so a reload returns to it. */
	view?: { kind: 'question'; index: number } | { kind: 'review' } | { kind: 'confirm' };
}

/** A module's knowledge check in progress or just finished, so a reload shows exactly what was on screen. */
export interface CheckRun {
	/** The attempt (induction or refresher) it belongs to: a new attempt starts a new check. */
	registration: string;
	seed: number;
	questionIds: string[];
	/** question id -> option order shown (ids). */
	optionOrder: Record<string, string[]>;
	/** The question on screen; equal to questionIds.length once the result is shown. */
	index: number;
	/** question id -> the options selected (checked or not yet). */
	answers: Record<string, string[]>;
	/** True once the question on screen has been checked and its feedback shown. */
	checked: boolean;
	/** When it was last saved, so of two tabs' copies the later one is kept (./progress-merge.ts). */
	savedAt?: string;
}

export interface Progress {
	attempt: Attempt;
	history: CompletedAttempt[];
	assessment: { current?: AssessmentAttempt; finished: AssessmentAttempt[] };
	/** The refresher pre-check in progress: module id -> question ids. */
	preCheck?: { questionIds: Record<string, string[]>; answers: Record<string, string[]>; startedAt: string; savedAt?: string };
	/** Knowledge checks in progress or just finished, by module id. */
	checkRuns?: Record<string, CheckRun>;
}

type Check = (v: unknown) => boolean;
const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const optional =
	(check: Check): Check =>
	(v) =>
		v === undefined || check(v);
const listOf =
	(check: Check): Check =>
	(v) =>
		Array.isArray(v) && v.every(check);
const mapOf =
	(check: Check): Check =>
	(v) =>
		obj(v) && Object.values(v).every(check);
const shape =
	(fields: Record<string, Check>): Check =>
	(v) =>
		obj(v) && Object.entries(fields).every(([k, check]) => check(v[k]));

const counts = shape({ correct: num, total: num });
// Only what a page reads in a way that could fail: lists it walks, maps it looks into, text it shows.
const attemptShape = shape({
	registration: str,
	startedAt: str,
	lessons: mapOf(str),
	scenarios: mapOf(shape({ endingId: str, verdict: str })),
	checks: mapOf(counts),
	testedOut: mapOf(str),
	modulesCompleted: mapOf(str),
	preCheck: optional(shape({ results: mapOf(counts) })),
	completed: optional(shape({ at: str, score: num, code: str })),
});
const completedShape = shape({ completedAt: str, score: num, code: str, seenQuestions: listOf(str) });
export const isAssessmentAttempt = shape({
	id: str,
	seed: num,
	questionIds: listOf(str),
	optionOrder: mapOf(listOf(str)),
	answers: mapOf(listOf(str)),
	startedAt: str,
	byModule: optional(mapOf(listOf(num))),
});
const isCheckRun = shape({
	registration: str,
	seed: num,
	questionIds: listOf(str),
	optionOrder: mapOf(listOf(str)),
	index: num,
	answers: mapOf(listOf(str)),
	checked: (v) => typeof v === 'boolean',
});
const preCheckShape = shape({ questionIds: mapOf(listOf(str)), answers: mapOf(listOf(str)) });

/** Keeps the elements that pass `check`; each other one goes to `aside`. */
function keep<T>(list: unknown[], check: Check, aside: SetAsideElement): T[] {
	return list.filter((item) => check(item) || (aside(item), false)) as T[];
}

/**
 * Progress: the current attempt must be whole (it is what every page reads). The history, the
 * finished assessments, the assessment in progress and the pre-check in progress are kept
 * element by element; a malformed one is set aside and the rest is used.
 */
export function validateProgressShape(value: unknown, aside: SetAsideElement): Progress {
	expect(obj(value), 'not an object');
	expect(attemptShape(value.attempt), 'attempt malformed');
	expect(Array.isArray(value.history), 'history missing');
	expect(obj(value.assessment) && Array.isArray(value.assessment.finished), 'assessment missing');
	const progress: Progress = {
		attempt: value.attempt as Attempt,
		history: keep<CompletedAttempt>(value.history, completedShape, aside),
		assessment: { finished: keep<AssessmentAttempt>(value.assessment.finished, isAssessmentAttempt, aside) },
	};
	const current = value.assessment.current;
	if (isAssessmentAttempt(current)) progress.assessment.current = current as AssessmentAttempt;
	else if (current !== undefined) aside(current);
	if (preCheckShape(value.preCheck)) progress.preCheck = value.preCheck as Progress['preCheck'];
	else if (value.preCheck !== undefined) aside(value.preCheck);
	// Knowledge checks in progress: a malformed one is set aside and that check starts again.
	if (obj(value.checkRuns)) {
		const runs: Record<string, CheckRun> = {};
		for (const [id, run] of Object.entries(value.checkRuns)) {
			if (isCheckRun(run)) runs[id] = run as CheckRun;
			else aside({ [id]: run });
		}
		progress.checkRuns = runs;
	} else if (value.checkRuns !== undefined) aside(value.checkRuns);
	return progress;
}

const isRun = shape({ history: listOf(shape({ stepId: str, choiceId: str })) });

/** Scenario runs in progress: a malformed run is set aside; that case starts again. */
export function validateScenarioRuns(value: unknown, aside: SetAsideElement): Record<string, SavedRun> {
	expect(obj(value), 'not a map');
	const runs: Record<string, SavedRun> = {};
	for (const [id, run] of Object.entries(value)) {
		if (isRun(run)) runs[id] = run as SavedRun;
		else aside({ [id]: run });
	}
	return runs;
}

export const isEntry = shape({
	statement: shape({ id: str, actor: obj, verb: shape({ id: str }), object: shape({ id: str }) }),
	status: (v) => ['local', 'waiting', 'sent', 'rejected'].includes(v as string),
	attempts: num,
});

/**
 * The training record: a malformed entry (no verb, no id, unknown status) is set aside, whole,
 * for the download; every well-formed record is kept and shown.
 */
export function validateRecordEntries(value: unknown, aside: SetAsideElement): RecordEntry[] {
	expect(Array.isArray(value), 'not a list');
	return keep<RecordEntry>(value, isEntry, aside);
}
