import { coverageIssues } from './coverage.ts';
import { ContentError, loadCourse, type ContentIssue, type LoadedCourse } from './load.ts';

/**
 * Loads the course and applies every check the build enforces, including full rule-clause
 * coverage and role paths. Throws a ContentError naming file, field and value.
 */
export function validateCourse(
	root: string,
	options: { cwd?: string; onCoverageGap?: (issues: ContentIssue[]) => void } = {},
): LoadedCourse {
	const loaded = loadCourse(root, options);
	const issues = coverageIssues(loaded);
	if (issues.length === 0) return loaded;
	// Authors drafting new content can see the site before coverage is complete
	// (COURSE_COVERAGE=warn); a normal build never gets here without failing.
	if (options.onCoverageGap) options.onCoverageGap(issues);
	else throw new ContentError(issues);
	return loaded;
}
