/**
 * Running a scenario for the player: starting, restoring a saved run, replaying decisions to
 * rewind ("try a different choice"). Pure functions over the compiled machine.
 */
import { createActor, type Snapshot } from 'xstate';
import { compileScenario, findNode, type ScenarioData } from './machine.ts';

export interface Decision {
	stepId: string;
	choiceId: string;
}

/** A scenario run as saved on the device. */
export interface SavedRun {
	/** The decisions so far, in order. */
	history: Decision[];
	/** The machine's persisted snapshot. */
	snapshot: unknown;
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

/**
 * Restores a saved run: from its persisted snapshot when that still fits the scenario, else by
 * replaying its decisions (content may have changed since it was saved), else from the start.
 */
export function restore(scenario: ScenarioData, machine: Machine, run: SavedRun | undefined) {
	if (!run) return { actor: createActor(machine).start(), history: [] as Decision[], restored: false };
	try {
		const snapshot = run.snapshot as Snapshot<unknown> & { value?: unknown };
		if (snapshot && findNode(scenario, String(snapshot.value))) {
			const actor = createActor(machine, { snapshot: run.snapshot as never }).start();
			return { actor, history: run.history, restored: true };
		}
	} catch {
		/* fall through to replay */
	}
	try {
		return { actor: replay(machine, run.history), history: run.history, restored: true };
	} catch {
		return { actor: createActor(machine).start(), history: [] as Decision[], restored: false };
	}
}
