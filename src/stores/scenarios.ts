/** Scenario runs in progress, saved so that a reload reopens the same step. */
import type { SavedRun } from '../scenarios/run.ts';
import { validateScenarioRuns } from './shapes.ts';
import { versionedAtom } from './storage.ts';

export const $scenarioRuns = versionedAtom<Record<string, SavedRun>>(
	'scenario-runs',
	{},
	{
		version: 1,
		validate: validateScenarioRuns,
		resetMessage: 'A case you were part-way through could not be restored, so it starts again from the beginning.',
	},
);

export function saveRun(scenarioId: string, run: SavedRun): void {
	$scenarioRuns.set({ ...$scenarioRuns.get(), [scenarioId]: run });
}

export function clearRun(scenarioId: string): void {
	const { [scenarioId]: _, ...rest } = $scenarioRuns.get();
	$scenarioRuns.set(rest);
}

/**
 * The endings the learner has reached in each case, in the order found ("2 of 7 endings
 * found", and the endings coloured in the picture of the case). Kept across attempts: finding
 * an ending is learning, whichever year it happened in. An unreadable value is set aside whole.
 */
export const $endingsFound = versionedAtom<Record<string, string[]>>(
	'endings-found',
	{},
	{
		version: 1,
		validate: (value) => {
			if (!value || typeof value !== 'object' || Object.values(value).some((l) => !Array.isArray(l))) throw new Error('not a map of lists');
			return value as Record<string, string[]>;
		},
		resetMessage: 'The list of case endings you had found could not be read, so it starts again.',
	},
);

export function recordEndingFound(scenarioId: string, endingId: string): void {
	const found = $endingsFound.get()[scenarioId] ?? [];
	if (!found.includes(endingId)) $endingsFound.set({ ...$endingsFound.get(), [scenarioId]: [...found, endingId] });
}
