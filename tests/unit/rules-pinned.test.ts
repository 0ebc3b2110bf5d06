/**
 * Five rules of the course that a one-line change used to break with every test still green
 * (code review, November 2026, point 7). Each test here fails when its rule is broken.
 */
import { resolve } from 'node:path';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverage, pathGaps } from '../../src/build/coverage.ts';
import { moduleState, type Attempt, type JourneyModule } from '../../src/course/journey.ts';
import { loadCourse, type LoadedCourse } from '../../src/build/load.ts';
import { ROLES } from '../../src/course/roles.ts';
import type { CourseEvent } from '../../src/records/course-events.ts';
import { actorFor, buildStatement, uuid, type StatementContext } from '../../src/records/statements.ts';
import { compileScenario } from '../../src/scenarios/machine.ts';
import { eventsAt, serializeScenarioSnapshot } from '../../src/build/scenario-checks.ts';
import { MemoryStorage } from './memory-storage.ts';

const loaded = loadCourse(resolve('modules'));

describe("rule: a scenario's outcome is the ending it reaches", () => {
	// Every ending of every real case: the machine's output is that ending's verdict, clauses and
	// feedback, whichever way it is carried inside the machine.
	const endings = loaded.modules.flatMap((m) => m.scenarios.flatMap((s) => s.data.endings.map((e) => [s.id, e.id, s, e] as const)));

	it.each(endings.map(([sid, eid, s, e]) => [`${sid} -> ${eid}`, s, e] as const))('%s', (_name, s, ending) => {
		const data = { ...s.data, id: s.id };
		const machine = compileScenario(data);
		// Typed loosely, as in validate.ts: the graph helpers' generics do not follow the compiled events.
		const path = getShortestPaths(
			machine as never,
			{
				events: eventsAt(data) as never,
				serializeState: serializeScenarioSnapshot as never,
				toState: (state: { value: unknown }) => state.value === ending.id,
			} as never,
		)[0] as { steps: Array<{ event: { type: 'learner.choose'; choiceId: string } }> } | undefined;
		expect(path, `no path reaches ${ending.id}`).toBeDefined();
		const actor = createActor(machine).start();
		for (const step of path!.steps.slice(1)) actor.send(step.event);
		const snap = actor.getSnapshot();
		expect(snap.status).toBe('done');
		expect(snap.output).toMatchObject({ endingId: ending.id, verdict: ending.verdict, clauses: ending.clauses });
		expect(typeof snap.output?.feedback).toBe('string');
	});
});

describe('rule: lesson examples illustrate a clause; only key points teach it', () => {
	/** The real course with one rule clause moved from every key point into an "in practice" example. */
	function withClauseOnlyInExamples(clause: string): LoadedCourse {
		const copy = structuredClone(loaded);
		let moved = false;
		for (const m of copy.modules)
			for (const l of m.lessons) {
				for (const p of l.data.keyPoints) {
					if (!p.clauses.includes(clause)) continue;
					p.clauses = p.clauses.filter((c) => c !== clause);
					if (!moved) l.data.inPractice.push({ ...(l.data.inPractice[0] ?? { text: 'An example.' }), clauses: [clause] } as never);
					moved = true;
				}
			}
		expect(moved).toBe(true);
		return copy;
	}
	const rule = loaded.clauses.find((c) => c.isRule && coverage(loaded).clauses.find((x) => x.id === c.id)!.taughtBy.length > 0)!;

	it('a clause cited only in examples is taught by no lesson', () => {
		const report = coverage(withClauseOnlyInExamples(rule.id));
		expect(report.clauses.find((c) => c.id === rule.id)).toMatchObject({ taughtBy: [], covered: false });
	});

	it('a role path whose only mention of a clause is an example has a gap there', () => {
		const copy = withClauseOnlyInExamples(rule.id);
		const gaps = ROLES.flatMap((r) => pathGaps(copy, r));
		expect(gaps).toContain(rule.id);
	});
});

describe('rule: a case counts as a success only when its ending is best practice', () => {
	const ctx: StatementContext = {
		iriBase: 'https://learning.reach2.org/xapi/social-media-policy',
		courseTitle: 'Course',
		courseVersion: '1.0.0',
		policyVersion: '2',
		actor: actorFor({ name: 'Ada', idKind: 'email', id: 'ada@example.org' }, 'https://www.reach2.org'),
		registration: uuid(),
		role: 'teaching',
		mode: 'induction',
		moduleTitles: {},
	};
	const ended = (verdict: string): CourseEvent =>
		({
			type: 'scenario.ended',
			moduleId: 'm',
			scenarioId: 's',
			scenarioTitle: 'S',
			endingId: 'e',
			endingTitle: 'E',
			verdict,
			clauses: ['3-5'],
			durationMs: 1000,
		}) as CourseEvent;

	it.each([
		['best-practice', true],
		['risky', false],
		['breach', false],
	] as const)('%s -> success %s', (verdict, success) => {
		expect(buildStatement(ended(verdict), ctx, uuid(), new Date().toISOString()).result).toMatchObject({ success, completion: true });
	});
});

describe('rule: a module is not complete until one of its cases is played', () => {
	const mod: JourneyModule = {
		id: 'm',
		title: 'M',
		minutes: 5,
		audiences: ['all'],
		lessons: [{ id: 'l1', audiences: ['all'] }],
		scenarios: [{ id: 's1', audiences: ['all'] }],
	} as JourneyModule;
	const attempt = (over: Partial<Attempt>): Attempt => ({
		registration: 'r',
		mode: 'induction',
		startedAt: '',
		courseVersion: '1',
		policyVersion: '2',
		lessons: { 'm/l1': 'now' },
		scenarios: {},
		checks: { m: { at: 'now', correct: 1, total: 1 } },
		testedOut: {},
		modulesCompleted: {},
		...over,
	});
	const learner = { role: 'teaching' as const, recruiter: false };

	it('lessons read and check taken, but no case: in progress', () => {
		expect(moduleState(mod, attempt({}), learner)).toBe('in-progress');
	});

	it('the same with a case played to any ending: completed', () => {
		expect(moduleState(mod, attempt({ scenarios: { s1: { endingId: 'x', verdict: 'breach', at: 'now' } } }), learner)).toBe('completed');
	});
});

describe('rule: a lesson is recorded as read once per attempt', () => {
	let progress: typeof import('../../src/stores/progress.ts');
	let events: typeof import('../../src/stores/event-bus.ts');
	beforeAll(async () => {
		// A browser-like global before the store modules load, so they wire themselves to "localStorage".
		Object.assign(globalThis, {
			window: globalThis,
			localStorage: new MemoryStorage(),
			sessionStorage: new MemoryStorage(),
			addEventListener: () => {},
			removeEventListener: () => {},
		});
		progress = await import('../../src/stores/progress.ts');
		events = await import('../../src/stores/event-bus.ts');
	});

	it('reading the same lesson twice makes one "experienced" event and keeps the first time', async () => {
		const seen: CourseEvent[] = [];
		const off = events.onCourseEvent((e) => seen.push(e));
		try {
			progress.markLessonRead('m', 'l1', 'Lesson', 'Module');
			const first = progress.$progress.get().attempt.lessons['m/l1'];
			await new Promise((r) => setTimeout(r, 5));
			progress.markLessonRead('m', 'l1', 'Lesson', 'Module');
			expect(seen.filter((e) => e.type === 'lesson.experienced')).toHaveLength(1);
			expect(progress.$progress.get().attempt.lessons['m/l1']).toBe(first);
		} finally {
			off();
		}
	});
});
