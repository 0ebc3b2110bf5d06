/** Scenario runs in progress, saved so that a reload reopens the same step. */
import type { SavedRun } from '../scenarios/run.ts';
import { validateScenarioRuns } from './shapes.ts';
import { versionedAtom } from './storage.ts';

export const $scenarioRuns = versionedAtom<Record<string, SavedRun>>('scenario-runs', {}, {
	version: 1,
	validate: validateScenarioRuns,
	resetMessage: 'A case you were part-way through could not be restored, so it starts again from the beginning.',
});

export function saveRun(scenarioId: string, run: SavedRun): void {
	$scenarioRuns.set({ ...$scenarioRuns.get(), [scenarioId]: run });
}

export function clearRun(scenarioId: string): void {
	const { [scenarioId]: _, ...rest } = $scenarioRuns.get();
	$scenarioRuns.set(rest);
}
