/**
 * One module as its overview page shows it to a learner: its state, where it sits on their
 * path ("Module 6 of 9"), which lessons they have read, which cases they have played and how
 * many endings they found, and the one thing to do next. Pure and client-safe; the module
 * page's script (src/client/module-page.ts) only reads the stores and writes the answer in.
 */
import type { Learner, PathConfig } from './paths.ts';
import { isFor, requiredModules } from './paths.ts';
import { moduleState, type Attempt, type JourneyModule, type ModuleState } from './journey.ts';

/** The one thing to do next, from this module's page. */
export type ModuleStep =
	| { kind: 'lesson'; id: string }
	| { kind: 'scenario'; id: string }
	| { kind: 'check' }
	/** This module is done: the next module on the learner's path that is not. */
	| { kind: 'module'; id: string }
	/** Every module on the path is done. */
	| { kind: 'assessment' }
	/** Modules and assessment done: the home page says what is left (acknowledgement, certificate). */
	| { kind: 'course' };

export interface ModuleProgress {
	state: ModuleState;
	/** Where the module sits on the learner's path (1-based), or null when it is not on their path. */
	position: { index: number; total: number } | null;
	/** Ids of the lessons read in this attempt, in course order. */
	lessonsRead: string[];
	/** Ids of the lessons meant for this learner (every lesson when the module is not on their path). */
	lessonsForYou: string[];
	/** Ids of the cases played to an ending in this attempt. */
	casesPlayed: string[];
	/** Case id -> how many of its endings the learner has found (in any attempt). */
	endingsFound: Record<string, number>;
	/** The module's knowledge check in this attempt, if taken. */
	check: { correct: number; total: number } | null;
	next: ModuleStep;
}

/**
 * @param endingsFound case id -> ending ids found (the `$endingsFound` store).
 * @param assessmentPassed whether the current attempt's final assessment is passed.
 */
export function moduleProgress(
	config: PathConfig,
	modules: readonly JourneyModule[],
	moduleId: string,
	attempt: Attempt,
	learner: Learner,
	endingsFound: Readonly<Record<string, readonly string[]>>,
	assessmentPassed: boolean,
): ModuleProgress {
	const mod = modules.find((m) => m.id === moduleId);
	if (!mod) throw new Error(`No module ${moduleId}`);
	const required = requiredModules(config, modules, learner);
	const onPath = required.includes(mod.id);
	// A learner browsing a module that is not on their path gets all of it: the lessons meant for
	// recruiters are the whole of the recruitment module, and an empty module helps no one.
	const view: JourneyModule = onPath
		? mod
		: { ...mod, lessons: mod.lessons.map((l) => ({ ...l, audiences: ['all'] })), scenarios: mod.scenarios.map((s) => ({ ...s, audiences: ['all'] })) };
	const state = moduleState(view, attempt, learner);
	const lessons = view.lessons.filter((l) => isFor(l.audiences, learner));
	const scenarios = view.scenarios.filter((s) => isFor(s.audiences, learner));
	const read = (id: string) => Boolean(attempt.lessons[`${mod.id}/${id}`]);
	const check = attempt.checks[mod.id];
	return {
		state,
		position: onPath ? { index: required.indexOf(mod.id) + 1, total: required.length } : null,
		lessonsRead: mod.lessons.filter((l) => read(l.id)).map((l) => l.id),
		lessonsForYou: lessons.map((l) => l.id),
		casesPlayed: mod.scenarios.filter((s) => attempt.scenarios[s.id]).map((s) => s.id),
		endingsFound: Object.fromEntries(mod.scenarios.map((s) => [s.id, endingsFound[s.id]?.length ?? 0])),
		check: check ? { correct: check.correct, total: check.total } : null,
		next: nextStep(),
	};

	function nextStep(): ModuleStep {
		if (state !== 'completed' && state !== 'tested-out') {
			// In the order the module teaches: its lessons, one case, then the check.
			const unread = lessons.find((l) => !read(l.id));
			if (unread) return { kind: 'lesson', id: unread.id };
			if (scenarios.length > 0 && !scenarios.some((s) => attempt.scenarios[s.id])) return { kind: 'scenario', id: scenarios[0]!.id };
			if (!check) return { kind: 'check' };
		}
		// Done here: the next module on the path that is not done, looking forward first.
		const open = required.filter((id) => {
			const s = moduleState(
				modules.find((m) => m.id === id)!,
				attempt,
				learner,
			);
			return id !== mod!.id && s !== 'completed' && s !== 'tested-out';
		});
		const here = required.indexOf(mod!.id);
		const after = open.find((id) => required.indexOf(id) > here) ?? open[0];
		if (after) return { kind: 'module', id: after };
		return assessmentPassed ? { kind: 'course' } : { kind: 'assessment' };
	}
}

/** What the start/continue button says for a step; titles come from the page. */
export function stepLabel(step: ModuleStep, state: ModuleState, title: (kind: 'lesson' | 'scenario' | 'module', id: string) => string): string {
	const inModule = step.kind === 'lesson' || step.kind === 'scenario' || step.kind === 'check';
	if (state === 'not-started' && inModule) return 'Start the module';
	switch (step.kind) {
		case 'lesson':
			return `Continue: ${title('lesson', step.id)}`;
		case 'scenario':
			return `Continue with a case: ${title('scenario', step.id)}`;
		case 'check':
			return 'Continue: check your understanding';
		case 'module':
			return `Next module: ${title('module', step.id)}`;
		case 'assessment':
			return 'Take the final assessment';
		case 'course':
			return 'Back to your course';
	}
}

/** Where a step is, relative to the site's base (the page adds the base with `withBase`). */
export function stepPath(step: ModuleStep, moduleId: string): string {
	switch (step.kind) {
		case 'lesson':
			return `/modules/${moduleId}/${step.id}/`;
		case 'scenario':
			return `/modules/${moduleId}/scenarios/${step.id}/`;
		case 'check':
			return `/modules/${moduleId}/check/`;
		case 'module':
			return `/modules/${step.id}/`;
		case 'assessment':
			return '/assessment/';
		case 'course':
			return '/';
	}
}
