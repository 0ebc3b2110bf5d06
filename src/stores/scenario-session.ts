/**
 * A case being played: the scenario session. The compiled machine (src/scenarios/machine.ts)
 * decides what a choice leads to; this store runs it for one player: it restores a saved run,
 * takes the learner's choices (`choose`), goes back to an earlier decision (`rewind`), saves
 * the run at every step, records endings, and announces decisions and endings on the event bus
 * (the records listener turns them into statements). The player island only shows `$state`,
 * moves focus and announces.
 */
import { atom } from 'nanostores';
import type { Choice, Ending } from '../schemas/scenario.ts';
import { compileScenario, findNode, type ScenarioData } from '../scenarios/machine.ts';
import { replay, restore, type Decision, type SavedRun } from '../scenarios/run.ts';
import { emitCourseEvent } from './event-bus.ts';
import { $progress, recordScenarioEnding } from './progress.ts';
import { $scenarioRuns, clearRun, recordEndingFound, saveRun } from './scenarios.ts';

/** What the player shows. */
export interface SessionState {
	/** The step or ending on screen. */
	at: string;
	/** Flags set by the choices so far (they pick step text and ending feedback variants). */
	flags: string[];
	/** The decisions so far, in order. */
	history: Decision[];
	/** Show what the last decision led to (after a choice, or on a restored run). */
	echo: boolean;
	/** The run was restored from the device ("Welcome back"). */
	restored: boolean;
	/** The session has started in the browser, so choices work. Until then the opening step shows, as on the server. */
	awake: boolean;
}

/** What a choice the machine accepted did, for the player's announcement. */
export interface ChoiceMade {
	choice: Choice;
	/** The ending reached, if the choice ended the case. */
	ending?: Ending;
	/** True for the first decision of the run (the situation folds away then). */
	first: boolean;
}

type Actor = ReturnType<typeof replay>;

export function createScenarioSession(scenario: ScenarioData, moduleId: string, machine = compileScenario(scenario)) {
	const $state = atom<SessionState>({ at: scenario.start, flags: [], history: [], echo: false, restored: false, awake: false });
	let actor: Actor | null = null;
	// Replaying earlier decisions to rewind must not record them a second time.
	let silent = false;
	let timing = { startedAt: Date.now(), stepStartedAt: Date.now() };

	function attach(next: Actor, history: Decision[], restored: boolean) {
		actor?.stop();
		actor = next;
		next.on('scenario.decided', (e) => {
			if (silent) return;
			const node = findNode(scenario, e.stepId);
			if (node?.kind !== 'step') return;
			emitCourseEvent({
				type: 'scenario.decided',
				moduleId,
				scenarioId: scenario.id,
				scenarioTitle: scenario.title,
				stepId: e.stepId,
				prompt: node.step.prompt,
				choices: node.step.choices.map((c) => ({ id: c.id, label: c.label })),
				choiceId: e.choiceId,
				durationMs: Date.now() - timing.stepStartedAt,
			});
		});
		next.on('scenario.ended', (e) => {
			if (silent) return;
			const ending = scenario.endings.find((x) => x.id === e.endingId)!;
			recordScenarioEnding(scenario.id, e.endingId, e.verdict);
			recordEndingFound(scenario.id, e.endingId);
			emitCourseEvent({
				type: 'scenario.ended',
				moduleId,
				scenarioId: scenario.id,
				scenarioTitle: scenario.title,
				endingId: e.endingId,
				endingTitle: ending.title,
				verdict: e.verdict,
				clauses: e.clauses,
				durationMs: Date.now() - timing.startedAt,
			});
		});
		const snap = next.getSnapshot();
		$state.set({ at: String(snap.value), flags: snap.context.flags, history, echo: restored, restored, awake: true });
	}

	function save(history: Decision[]) {
		// Saved at every step and at the ending too, so a reload shows the ending, not a restart.
		const run: SavedRun = {
			history,
			startedAt: new Date(timing.startedAt).toISOString(),
			stepStartedAt: new Date().toISOString(),
			registration: $progress.get().attempt.registration,
		};
		saveRun(scenario.id, run);
	}

	return {
		$state,

		/** Starts in the browser: restores this attempt's saved run, or opens the case at its first step. */
		start(): void {
			const stored = $scenarioRuns.get()[scenario.id];
			// A run from an earlier attempt (last year's ending) does not count for this one.
			const saved = stored && (!stored.registration || stored.registration === $progress.get().attempt.registration) ? stored : undefined;
			const restored = restore(machine, saved);
			timing = { startedAt: saved && restored.restored ? Date.parse(saved.startedAt) : Date.now(), stepStartedAt: Date.now() };
			attach(restored.actor, restored.history, restored.restored);
		},

		/**
		 * The learner picks a choice at the current step. Returns what it did, or undefined when
		 * the machine rejects it (not started, at an ending, or not a choice available here).
		 */
		choose(choiceId: string): ChoiceMade | undefined {
			if (!actor) return undefined;
			const before = actor.getSnapshot();
			const step = findNode(scenario, String(before.value));
			const event = { type: 'learner.choose' as const, choiceId };
			if (step?.kind !== 'step' || !before.can(event)) return undefined;
			const choice = step.step.choices.find((c) => c.id === choiceId)!;
			actor.send(event);
			const after = actor.getSnapshot();
			const history = [...$state.get().history, { stepId: step.step.id, choiceId }];
			timing.stepStartedAt = Date.now();
			save(history);
			$state.set({ at: String(after.value), flags: after.context.flags, history, echo: true, restored: false, awake: true });
			const next = findNode(scenario, String(after.value));
			return { choice, ending: next?.kind === 'ending' ? next.ending : undefined, first: history.length === 1 };
		},

		/** Goes back to decision `index` (0 = the first), replaying the earlier decisions silently. */
		rewind(index: number): void {
			const history = $state.get().history.slice(0, index);
			silent = true;
			let next: Actor;
			try {
				next = replay(machine, history);
			} finally {
				silent = false;
			}
			timing = { startedAt: Date.now(), stepStartedAt: Date.now() };
			attach(next, history, false);
			if (history.length > 0) save(history);
			else clearRun(scenario.id);
		},

		/** Stops the machine (the island unmounts). */
		stop(): void {
			actor?.stop();
			actor = null;
		},
	};
}

export type ScenarioSession = ReturnType<typeof createScenarioSession>;
