import { coverageIssues } from './coverage.ts';
import { ContentError, loadCourse, type ContentIssue, type LoadedCourse } from './load.ts';
import { courseQuality } from './quality.ts';

/**
 * Loads the course and applies every check the build enforces: references, full rule-clause
 * coverage and role paths, and the judgement checks (the verdict rule on every scenario path,
 * item writing, reading age). Throws a ContentError naming file, field and value.
 */
export function validateCourse(
	root: string,
	options: {
		cwd?: string;
		onCoverageGap?: (issues: ContentIssue[]) => void;
		onQualityIssues?: (issues: ContentIssue[]) => void;
	} = {},
): LoadedCourse {
	const loaded = loadCourse(root, options);
	const gaps = coverageIssues(loaded);
	const quality = courseQuality(loaded).issues;
	// Authors drafting new content can see the site before it is complete
	// (COURSE_COVERAGE=warn, COURSE_QUALITY=warn); a normal build never gets here without failing.
	const errors: ContentIssue[] = [];
	if (gaps.length) {
		if (options.onCoverageGap) options.onCoverageGap(gaps);
		else errors.push(...gaps);
	}
	if (quality.length) {
		if (options.onQualityIssues) options.onQualityIssues(quality);
		else errors.push(...quality);
	}
	if (errors.length) throw new ContentError(errors);
	return loaded;
}
