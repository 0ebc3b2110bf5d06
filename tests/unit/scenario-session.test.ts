/**
 * The scenario session store (src/stores/scenario-session.ts): a learner's choices move the
 * case on and are recorded once; choices the machine does not allow are rejected; going back
 * replays earlier decisions without recording them again; a saved run is restored after a
 * reload, but not one from an earlier attempt.
 */
import { resolve } from 'node:path';
import { cleanStores } from 'nanostores';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CourseEvent } from '../../src/records/course-events.ts';
import type { ScenarioData } from '../../src/scenarios/machine.ts';
import { MemoryStorage } from './memory-storage.ts';

type Session = typeof import('../../src/stores/scenario-session.ts');
type ProgressStore = typeof import('../../src/stores/progress.ts');
type Scenarios = typeof import('../../src/stores/scenarios.ts');

let mod: Session;
let progress: ProgressStore;
let runs: Scenarios;
let events: Array<CourseEvent>;
let scenario: ScenarioData;
const ls = new MemoryStorage();
const sessions: Array<ReturnType<Session['createScenarioSession']>> = [];

beforeAll(async () => {
	// A browser-like global before the store modules load, so they wire themselves to "localStorage".
	Object.assign(globalThis, {
		window: globalThis,
		localStorage: ls,
		sessionStorage: new MemoryStorage(),
		addEventListener: () => {},
		removeEventListener: () => {},
	});
	mod = await import('../../src/stores/scenario-session.ts');
	progress = await import('../../src/stores/progress.ts');
	runs = await import('../../src/stores/scenarios.ts');
	const { onCourseEvent } = await import('../../src/stores/event-bus.ts');
	onCourseEvent((e) => events.push(e));
	const { loadCourse } = await import('../../src/build/load.ts');
	// A short real case: rumour -> (check) policy-read -> (accurate) best-accurate.
	const monitoring = loadCourse(resolve('modules')).modules.find((m) => m.id === 'monitoring')!;
	scenario = monitoring.scenarios.find((s) => s.id === 'told-posts-monitored')!.data;
});

beforeEach(() => {
	events = [];
	progress.$progress.set(progress.emptyProgress());
	runs.$scenarioRuns.set({});
	runs.$endingsFound.set({});
});

afterEach(() => {
	for (const s of sessions.splice(0)) s.stop();
	cleanStores(progress.$progress, runs.$scenarioRuns, runs.$endingsFound);
});

function started() {
	const session = mod.createScenarioSession(scenario, 'monitoring');
	sessions.push(session);
	session.start();
	return session;
}

describe('scenario session', () => {
	it('opens a new learner at the first step, awake, with nothing restored', () => {
		const session = mod.createScenarioSession(scenario, 'monitoring');
		expect(session.$state.get()).toMatchObject({ at: 'rumour', history: [], awake: false });
		session.start();
		sessions.push(session);
		expect(session.$state.get()).toMatchObject({ at: 'rumour', history: [], awake: true, restored: false, echo: false });
	});

	it('moves on at a choice, saves the run and records the decision once', () => {
		const session = started();
		const made = session.choose('check');
		expect(made?.choice.id).toBe('check');
		expect(made?.first).toBe(true);
		expect(made?.ending).toBeUndefined();
		expect(session.$state.get()).toMatchObject({ at: 'policy-read', history: [{ stepId: 'rumour', choiceId: 'check' }], echo: true });
		expect(runs.$scenarioRuns.get()[scenario.id]?.history).toEqual([{ stepId: 'rumour', choiceId: 'check' }]);
		expect(events).toEqual([
			expect.objectContaining({ type: 'scenario.decided', scenarioId: scenario.id, stepId: 'rumour', choiceId: 'check', moduleId: 'monitoring' }),
		]);
	});

	it('records an ending in progress, in the endings found and on the event bus', () => {
		const session = started();
		session.choose('check');
		const made = session.choose('accurate');
		expect(made?.ending?.id).toBe('best-accurate');
		expect(session.$state.get().at).toBe('best-accurate');
		expect(progress.$progress.get().attempt.scenarios[scenario.id]).toMatchObject({ endingId: 'best-accurate', verdict: 'best-practice' });
		expect(runs.$endingsFound.get()[scenario.id]).toEqual(['best-accurate']);
		expect(events.map((e) => e.type)).toEqual(['scenario.decided', 'scenario.decided', 'scenario.ended']);
	});

	it('rejects a choice the machine does not allow here, changing and recording nothing', () => {
		const session = started();
		expect(session.choose('accurate')).toBeUndefined(); // a choice of the next step, not this one
		expect(session.choose('no-such-choice')).toBeUndefined();
		expect(session.$state.get()).toMatchObject({ at: 'rumour', history: [] });
		expect(runs.$scenarioRuns.get()[scenario.id]).toBeUndefined();
		expect(events).toEqual([]);
		session.choose('check');
		session.choose('accurate');
		// At an ending nothing more can be chosen.
		expect(session.choose('check')).toBeUndefined();
		expect(events.filter((e) => e.type === 'scenario.ended')).toHaveLength(1);
	});

	it('rejects choices before it has started', () => {
		const session = mod.createScenarioSession(scenario, 'monitoring');
		sessions.push(session);
		expect(session.choose('check')).toBeUndefined();
		expect(events).toEqual([]);
	});

	it('goes back to an earlier decision, replaying the ones before without recording them again', () => {
		const session = started();
		session.choose('check');
		session.choose('accurate');
		events = [];
		session.rewind(1);
		expect(session.$state.get()).toMatchObject({ at: 'policy-read', history: [{ stepId: 'rumour', choiceId: 'check' }], echo: false });
		expect(runs.$scenarioRuns.get()[scenario.id]?.history).toHaveLength(1);
		expect(events).toEqual([]);
		// The ending already found stays found.
		expect(runs.$endingsFound.get()[scenario.id]).toEqual(['best-accurate']);
		session.rewind(0);
		expect(session.$state.get()).toMatchObject({ at: 'rumour', history: [] });
		expect(runs.$scenarioRuns.get()[scenario.id]).toBeUndefined();
		expect(events).toEqual([]);
		expect(session.choose('move-chat')?.ending?.id).toBe('breach-personal-chat');
	});

	it('restores a saved run after a reload, where the learner left off', () => {
		const first = started();
		first.choose('check');
		first.stop();
		const again = started();
		expect(again.$state.get()).toMatchObject({ at: 'policy-read', history: [{ stepId: 'rumour', choiceId: 'check' }], restored: true, echo: true });
		events = [];
		expect(again.choose('accurate')?.ending?.id).toBe('best-accurate');
		expect(events.map((e) => e.type)).toEqual(['scenario.decided', 'scenario.ended']);
	});

	it('saves only the decisions, and restores a run saved by an earlier version (with a machine snapshot) from its decisions', () => {
		const first = started();
		first.choose('check');
		first.stop();
		const saved = runs.$scenarioRuns.get()[scenario.id]!;
		expect(Object.keys(saved)).not.toContain('snapshot');
		// An earlier version saved the machine's snapshot too; a stale one must not decide where the learner is.
		runs.$scenarioRuns.set({ [scenario.id]: { ...saved, snapshot: { value: 'a-step-since-removed' } } as typeof saved });
		expect(started().$state.get()).toMatchObject({ at: 'policy-read', restored: true });
	});

	it('does not restore a run from an earlier attempt (a refresher plays the case afresh)', () => {
		const first = started();
		first.choose('check');
		first.stop();
		progress.$progress.set({ ...progress.$progress.get(), attempt: progress.newAttempt('refresher', '1', '2') });
		expect(started().$state.get()).toMatchObject({ at: 'rumour', history: [], restored: false });
	});
});
