/**
 * The learner's journey, as pure functions: attempts, a module's state and its time. Client-safe.
 * What comes next is in ./summary.ts; refresher timing in ./refresher.ts.
 */
import type { Learner, PathModule } from './paths.ts';
import { isFor } from './paths.ts';

/** What the journey needs to know about a module (a PathModule plus timing and scenarios). */
export interface JourneyModule extends PathModule {
	title: string;
	minutes: number;
	scenarios: ReadonlyArray<{ id: string; audiences: readonly string[]; minutes?: number }>;
	lessons: ReadonlyArray<{ id: string; audiences: readonly string[]; minutes?: number }>;
}

/** One attempt at the course: an induction or a refresher, with its own xAPI registration. */
export interface Attempt {
	registration: string;
	mode: 'induction' | 'refresher';
	startedAt: string;
	courseVersion: string;
	policyVersion: string;
	/** When the `initialized` statement was made for this attempt. */
	initializedAt?: string;
	/** `module/lesson` -> when it was read. */
	lessons: Record<string, string>;
	/** scenario id -> the ending reached most recently. */
	scenarios: Record<string, { endingId: string; verdict: string; at: string }>;
	/** module id -> the knowledge check attempt. */
	checks: Record<string, { at: string; correct: number; total: number }>;
	/** module id -> when the learner tested out of it in the refresher pre-check. */
	testedOut: Record<string, string>;
	/** module id -> when its completion was recorded. */
	modulesCompleted: Record<string, string>;
	/** The refresher pre-check, once taken. */
	preCheck?: { at: string; results: Record<string, { correct: number; total: number }> };
	acknowledged?: { at: string; policyVersion: string; courseVersion: string };
	completed?: { at: string; score: number; code: string };
}

/** A finished attempt, kept for refresher timing and for avoiding repeated questions. */
export interface CompletedAttempt {
	registration: string;
	mode: 'induction' | 'refresher';
	completedAt: string;
	courseVersion: string;
	policyVersion: string;
	/**
	 * The acknowledgement that completed the attempt: which policy version it was for, and when
	 * (issue 20). Absent in completions saved before it was kept; then `policyVersion` stands.
	 */
	acknowledged?: { at: string; policyVersion: string };
	score: number;
	code: string;
	seenQuestions: string[];
}

export type ModuleState = 'not-started' | 'in-progress' | 'completed' | 'tested-out';

/**
 * A module is complete when every lesson on the learner's path is read, at least one of its
 * cases has been played to an ending, and its knowledge check has been attempted.
 */
export function moduleState(mod: JourneyModule, attempt: Attempt, learner: Learner): ModuleState {
	if (attempt.testedOut[mod.id]) return 'tested-out';
	const lessons = mod.lessons.filter((l) => isFor(l.audiences, learner));
	const scenarios = mod.scenarios.filter((s) => isFor(s.audiences, learner));
	const read = lessons.filter((l) => attempt.lessons[`${mod.id}/${l.id}`]).length;
	const anyPlayed = scenarios.some((s) => attempt.scenarios[s.id]);
	const checked = Boolean(attempt.checks[mod.id]);
	if (read === lessons.length && (anyPlayed || scenarios.length === 0) && checked) return 'completed';
	if (read > 0 || anyPlayed || checked) return 'in-progress';
	return 'not-started';
}

/** Minutes allowed for a module's knowledge check. */
export const CHECK_MINUTES = 3;

/**
 * Minutes to complete a module as the journey counts it: its lessons, one case (the first) and
 * the knowledge check. Trying every case takes longer; pages say so.
 */
export function moduleMinutes(m: { lessons: ReadonlyArray<{ minutes: number }>; scenarios: ReadonlyArray<{ minutes: number }> }): number {
	return m.lessons.reduce((n, l) => n + l.minutes, 0) + (m.scenarios[0]?.minutes ?? 0) + CHECK_MINUTES;
}
