import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../src/course/journey.ts';
import { attempt } from './attempt.ts';
import { pathModules } from '../../src/build/coverage.ts';
import { loadCourse } from '../../src/build/load.ts';
import { moduleProgress, stepLabel, stepPath } from '../../src/course/module-progress.ts';
import { requiredModules } from '../../src/course/paths.ts';

const loaded = loadCourse(resolve('modules'));
const config = loaded.course;
const paths = pathModules(loaded);
const modules = loaded.modules.map((m) => ({
	...paths.find((p) => p.id === m.id)!,
	title: m.data.title,
	minutes: 10,
	scenarios: m.scenarios.map((s) => ({ id: s.id, audiences: s.data.audiences })),
}));
const teacher = { role: 'teaching' as const, recruiter: false };
const recruitingTeacher = { role: 'teaching' as const, recruiter: true };
const governor = { role: 'governor' as const, recruiter: false };
const mod = (id: string) => modules.find((m) => m.id === id)!;
const title = (kind: string, id: string) => `${kind}:${id}`;
/** Every lesson of a module read, a case played and the check taken: the module done. */
const done = (id: string): Partial<Attempt> => ({
	lessons: Object.fromEntries(mod(id).lessons.map((l) => [`${id}/${l.id}`, 'now'])),
	scenarios: { [mod(id).scenarios[0]!.id]: { endingId: 'e', verdict: 'risky', at: 'now' } },
	checks: { [id]: { at: 'now', correct: 3, total: 4 } },
});

describe('module progress on its overview page', () => {
	it('a new learner: not started, nothing read or played, and the first lesson starts the module', () => {
		const p = moduleProgress(config, modules, 'acceptable-use', attempt(), teacher, {}, false);
		expect(p.state).toBe('not-started');
		expect(p.lessonsRead).toEqual([]);
		expect(p.casesPlayed).toEqual([]);
		expect(p.check).toBeNull();
		expect(p.next).toEqual({ kind: 'lesson', id: mod('acceptable-use').lessons[0]!.id });
		expect(stepLabel(p.next, p.state, title)).toBe('Start the module');
		expect(stepPath(p.next, 'acceptable-use')).toBe(`/modules/acceptable-use/${mod('acceptable-use').lessons[0]!.id}/`);
	});

	it('counts "Module N of M" on the learner\'s own path, which differs for someone who recruits', () => {
		const id = 'legal-considerations';
		const forTeacher = requiredModules(config, modules, teacher);
		const forRecruiter = requiredModules(config, modules, recruitingTeacher);
		expect(forRecruiter.length).toBe(forTeacher.length + 1);
		expect(moduleProgress(config, modules, id, attempt(), teacher, {}, false).position).toEqual({
			index: forTeacher.indexOf(id) + 1,
			total: forTeacher.length,
		});
		expect(moduleProgress(config, modules, id, attempt(), recruitingTeacher, {}, false).position).toEqual({
			index: forRecruiter.indexOf(id) + 1,
			total: forRecruiter.length,
		});
		// The course has 10 modules; a teacher's path has 9 (the review's "Module 3 of 10" on a 9-module path).
		expect(modules.length).toBe(10);
		expect(forTeacher.length).toBe(9);
	});

	it('says a module is not on the path (no position), and still offers all of it to read', () => {
		const p = moduleProgress(config, modules, 'recruitment-and-equality', attempt(), governor, {}, false);
		expect(p.position).toBeNull();
		expect(p.lessonsForYou).toEqual(mod('recruitment-and-equality').lessons.map((l) => l.id));
		expect(p.next).toEqual({ kind: 'lesson', id: mod('recruitment-and-equality').lessons[0]!.id });
	});

	it('after one lesson: in progress, that lesson ticked, and continue goes to the next lesson', () => {
		const lessons = mod('acceptable-use').lessons;
		const p = moduleProgress(config, modules, 'acceptable-use', attempt({ lessons: { [`acceptable-use/${lessons[0]!.id}`]: 'now' } }), teacher, {}, false);
		expect(p.state).toBe('in-progress');
		expect(p.lessonsRead).toEqual([lessons[0]!.id]);
		expect(p.next).toEqual({ kind: 'lesson', id: lessons[1]!.id });
		expect(stepLabel(p.next, p.state, title)).toBe(`Continue: lesson:${lessons[1]!.id}`);
	});

	it("skips lessons not on the learner's path: a governor is not sent to the PPA-time lesson", () => {
		const m = mod('personal-use');
		const ppa = m.lessons.find((l) => !l.audiences.includes('all'))!;
		const others = m.lessons.filter((l) => l !== ppa);
		const read = Object.fromEntries(others.map((l) => [`personal-use/${l.id}`, 'now']));
		const forGovernor = moduleProgress(config, modules, 'personal-use', attempt({ lessons: read }), governor, {}, false);
		expect(forGovernor.lessonsForYou).not.toContain(ppa.id);
		expect(forGovernor.next.kind).toBe('scenario');
		const forTeacher = moduleProgress(config, modules, 'personal-use', attempt({ lessons: read }), teacher, {}, false);
		expect(forTeacher.next).toEqual({ kind: 'lesson', id: ppa.id });
	});

	it('after the lessons, one case (the first meant for the learner), then the check', () => {
		const m = mod('acceptable-use');
		const lessons = Object.fromEntries(m.lessons.map((l) => [`acceptable-use/${l.id}`, 'now']));
		const afterLessons = moduleProgress(config, modules, m.id, attempt({ lessons }), teacher, {}, false);
		expect(afterLessons.next).toEqual({ kind: 'scenario', id: m.scenarios[0]!.id });
		const played = m.scenarios[2]!.id;
		const afterCase = moduleProgress(
			config,
			modules,
			m.id,
			attempt({ lessons, scenarios: { [played]: { endingId: 'e', verdict: 'best-practice', at: 'now' } } }),
			teacher,
			{ [played]: ['e', 'f'] },
			false,
		);
		expect(afterCase.casesPlayed).toEqual([played]);
		expect(afterCase.endingsFound[played]).toBe(2);
		expect(afterCase.endingsFound[m.scenarios[0]!.id]).toBe(0);
		expect(afterCase.next).toEqual({ kind: 'check' });
		expect(stepLabel(afterCase.next, afterCase.state, title)).toBe('Continue: check your understanding');
	});

	it('a completed module points to the next module on the path that is not done, then the assessment', () => {
		const path = requiredModules(config, modules, teacher);
		const first = moduleProgress(config, modules, path[0]!, attempt(done(path[0]!)), teacher, {}, false);
		expect(first.state).toBe('completed');
		expect(first.next).toEqual({ kind: 'module', id: path[1] });
		expect(stepLabel(first.next, first.state, title)).toBe(`Next module: module:${path[1]}`);
		// Everything done but the first module: from the last one, the way leads back to the first.
		const allButFirst = path.slice(1).reduce<Partial<Attempt>>(
			(a, id) => {
				const d = done(id);
				return { lessons: { ...a.lessons, ...d.lessons }, scenarios: { ...a.scenarios, ...d.scenarios }, checks: { ...a.checks, ...d.checks } };
			},
			{ lessons: {}, scenarios: {}, checks: {} },
		);
		const last = path[path.length - 1]!;
		expect(moduleProgress(config, modules, last, attempt(allButFirst), teacher, {}, false).next).toEqual({ kind: 'module', id: path[0] });
		const testedOut = attempt({ ...allButFirst, testedOut: { [path[0]!]: 'now' } });
		expect(moduleProgress(config, modules, last, testedOut, teacher, {}, false).next).toEqual({ kind: 'assessment' });
		expect(moduleProgress(config, modules, last, testedOut, teacher, {}, true).next).toEqual({ kind: 'course' });
	});
});
