import type { AnyActorLogic } from 'xstate';
import { getAdjacencyMap, getSimplePaths } from 'xstate/graph';
import type { DutyStrength } from '../course/policy.ts';
import type { Choice, Ending } from '../schemas/scenario.ts';
import { availableChoices, compileScenario, findNode, type ScenarioData } from '../scenarios/machine.ts';

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
			if (choiceIds.has(choice.id))
				problems.push({ field: `${field}.id`, value: choice.id, message: `duplicate choice id "${choice.id}" in step "${step.id}"` });
			choiceIds.add(choice.id);
			if (!ids.has(choice.next))
				problems.push({
					field: `${field}.next`,
					value: choice.next,
					message: `choice "${choice.id}" in step "${step.id}" leads to "${choice.next}", which is neither a step nor an ending`,
				});
			for (const flag of [...(choice.if ?? []), ...(choice.unless ?? [])]) {
				if (!setFlags.has(flag))
					problems.push({ field: `${field}`, value: flag, message: `choice "${choice.id}" in step "${step.id}" reads flag "${flag}", which no choice sets` });
			}
		});
		step.variants.forEach((variant, j) => {
			for (const flag of [...(variant.if ?? []), ...(variant.unless ?? [])]) {
				if (!setFlags.has(flag))
					problems.push({
						field: `steps[${i}].variants[${j}]`,
						value: flag,
						message: `a variant of step "${step.id}" reads flag "${flag}", which no choice sets`,
					});
			}
		});
	});
	scenario.endings.forEach((ending, i) => {
		ending.variants.forEach((variant, j) => {
			for (const flag of [...(variant.if ?? []), ...(variant.unless ?? [])]) {
				if (!setFlags.has(flag))
					problems.push({
						field: `endings[${i}].variants[${j}]`,
						value: flag,
						message: `a variant of ending "${ending.id}" reads flag "${flag}", which no choice sets`,
					});
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
	}) as unknown as Record<
		string,
		{ state: { value: unknown; context: unknown }; transitions: Record<string, { state: { value: unknown; context: unknown } }> }
	>;

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
		if (!reachedNodes.has(step.id))
			problems.push({ field: `steps[${i}]`, value: step.id, message: `step "${step.id}" can never be reached from "${scenario.start}"` });
	});
	scenario.endings.forEach((ending, i) => {
		if (!reachedNodes.has(ending.id))
			problems.push({ field: `endings[${i}]`, value: ending.id, message: `ending "${ending.id}" can never be reached from "${scenario.start}"` });
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

	const longest = Math.max(...getSimplePaths(machine, { events: eventsAt(scenario) }).map((p) => p.steps.length));
	if (longest > MAX_PATH_DECISIONS) {
		problems.push({ field: 'steps', message: `a path takes ${longest} decisions; the most allowed is ${MAX_PATH_DECISIONS}` });
	}
	return problems;
}

/** One decision on a path: the step and the choice taken there. */
export interface PathStep {
	stepIndex: number;
	choiceIndex: number;
	stepId: string;
	choice: Choice;
}

/** A path from the start to an ending, with the flags set on the way. */
export interface ScenarioPath {
	decisions: PathStep[];
	endingIndex: number;
	ending: Ending;
	flags: string[];
}

/** A path written as its choice ids, for messages: `seen:raise-now > who:wait-for-tuesday`. */
export function describePath(path: { decisions: PathStep[] }): string {
	return path.decisions.map((d) => `${d.stepId}:${d.choice.id}`).join(' > ');
}

/**
 * Every path from the start to an ending, following the same availability rules as the
 * machine (a choice's `if`/`unless` against the flags set so far). A path never returns to a
 * step with the same flags (that would be a cycle; the graph check reports cycles without an
 * exit). `limit` bounds the enumeration; scenarios are small (at most 4 choices a step and
 * MAX_PATH_DECISIONS decisions).
 */
export function scenarioPaths(scenario: ScenarioData, limit = 20_000): ScenarioPath[] {
	const out: ScenarioPath[] = [];
	const stepIndex = new Map(scenario.steps.map((s, i) => [s.id, i]));
	const endingIndex = new Map(scenario.endings.map((e, i) => [e.id, i]));
	const walk = (at: string, flags: string[], decisions: PathStep[], seen: Set<string>) => {
		if (out.length >= limit) return;
		const e = endingIndex.get(at);
		if (e !== undefined) {
			out.push({ decisions, endingIndex: e, ending: scenario.endings[e]!, flags });
			return;
		}
		const i = stepIndex.get(at);
		if (i === undefined) return;
		const key = JSON.stringify([at, flags]);
		if (seen.has(key)) return;
		const step = scenario.steps[i]!;
		const nextSeen = new Set(seen).add(key);
		for (const choice of availableChoices(step, flags)) {
			const nextFlags = [...new Set([...flags, ...choice.set])].sort();
			walk(choice.next, nextFlags, [...decisions, { stepIndex: i, choiceIndex: step.choices.indexOf(choice), stepId: step.id, choice }], nextSeen);
		}
	};
	walk(scenario.start, [], [], new Set());
	return out;
}

/** A breach with its strength settled against the clause's own wording. */
export interface ResolvedBreach {
	clause: string;
	strength: DutyStrength;
}

/** The strengths of duty a clause states (from `clauseDuties`), or undefined for an unknown clause. */
export type DutyLookup = (clauseId: string) => readonly DutyStrength[] | undefined;

/**
 * Settles each declared breach against the policy: a bare clause id means the clause's
 * strongest duty; `{ clause, strength }` is allowed only where the clause states a duty of that
 * strength. Problems name the choice's field.
 */
export function resolveBreaches(scenario: ScenarioData, duties: DutyLookup) {
	const problems: ScenarioProblem[] = [];
	const resolved = new Map<Choice, ResolvedBreach[]>();
	scenario.steps.forEach((step, i) =>
		step.choices.forEach((choice, j) => {
			const list: ResolvedBreach[] = [];
			choice.breaches.forEach((b, k) => {
				const field = `steps[${i}].choices[${j}].breaches[${k}]`;
				const clause = typeof b === 'string' ? b : b.clause;
				const found = duties(clause);
				if (!found) return; // an unknown clause is reported by the loader's citation check
				if (found.length === 0) {
					problems.push({
						field,
						value: clause,
						message: `choice "${choice.id}" in step "${step.id}" breaches clause ${clause}, but the clause states no duty (no must, must not, not permitted, required, legally bound, should or advised): cite it in the ending's clauses instead`,
					});
					return;
				}
				if (typeof b !== 'string' && !found.includes(b.strength)) {
					problems.push({
						field: `${field}.strength`,
						value: b.strength,
						message: `choice "${choice.id}" in step "${step.id}" breaches clause ${clause} at strength "${b.strength}", but the clause's wording states only ${found.map((s) => `"${s}"`).join(' and ')} duties`,
					});
					return;
				}
				list.push({ clause, strength: typeof b === 'string' ? found[0]! : b.strength });
			});
			resolved.set(choice, list);
		}),
	);
	return { resolved, problems };
}

/** What the verdict rule found for one scenario. */
export interface VerdictReport {
	/** How many paths from start to an ending were checked. */
	paths: number;
	problems: ScenarioProblem[];
	/**
	 * Not errors, but where a reviewer should read the feedback against each path: endings
	 * reached by paths that breach different clauses, with no feedback variants to tell them
	 * apart, and flags that are set but never read.
	 */
	reviewNotes: ScenarioProblem[];
}

/**
 * The verdict rule (docs/content-brief.md, "The verdict rule"), proved on every path: with B
 * the clauses the path's choices breach,
 * - a best-practice ending is reached only when B is empty;
 * - a must-level breach in B makes the ending a breach;
 * - a breach ending needs at least one must-level breach in B (otherwise it is risky);
 * - every clause in B is cited in the ending's `clauses`.
 * Each problem names the ending, one path (as choice ids) and the clause, and says how many
 * other paths have the same problem.
 */
export function checkScenarioVerdicts(scenario: ScenarioData, duties: DutyLookup): VerdictReport {
	const { resolved, problems } = resolveBreaches(scenario, duties);
	const paths = scenarioPaths(scenario);
	// One problem per (ending, kind, clause), with the first path that shows it.
	const found = new Map<string, { problem: ScenarioProblem; more: number }>();
	const add = (key: string, problem: ScenarioProblem) => {
		const seen = found.get(key);
		if (seen) seen.more += 1;
		else found.set(key, { problem, more: 0 });
	};
	const signatures = new Map<number, Map<string, string>>();
	for (const path of paths) {
		const breaches = new Map<string, DutyStrength>();
		for (const d of path.decisions) {
			for (const b of resolved.get(d.choice) ?? []) {
				if (breaches.get(b.clause) !== 'must') breaches.set(b.clause, b.strength);
			}
		}
		const { ending, endingIndex } = path;
		const field = `endings[${endingIndex}]`;
		const route = describePath(path);
		const list = [...breaches].map(([c, s]) => `${c} (${s})`).join(', ');
		const musts = [...breaches].filter(([, s]) => s === 'must').map(([c]) => c);
		const bySignature = signatures.get(endingIndex) ?? new Map<string, string>();
		signatures.set(endingIndex, bySignature);
		// The same set of breaches in another order is the same case.
		const signature = [...breaches]
			.map(([c, s]) => `${c} (${s})`)
			.sort()
			.join(', ');
		if (!bySignature.has(signature)) bySignature.set(signature, route);
		if (ending.verdict === 'best-practice' && breaches.size > 0) {
			add(`${ending.id}:best:${list}`, {
				field: `${field}.verdict`,
				value: ending.id,
				message: `best-practice ending "${ending.id}" is reached by path ${route}, which breaches clause ${list}: best practice is only for paths that break nothing`,
			});
		}
		if (ending.verdict !== 'breach' && musts.length > 0) {
			for (const c of musts)
				add(`${ending.id}:must:${c}`, {
					field: `${field}.verdict`,
					value: ending.id,
					message: `${ending.verdict} ending "${ending.id}" is reached by path ${route}, which breaches clause ${c}, a must-level duty: the ending must be a breach`,
				});
		}
		if (ending.verdict === 'breach' && musts.length === 0) {
			add(`${ending.id}:nomust`, {
				field: `${field}.verdict`,
				value: ending.id,
				message: `breach ending "${ending.id}" is reached by path ${route}, which breaches no must-level duty (${list || 'nothing declared'}): a breach verdict needs one, otherwise the ending is risky`,
			});
		}
		for (const c of breaches.keys()) {
			if (!ending.clauses.includes(c))
				add(`${ending.id}:cite:${c}`, {
					field: `${field}.clauses`,
					value: c,
					message: `ending "${ending.id}" is reached by path ${route}, which breaches clause ${c}, but does not cite it`,
				});
		}
	}
	for (const { problem, more } of found.values()) {
		problems.push(more ? { ...problem, message: `${problem.message} (and ${more} other path${more === 1 ? '' : 's'})` } : problem);
	}
	const reviewNotes: ScenarioProblem[] = [];
	for (const [index, bySignature] of signatures) {
		const ending = scenario.endings[index]!;
		if (bySignature.size < 2 || ending.variants.length > 0) continue;
		const cases = [...bySignature].map(([list, route]) => `${route} (breaches ${list || 'nothing'})`).join('; ');
		reviewNotes.push({
			field: `endings[${index}].feedback`,
			value: ending.id,
			message: `ending "${ending.id}" is reached by paths that break different clauses, and its feedback has no variants: check it is true for each: ${cases}`,
		});
	}
	const read = new Set<string>();
	const readAll = (c: { if?: string[]; unless?: string[] }) => [...(c.if ?? []), ...(c.unless ?? [])].forEach((f) => read.add(f));
	scenario.steps.forEach((step) => {
		step.choices.forEach(readAll);
		step.variants.forEach(readAll);
	});
	scenario.endings.forEach((e) => e.variants.forEach(readAll));
	scenario.steps.forEach((step, i) =>
		step.choices.forEach((choice, j) => {
			for (const flag of choice.set) {
				if (!read.has(flag))
					reviewNotes.push({
						field: `steps[${i}].choices[${j}].set`,
						value: flag,
						message: `flag "${flag}" is set by choice "${choice.id}" but nothing reads it: if it marks something the feedback should reflect, use it in an ending variant`,
					});
			}
		}),
	);
	return { paths: paths.length, problems, reviewNotes };
}
