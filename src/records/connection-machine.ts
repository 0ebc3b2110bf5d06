/**
 * The life of one connection to a learning system, as one state machine:
 *
 *   asking (consent) -> connecting (cmi5: token -> launchData) -> online (idle <-> flushing
 *   <-> backoff) -> closing -> ended; with authFailed, local (no connection after all) and
 *   stopped ("Forget me").
 *
 * Pure: the network, the outbox and the stores are reached only through the actors and
 * actions named in `setup`, which the browser wiring (src/stores/sync.ts) provides and the
 * unit tests replace with fakes (`machine.provide()`, tests/unit/connection-machine.test.ts).
 *
 * - Only one flush runs at a time; a flush asked for meanwhile runs right after it.
 * - A failed flush waits (`after`) 2 s, 4 s, 8 s ... or the system's Retry-After if longer,
 *   then tries again; coming back online or "Send now" tries at once.
 * - 401/403 stops retrying (authFailed) until the learner asks to send again.
 * - cmi5 order: `opened` (which records `initialized` and then the events queued while
 *   connecting) runs before any flush; `close` records `terminated` only once no flush is
 *   running, so it is the last statement sent, and the session ends only once it is delivered.
 */
import { assign, createMachine, fromPromise } from 'xstate';
import { retryDelay, type FlushOutcome } from './outbox.ts';

export interface ConnectionInput {
	/** `xapi`: the launch gives credentials; `cmi5`: a token and LaunchData are fetched first. */
	kind: 'xapi' | 'cmi5';
	/** Whether the learner has already agreed to send records to this launch's addresses. */
	approved: boolean;
}

export interface ConnectionContext {
	kind: ConnectionInput['kind'];
	approved: boolean;
	/** The cmi5 Authorization header, once the token arrived. */
	auth?: string;
	/** Failed flushes in a row (for the backoff). */
	failures: number;
	/** The learning system's Retry-After from the last failed flush, in milliseconds. */
	retryAfterMs?: number;
	/** Flushes finished so far, and how the last one ended (for callers waiting on a flush). */
	flushes: number;
	last?: FlushOutcome;
	/** A flush was asked for while one was running: run another straight after. */
	again: boolean;
	/** The learner asked to end the session while a flush was running. */
	closeAsked: boolean;
	/** Attempts to end the session that could not deliver `terminated` (callers compare counts). */
	closeFailures: number;
	/** Flushes run while closing (`terminated` is tried a few times before giving up for now). */
	closingFlushes: number;
}

export type ConnectionEvent =
	/** Begin: check consent, then connect. */
	| { type: 'START' }
	/** Send what is waiting now (a new record, "Send now", another tab's records). */
	| { type: 'FLUSH' }
	/** The browser is back online: reset the backoff and send. */
	| { type: 'ONLINE' }
	/** The learner's answer to "send your records there?". */
	| { type: 'ANSWER'; yes: boolean }
	/** End the session (cmi5 Finish). */
	| { type: 'TERMINATE' }
	/** "Forget me": stop at once, send nothing more. */
	| { type: 'STOP' };

/** How many flushes closing tries before telling the learner `terminated` could not be sent yet. */
export const CLOSING_TRIES = 4;

const notProvided = (name: string) => () => Promise.reject(new Error(`${name} was not provided`));

/** The promise actors, as placeholders: the wiring and the tests provide the real ones. */
const actors = {
	/** cmi5: the token, as an Authorization header. Rejects with the reason. */
	fetchToken: fromPromise<string>(notProvided('fetchToken')),
	/** cmi5: LMS.LaunchData, read with the token. Rejects with the reason. */
	fetchLaunchData: fromPromise<unknown, { auth: string }>(notProvided('fetchLaunchData')),
	/** Sends this connection's waiting records (holding the outbox lock). */
	flush: fromPromise<FlushOutcome>(notProvided('flush')),
};

type Actors =
	| { src: 'fetchToken'; logic: typeof actors.fetchToken }
	| { src: 'fetchLaunchData'; logic: typeof actors.fetchLaunchData }
	| { src: 'flush'; logic: typeof actors.flush };

/** The side effects, named here and provided by the wiring (src/stores/sync.ts) and the tests. */
type Actions =
	/** Asks the learner before anything is sent to a new address. */
	| { type: 'askConsent'; params: undefined }
	/** Connecting (consent given): take the launch's learner and registration. */
	| { type: 'preparing'; params: undefined }
	/** cmi5: keep the session (token and LaunchData) for shaping statements. */
	| { type: 'connected'; params: { auth: string; data: unknown } }
	/** Statements can now take their final shape: record `initialized`, then what was queued. */
	| { type: 'opened'; params: undefined }
	/** No connection after all (declined, refused): records stay on the device. */
	| { type: 'fellBack'; params: { reason: 'declined' | 'refused'; error?: unknown } }
	/** Records `terminated` (once per session). */
	| { type: 'recordTerminated'; params: undefined }
	/** The session is over: close the transport. */
	| { type: 'finished'; params: undefined }
	/** "Forget me": forget the session. */
	| { type: 'stopped'; params: undefined };

type Guards =
	| { type: 'isCmi5'; params: undefined }
	| { type: 'approved'; params: undefined }
	/** Records wait for this connection (provided: it reads the outbox). */
	| { type: 'hasWaiting'; params: undefined };

const nothing = () => {};

/** What every finished flush changes: one more flush, and its outcome for whoever waits on it. */
const counted = (context: ConnectionContext, last: FlushOutcome) => ({ flushes: context.flushes + 1, last });
/** A flush that did not deliver: one more failure for the backoff, with the learning system's Retry-After. */
const failedFlush = (context: ConnectionContext, last: FlushOutcome) => ({
	...counted(context, last),
	failures: context.failures + 1,
	retryAfterMs: last.kind === 'retry' ? last.retryAfterMs : undefined,
});
/** A flush that threw (a bug, storage gone): a failure to retry like any other, never a stuck connection. */
const thrownFlush = (context: ConnectionContext, error: unknown) =>
	failedFlush(context, { kind: 'retry', status: 0, message: String((error as Error)?.message ?? error) });
/** A flush that delivered: the backoff starts again from the beginning. */
const deliveredFlush = (context: ConnectionContext, last: FlushOutcome) => ({ ...counted(context, last), failures: 0 });

// `createMachine` with its implementations, not `setup()`: setup brings XState's whole action
// set into the chunk the scenario pages share with this one (+780 B gzipped on every scenario page).
export const connectionMachine = createMachine(
	{
		types: {} as {
			context: ConnectionContext;
			input: ConnectionInput;
			events: ConnectionEvent;
			actors: Actors;
			actions: Actions;
			guards: Guards;
			delays: 'retry';
		},
		id: 'connection',
		context: ({ input }) => ({
			kind: input.kind,
			approved: input.approved,
			failures: 0,
			flushes: 0,
			again: false,
			closeAsked: false,
			closeFailures: 0,
			closingFlushes: 0,
		}),
		// Waits for START, sent once the actor is running: XState starts the children of an initial
		// state before running its actions, and `opened` must come before the first flush.
		initial: 'created',
		on: { STOP: { target: '.stopped' } },
		states: {
			created: { on: { START: 'checking' } },
			checking: {
				always: [{ guard: 'approved', target: 'connecting' }, { target: 'asking' }],
			},
			asking: {
				entry: 'askConsent',
				on: {
					ANSWER: [
						{ guard: ({ event }) => event.yes, target: 'connecting', actions: assign({ approved: true }) },
						{ target: 'local', actions: { type: 'fellBack', params: { reason: 'declined' } } },
					],
				},
			},
			connecting: {
				entry: 'preparing',
				initial: 'choosing',
				states: {
					// `opened` runs on the way in, before the first flush: cmi5's `initialized` is made before anything is sent.
					choosing: {
						always: [
							{ guard: 'isCmi5', target: 'token' },
							{ target: '#connection.online', actions: 'opened' },
						],
					},
					token: {
						invoke: {
							src: 'fetchToken',
							onDone: { target: 'launchData', actions: assign({ auth: ({ event }) => event.output }) },
							onError: {
								target: '#connection.local',
								actions: { type: 'fellBack', params: ({ event }) => ({ reason: 'refused' as const, error: event.error }) },
							},
						},
					},
					launchData: {
						invoke: {
							src: 'fetchLaunchData',
							input: ({ context }) => ({ auth: context.auth! }),
							onDone: {
								target: '#connection.online',
								actions: [{ type: 'connected', params: ({ context, event }) => ({ auth: context.auth!, data: event.output }) }, 'opened'],
							},
							onError: {
								target: '#connection.local',
								actions: { type: 'fellBack', params: ({ event }) => ({ reason: 'refused' as const, error: event.error }) },
							},
						},
					},
				},
			},
			online: {
				initial: 'flushing',
				on: { ONLINE: { target: '.flushing', actions: assign({ failures: 0 }) } },
				states: {
					idle: {
						on: { FLUSH: 'flushing', TERMINATE: '#connection.closing' },
					},
					flushing: {
						entry: assign({ again: false }),
						on: {
							FLUSH: { actions: assign({ again: true }) },
							ONLINE: { actions: assign({ again: true, failures: 0 }) },
							TERMINATE: { actions: assign({ closeAsked: true }) },
						},
						invoke: {
							src: 'flush',
							onDone: [
								{
									guard: ({ event }) => event.output.kind === 'auth',
									target: '#connection.authFailed',
									actions: assign(({ context, event }) => ({
										...counted(context, event.output),
										closeAsked: false,
										closeFailures: context.closeFailures + (context.closeAsked ? 1 : 0),
									})),
								},
								{
									guard: ({ event }) => event.output.kind !== 'done',
									target: 'backoff',
									actions: assign(({ context, event }) => ({
										...failedFlush(context, event.output),
										closeAsked: false,
										closeFailures: context.closeFailures + (context.closeAsked ? 1 : 0),
									})),
								},
								{
									guard: ({ context }) => context.closeAsked,
									target: '#connection.closing',
									actions: assign(({ context, event }) => ({ ...deliveredFlush(context, event.output), closeAsked: false })),
								},
								{
									guard: ({ context }) => context.again,
									target: 'flushing',
									reenter: true,
									actions: assign(({ context, event }) => deliveredFlush(context, event.output)),
								},
								{
									guard: 'hasWaiting',
									target: 'flushing',
									reenter: true,
									actions: assign(({ context, event }) => deliveredFlush(context, event.output)),
								},
								{
									target: 'idle',
									actions: assign(({ context, event }) => deliveredFlush(context, event.output)),
								},
							],
							onError: { target: 'backoff', actions: assign(({ context, event }) => ({ ...thrownFlush(context, event.error), closeAsked: false })) },
						},
					},
					backoff: {
						after: { retry: 'flushing' },
						on: { FLUSH: 'flushing', TERMINATE: '#connection.closing' },
					},
				},
			},
			authFailed: {
				// The learner may try again ("Send now", a new record): the LRS may accept again.
				on: { FLUSH: 'online.flushing', ONLINE: 'online.flushing', TERMINATE: 'closing' },
			},
			closing: {
				entry: [assign({ closingFlushes: 0 }), 'recordTerminated'],
				initial: 'flushing',
				states: {
					flushing: {
						invoke: {
							src: 'flush',
							onDone: [
								{
									guard: ({ event }) => event.output.kind === 'auth',
									target: '#connection.authFailed',
									actions: assign(({ context, event }) => ({ ...counted(context, event.output), closeFailures: context.closeFailures + 1 })),
								},
								{
									guard: ({ event }) => event.output.kind !== 'done',
									target: '#connection.online.backoff',
									actions: assign(({ context, event }) => ({ ...failedFlush(context, event.output), closeFailures: context.closeFailures + 1 })),
								},
								{
									target: 'delivered',
									actions: assign(({ context, event }) => ({ ...counted(context, event.output), closingFlushes: context.closingFlushes + 1 })),
								},
							],
							onError: {
								target: '#connection.online.backoff',
								actions: assign(({ context, event }) => ({ ...thrownFlush(context, event.error), closeFailures: context.closeFailures + 1 })),
							},
						},
					},
					// Delivered, but something still waits (made meanwhile, or held by another tab's lock):
					// try again a few times, then leave the session open and say so.
					delivered: { always: [{ guard: 'hasWaiting', target: 'retrying' }, { target: '#connection.ended' }] },
					retrying: {
						always: [
							{ guard: ({ context }) => context.closingFlushes < CLOSING_TRIES, target: 'flushing' },
							{ target: '#connection.online.idle', actions: assign({ closeFailures: ({ context }) => context.closeFailures + 1 }) },
						],
					},
				},
			},
			ended: { entry: 'finished', type: 'final' },
			local: { type: 'final' },
			stopped: { entry: 'stopped', type: 'final' },
		},
	},
	{
		actors,
		actions: {
			askConsent: nothing,
			preparing: nothing,
			connected: nothing,
			opened: nothing,
			fellBack: nothing,
			recordTerminated: nothing,
			finished: nothing,
			stopped: nothing,
		},
		guards: {
			isCmi5: ({ context }) => context.kind === 'cmi5',
			approved: ({ context }) => context.approved,
			hasWaiting: () => false,
		},
		delays: {
			retry: ({ context }) => retryDelay(context.failures, context.retryAfterMs),
		},
	},
);
