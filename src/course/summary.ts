/**
 * The learner's journey at a glance, for the home page and the end of the course: module
 * states, progress, time left and what comes next. Pure and client-safe; kept apart from
 * ./journey.ts so pages that only record progress do not ship it.
 */
import type { Learner, PathConfig } from './paths.ts';
import { isFor, requiredModules } from './paths.ts';
import { moduleMinutes, moduleState, type Attempt, type JourneyModule, type ModuleState } from './journey.ts';

export interface JourneySummary {
	required: string[];
	states: Record<string, ModuleState>;
	/** Share of required modules completed or tested out, 0-100. */
	percent: number;
	/** Minutes of required work left, the assessment included. */
	minutesLeft: number;
	/** Where to go next. */
	next: { kind: 'module'; moduleId: string } | { kind: 'assessment' } | { kind: 'acknowledge' } | { kind: 'certificate' };
}

export const ASSESSMENT_MINUTES = 15;
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
	const minutesLeft = left.reduce((n, m) => n + minutesFor(m, learner), 0) + (assessmentPassed ? 0 : ASSESSMENT_MINUTES);
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

/**
 * Minutes for this learner to complete a module: only the lessons on their path, the first case
 * meant for them, and the check (a governor skips the PPA lesson, so their estimate is shorter).
 * Falls back to the module's overall minutes when per-item minutes are not known.
 */
export function minutesFor(mod: JourneyModule, learner: Learner): number {
	if (mod.lessons.some((l) => l.minutes === undefined)) return mod.minutes;
	const lessons = mod.lessons.filter((l) => isFor(l.audiences, learner)).map((l) => ({ minutes: l.minutes ?? 0 }));
	const scenario = mod.scenarios.find((s) => isFor(s.audiences, learner));
	return moduleMinutes({ lessons, scenarios: scenario ? [{ minutes: scenario.minutes ?? 0 }] : [] });
}
