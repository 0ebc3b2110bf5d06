/**
 * Item-writing checks: an answer must not be guessable from its form. Pure functions over
 * loaded content; `quality.ts` turns their findings into build errors.
 *
 * - Single-choice questions: the correct option may be the strictly longest (in characters)
 *   in at most 1 in 3 of them, across the course.
 * - Scenario steps: the choice that leads to best practice (a choice that breaches nothing and
 *   from which a best-practice ending can still be reached) may be the strictly longest label
 *   at most 1 in 3 of the steps that offer one beside a choice that does not, across the course.
 * - No "all of the above" / "none of the above" (or "both of the above").
 * - Every option within a question, and every choice label offered together at a step, differ.
 */
import type { Question } from '../schemas/question.ts';
import type { Choice } from '../schemas/scenario.ts';
import type { ScenarioData } from '../scenarios/machine.ts';
import { availableChoices } from '../scenarios/machine.ts';
import { scenarioPaths } from './scenario-checks.ts';

/** At most this share of items may have the right answer as the longest. */
export const MAX_LONGEST_SHARE = 1 / 3;

/** The most items out of `n` that may have the right answer longest. */
export function maxLongest(n: number): number {
	return Math.floor(n * MAX_LONGEST_SHARE + 1e-9);
}

const ABOVE = /\b(?:all|none|both|neither) of the above\b|\b(?:all|none) of these (?:answers|options)\b/i;

/** Text compared for sameness: case, spacing and end punctuation ignored. */
export function normalise(text: string): string {
	return text
		.toLowerCase()
		.replace(/[\s]+/g, ' ')
		.replace(/[.!?\s]+$/, '')
		.trim();
}

/** True when `texts[index]` is strictly longer (in characters) than every other text. */
export function isStrictlyLongest(texts: readonly string[], index: number): boolean {
	const own = texts[index]!.trim().length;
	return texts.every((t, i) => i === index || t.trim().length < own);
}

/** A problem with one item, naming the field. */
export interface ItemProblem {
	field: string;
	value?: string;
	message: string;
}

/** Per-question findings. */
export interface QuestionItem {
	single: boolean;
	/** For single-choice questions: the correct option is strictly the longest. */
	correctLongest: boolean;
	problems: ItemProblem[];
}

/** Checks one question (`field` is its path in the pool file, e.g. `questions[3]`). */
export function checkQuestion(q: Question, field: string): QuestionItem {
	const problems: ItemProblem[] = [];
	if (q.type === 'truefalse') return { single: false, correctLongest: false, problems };
	const seen = new Map<string, number>();
	q.options.forEach((o, i) => {
		if (ABOVE.test(o.text))
			problems.push({
				field: `${field}.options[${i}].text`,
				value: o.text,
				message: `question "${q.id}" offers "${ABOVE.exec(o.text)![0]}": write every option as a statement in its own right`,
			});
		const key = normalise(o.text);
		if (seen.has(key))
			problems.push({
				field: `${field}.options[${i}].text`,
				value: o.text,
				message: `question "${q.id}" has the same option twice (also options[${seen.get(key)}])`,
			});
		else seen.set(key, i);
	});
	if (q.type !== 'single') return { single: false, correctLongest: false, problems };
	const index = q.options.findIndex((o) => o.id === q.answer);
	const correctLongest =
		index >= 0 &&
		isStrictlyLongest(
			q.options.map((o) => o.text),
			index,
		);
	return { single: true, correctLongest, problems };
}

/** Per-step findings for a scenario. */
export interface StepItem {
	stepIndex: number;
	stepId: string;
	/** The step offers, in some reachable state, a choice leading to best practice alongside one that does not. */
	hasBestPractice: boolean;
	/** In some reachable state, a best-practice choice is strictly the longest label offered. */
	bestPracticeLongest: boolean;
	/** The choice ids that lead to best practice. */
	bestPracticeChoices: string[];
}

/**
 * Checks a scenario's steps. Each reachable state of a step (the step with the flags set on
 * the way) is judged on the choices offered together in it.
 */
export function checkScenarioItems(scenario: ScenarioData): { steps: StepItem[]; problems: ItemProblem[] } {
	const problems: ItemProblem[] = [];
	// For each step and flag set reached: which choices lead on to a best-practice ending.
	const states = new Map<string, { stepIndex: number; flags: string[]; bestPractice: Set<Choice> }>();
	for (const path of scenarioPaths(scenario)) {
		let flags: string[] = [];
		for (const d of path.decisions) {
			const key = JSON.stringify([d.stepId, flags]);
			const state = states.get(key) ?? { stepIndex: d.stepIndex, flags, bestPractice: new Set<Choice>() };
			states.set(key, state);
			if (path.ending.verdict === 'best-practice' && d.choice.breaches.length === 0) state.bestPractice.add(d.choice);
			flags = [...new Set([...flags, ...d.choice.set])].sort();
		}
	}
	const steps: StepItem[] = scenario.steps.map((s, stepIndex) => ({
		stepIndex,
		stepId: s.id,
		hasBestPractice: false,
		bestPracticeLongest: false,
		bestPracticeChoices: [],
	}));
	const reported = new Set<string>();
	for (const state of states.values()) {
		const step = scenario.steps[state.stepIndex]!;
		const offered = availableChoices(step, state.flags);
		const labels = offered.map((c) => c.label);
		const seen = new Map<string, Choice>();
		offered.forEach((c) => {
			const j = step.choices.indexOf(c);
			const field = `steps[${state.stepIndex}].choices[${j}].label`;
			if (ABOVE.test(c.label) && !reported.has(field)) {
				reported.add(field);
				problems.push({
					field,
					value: c.label,
					message: `choice "${c.id}" in step "${step.id}" reads "${ABOVE.exec(c.label)![0]}": write every choice as an act in its own right`,
				});
			}
			const key = normalise(c.label);
			const twin = seen.get(key);
			if (twin && !reported.has(field)) {
				reported.add(field);
				problems.push({ field, value: c.label, message: `step "${step.id}" offers the same label twice (choices "${twin.id}" and "${c.id}")` });
			}
			seen.set(key, c);
		});
		// Length can only give the answer away where some offered choice does not lead to best practice.
		if (state.bestPractice.size === 0 || offered.every((c) => state.bestPractice.has(c))) continue;
		const item = steps[state.stepIndex]!;
		item.hasBestPractice = true;
		for (const c of state.bestPractice) if (!item.bestPracticeChoices.includes(c.id)) item.bestPracticeChoices.push(c.id);
		if (offered.some((c, i) => state.bestPractice.has(c) && isStrictlyLongest(labels, i))) item.bestPracticeLongest = true;
	}
	return { steps, problems };
}
