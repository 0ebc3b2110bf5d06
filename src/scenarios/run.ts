/**
 * Running a scenario for the player: starting, restoring a saved run, replaying decisions to
 * rewind ("try a different choice"). Pure functions over the compiled machine.
 */
import { createActor } from 'xstate';
import { compileScenario } from './machine.ts';

export interface Decision {
	stepId: string;
	choiceId: string;
}

/**
 * A scenario run as saved on the device. The decisions are the whole record: the machine is
 * pure, so replaying them restores the step and the flags exactly, and a run saved before the
 * case was reworded is checked choice by choice against the machine's guards. (Runs saved by
 * earlier versions also carry the machine's snapshot; it is ignored.)
 */
export interface SavedRun {
	/** The decisions so far, in order. */
	history: Decision[];
	startedAt: string;
	stepStartedAt: string;
	/** The attempt (induction or refresher) the run belongs to; a new attempt plays the case afresh. */
	registration?: string;
}

type Machine = ReturnType<typeof compileScenario>;

/** Creates an actor at the start, or replays `history` silently onto a fresh one. */
export function replay(machine: Machine, history: readonly Decision[]) {
	const actor = createActor(machine).start();
	for (const d of history) {
		const before = actor.getSnapshot();
		if (String(before.value) !== d.stepId) throw new Error(`saved decision at "${d.stepId}" does not match step "${String(before.value)}"`);
		const event = { type: 'learner.choose' as const, choiceId: d.choiceId };
		// Asks the machine (its guards) whether the choice is allowed here, rather than sending it and comparing snapshots.
		if (!before.can(event)) throw new Error(`choice "${d.choiceId}" is not available at "${d.stepId}"`);
		actor.send(event);
	}
	return actor;
}

/** Restores a saved run by replaying its decisions; from the start when they no longer fit the case. */
export function restore(machine: Machine, run: SavedRun | undefined) {
	if (run) {
		try {
			return { actor: replay(machine, run.history), history: run.history, restored: true };
		} catch {
			/* the case changed since the run was saved: start afresh */
		}
	}
	return { actor: createActor(machine).start(), history: [] as Decision[], restored: false };
}
