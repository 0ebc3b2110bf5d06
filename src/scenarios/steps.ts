/**
 * What a scenario shows at a step, for the flags set so far: which choices, which text, which
 * ending feedback. Pure, with no XState, so the player island can render a step before the
 * machine (./machine.ts) has loaded.
 */
import type { Choice, Scenario } from '../schemas/scenario.ts';

/** Scenario data plus its id, as the loader hands it over. */
export type ScenarioData = Scenario & { id: string };

export interface Condition {
	if?: string[];
	unless?: string[];
}

/** True when every `if` flag is set and no `unless` flag is. */
export function conditionHolds(flags: readonly string[], condition: Condition): boolean {
	return (condition.if ?? []).every((f) => flags.includes(f)) && !(condition.unless ?? []).some((f) => flags.includes(f));
}

/** The choices a learner sees at a step, given the flags set so far. */
export function availableChoices(step: { choices: Choice[] }, flags: readonly string[]): Choice[] {
	return step.choices.filter((c) => conditionHolds(flags, c));
}

/** The step text for the flags set so far: the first matching variant, else the default. */
export function stepText(step: { text: string; variants: Array<{ text: string } & Condition> }, flags: readonly string[]): string {
	return step.variants.find((v) => conditionHolds(flags, v))?.text ?? step.text;
}

/**
 * An ending's feedback for the flags the path set: the first matching variant, else the
 * default. The feedback must be true for every path that shows it (the verdict rule).
 */
export function endingFeedback(ending: { feedback: string; variants: Array<{ feedback: string } & Condition> }, flags: readonly string[]): string {
	return ending.variants.find((v) => conditionHolds(flags, v))?.feedback ?? ending.feedback;
}

/** Finds a step or ending by id. */
export function findNode(scenario: ScenarioData, id: string) {
	const step = scenario.steps.find((s) => s.id === id);
	if (step) return { kind: 'step' as const, step };
	const ending = scenario.endings.find((e) => e.id === id);
	if (ending) return { kind: 'ending' as const, ending };
	return undefined;
}
