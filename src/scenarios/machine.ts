import { assertEvent, assign, createMachine, emit } from 'xstate';
import type { ScenarioEmitted, ScenarioOutput } from './decision-events.ts';
import { conditionHolds, endingFeedback, type Condition } from './steps.ts';

// The pure helpers live in ./steps.ts (no XState), so the player can show a step without
// loading the machine; re-exported here for the code that compiles and checks scenarios.
export { availableChoices, conditionHolds, endingFeedback, findNode, stepText } from './steps.ts';

import type { ScenarioData } from './steps.ts';
export type { ScenarioData };

export interface ScenarioContext {
	/** Flags set by earlier choices, sorted so that equal sets serialise equally. */
	flags: string[];
	/** The outcome, once an ending is reached (becomes the machine's output). */
	ending?: ScenarioOutput;
}

/** The one event a learner sends: choosing an option at the current step. */
export interface ChooseEvent {
	type: 'learner.choose';
	choiceId: string;
}

/**
 * The guards and actions every scenario compiles with: named and parameterised, so each
 * compiled machine's config is plain data. Handed to `createMachine` as implementations
 * rather than through `setup()`, because `setup()` returns every action creator XState has
 * (log, sendTo, spawnChild, enqueueActions ...) and so keeps them all in the scenario page's
 * JavaScript; the player uses only `assign` and `emit`.
 */
const implementations = {
	guards: {
		/** The event picks this choice, and the choice is available with the current flags. */
		isAvailableChoice: ({ context, event }: { context: ScenarioContext; event: ChooseEvent }, params: { choiceId: string } & Condition) => {
			assertEvent(event, 'learner.choose');
			return event.choiceId === params.choiceId && conditionHolds(context.flags, params);
		},
	},
	actions: {
		setFlags: assign(({ context }: { context: ScenarioContext }, params: { set: string[] }) => ({
			flags: [...new Set([...context.flags, ...params.set])].sort(),
		})),
		emitDecision: emit((_, params: { scenarioId: string; stepId: string; choiceId: string; nextId: string }) => ({
			type: 'scenario.decided' as const,
			...params,
		})),
		/** Records the outcome; the feedback follows the flags the path set (ending variants). */
		reachEnding: assign(
			(
				{ context }: { context: ScenarioContext },
				params: Omit<ScenarioOutput, 'feedback'> & { feedback: string; variants: Array<{ feedback: string } & Condition> },
			) => ({
				ending: {
					endingId: params.endingId,
					verdict: params.verdict,
					clauses: params.clauses,
					feedback: endingFeedback(params, context.flags),
				},
			}),
		),
		emitEnded: emit(({ context }: { context: ScenarioContext }, params: { scenarioId: string }) => ({
			type: 'scenario.ended' as const,
			scenarioId: params.scenarioId,
			...context.ending!,
		})),
	},
};

/**
 * Compiles a scenario to an XState machine: each step is a state whose `learner.choose`
 * transitions are guarded by choice id and condition; each ending is a final state whose
 * output is the verdict and clauses. No `invoke` or `after`, so `xstate/graph` can walk it.
 */
export function compileScenario(scenario: ScenarioData) {
	const states: Record<string, object> = {};
	for (const step of scenario.steps) {
		states[step.id] = {
			on: {
				'learner.choose': step.choices.map((choice) => ({
					guard: {
						type: 'isAvailableChoice',
						params: { choiceId: choice.id, if: choice.if, unless: choice.unless },
					},
					target: choice.next,
					actions: [
						{ type: 'setFlags', params: { set: choice.set } },
						{
							type: 'emitDecision',
							params: {
								scenarioId: scenario.id,
								stepId: step.id,
								choiceId: choice.id,
								nextId: choice.next,
							},
						},
					],
				})),
			},
		};
	}
	for (const ending of scenario.endings) {
		const outcome = {
			endingId: ending.id,
			verdict: ending.verdict,
			clauses: ending.clauses,
			feedback: ending.feedback,
			variants: ending.variants,
		};
		states[ending.id] = {
			type: 'final',
			entry: [
				{ type: 'reachEnding', params: outcome },
				{ type: 'emitEnded', params: { scenarioId: scenario.id } },
			],
		};
	}
	return createMachine(
		{
			types: {} as {
				context: ScenarioContext;
				events: ChooseEvent;
				emitted: ScenarioEmitted;
				output: ScenarioOutput;
			},
			id: scenario.id,
			initial: scenario.start,
			context: { flags: [] },
			// The top-level final state reached decides the machine's output.
			output: ({ context }) => context.ending!,
			// The states object is built from data; its shape is checked by the validator.
			states: states as never,
		},
		// Each action is typed by its own params, which the machine-wide types cannot express.
		implementations as never,
	);
}

export type ScenarioMachine = ReturnType<typeof compileScenario>;
