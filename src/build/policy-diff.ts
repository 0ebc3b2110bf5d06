import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diffWords } from 'diff';
import { parse as parseYaml } from 'yaml';
import { PolicySchema, type ChangeClass, type Policy } from '../schemas/policy.ts';
import type { ContentIssue, LoadedCourse } from '../course/loaded-course.ts';
import { indexClauses } from '../course/policy.ts';

/** One word-level piece of a reworded clause: kept, added or removed words. */
export interface WordPart {
	value: string;
	added: boolean;
	removed: boolean;
}

/** One clause that differs between two versions of the policy. */
export interface ClauseChange {
	kind: 'added' | 'removed' | 'reworded';
	/** The clause id in the new version (the old id for a removed clause). */
	clause: string;
	/** The id in the previous version, where it differs (renumbered clause). */
	previousId?: string;
	/** The printed number in the new version (old version for a removed clause). */
	number: string;
	oldText: string | null;
	newText: string | null;
	/** Word-level diff (jsdiff `diffWords`) of the clause text and its items. */
	words: WordPart[];
	/** The author's class, or null when the author has not classed the change yet. */
	class: ChangeClass | null;
	summary: string | null;
}

/** Two versions compared, with the author's classes applied. */
export interface PolicyDiff {
	from: string;
	to: string;
	changes: ClauseChange[];
	/** Problems in the author's change list: unclassed changes, classes for unchanged clauses. */
	issues: ContentIssue[];
}

const clauseText = (c: { text: string; items: string[] }) => [c.text, ...c.items].join('\n');

/**
 * Compares two versions of the policy clause by clause. Clauses are matched by id, or by
 * `previousId` where the new version renumbered one. Each difference takes the class the author
 * gave it in `next.changes`; a difference without one, or a class for a clause that did not
 * change, is reported as an issue so the check fails.
 */
export function diffPolicies(prev: Policy, next: Policy, file = 'policy'): PolicyDiff {
	const before = new Map(indexClauses(prev).map((c) => [c.id, c]));
	const after = indexClauses(next);
	const authored = new Map((next.changes?.changes ?? []).map((c) => [c.clause, c]));
	const changes: ClauseChange[] = [];
	const matched = new Set<string>();
	const classOf = (id: string) => ({ class: authored.get(id)?.class ?? null, summary: authored.get(id)?.summary ?? null });
	for (const clause of after) {
		const oldId = clause.previousId ?? clause.id;
		const old = before.get(oldId);
		if (!old) {
			changes.push({
				kind: 'added',
				clause: clause.id,
				number: clause.number,
				oldText: null,
				newText: clauseText(clause),
				words: [{ value: clauseText(clause), added: true, removed: false }],
				...classOf(clause.id),
			});
			continue;
		}
		matched.add(oldId);
		const oldText = clauseText(old);
		const newText = clauseText(clause);
		if (oldText === newText) continue;
		const words = diffWords(oldText, newText).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
		changes.push({
			kind: 'reworded',
			clause: clause.id,
			...(oldId !== clause.id ? { previousId: oldId } : {}),
			number: clause.number,
			oldText,
			newText,
			words,
			...classOf(clause.id),
		});
	}
	for (const old of before.values()) {
		if (matched.has(old.id)) continue;
		changes.push({
			kind: 'removed',
			clause: old.id,
			number: old.number,
			oldText: clauseText(old),
			newText: null,
			words: [{ value: clauseText(old), added: false, removed: true }],
			...classOf(old.id),
		});
	}
	const issues: ContentIssue[] = [];
	for (const c of changes) {
		if (!c.class)
			issues.push({
				file,
				field: 'changes.changes',
				value: c.clause,
				message: `clause "${c.clause}" was ${c.kind} since version ${prev.version} but has no class (major or minor)`,
			});
	}
	const changed = new Set(changes.map((c) => c.clause));
	for (const id of authored.keys()) {
		if (!changed.has(id))
			issues.push({
				file,
				field: 'changes.changes',
				value: id,
				message: `clause "${id}" is classed as changed but its text is the same in version ${prev.version}`,
			});
	}
	return { from: prev.version, to: next.version, changes, issues };
}

/** True when learners must see the change and acknowledge again: any major change. */
export function needsNewAcknowledgement(diff: PolicyDiff): boolean {
	return diff.changes.some((c) => c.class === 'major');
}

type LoadedModule = LoadedCourse['modules'][number];
/** Every clause a lesson cites: key points, examples, what is unclear and whom to ask. */
export function lessonClauses(d: LoadedModule['lessons'][number]['data']): string[] {
	return [...d.keyPoints, ...d.inPractice, ...d.unclear].flatMap((p) => p.clauses).concat(d.whoToAsk?.clauses ?? []);
}
/** Every clause a case cites: its endings, and what each choice breaches or upholds. */
export function scenarioClauses(d: LoadedModule['scenarios'][number]['data']): string[] {
	return d.endings
		.flatMap((e) => e.clauses)
		.concat(d.steps.flatMap((s) => s.choices.flatMap((c) => [...c.breaches.map((b) => (typeof b === 'string' ? b : b.clause)), ...c.upholds])));
}

/** The clause ids (new and, if renumbered, old) of the major changes. */
export function majorClauses(diff: PolicyDiff): string[] {
	return diff.changes.filter((c) => c.class === 'major').flatMap((c) => (c.previousId ? [c.clause, c.previousId] : [c.clause]));
}

/** A content item that cites a changed clause, and whether the author has reviewed it. */
export interface ReviewItem {
	/** `lesson:<module>/<lesson>`, `scenario:<id>` or `question:<id>`, as written in `reviewed`. */
	key: string;
	file: string;
	clauses: string[];
	reviewed: boolean;
}

/**
 * Lessons, cases and questions citing a changed clause (by its new or old id), each with whether
 * it is in the author's `reviewed` list. Any unreviewed item is a check failure.
 */
export function reviewItems(loaded: LoadedCourse, diff: PolicyDiff): { items: ReviewItem[]; issues: ContentIssue[] } {
	const changed = new Set(diff.changes.flatMap((c) => (c.previousId ? [c.clause, c.previousId] : [c.clause])));
	const reviewed = new Set(loaded.policy.changes?.reviewed ?? []);
	const items: ReviewItem[] = [];
	const add = (key: string, file: string, cited: string[]) => {
		const clauses = [...new Set(cited.filter((id) => changed.has(id)))];
		if (clauses.length) items.push({ key, file, clauses, reviewed: reviewed.has(key) });
	};
	for (const mod of loaded.modules) {
		for (const lesson of mod.lessons) add(`lesson:${mod.id}/${lesson.id}`, lesson.file, lessonClauses(lesson.data));
		for (const scenario of mod.scenarios) add(`scenario:${scenario.id}`, scenario.file, scenarioClauses(scenario.data));
		for (const question of mod.questions) add(`question:${question.id}`, question.file, question.data.clauses);
	}
	const issues = items
		.filter((i) => !i.reviewed)
		.map((i) => ({
			file: i.file,
			field: 'clauses',
			value: i.key,
			message: `cites changed clause(s) ${i.clauses.join(', ')} (policy version ${diff.from} -> ${diff.to}); review it, then add "${i.key}" to changes.reviewed in ${loaded.policyFile}`,
		}));
	return { items, issues };
}

/**
 * The version comparison for a loaded course: when the policy file has a `changes` block, the
 * previous version is read from `policy/versions/<from>.yaml` and compared clause by clause.
 * Returns null when the course holds one version only.
 */
export function versionCheck(loaded: LoadedCourse): { diff: PolicyDiff; review: ReviewItem[]; issues: ContentIssue[] } | null {
	const from = loaded.policy.changes?.from;
	if (from === undefined) return null;
	const abs = join(loaded.root, 'policy', 'versions', `${from}.yaml`);
	const file = relative(process.cwd(), abs);
	let prev: Policy;
	try {
		const parsed = PolicySchema.safeParse(parseYaml(readFileSync(abs, 'utf8')));
		if (!parsed.success)
			return {
				diff: { from, to: loaded.policy.version, changes: [], issues: [] },
				review: [],
				issues: parsed.error.issues.map((i) => ({ file, field: i.path.join('.'), message: i.message })),
			};
		prev = parsed.data;
	} catch (error) {
		return {
			diff: { from, to: loaded.policy.version, changes: [], issues: [] },
			review: [],
			issues: [{ file, field: '(file)', message: `previous version ${from} cannot be read: ${(error as Error).message}` }],
		};
	}
	const issues: ContentIssue[] = [];
	if (prev.version !== from)
		issues.push({ file, field: 'version', value: prev.version, message: `is not version "${from}" named by changes.from in ${loaded.policyFile}` });
	const diff = diffPolicies(prev, loaded.policy, loaded.policyFile);
	const review = reviewItems(loaded, diff);
	return { diff, review: review.items, issues: [...issues, ...diff.issues, ...review.issues] };
}

/**
 * The comparison for the "what changed" page at build time: the course root is the one the
 * build reads (COURSE_ROOT, else modules/). Null when the course holds one version only.
 */
export function previousVersionDiff(policy: Policy, root = process.env.COURSE_ROOT ?? 'modules'): PolicyDiff | null {
	const from = policy.changes?.from;
	if (from === undefined) return null;
	const prev = PolicySchema.parse(parseYaml(readFileSync(join(root, 'policy', 'versions', `${from}.yaml`), 'utf8')));
	return diffPolicies(prev, policy);
}
