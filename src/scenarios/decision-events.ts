import type { Verdict } from '../schemas/scenario.ts';

/**
 * Events a scenario emits for the records. The machine emits them without timing (it is
 * pure); the player adds `durationMs` and hands them to the records layer, which turns
 * them into xAPI statements.
 */
export interface ScenarioDecisionEvent {
	type: 'scenario.decided';
	scenarioId: string;
	stepId: string;
	choiceId: string;
	/** Where the choice led: a step id or an ending id. */
	nextId: string;
	/** Time from the step appearing to the choice, added by the player. */
	durationMs?: number;
}

export interface ScenarioEndedEvent {
	type: 'scenario.ended';
	scenarioId: string;
	endingId: string;
	verdict: Verdict;
	clauses: string[];
	/** The ending's feedback as shown on this path (the variant for the path's flags). */
	feedback: string;
	/** Time from the first step to the ending, added by the player. */
	durationMs?: number;
}

export type ScenarioEmitted = ScenarioDecisionEvent | ScenarioEndedEvent;

/** What a finished scenario machine outputs. */
export interface ScenarioOutput {
	endingId: string;
	verdict: Verdict;
	clauses: string[];
	/** The ending's feedback for the path's flags (see `endingFeedback`). */
	feedback: string;
}
