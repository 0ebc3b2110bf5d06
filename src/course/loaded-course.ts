/**
 * The course as loaded from modules/: the plain shapes the build (src/build/load.ts makes them),
 * the checks and the compliance report (src/report/course-key.ts) share, and the content error
 * that names file, field and value. Types and one error class only: no file system, so browser
 * code and the report may use it.
 */
import type { Course } from '../schemas/course.ts';
import type { Lesson } from '../schemas/lesson.ts';
import type { Module } from '../schemas/module.ts';
import type { Policy } from '../schemas/policy.ts';
import type { Question } from '../schemas/question.ts';
import type { ScenarioData } from '../scenarios/machine.ts';
import type { ClauseInfo } from './policy.ts';

/** One problem in the content. */
export interface ContentIssue {
	/** Path of the file, relative to the project. */
	file: string;
	/** The field at fault, e.g. `keyPoints[2].clauses[0]`. */
	field: string;
	/** The bad value, where there is one. */
	value?: string;
	message: string;
}

/** Thrown when content is invalid; its message lists every issue. */
export class ContentError extends Error {
	readonly issues: ContentIssue[];
	constructor(issues: ContentIssue[]) {
		super(`The course content has ${issues.length} error${issues.length === 1 ? '' : 's'}:\n` + issues.map(formatIssue).join('\n'));
		this.name = 'ContentError';
		this.issues = issues;
	}
}

export function formatIssue(issue: ContentIssue): string {
	const value = issue.value === undefined ? '' : ` (value: ${JSON.stringify(issue.value)})`;
	return `  ${issue.file} › ${issue.field}: ${issue.message}${value}`;
}

export interface LessonEntry {
	id: string;
	moduleId: string;
	order: number;
	file: string;
	data: Lesson;
}
export interface ScenarioEntry {
	id: string;
	moduleId: string;
	file: string;
	data: ScenarioData;
}
export interface QuestionEntry {
	id: string;
	moduleId: string;
	file: string;
	/** Index in the pool file, for error messages. */
	index: number;
	data: Question;
}
export interface ModuleEntry {
	id: string;
	order: number;
	file: string;
	data: Module;
	lessons: LessonEntry[];
	scenarios: ScenarioEntry[];
	questions: QuestionEntry[];
}

export interface LoadedCourse {
	root: string;
	course: Course;
	courseFile: string;
	policy: Policy;
	policyFile: string;
	clauses: ClauseInfo[];
	modules: ModuleEntry[];
}
