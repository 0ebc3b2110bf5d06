/** Scenario runs in progress, saved so that a reload reopens the same step. */
import type { SavedRun } from '../scenarios/run.ts';
import { expect, versionedAtom } from './storage.ts';

export const $scenarioRuns = versionedAtom<Record<string, SavedRun>>('scenario-runs', {}, {
	version: 1,
	validate: (value) => {
		expect(value && typeof value === 'object' && !Array.isArray(value), 'not a map');
		for (const run of Object.values(value as Record<string, SavedRun>)) expect(Array.isArray(run.history), 'run without history');
		return value as Record<string, SavedRun>;
	},
	resetMessage: 'A case you were part-way through could not be restored, so it starts again from the beginning.',
});

export function saveRun(scenarioId: string, run: SavedRun): void {
	$scenarioRuns.set({ ...$scenarioRuns.get(), [scenarioId]: run });
}

export function clearRun(scenarioId: string): void {
	const { [scenarioId]: _, ...rest } = $scenarioRuns.get();
	$scenarioRuns.set(rest);
}
