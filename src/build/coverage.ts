/**
 * Clause coverage: which lessons teach each clause and which scenarios and questions assess
 * it, plus the check that every role's path teaches every rule clause that applies to it.
 */
import type { Role } from '../schemas/common.ts';
import { RoleSchema } from '../schemas/common.ts';
import type { ContentIssue, LoadedCourse } from './load.ts';
import { requiredLessons, type PathModule } from '../course/paths.ts';

export interface ClauseCoverage {
	id: string;
	number: string;
	heading: string;
	isRule: boolean;
	strength: string[];
	/** `module/lesson` keys of lessons citing the clause. */
	taughtBy: string[];
	/** `scenario:<id>` and `question:<id>` keys of content assessing the clause. */
	assessedBy: string[];
	/** Taught and assessed. */
	covered: boolean;
}

export interface CoverageReport {
	clauses: ClauseCoverage[];
	ruleClauses: number;
	coveredRuleClauses: number;
	/** Percentage of rule clauses both taught and assessed, rounded down to one decimal. */
	percent: number;
}

/** Clause ids a lesson cites anywhere (key points, examples, unclear points, who to ask). */
export function lessonClauses(lesson: LoadedCourse['modules'][number]['lessons'][number]): string[] {
	const d = lesson.data;
	return [
		...d.keyPoints.flatMap((p) => p.clauses),
		...d.inPractice.flatMap((p) => p.clauses),
		...d.unclear.flatMap((p) => p.clauses),
		...(d.whoToAsk?.clauses ?? []),
	];
}

export function coverage(loaded: LoadedCourse): CoverageReport {
	const taught = new Map<string, Set<string>>();
	const assessed = new Map<string, Set<string>>();
	const add = (map: Map<string, Set<string>>, clause: string, by: string) => {
		if (!map.has(clause)) map.set(clause, new Set());
		map.get(clause)!.add(by);
	};
	for (const mod of loaded.modules) {
		for (const lesson of mod.lessons) {
			// Only key points count as teaching a rule; examples illustrate it.
			for (const p of lesson.data.keyPoints) for (const c of p.clauses) add(taught, c, `${mod.id}/${lesson.id}`);
		}
		for (const s of mod.scenarios) for (const e of s.data.endings) for (const c of e.clauses) add(assessed, c, `scenario:${s.id}`);
		for (const q of mod.questions) for (const c of q.data.clauses) add(assessed, c, `question:${q.id}`);
	}
	const clauses = loaded.clauses.map((c) => {
		const taughtBy = [...(taught.get(c.id) ?? [])];
		const assessedBy = [...(assessed.get(c.id) ?? [])];
		return {
			id: c.id,
			number: c.number,
			heading: c.heading,
			isRule: c.isRule,
			strength: c.strength,
			taughtBy,
			assessedBy,
			covered: taughtBy.length > 0 && assessedBy.length > 0,
		};
	});
	const rules = clauses.filter((c) => c.isRule);
	const covered = rules.filter((c) => c.covered).length;
	return {
		clauses,
		ruleClauses: rules.length,
		coveredRuleClauses: covered,
		percent: rules.length === 0 ? 100 : Math.floor((covered / rules.length) * 1000) / 10,
	};
}

/** The path data of a loaded course, in the shape the pure path logic takes. */
export function pathModules(loaded: LoadedCourse): PathModule[] {
	return loaded.modules.map((m) => ({
		id: m.id,
		audiences: m.data.audiences,
		lessons: m.lessons.map((l) => ({ id: l.id, audiences: l.data.audiences })),
	}));
}

/** Rule clauses a role's path (as a non-recruiter) fails to teach, minus those marked not applicable. */
export function pathGaps(loaded: LoadedCourse, role: Role): string[] {
	const modules = pathModules(loaded);
	const lessons = new Set(requiredLessons(loaded.course, modules, { role, recruiter: false }));
	const taught = new Set<string>();
	for (const mod of loaded.modules)
		for (const lesson of mod.lessons) if (lessons.has(`${mod.id}/${lesson.id}`)) for (const p of lesson.data.keyPoints) p.clauses.forEach((c) => taught.add(c));
	const audience = loaded.course.audiences.find((a) => a.id === role);
	const exempt = new Set((audience?.notApplicable ?? []).map((n) => n.clause));
	return loaded.clauses.filter((c) => c.isRule && !exempt.has(c.id) && !taught.has(c.id)).map((c) => c.id);
}

/** Coverage and path problems, as content issues (used by the check and the build). */
export function coverageIssues(loaded: LoadedCourse): ContentIssue[] {
	const issues: ContentIssue[] = [];
	for (const c of coverage(loaded).clauses) {
		if (!c.isRule || c.covered) continue;
		const missing = [c.taughtBy.length === 0 && 'taught by no lesson', c.assessedBy.length === 0 && 'assessed by no scenario or question']
			.filter(Boolean)
			.join(' and ');
		issues.push({ file: loaded.policyFile, field: `clause ${c.number} (id ${c.id})`, value: c.id, message: `rule clause is ${missing}` });
	}
	for (const role of RoleSchema.options) {
		const index = loaded.course.audiences.findIndex((a) => a.id === role);
		if (index === -1) {
			issues.push({ file: loaded.courseFile, field: 'audiences', value: role, message: `no path is configured for role "${role}"` });
			continue;
		}
		for (const gap of pathGaps(loaded, role)) {
			issues.push({
				file: loaded.courseFile,
				field: `audiences[${index}]`,
				value: gap,
				message: `the ${role} path teaches no lesson on rule clause "${gap}" (add a lesson for this role, or list the clause under notApplicable with a reason)`,
			});
		}
	}
	return issues;
}
