/**
 * The learner's journey, as pure functions: what a module's state is, what comes next, how
 * much time is left, and when the annual refresher is offered and due. Client-safe.
 */
import type { Learner, PathConfig, PathModule } from './paths.ts';
import { isFor, requiredModules } from './paths.ts';

/** What the journey needs to know about a module (a PathModule plus timing and scenarios). */
export interface JourneyModule extends PathModule {
	title: string;
	minutes: number;
	scenarios: ReadonlyArray<{ id: string; audiences: readonly string[] }>;
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
	const played = scenarios.some((s) => attempt.scenarios[s.id]) || scenarios.length === 0;
	const checked = Boolean(attempt.checks[mod.id]);
	if (read === lessons.length && played && checked) return 'completed';
	if (read > 0 || Object.keys(attempt.scenarios).some((id) => scenarios.some((s) => s.id === id)) || checked) return 'in-progress';
	return 'not-started';
}

export interface JourneySummary {
	required: string[];
	states: Record<string, ModuleState>;
	/** Share of required modules completed or tested out, 0-100. */
	percent: number;
	/** Minutes of required work left, the assessment included. */
	minutesLeft: number;
	/** Where to go next. */
	next:
		| { kind: 'module'; moduleId: string }
		| { kind: 'assessment' }
		| { kind: 'acknowledge' }
		| { kind: 'certificate' };
}

export const ASSESSMENT_MINUTES = 15;
/** Minutes allowed for a module's knowledge check. */
export const CHECK_MINUTES = 3;

/**
 * Minutes to complete a module as the journey counts it: its lessons, one case (the first) and
 * the knowledge check. Trying every case takes longer; pages say so.
 */
export function moduleMinutes(m: { lessons: ReadonlyArray<{ minutes: number }>; scenarios: ReadonlyArray<{ minutes: number }> }): number {
	return m.lessons.reduce((n, l) => n + l.minutes, 0) + (m.scenarios[0]?.minutes ?? 0) + CHECK_MINUTES;
}

export function summarise(
	config: PathConfig,
	modules: readonly JourneyModule[],
	attempt: Attempt,
	learner: Learner,
	assessmentPassed: boolean,
): JourneySummary {
	const required = requiredModules(config, modules, learner);
	const states = Object.fromEntries(modules.map((m) => [m.id, moduleState(m, attempt, learner)]));
	const done = required.filter((id) => states[id] === 'completed' || states[id] === 'tested-out');
	const left = modules.filter((m) => required.includes(m.id) && !done.includes(m.id));
	const minutesLeft = left.reduce((n, m) => n + m.minutes, 0) + (assessmentPassed ? 0 : ASSESSMENT_MINUTES);
	const percent = required.length === 0 ? 100 : Math.round((done.length / required.length) * 100);
	const next: JourneySummary['next'] = left[0]
		? { kind: 'module', moduleId: left[0].id }
		: !assessmentPassed
			? { kind: 'assessment' }
			: !attempt.acknowledged
				? { kind: 'acknowledge' }
				: { kind: 'certificate' };
	return { required, states, percent, minutesLeft, next };
}

/** Adds whole calendar months to a date (clamping to the month's end). */
export function addMonths(iso: string, months: number): Date {
	const d = new Date(iso);
	const day = d.getUTCDate();
	const out = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()));
	const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
	out.setUTCDate(Math.min(day, last));
	return out;
}

export interface RefresherState {
	/** True when the home page should offer the refresher. */
	offered: boolean;
	/** Why: time has passed, or the course or policy version changed. */
	reasons: Array<'time' | 'course-version' | 'policy-version'>;
	/** When the refresher is due (completion + dueAfterMonths), if the course was completed. */
	dueDate?: string;
	/** When it will be offered. */
	offerDate?: string;
}

/** When the learner's last completion makes a refresher offered and due. */
export function refresherState(
	last: CompletedAttempt | undefined,
	now: Date,
	config: { offerAfterMonths: number; dueAfterMonths: number },
	current: { courseVersion: string; policyVersion: string },
): RefresherState {
	if (!last) return { offered: false, reasons: [] };
	const offerDate = addMonths(last.completedAt, config.offerAfterMonths);
	const dueDate = addMonths(last.completedAt, config.dueAfterMonths);
	const reasons: RefresherState['reasons'] = [];
	if (now >= offerDate) reasons.push('time');
	if (last.courseVersion !== current.courseVersion) reasons.push('course-version');
	if (last.policyVersion !== current.policyVersion) reasons.push('policy-version');
	return { offered: reasons.length > 0, reasons, dueDate: dueDate.toISOString(), offerDate: offerDate.toISOString() };
}
