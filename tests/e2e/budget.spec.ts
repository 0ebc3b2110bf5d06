import { expect, test } from '@playwright/test';
import { analyse, BUDGETS } from '../../src/build/analyse.ts';

// The performance budgets of `npm run bench`, enforced on the build under test.
const report = analyse('dist');

test('reading pages ship no JavaScript', () => {
	const reading = report.pages.filter((p) => p.kind === 'reading');
	// The policy, its changes, help, offline and 404 (module overviews show progress since issue 16).
	expect(reading.length).toBeGreaterThanOrEqual(5);
	expect(reading.filter((p) => p.jsBytes > 0).map((p) => p.path)).toEqual([]);
});

test(`every interactive page loads at most ${BUDGETS.interactivePageJsGzip / 1024} KB of gzipped JavaScript`, () => {
	const interactive = report.pages.filter((p) => p.kind === 'interactive');
	expect(interactive.length).toBeGreaterThan(40);
	expect(interactive.filter((p) => p.jsGzip > BUDGETS.interactivePageJsGzip).map((p) => `${p.path} ${p.jsGzip}`)).toEqual([]);
	// The measurement is real: the scenario pages carry React, XState and the player.
	expect(report.heaviest.jsGzip).toBeGreaterThan(60 * 1024);
});

test(`every page's CSS is at most ${BUDGETS.pageCssGzip / 1024} KB gzipped`, () => {
	expect(report.pages.filter((p) => p.cssGzip > BUDGETS.pageCssGzip).map((p) => p.path)).toEqual([]);
	expect(report.pages.every((p) => p.cssGzip > 0)).toBe(true);
});

test(`the offline precache of HTML, CSS, JS and fonts is within ${BUDGETS.precacheBytes / 1048576} MB, with no web fonts`, () => {
	expect(report.precache.files).toBeGreaterThan(90);
	expect(report.precache.total).toBeLessThanOrEqual(BUDGETS.precacheBytes);
	expect(report.precache.fonts).toBe(0);
	expect(report.ok, report.problems.join('\n')).toBe(true);
});
