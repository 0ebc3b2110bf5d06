/**
 * The real course passes the judgement checks the build enforces: the verdict rule on every
 * scenario path, item writing and reading age (docs/content-brief.md). Each failure lists the
 * file, field and message, so the test output is a to-do list for content authors.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadCourse } from '../../src/build/load.ts';
import { courseQuality } from '../../src/build/quality.ts';

const loaded = loadCourse(resolve('modules'));
const quality = courseQuality(loaded);

describe('the real course', () => {
	it.each(quality.scenarios.map((s) => [s.id, s] as const))('scenario %s passes the verdict rule on every path', (_id, s) => {
		expect(s.violations.map(formatIssue)).toEqual([]);
	});

	it('cannot be passed by picking the longest answer (at most 1 in 3 questions and steps)', () => {
		const { correctLongest, maxCorrectLongest, bestPracticeLongest, maxBestPracticeLongest } = quality.items;
		expect(correctLongest, `correct option longest in ${correctLongest} single-choice questions`).toBeLessThanOrEqual(maxCorrectLongest);
		expect(bestPracticeLongest, `best-practice choice longest at ${bestPracticeLongest} steps`).toBeLessThanOrEqual(maxBestPracticeLongest);
	});

	it.each(quality.modules.map((m) => [m.id, m] as const))(
		'module %s reads at grade 8 or below in feedback and explanations, with no sentence over 35 words',
		(_id, m) => {
			expect(m.readingIssues.map(formatIssue)).toEqual([]);
		},
	);

	it.each(quality.modules.map((m) => [m.id, m] as const))('module %s has distinct options and no "all of the above"', (_id, m) => {
		expect(m.itemIssues.map(formatIssue)).toEqual([]);
	});
});
