/**
 * One data route (issue 17): the pages (src/site/content.ts) and the client's course facts
 * (virtual:course-meta, src/build/meta-build.ts) come from one tree, in one order, with one
 * figure for each module's minutes. Before, the Monitoring module's page said "about 10
 * minutes" and the client 11, because pages sorted cases by title and the client kept file order.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleMinutes } from '../../src/course/journey.ts';
import { loadCourse } from '../../src/build/load.ts';
import { buildCourseMeta } from '../../src/build/meta-build.ts';
import { courseTree } from '../../src/build/tree.ts';

const loaded = loadCourse(resolve('modules'));
const tree = courseTree(loaded);
const meta = buildCourseMeta(loaded);

describe('one data route for pages and client', () => {
	it('gives pages and client the same modules, lessons and cases in the same order', () => {
		expect(meta.modules.map((m) => m.id)).toEqual(tree.modules.map((m) => m.id));
		for (const [i, m] of tree.modules.entries()) {
			expect(
				meta.modules[i]!.lessons.map((l) => l.id),
				m.id,
			).toEqual(m.lessons.map((l) => l.id));
			expect(
				meta.modules[i]!.scenarios.map((s) => s.id),
				m.id,
			).toEqual(m.scenarios.map((s) => s.id));
		}
	});

	it('gives pages and client the same minutes for every module', () => {
		expect(meta.modules.map((m) => [m.id, m.minutes])).toEqual(tree.modules.map((m) => [m.id, m.minutes]));
	});

	it('orders cases as the loader reads them (by file name), not by title', () => {
		for (const m of loaded.modules) {
			const page = tree.modules.find((x) => x.id === m.id)!;
			expect(
				page.scenarios.map((s) => s.id),
				m.id,
			).toEqual(m.scenarios.map((s) => s.id));
		}
	});

	it('counts the Monitoring module from its first case by file name (11 minutes, on page and in client)', () => {
		const monitoring = loaded.modules.find((m) => m.id === 'monitoring')!;
		const expected = moduleMinutes({ lessons: monitoring.lessons.map((l) => l.data), scenarios: monitoring.scenarios.map((s) => s.data) });
		expect(tree.modules.find((m) => m.id === 'monitoring')!.minutes).toBe(expected);
		expect(meta.modules.find((m) => m.id === 'monitoring')!.minutes).toBe(expected);
		expect(expected).toBe(11);
	});
});
