import type { AnyActorLogic } from 'xstate';
import { getAdjacencyMap, getSimplePaths } from 'xstate/graph';
import { compileScenario, findNode, type ScenarioData } from './machine.ts';

/** The most decisions any path through a scenario may take. */
export const MAX_PATH_DECISIONS = 12;

/** A problem with one scenario, naming the field (step or ending) at fault. */
export interface ScenarioProblem {
	field: string;
	value?: string;
	message: string;
}

function choiceEvents(scenario: ScenarioData, value: unknown) {
	const node = typeof value === 'string' ? findNode(scenario, value) : undefined;
	if (node?.kind !== 'step') return [];
	return node.step.choices.map((c) => ({ type: 'learner.choose' as const, choiceId: c.id }));
}

/** A scenario snapshot is where it stands plus which flags are set; nothing else varies. */
export function serializeScenarioSnapshot(snapshot: { value: unknown; context: unknown }): string {
	return JSON.stringify([snapshot.value, (snapshot.context as { flags: string[] }).flags]);
}

/** Every choice event that can be sent at a snapshot (the guards decide which apply). */
export function eventsAt(scenario: ScenarioData) {
	return (snapshot: { value: unknown }) => choiceEvents(scenario, snapshot.value);
}

/**
 * Static checks that need no graph: references between steps, endings and flags.
 * (Clause references are checked by the course loader, which knows the policy.)
 */
export function checkScenarioReferences(scenario: ScenarioData): ScenarioProblem[] {
	const problems: ScenarioProblem[] = [];
	const ids = new Map<string, string>();
	scenario.steps.forEach((s, i) => {
		if (ids.has(s.id)) problems.push({ field: `steps[${i}].id`, value: s.id, message: `duplicate id "${s.id}" (also ${ids.get(s.id)})` });
		else ids.set(s.id, `steps[${i}]`);
	});
	scenario.endings.forEach((e, i) => {
		if (ids.has(e.id)) problems.push({ field: `endings[${i}].id`, value: e.id, message: `duplicate id "${e.id}" (also ${ids.get(e.id)})` });
		else ids.set(e.id, `endings[${i}]`);
	});
	if (!scenario.steps.some((s) => s.id === scenario.start)) {
		problems.push({ field: 'start', value: scenario.start, message: `start "${scenario.start}" is not a step` });
	}
	const setFlags = new Set(scenario.steps.flatMap((s) => s.choices.flatMap((c) => c.set)));
	scenario.steps.forEach((step, i) => {
		const choiceIds = new Set<string>();
		step.choices.forEach((choice, j) => {
			const field = `steps[${i}].choices[${j}]`;
			if (choiceIds.has(choice.id)) problems.push({ field: `${field}.id`, value: choice.id, message: `duplicate choice id "${choice.id}" in step "${step.id}"` });
			choiceIds.add(choice.id);
			if (!ids.has(choice.next)) problems.push({ field: `${field}.next`, value: choice.next, message: `choice "${choice.id}" in step "${step.id}" leads to "${choice.next}", which is neither a step nor an ending` });
			for (const flag of [...(choice.if ?? []), ...(choice.unless ?? [])]) {
				if (!setFlags.has(flag)) problems.push({ field: `${field}`, value: flag, message: `choice "${choice.id}" in step "${step.id}" reads flag "${flag}", which no choice sets` });
			}
		});
		step.variants.forEach((variant, j) => {
			for (const flag of [...(variant.if ?? []), ...(variant.unless ?? [])]) {
				if (!setFlags.has(flag)) problems.push({ field: `steps[${i}].variants[${j}]`, value: flag, message: `a variant of step "${step.id}" reads flag "${flag}", which no choice sets` });
			}
		});
	});
	if (!scenario.endings.some((e) => e.verdict === 'best-practice')) {
		problems.push({ field: 'endings', message: 'no ending has the verdict "best-practice": every scenario needs at least one' });
	}
	return problems;
}

/**
 * Walks the compiled machine with `xstate/graph`: every step and ending is reachable, every
 * reachable step offers at least two choices and can still reach an ending (so no dead end
 * and no cycle without an exit), and no path takes more than MAX_PATH_DECISIONS decisions.
 */
export function checkScenarioGraph(scenario: ScenarioData): ScenarioProblem[] {
	const problems = checkScenarioReferences(scenario);
	if (problems.length > 0) return problems; // the graph of a broken scenario says nothing useful
	const machine = compileScenario(scenario);
	// Typed loosely: the graph helpers' generics do not follow setup()'s internal events.
	const adjacency = getAdjacencyMap(machine as AnyActorLogic, {
		events: eventsAt(scenario) as never,
		serializeState: serializeScenarioSnapshot as never,
	}) as unknown as Record<string, { state: { value: unknown; context: unknown }; transitions: Record<string, { state: { value: unknown; context: unknown } }> }>;

	// Snapshot keys -> the node id (step or ending) they stand at, and their successors.
	const nodeOf = new Map<string, string>();
	const successors = new Map<string, Set<string>>();
	for (const [key, entry] of Object.entries(adjacency)) {
		nodeOf.set(key, String(entry.state.value));
		const next = new Set<string>();
		for (const transition of Object.values(entry.transitions)) {
			// A guard that rejects the choice leaves the snapshot where it was: not a move.
			const to = serializeScenarioSnapshot(transition.state);
			if (to !== key) next.add(to);
		}
		successors.set(key, next);
	}
	const reachedNodes = new Set(nodeOf.values());
	scenario.steps.forEach((step, i) => {
		if (!reachedNodes.has(step.id)) problems.push({ field: `steps[${i}]`, value: step.id, message: `step "${step.id}" can never be reached from "${scenario.start}"` });
	});
	scenario.endings.forEach((ending, i) => {
		if (!reachedNodes.has(ending.id)) problems.push({ field: `endings[${i}]`, value: ending.id, message: `ending "${ending.id}" can never be reached from "${scenario.start}"` });
	});

	// Which snapshots can still reach a final one: a fixed point over the successor sets.
	const finalKeys = [...nodeOf].filter(([, id]) => findNode(scenario, id)?.kind === 'ending').map(([k]) => k);
	const canEnd = new Set(finalKeys);
	let grew = true;
	while (grew) {
		grew = false;
		for (const [key, next] of successors) {
			if (!canEnd.has(key) && [...next].some((k) => canEnd.has(k))) {
				canEnd.add(key);
				grew = true;
			}
		}
	}
	const reported = new Set<string>();
	for (const [key, id] of nodeOf) {
		const node = findNode(scenario, id);
		if (node?.kind !== 'step' || reported.has(id)) continue;
		const index = scenario.steps.indexOf(node.step);
		const moves = successors.get(key)?.size ?? 0;
		const flags = (adjacency[key]!.state.context as { flags: string[] }).flags;
		const when = flags.length ? ` when flags [${flags.join(', ')}] are set` : '';
		if (moves === 0) {
			problems.push({ field: `steps[${index}]`, value: id, message: `step "${id}" is a dead end${when}: no choice is available` });
			reported.add(id);
		} else if (!canEnd.has(key)) {
			problems.push({ field: `steps[${index}]`, value: id, message: `step "${id}" is in a cycle with no way out to an ending${when}` });
			reported.add(id);
		} else if (moves < 2) {
			problems.push({ field: `steps[${index}]`, value: id, message: `step "${id}" offers only one choice${when}: a decision needs at least two` });
			reported.add(id);
		}
	}
	if (problems.length > 0) return problems;

	const longest = Math.max(
		...getSimplePaths(machine, { events: eventsAt(scenario) }).map((p) => p.steps.length),
	);
	if (longest > MAX_PATH_DECISIONS) {
		problems.push({ field: 'steps', message: `a path takes ${longest} decisions; the most allowed is ${MAX_PATH_DECISIONS}` });
	}
	return problems;
}
