/** When the annual refresher is offered and due. Pure and client-safe. */
import type { CompletedAttempt } from './journey.ts';

/** Adds whole calendar months to a date (clamping to the month's end). */
export function addMonths(iso: string, months: number): Date {
	const d = new Date(iso);
	const day = d.getUTCDate();
	const out = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()));
	const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
	out.setUTCDate(Math.min(day, last));
	return out;
}

export interface RefresherState {
	/** True when the home page should offer the refresher. */
	offered: boolean;
	/** Why: time has passed, or the course or policy version changed. */
	reasons: Array<'time' | 'course-version' | 'policy-version'>;
	/** When the refresher is due (completion + dueAfterMonths), if the course was completed. */
	dueDate?: string;
	/** When it will be offered. */
	offerDate?: string;
	/** True once the due date has passed without a newer completion. */
	overdue: boolean;
}

/**
 * The policy version the learner's latest completion acknowledged: the acknowledgement it
 * carries (issue 20), else, for completions saved before that field existed, the version the
 * attempt was taken under (the acknowledgement page always named that version).
 */
export function acknowledgedVersion(last: Pick<CompletedAttempt, 'policyVersion' | 'acknowledged'>): string {
	return last.acknowledged?.policyVersion ?? last.policyVersion;
}

/** Every acknowledgement in the learner's history, oldest first: version and when. */
export function acknowledgements(
	history: ReadonlyArray<Pick<CompletedAttempt, 'policyVersion' | 'acknowledged' | 'completedAt'>>,
): Array<{ policyVersion: string; at: string }> {
	return history.map((h) => ({ policyVersion: acknowledgedVersion(h), at: h.acknowledged?.at ?? h.completedAt }));
}

/** When the learner's last completion makes a refresher offered and due. */
export function refresherState(
	last: CompletedAttempt | undefined,
	now: Date,
	config: { offerAfterMonths: number; dueAfterMonths: number },
	current: { courseVersion: string; policyVersion: string; policySameMeaning?: string[] },
): RefresherState {
	if (!last) return { offered: false, reasons: [], overdue: false };
	const offerDate = addMonths(last.completedAt, config.offerAfterMonths);
	const dueDate = addMonths(last.completedAt, config.dueAfterMonths);
	const reasons: RefresherState['reasons'] = [];
	if (now >= offerDate) reasons.push('time');
	if (last.courseVersion !== current.courseVersion) reasons.push('course-version');
	// A version that changed only wording (minor changes, issue 20) asks nothing of learners.
	// Judged on the version acknowledged, not the one the attempt started under.
	const acked = acknowledgedVersion(last);
	if (acked !== current.policyVersion && !current.policySameMeaning?.includes(acked)) reasons.push('policy-version');
	return { offered: reasons.length > 0, reasons, dueDate: dueDate.toISOString(), offerDate: offerDate.toISOString(), overdue: now >= dueDate };
}

/**
 * What a policy change asks the refresher to cover first: the clauses changed in a major way
 * since the previous version, and the lessons and cases citing them (module by module, in
 * course order). Built into the course meta only when the policy has a major change.
 */
export interface PolicyChangeTargets {
	/** The previous version the change is measured from. */
	from: string;
	/** Clause ids (this version's, and the previous id of a renumbered clause) changed in a major way. */
	clauses: string[];
	/** Lessons and cases citing a changed clause, in course order. */
	items: Array<{ module: string; kind: 'lesson' | 'scenario'; id: string; title: string }>;
}

type Cites = { id: string; title: string; clauses: readonly string[] };
/** The lessons and cases citing any of `changed`, in course order (build time). */
export function changeTargets(
	from: string,
	changed: readonly string[],
	modules: ReadonlyArray<{ id: string; lessons: ReadonlyArray<Cites>; scenarios: ReadonlyArray<Cites> }>,
): PolicyChangeTargets {
	const hit = (clauses: readonly string[]) => clauses.some((c) => changed.includes(c));
	const items: PolicyChangeTargets['items'] = [];
	for (const m of modules) {
		for (const l of m.lessons) if (hit(l.clauses)) items.push({ module: m.id, kind: 'lesson', id: l.id, title: l.title });
		for (const s of m.scenarios) if (hit(s.clauses)) items.push({ module: m.id, kind: 'scenario', id: s.id, title: s.title });
	}
	return { from, clauses: [...changed], items };
}

/**
 * The targeted pre-check (issue 20): for each module, the questions citing a changed clause
 * come first (up to `count`, fresh ones before last time's), then the usual draw fills the rest.
 * `draw` is the usual drawing (src/assessment/draw.ts), passed in to keep this module small.
 */
export function targetedPreCheck<Q extends { id: string; moduleId: string; clauses: readonly string[] }>(
	pool: readonly Q[],
	modules: readonly string[],
	changed: readonly string[],
	options: { count: number; avoid: ReadonlySet<string>; seed: number },
	draw: (pool: readonly Q[], options: { count: number; modules: readonly string[]; avoid?: ReadonlySet<string>; seed: number }) => Q[],
): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	modules.forEach((m, i) => {
		const inModule = pool.filter((q) => q.moduleId === m);
		const cites = inModule.filter((q) => q.clauses.some((c) => changed.includes(c)));
		const first = [...cites.filter((q) => !options.avoid.has(q.id)), ...cites.filter((q) => options.avoid.has(q.id))].slice(0, options.count);
		const rest = draw(
			inModule.filter((q) => !first.includes(q)),
			{ count: options.count - first.length, modules: [m], avoid: options.avoid, seed: options.seed + i },
		);
		out[m] = [...first, ...rest].map((q) => q.id);
	});
	return out;
}

/**
 * The modules a refresher pre-check lets the learner test out of: every question right, and,
 * in a refresher for a policy change, no lesson or case of the module cites a changed clause
 * (the learner reads what changed rather than skipping it).
 */
export function testedOut(results: Record<string, { correct: number; total: number }>, targets?: PolicyChangeTargets): string[] {
	const changedModules = new Set(targets?.items.map((i) => i.module) ?? []);
	return Object.entries(results)
		.filter(([id, r]) => r.total > 0 && r.correct === r.total && !changedModules.has(id))
		.map(([id]) => id);
}

/**
 * The refresher's required items, changed ones first: the lessons and cases citing a changed
 * clause on the learner's required modules, then each other required module as usual.
 */
export function refresherItems(required: readonly string[], targets?: PolicyChangeTargets): { changed: PolicyChangeTargets['items']; modules: string[] } {
	const changed = (targets?.items ?? []).filter((i) => required.includes(i.module));
	return { changed, modules: [...required] };
}
