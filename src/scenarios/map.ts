/**
 * The "picture of the case": the decision tree laid out for an SVG drawn at build time. It is
 * read from the compiled machine (each step's `learner.choose` transitions), not from the YAML,
 * so the picture shows exactly the paths the player can take. Pure: no DOM, no randomness.
 *
 * Layout: decisions in rows by their longest distance from the start (so every choice points
 * down the page), every ending in the last row, and each row ordered by where its parents sit
 * (fewer crossing lines). The learner's path and the endings found are painted by the player,
 * which only sets attributes on the drawn nodes and lines.
 */
import { compileScenario, type ScenarioData } from './machine.ts';
import type { Verdict } from '../schemas/scenario.ts';

export interface MapNode {
	id: string;
	kind: 'step' | 'ending';
	verdict?: Verdict;
	/** Decisions are numbered in reading order (row by row), as the text alternative names them. */
	number: number;
	x: number;
	y: number;
}

export interface MapEdge {
	/** `stepId:choiceId`, the key the player marks when that choice was taken. */
	key: string;
	from: string;
	to: string;
	/** An SVG path from the bottom of `from` to the top of `to`. */
	d: string;
}

export interface CaseMap {
	width: number;
	height: number;
	nodes: MapNode[];
	edges: MapEdge[];
}

/** The drawing's units: the SVG scales to its box, so these are proportions, not pixels. */
export const MAP = { width: 640, row: 96, pad: 40, radius: 22 } as const;

/** Reads each state's choices and targets from the compiled machine. */
function transitions(scenario: ScenarioData) {
	const machine = compileScenario(scenario);
	const out = new Map<string, Array<{ choiceId: string; to: string }>>();
	for (const [id, node] of Object.entries(machine.root.states)) {
		const list = (node.on['learner.choose'] ?? []) as unknown as Array<{ guard?: { params?: { choiceId?: string } }; target?: Array<{ key: string }> }>;
		out.set(
			id,
			list.flatMap((t) => (t.target?.[0] && t.guard?.params?.choiceId ? [{ choiceId: t.guard.params.choiceId, to: t.target[0].key }] : [])),
		);
	}
	return out;
}

/** Lays out the case's decision tree. */
export function caseMap(scenario: ScenarioData): CaseMap {
	const next = transitions(scenario);
	const endings = new Map(scenario.endings.map((e) => [e.id, e]));
	// Longest distance from the start, ignoring any loop back (the validator allows cycles with an exit).
	const depth = new Map<string, number>();
	const walk = (id: string, d: number, trail: Set<string>) => {
		if (endings.has(id) || trail.has(id) || (depth.get(id) ?? -1) >= d) return;
		depth.set(id, d);
		trail.add(id);
		for (const t of next.get(id) ?? []) walk(t.to, d + 1, trail);
		trail.delete(id);
	};
	walk(scenario.start, 0, new Set());
	const stepRows = Math.max(...depth.values()) + 1;
	const rows: string[][] = Array.from({ length: stepRows + 1 }, () => []);
	for (const [id, d] of depth) rows[d]!.push(id);
	rows[stepRows] = scenario.endings.map((e) => e.id).filter((id) => [...next.values()].some((ts) => ts.some((t) => t.to === id)));

	const x = new Map<string, number>();
	const parents = (id: string) => [...next].filter(([from, ts]) => x.has(from) && ts.some((t) => t.to === id)).map(([from]) => x.get(from)!);
	const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : MAP.width / 2);
	for (const row of rows) {
		row.sort((a, b) => mean(parents(a)) - mean(parents(b)));
		row.forEach((id, i) => x.set(id, Math.round(((i + 0.5) * MAP.width) / row.length)));
	}

	let number = 0;
	const nodes: MapNode[] = rows.flatMap((row, r) =>
		row.map((id) => {
			const ending = endings.get(id);
			return {
				id,
				kind: ending ? ('ending' as const) : ('step' as const),
				...(ending ? { verdict: ending.verdict } : {}),
				number: ending ? 0 : ++number,
				x: x.get(id)!,
				y: MAP.pad + r * MAP.row,
			};
		}),
	);
	const at = new Map(nodes.map((n) => [n.id, n]));
	const edges: MapEdge[] = [];
	for (const [from, ts] of next) {
		const a = at.get(from);
		if (!a) continue;
		for (const t of ts) {
			const b = at.get(t.to);
			if (!b) continue;
			const [y1, y2] = [a.y + MAP.radius, b.y - MAP.radius];
			const mid = (y1 + y2) / 2;
			edges.push({ key: `${from}:${t.choiceId}`, from, to: t.to, d: `M${a.x} ${y1}C${a.x} ${mid} ${b.x} ${mid} ${b.x} ${y2}` });
		}
	}
	return { width: MAP.width, height: MAP.pad * 2 + stepRows * MAP.row, nodes, edges };
}
