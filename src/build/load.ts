/**
 * Reads and validates everything in `modules/`: used by the Astro build (content loaders and
 * the build-time check), by `npm run course:check` and by the tests. Node only.
 *
 * Every problem is collected, not just the first, and each names the file, the field and the
 * bad value, so an author can fix them all in one go.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CourseSchema } from '../schemas/course.ts';
import { LessonSchema } from '../schemas/lesson.ts';
import { ModuleSchema } from '../schemas/module.ts';
import { PolicySchema } from '../schemas/policy.ts';
import { QuestionPoolSchema } from '../schemas/question.ts';
import { ScenarioSchema } from '../schemas/scenario.ts';
import { checkScenarioGraph } from './scenario-checks.ts';
import { indexClauses } from '../course/policy.ts';
import { versionCheck } from './policy-diff.ts';

// The shapes it makes live with the domain, so the report can use them without this file.
export { ContentError, formatIssue } from '../course/loaded-course.ts';
export type { ContentIssue, LessonEntry, LoadedCourse, ModuleEntry, QuestionEntry, ScenarioEntry } from '../course/loaded-course.ts';
import {
	ContentError,
	type ContentIssue,
	type LessonEntry,
	type LoadedCourse,
	type ModuleEntry,
	type QuestionEntry,
	type ScenarioEntry,
} from '../course/loaded-course.ts';

const ORDERED = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

function pathOf(path: readonly PropertyKey[]): string {
	return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(file)';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): string | undefined {
	let at: unknown = data;
	for (const key of path) {
		if (at === null || typeof at !== 'object') return undefined;
		at = (at as Record<PropertyKey, unknown>)[key as string];
	}
	if (at === undefined || (typeof at === 'object' && at !== null)) return undefined;
	return String(at);
}

/** Reads a YAML file and parses it with a schema, recording issues. */
function readYaml<S extends z.ZodType>(schema: S, abs: string, file: string, issues: ContentIssue[]): z.output<S> | undefined {
	let raw: unknown;
	try {
		raw = parseYaml(readFileSync(abs, 'utf8'));
	} catch (error) {
		issues.push({ file, field: '(file)', message: `cannot be read as YAML: ${(error as Error).message.split('\n')[0]}` });
		return undefined;
	}
	const result = schema.safeParse(raw);
	if (result.success) return result.data;
	for (const issue of result.error.issues) {
		issues.push({ file, field: pathOf(issue.path), value: valueAt(raw, issue.path), message: issue.message });
	}
	return undefined;
}

function listDir(abs: string): string[] {
	return existsSync(abs) ? readdirSync(abs).sort() : [];
}

/**
 * Loads the course in `root` (the folder holding `course.yaml`). Returns the validated
 * course, or throws a ContentError listing every problem.
 */
export function loadCourse(root: string, options: { cwd?: string } = {}): LoadedCourse {
	const issues: ContentIssue[] = [];
	const cwd = options.cwd ?? process.cwd();
	const rel = (abs: string) => relative(cwd, abs) || abs;

	const courseFile = rel(join(root, 'course.yaml'));
	const course = readYaml(CourseSchema, join(root, 'course.yaml'), courseFile, issues);
	const policyFile = rel(join(root, 'policy', 'social-media-policy.yaml'));
	const policy = readYaml(PolicySchema, join(root, 'policy', 'social-media-policy.yaml'), policyFile, issues);

	const modules: ModuleEntry[] = [];
	for (const name of listDir(root)) {
		const abs = join(root, name);
		if (!statSync(abs).isDirectory() || name === 'policy') continue;
		const match = ORDERED.exec(name);
		if (!match) {
			issues.push({ file: rel(abs), field: '(folder name)', value: name, message: 'a module folder is named NN-<id>, e.g. 03-acceptable-use' });
			continue;
		}
		const order = match[1]!;
		const moduleId = match[2]!;
		const moduleFile = rel(join(abs, 'module.yaml'));
		const data = existsSync(join(abs, 'module.yaml'))
			? readYaml(ModuleSchema, join(abs, 'module.yaml'), moduleFile, issues)
			: (issues.push({ file: moduleFile, field: '(file)', message: 'missing: every module folder needs a module.yaml' }), undefined);

		const lessons: LessonEntry[] = [];
		for (const lessonName of listDir(join(abs, 'lessons'))) {
			const lessonMatch = ORDERED.exec(lessonName.replace(/\.yaml$/, ''));
			const file = rel(join(abs, 'lessons', lessonName));
			if (!lessonName.endsWith('.yaml') || !lessonMatch) {
				issues.push({ file, field: '(file name)', value: lessonName, message: 'a lesson file is named NN-<id>.yaml, e.g. 01-friend-requests.yaml' });
				continue;
			}
			const lesson = readYaml(LessonSchema, join(abs, 'lessons', lessonName), file, issues);
			if (lesson) lessons.push({ id: lessonMatch[2]!, moduleId, order: Number(lessonMatch[1]), file, data: lesson });
		}

		const scenarios: ScenarioEntry[] = [];
		for (const scenarioName of listDir(join(abs, 'scenarios'))) {
			const file = rel(join(abs, 'scenarios', scenarioName));
			const id = scenarioName.replace(/\.yaml$/, '');
			if (!scenarioName.endsWith('.yaml') || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
				issues.push({ file, field: '(file name)', value: scenarioName, message: 'a scenario file is named <id>.yaml in lower case with hyphens' });
				continue;
			}
			const scenario = readYaml(ScenarioSchema, join(abs, 'scenarios', scenarioName), file, issues);
			if (scenario) scenarios.push({ id, moduleId, file, data: { ...scenario, id } });
		}

		const questions: QuestionEntry[] = [];
		const poolAbs = join(abs, 'questions.yaml');
		if (existsSync(poolAbs)) {
			const file = rel(poolAbs);
			const pool = readYaml(QuestionPoolSchema, poolAbs, file, issues);
			pool?.questions.forEach((q, index) => questions.push({ id: q.id, moduleId, file, index, data: q }));
		}
		if (data) modules.push({ id: moduleId, order: Number(order), file: moduleFile, data, lessons, scenarios, questions });
	}

	if (!course || !policy) throw new ContentError(issues);
	const clauses = indexClauses(policy);
	crossCheck({ root, course, courseFile, policy, policyFile, clauses, modules }, issues);
	// A new policy version: unclassed changes and unreviewed content citing them fail the build (issue 20).
	if (!issues.length) issues.push(...(versionCheck({ root, course, courseFile, policy, policyFile, clauses, modules })?.issues ?? []));
	if (issues.length > 0) throw new ContentError(issues);
	return { root, course, courseFile, policy, policyFile, clauses, modules };
}

/** Checks every reference between files: ids, clauses, modules, steps, answers. */
function crossCheck(loaded: LoadedCourse, issues: ContentIssue[]) {
	const { course, courseFile, policy, policyFile, clauses, modules } = loaded;
	const clauseIds = new Set<string>();
	clauses.forEach((clause) => {
		if (clauseIds.has(clause.id)) issues.push({ file: policyFile, field: `clause id`, value: clause.id, message: `duplicate clause id "${clause.id}"` });
		clauseIds.add(clause.id);
	});
	const cite = (file: string, field: string, ids: readonly string[]) =>
		ids.forEach((id, i) => {
			if (!clauseIds.has(id)) issues.push({ file, field: `${field}[${i}]`, value: id, message: `cites clause "${id}", which is not in the policy` });
		});

	if (course.policyVersion !== policy.version) {
		issues.push({
			file: courseFile,
			field: 'policyVersion',
			value: course.policyVersion,
			message: `does not match the policy file's version "${policy.version}"`,
		});
	}
	policy.notes.forEach((note, i) => cite(policyFile, `notes[${i}].clauses`, note.clauses));
	const sectionIds = new Set(policy.sections.map((s) => s.id));

	const moduleIds = new Set(modules.map((m) => m.id));
	const checkModuleRef = (field: string, id: string) => {
		if (!moduleIds.has(id)) issues.push({ file: courseFile, field, value: id, message: `names module "${id}", which does not exist` });
	};
	course.recruiterModules.forEach((id, i) => checkModuleRef(`recruiterModules[${i}]`, id));
	const roles = new Set<string>();
	course.audiences.forEach((audience, i) => {
		if (roles.has(audience.id))
			issues.push({ file: courseFile, field: `audiences[${i}].id`, value: audience.id, message: `duplicate audience "${audience.id}"` });
		roles.add(audience.id);
		if (audience.modules !== 'all') audience.modules.forEach((id, j) => checkModuleRef(`audiences[${i}].modules[${j}]`, id));
		audience.notApplicable.forEach((na, j) => {
			if (!clauseIds.has(na.clause))
				issues.push({
					file: courseFile,
					field: `audiences[${i}].notApplicable[${j}].clause`,
					value: na.clause,
					message: `names clause "${na.clause}", which is not in the policy`,
				});
		});
	});

	const seen = new Map<string, string>();
	const unique = (kind: string, id: string, file: string, field: string) => {
		const key = `${kind}:${id}`;
		if (seen.has(key)) issues.push({ file, field, value: id, message: `duplicate ${kind} id "${id}" (also in ${seen.get(key)})` });
		else seen.set(key, file);
	};
	const orders = new Map<number, string>();
	for (const mod of modules) {
		if (orders.has(mod.order))
			issues.push({
				file: mod.file,
				field: '(folder name)',
				value: String(mod.order),
				message: `module order ${mod.order} is also used by ${orders.get(mod.order)}`,
			});
		orders.set(mod.order, mod.file);
		cite(mod.file, 'clauses', mod.data.clauses);
		mod.data.sections.forEach((s, i) => {
			if (!sectionIds.has(s)) issues.push({ file: mod.file, field: `sections[${i}]`, value: s, message: `names policy section "${s}", which does not exist` });
		});
		for (const lesson of mod.lessons) {
			unique('lesson', `${mod.id}/${lesson.id}`, lesson.file, '(file name)');
			lesson.data.keyPoints.forEach((p, i) => cite(lesson.file, `keyPoints[${i}].clauses`, p.clauses));
			lesson.data.inPractice.forEach((p, i) => cite(lesson.file, `inPractice[${i}].clauses`, p.clauses));
			lesson.data.unclear.forEach((p, i) => cite(lesson.file, `unclear[${i}].clauses`, p.clauses));
			if (lesson.data.whoToAsk) cite(lesson.file, 'whoToAsk.clauses', lesson.data.whoToAsk.clauses);
		}
		for (const scenario of mod.scenarios) {
			unique('scenario', scenario.id, scenario.file, '(file name)');
			scenario.data.endings.forEach((e, i) => cite(scenario.file, `endings[${i}].clauses`, e.clauses));
			scenario.data.steps.forEach((s, i) =>
				s.choices.forEach((c, j) => {
					cite(
						scenario.file,
						`steps[${i}].choices[${j}].breaches`,
						c.breaches.map((b) => (typeof b === 'string' ? b : b.clause)),
					);
					cite(scenario.file, `steps[${i}].choices[${j}].upholds`, c.upholds);
				}),
			);
			for (const problem of checkScenarioGraph(scenario.data)) {
				issues.push({ file: scenario.file, field: problem.field, value: problem.value, message: problem.message });
			}
		}
		for (const question of mod.questions) {
			const field = `questions[${question.index}]`;
			unique('question', question.id, question.file, `${field}.id`);
			cite(question.file, `${field}.clauses`, question.data.clauses);
			const q = question.data;
			if (q.type === 'truefalse') continue;
			const optionIds = new Set<string>();
			q.options.forEach((o, i) => {
				if (optionIds.has(o.id))
					issues.push({ file: question.file, field: `${field}.options[${i}].id`, value: o.id, message: `duplicate option id "${o.id}" in question "${q.id}"` });
				optionIds.add(o.id);
			});
			const answers = q.type === 'single' ? [q.answer] : q.answer;
			answers.forEach((a, i) => {
				if (!optionIds.has(a))
					issues.push({
						file: question.file,
						field: q.type === 'single' ? `${field}.answer` : `${field}.answer[${i}]`,
						value: a,
						message: `answer "${a}" is not one of the options of question "${q.id}"`,
					});
			});
			if (q.type === 'multiple' && q.answer.length >= q.options.length) {
				issues.push({ file: question.file, field: `${field}.answer`, message: `question "${q.id}" marks every option correct; keep at least one distractor` });
			}
		}
	}
}
