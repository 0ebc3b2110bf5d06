import { coverageIssues } from './coverage.ts';
import { ContentError, loadCourse, type LoadedCourse } from './load.ts';

/**
 * Loads the course and applies every check the build enforces, including full rule-clause
 * coverage and role paths. Throws a ContentError naming file, field and value.
 */
export function validateCourse(root: string, options: { cwd?: string } = {}): LoadedCourse {
	const loaded = loadCourse(root, options);
	const issues = coverageIssues(loaded);
	if (issues.length > 0) throw new ContentError(issues);
	return loaded;
}
