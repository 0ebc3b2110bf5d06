/**
 * Drawing questions: seeded, so an attempt is reproducible (tests, and a reload shows the same
 * set in the same order). Pure and client-safe.
 */
import { isFor, type Learner } from '../course/paths.ts';

/** Mulberry32: a small, fast, seeded generator returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A shuffled copy (Fisher-Yates). */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

export interface Drawable {
	id: string;
	moduleId: string;
}

/**
 * The questions a learner may be asked: the same audience rules as lessons (role, and the
 * recruiter flag), applied before any drawing, so no seed can reach a question outside the
 * learner's path. A module the learner only browses (none of its questions are for them, e.g.
 * recruitment for a non-recruiter) keeps its whole pool for its own knowledge check.
 */
export function questionsFor<Q extends Drawable & { audiences: readonly string[] }>(pool: readonly Q[], learner: Learner, browsing?: string): Q[] {
	const eligible = pool.filter((q) => isFor(q.audiences, learner));
	if (browsing && !eligible.some((q) => q.moduleId === browsing)) return pool.filter((q) => q.moduleId === browsing);
	return eligible;
}

/**
 * Draws `count` questions: at least one from every module in `modules` that has questions,
 * never the same question twice, preferring questions not in `avoid` (seen last time), then
 * shuffled. A pool smaller than `count` gives the whole pool.
 */
export function drawQuestions<Q extends Drawable>(
	pool: readonly Q[],
	options: { count: number; modules: readonly string[]; avoid?: ReadonlySet<string>; seed: number },
): Q[] {
	const random = seededRandom(options.seed);
	const avoid = options.avoid ?? new Set<string>();
	const eligible = pool.filter((q) => options.modules.includes(q.moduleId));
	// Fresh questions first, each group shuffled, so "prefer unseen" is a stable ordering.
	const ranked = [
		...shuffle(
			eligible.filter((q) => !avoid.has(q.id)),
			random,
		),
		...shuffle(
			eligible.filter((q) => avoid.has(q.id)),
			random,
		),
	];
	const chosen: Q[] = [];
	const take = (q: Q) => {
		if (!chosen.includes(q)) chosen.push(q);
	};
	for (const moduleId of shuffle(options.modules, random)) {
		if (chosen.length >= options.count) break;
		const first = ranked.find((q) => q.moduleId === moduleId);
		if (first) take(first);
	}
	for (const q of ranked) {
		if (chosen.length >= options.count) break;
		take(q);
	}
	return shuffle(chosen, random);
}

/** Option order for each question, shuffled with the same seed. */
export function shuffleOptions(questions: ReadonlyArray<{ id: string; options?: ReadonlyArray<{ id: string }> }>, seed: number): Record<string, string[]> {
	const random = seededRandom(seed ^ 0x9e3779b9);
	return Object.fromEntries(
		questions.map((q) => [
			q.id,
			q.options
				? shuffle(
						q.options.map((o) => o.id),
						random,
					)
				: ['true', 'false'],
		]),
	);
}

/** A new random seed. */
export function newSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
