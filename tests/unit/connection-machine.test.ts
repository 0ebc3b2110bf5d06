/**
 * The connection machine (src/records/connection-machine.ts) with fakes for the network and
 * the outbox (`machine.provide()`): launch, token failure, flush retry with backoff and
 * Retry-After, 401 -> authFailed, terminate waiting for a running flush, cmi5 order.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { connectionMachine, type ConnectionInput } from '../../src/records/connection-machine.ts';
import { backoff, type FlushOutcome } from '../../src/records/outbox.ts';

/** A promise the test settles by hand, to hold a flush "on the wire". */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

const done: FlushOutcome = { kind: 'done', sent: 1, rejected: 0 };

/**
 * A fake learning system: an outbox of statement names, a log of what happened in order, and
 * flushes answered from a script (default: delivered at once). Never more than one flush may
 * run at a time: the fake counts how many overlap.
 */
function fakeSystem(answers: Array<FlushOutcome | 'hold'> = []) {
	const outbox: string[] = [];
	const sent: string[] = [];
	const log: string[] = [];
	const held: Array<ReturnType<typeof deferred<FlushOutcome>>> = [];
	let running = 0;
	let maxRunning = 0;
	const machine = connectionMachine.provide({
		actors: {
			fetchToken: fromPromise(async () => {
				log.push('token');
				return 'Basic dG9rZW4=';
			}),
			fetchLaunchData: fromPromise<unknown, { auth: string }>(async ({ input }) => {
				log.push(`launchData with ${input.auth}`);
				return { launchMode: 'Normal' };
			}),
			flush: fromPromise(async () => {
				running++;
				maxRunning = Math.max(maxRunning, running);
				log.push('flush');
				// What is waiting when the flush starts is what it sends (as the real one reads it inside the lock).
				const batch = outbox.splice(0);
				const answer = answers.shift() ?? done;
				const outcome = answer === 'hold' ? await held[held.push(deferred<FlushOutcome>()) - 1]!.promise : answer;
				running--;
				if (outcome.kind === 'done') sent.push(...batch);
				else outbox.unshift(...batch);
				return outcome;
			}),
		},
		actions: {
			askConsent: () => void log.push('ask'),
			connected: () => void log.push('connected'),
			opened: () => {
				log.push('opened');
				// cmi5: `initialized` first, then the events queued while connecting.
				outbox.push('initialized', 'queued while connecting');
			},
			fellBack: (_, params) => void log.push(`local: ${params.reason}`),
			recordTerminated: () => void outbox.push('terminated'),
			finished: () => void log.push('finished'),
			stopped: () => void log.push('stopped'),
		},
		guards: { hasWaiting: () => outbox.length > 0 },
	});
	return { machine, outbox, sent, log, held, maxRunning: () => maxRunning };
}

function start(system: ReturnType<typeof fakeSystem>, input: ConnectionInput) {
	const actor = createActor(system.machine, { input });
	actor.start();
	actor.send({ type: 'START' });
	return actor;
}

/** Lets pending promise callbacks (the fakes) run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('launch', () => {
	it('an approved xAPI launch opens at once and sends what was waiting', async () => {
		const system = fakeSystem();
		const actor = start(system, { kind: 'xapi', approved: true });
		await settle();
		expect(system.log).toEqual(['opened', 'flush']);
		expect(system.sent).toEqual(['initialized', 'queued while connecting']);
		expect(actor.getSnapshot().matches({ online: 'idle' })).toBe(true);
	});

	it('a cmi5 launch fetches the token, then LaunchData with it, before anything is sent', async () => {
		const system = fakeSystem();
		const actor = start(system, { kind: 'cmi5', approved: true });
		await settle();
		expect(system.log).toEqual(['token', 'launchData with Basic dG9rZW4=', 'connected', 'opened', 'flush']);
		expect(actor.getSnapshot().matches({ online: 'idle' })).toBe(true);
	});

	it('a new address waits for the learner: nothing at all is fetched until they agree', async () => {
		const system = fakeSystem();
		const actor = start(system, { kind: 'cmi5', approved: false });
		await settle();
		expect(system.log).toEqual(['ask']);
		actor.send({ type: 'ANSWER', yes: true });
		await settle();
		expect(system.log.slice(0, 2)).toEqual(['ask', 'token']);
		expect(actor.getSnapshot().matches({ online: 'idle' })).toBe(true);
	});

	it('declining keeps the records local and sends nothing', async () => {
		const system = fakeSystem();
		const actor = start(system, { kind: 'xapi', approved: false });
		actor.send({ type: 'ANSWER', yes: false });
		await settle();
		expect(system.log).toEqual(['ask', 'local: declined']);
		expect(actor.getSnapshot().value).toBe('local');
	});

	it('a refused token falls back to local records with the reason, and never reads LaunchData', async () => {
		const system = fakeSystem();
		const failing = system.machine.provide({ actors: { fetchToken: fromPromise(() => Promise.reject(new Error('403 from the fetch URL'))) } });
		const reasons: unknown[] = [];
		const actor = createActor(failing.provide({ actions: { fellBack: (_, p) => void reasons.push(p) } }), { input: { kind: 'cmi5', approved: true } });
		actor.start();
		actor.send({ type: 'START' });
		await settle();
		expect(actor.getSnapshot().value).toBe('local');
		expect(system.log).not.toContain('launchData with Basic dG9rZW4=');
		expect(system.log).not.toContain('opened');
		expect(reasons).toEqual([{ reason: 'refused', error: new Error('403 from the fetch URL') }]);
	});
});

describe('flush', () => {
	it('a failed flush retries after the backoff (2 s, then 4 s), not before', async () => {
		const system = fakeSystem([
			{ kind: 'offline', message: 'No connection' },
			{ kind: 'retry', status: 503, message: 'busy' },
		]);
		const actor = start(system, { kind: 'xapi', approved: true });
		await settle();
		expect(actor.getSnapshot().matches({ online: 'backoff' })).toBe(true);
		expect(actor.getSnapshot().context.failures).toBe(1);
		await vi.advanceTimersByTimeAsync(backoff(1) - 1);
		expect(system.log.filter((l) => l === 'flush')).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(system.log.filter((l) => l === 'flush')).toHaveLength(2);
		expect(actor.getSnapshot().context.failures).toBe(2);
		await vi.advanceTimersByTimeAsync(backoff(2));
		expect(system.sent).toEqual(['initialized', 'queued while connecting']);
		expect(actor.getSnapshot().matches({ online: 'idle' })).toBe(true);
		expect(actor.getSnapshot().context.failures).toBe(0);
	});

	it("honours the LRS's Retry-After when it is longer than the backoff", async () => {
		const system = fakeSystem([{ kind: 'retry', status: 429, message: 'slow down', retryAfterMs: 60_000 }]);
		start(system, { kind: 'xapi', approved: true });
		await settle();
		await vi.advanceTimersByTimeAsync(59_999);
		expect(system.log.filter((l) => l === 'flush')).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(system.log.filter((l) => l === 'flush')).toHaveLength(2);
	});

	it('coming back online sends at once, with the backoff reset', async () => {
		const system = fakeSystem([{ kind: 'offline', message: 'No connection' }]);
		const actor = start(system, { kind: 'xapi', approved: true });
		await settle();
		actor.send({ type: 'ONLINE' });
		await settle();
		expect(system.sent).toEqual(['initialized', 'queued while connecting']);
		expect(actor.getSnapshot().context.failures).toBe(0);
	});

	it('a 401 stops retrying (authFailed) until the learner asks to send again', async () => {
		const system = fakeSystem([{ kind: 'auth', status: 401, message: 'Unauthorized' }]);
		const actor = start(system, { kind: 'xapi', approved: true });
		await settle();
		expect(actor.getSnapshot().value).toBe('authFailed');
		await vi.advanceTimersByTimeAsync(3_600_000);
		expect(system.log.filter((l) => l === 'flush')).toHaveLength(1);
		actor.send({ type: 'FLUSH' });
		await settle();
		expect(system.sent).toEqual(['initialized', 'queued while connecting']);
	});

	it('a flush asked for while one runs waits for it, then runs once more', async () => {
		const system = fakeSystem(['hold']);
		const actor = start(system, { kind: 'xapi', approved: true });
		await settle();
		system.outbox.push('made during the flush');
		actor.send({ type: 'FLUSH' });
		actor.send({ type: 'FLUSH' });
		await settle();
		expect(system.log.filter((l) => l === 'flush')).toHaveLength(1);
		system.held[0]!.resolve(done);
		await settle();
		expect(system.maxRunning()).toBe(1);
		expect(system.log.filter((l) => l === 'flush')).toHaveLength(2);
		expect(system.sent).toEqual(['initialized', 'queued while connecting', 'made during the flush']);
	});
});

describe('terminate', () => {
	it('waits for the running flush, then sends terminated last and ends', async () => {
		const system = fakeSystem(['hold']);
		const actor = start(system, { kind: 'cmi5', approved: true });
		await settle();
		actor.send({ type: 'TERMINATE' });
		await settle();
		// Not yet: the first flush is still on the wire.
		expect(system.outbox).not.toContain('terminated');
		expect(system.log.filter((l) => l === 'flush')).toHaveLength(1);
		system.held[0]!.resolve(done);
		await settle();
		expect(system.maxRunning()).toBe(1);
		expect(system.sent).toEqual(['initialized', 'queued while connecting', 'terminated']);
		expect(actor.getSnapshot().value).toBe('ended');
		expect(system.log.at(-1)).toBe('finished');
	});

	it('cmi5 order: initialized is the first statement sent and terminated the last', async () => {
		const system = fakeSystem();
		const actor = start(system, { kind: 'cmi5', approved: true });
		await settle();
		system.outbox.push('experienced a lesson', 'passed');
		actor.send({ type: 'FLUSH' });
		await settle();
		actor.send({ type: 'TERMINATE' });
		await settle();
		expect(system.sent[0]).toBe('initialized');
		expect(system.sent.at(-1)).toBe('terminated');
		expect(system.sent).toHaveLength(5);
	});

	it('terminated not delivered: the session stays open, is counted as a failed close and retried', async () => {
		const system = fakeSystem([done, { kind: 'offline', message: 'No connection' }]);
		const actor = start(system, { kind: 'cmi5', approved: true });
		await settle();
		actor.send({ type: 'TERMINATE' });
		await settle();
		expect(actor.getSnapshot().matches({ online: 'backoff' })).toBe(true);
		expect(actor.getSnapshot().context.closeFailures).toBe(1);
		await vi.advanceTimersByTimeAsync(backoff(1));
		expect(system.sent.at(-1)).toBe('terminated');
	});

	it('"Forget me" stops the connection from any state; nothing more is sent', async () => {
		const system = fakeSystem([{ kind: 'offline', message: 'No connection' }]);
		const actor = start(system, { kind: 'xapi', approved: true });
		await settle();
		actor.send({ type: 'STOP' });
		await vi.advanceTimersByTimeAsync(60_000);
		expect(actor.getSnapshot().value).toBe('stopped');
		expect(system.log.filter((l) => l === 'flush')).toHaveLength(1);
		expect(system.sent).toEqual([]);
	});
});
