/**
 * The live connection to a learning system: the launch (plain xAPI or cmi5) validated, the
 * learner's consent to a new LRS, then the connection machine (../records/connection-machine.ts)
 * run with the real transports (../records/transport.ts), the outbox lock and the stores; and
 * the cmi5 session rules for shaping statements. Loaded on demand by ./records.ts only when the
 * course was launched with an LRS, so local-only learners never download it or XState for it.
 * It reaches the records only through the narrow `RecordsPort` it is given.
 */
import { createActor, fromPromise, type ActorRefFrom, type SnapshotFrom } from 'xstate';
// Named imports, not a namespace: a namespace object costs a bundler helper in a chunk every page loads.
import {
	cmi5Transport,
	moveOnMet,
	openingProblem,
	sessionIdOf,
	toAllowed,
	toDefined,
	type Cmi5Launch,
	type Cmi5Transport,
	type DefinedKind,
	type LaunchData,
} from '../records/cmi5.ts';
import { connectionMachine } from '../records/connection-machine.ts';
import { capturedLaunch, LAUNCH_RAW_KEY } from '../records/launch-capture.ts';
import { launchActor, launchOrigins, parseLaunch, type LrsLaunch } from '../records/launch.ts';
import { flush, lrsTransport, retryDelay, type FlushOutcome, type RecordEntry } from '../records/outbox.ts';
import type { CourseEvent } from '../records/course-events.ts';
import type { Statement } from '../records/statements.ts';
import type { Transport } from '../records/transport.ts';
import {
	$cmi5,
	$launchActor,
	$launchDetail,
	$launchError,
	$launchKind,
	$lrs,
	$lrsConsent,
	$sync,
	LAUNCH_KEY,
	type RecordsPort,
	type SyncState,
} from './connection.ts';
import { emitCourseEvent } from './event-bus.ts';
import { courseMeta } from './meta.ts';
import { $progress, passedAssessment, update } from './progress.ts';
import { isErased, localStorageOrNull } from './storage.ts';

let launch: LrsLaunch | Cmi5Launch | null = null;
let records: RecordsPort;
let transport: Transport<Statement, unknown> | Cmi5Transport | undefined;
let actor: ActorRefFrom<typeof connectionMachine> | undefined;
/** How long the cmi5 session lasted, for `terminated` (set by finishSession). */
let sessionMs = 0;
let session: { launch: Cmi5Launch; data: LaunchData; sessionId: string } | null = null;
let isReady = false;
let stopped = false;

/** True once statements can be built in their final shape (always, except while the launch sets up). */
export function ready(): boolean {
	return isReady;
}

/** Origins of LRSs (and cmi5 token addresses) the learner has agreed to send records to. */
const APPROVED_KEY = 'policy-course:lrs-approved';
function approvedOrigins(): string[] {
	try {
		const list = JSON.parse(localStorageOrNull()?.getItem(APPROVED_KEY) ?? '[]') as unknown;
		return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}
function approve(origins: string[]) {
	if (isErased()) return;
	try {
		localStorageOrNull()?.setItem(APPROVED_KEY, JSON.stringify([...new Set([...approvedOrigins(), ...origins])]));
	} catch {
		/* not kept: the learner is asked again next time */
	}
}

/**
 * Records an event ahead of those queued while connecting: a session's `initialized` must be
 * its first statement by timestamp (cmi5 9.3), even when the learner was quicker than the LMS.
 */
function recordFirst(event: CourseEvent): void {
	const now = new Date().toISOString();
	const first = records.firstPendingAt();
	records.record(event, first && first <= now ? new Date(Date.parse(first) - 1).toISOString() : now);
}

/** The attempt's `initialized`, once per attempt, emitted after the launch's learner and registration are known. */
function ensureInitialized() {
	if ($progress.get().attempt.initializedAt) return;
	update((p) => ({ ...p, attempt: { ...p.attempt, initializedAt: new Date().toISOString() } }));
	recordFirst({ type: 'course.initialized' });
}

/** No LRS after all (refused, declined or none): records stay local. */
function local(error?: string, detail?: string) {
	if (error) $launchError.set(error);
	if (detail) $launchDetail.set(detail);
	launch = null;
	try {
		sessionStorage.removeItem(LAUNCH_KEY);
	} catch {
		/* unavailable */
	}
	$launchKind.set(null);
	$sync.set({ kind: 'local' });
	isReady = true;
	ensureInitialized();
	records.drainPending();
}

/**
 * Validates the captured launch (or this tab's kept one) and runs the connection machine with
 * it: consent for a new LRS, then (cmi5) token and LaunchData, then flushes with backoff.
 */
export function start(port: RecordsPort): void {
	records = port;
	const meta = courseMeta();
	const raw = capturedLaunch();
	if (raw) {
		try {
			sessionStorage.removeItem(LAUNCH_RAW_KEY);
		} catch {
			/* unavailable */
		}
		const parsed = parseLaunch(raw, meta.lrs);
		if (!parsed) return local();
		if ('error' in parsed) return local(parsed.error);
		try {
			sessionStorage.setItem(LAUNCH_KEY, JSON.stringify(parsed));
		} catch {
			/* kept in memory for this page */
		}
		launch = parsed;
	} else {
		try {
			const saved = sessionStorage.getItem(LAUNCH_KEY);
			const kept = saved ? (JSON.parse(saved) as LrsLaunch | Cmi5Launch | null) : null;
			// A damaged saved launch (`null`, a list, no usable endpoint) is treated as none.
			launch = kept && (kept.kind === 'xapi' || kept.kind === 'cmi5') && launchOrigins(kept).length ? kept : null;
		} catch {
			launch = null;
		}
	}
	if (!launch) return local();
	const l = launch;
	const origins = launchOrigins(l);
	transport = l.kind === 'xapi' ? lrsTransport(l.endpoint, l.auth) : cmi5Transport(l, sessionStorage, location.href);
	actor = createActor(live(l, origins), { input: { kind: l.kind, approved: origins.every((o) => approvedOrigins().includes(o)) } });
	actor.subscribe(showStatus);
	actor.start();
	actor.send({ type: 'START' });
}

/** The connection machine with the real network, outbox and stores. */
/** This connection's waiting records: for its LRS and, for cmi5, its registration; oldest first. */
function mine(): RecordEntry[] {
	const lrs = $lrs.get();
	return lrs
		? records
				.readAll()
				.filter(
					(r) =>
						r.status === 'waiting' && r.target?.endpoint === lrs.endpoint && (lrs.kind !== 'cmi5' || r.statement.context.registration === lrs.registration),
				)
		: [];
}

/** Reads one record fresh from storage (another tab may have changed it). */
function readRecord(id: string): RecordEntry | undefined {
	const key = records.RECORD_PREFIX + id;
	let tab: Storage | null = null;
	try {
		tab = sessionStorage;
	} catch {
		/* unavailable */
	}
	return (
		records.decode(localStorageOrNull()?.getItem(key) ?? null) ??
		records.decode(tab?.getItem(key) ?? null) ??
		records.readAll().find((r) => r.statement.id === id)
	);
}

/** Changes one record, starting from what is stored now (not from this tab's copy). */
function updateRecord(id: string, change: Partial<RecordEntry>): void {
	const current = readRecord(id);
	if (current) records.put({ ...current, ...change });
}

function live(l: LrsLaunch | Cmi5Launch, origins: string[]) {
	return connectionMachine.provide({
		actors: {
			fetchToken: fromPromise(() => (transport as Cmi5Transport).token()),
			fetchLaunchData: fromPromise<unknown, { auth: string }>(({ input }) => (transport as Cmi5Transport).launchData(input.auth)),
			// Read fresh inside the lock (one tab sends at a time): another tab may have sent some meanwhile.
			flush: fromPromise(() =>
				withOutboxLock(() =>
					flush(
						mine(),
						(batch) => transport!.send(batch),
						(id, change) => {
							if (!stopped) updateRecord(id, change);
						},
					),
				),
			),
		},
		actions: {
			// A host this learner has not used: nothing is sent, not even the cmi5 token request, until they agree.
			askConsent: () =>
				$lrsConsent.set({
					origins,
					answer: (yes) => {
						$lrsConsent.set(null);
						if (yes) approve(origins);
						actor?.send({ type: 'ANSWER', yes });
					},
				}),
			fellBack: (_, { reason, error }) => {
				if (reason === 'declined')
					return local('You chose not to send your records to the learning record store named in the link. They are kept on this device.');
				const problem = openingProblem(error);
				$launchError.set(problem.message);
				$launchDetail.set(problem.detail);
				$launchKind.set(null);
				$sync.set({ kind: 'local' });
				isReady = true;
				records.drainPending();
			},
			connected: (_, { auth, data }) => {
				const launchData = data as LaunchData;
				session = { launch: l as Cmi5Launch, data: launchData, sessionId: sessionIdOf(launchData) };
				$lrs.set({ endpoint: l.endpoint, auth, registration: l.registration, kind: 'cmi5' });
				$cmi5.set({
					returnURL: launchData.returnURL,
					masteryScore: launchData.masteryScore,
					terminated: Boolean(note('terminated')),
					moveOn: launchData.moveOn,
					moveOnMet: moveOnSatisfied(),
					passPending: Boolean(localStorageOrNull()?.getItem(pendingPassKey())),
				});
			},
			preparing: () => preparing(l),
			opened: () => opened(l),
			recordTerminated: () => {
				if (session && !note('terminated')) emitCourseEvent({ type: 'course.terminated', durationMs: sessionMs });
			},
			finished: () => void transport?.finish(),
			stopped: () => forget(),
		},
		guards: { hasWaiting: () => mine().length > 0 },
	});
}
/** The cmi5 defined statement an event becomes, if any. */
function definedKind(event: CourseEvent): DefinedKind | undefined {
	switch (event.type) {
		case 'course.initialized':
			return 'initialized';
		case 'course.terminated':
			return 'terminated';
		case 'course.completed':
			return 'completed';
		case 'assessment.finished':
			return event.passed ? 'passed' : 'failed';
		default:
			return undefined;
	}
}

/**
 * Notes of which defined statements were made (localStorage, shared by the tabs of one
 * session): `initialized`, `terminated` and the one judged result (`passed` or `failed`) per
 * session; `passed` and `completed` once per registration (cmi5 9.3).
 */
type Note = DefinedKind | 'judged';
function noteKey(kind: Note): string {
	const { launch: l, sessionId } = session!;
	return kind === 'passed' || kind === 'completed' ? `policy-course:cmi5:${l.registration}:${kind}` : `policy-course:cmi5:${sessionId}:${kind}`;
}
function note(kind: Note): string | null {
	return localStorageOrNull()?.getItem(noteKey(kind)) ?? null;
}
function setNote(kind: Note, id: string) {
	if (isErased()) return;
	try {
		localStorageOrNull()?.setItem(noteKey(kind), id);
	} catch {
		/* storage full: the rule is still kept for this page */
	}
}
/** A pass made after a failure in the same session, to be reported at the next session's start. */
function pendingPassKey(): string {
	return `policy-course:cmi5:${session!.launch.registration}:pass-pending`;
}

/** Whether the LMS's moveOn criterion is met by what this registration has sent. */
function moveOnSatisfied(): boolean {
	return moveOnMet(session!.data.moveOn, { passed: Boolean(note('passed')), completed: Boolean(note('completed')) });
}

/**
 * A pass that came after a `failed` in the same session could not be a defined statement then
 * (one of passed/failed per session, cmi5 9.3); it went as an allowed statement. The next
 * session reports it as its defined `passed`, right after `initialized`.
 */
function reportPendingPass() {
	if (!session || !localStorageOrNull()?.getItem(pendingPassKey()) || note('passed') || note('judged') || session.data.launchMode !== 'Normal') return;
	const attempt = passedAssessment($progress.get());
	localStorageOrNull()?.removeItem(pendingPassKey());
	if (!attempt || attempt.correct === undefined || attempt.total === undefined) return;
	emitCourseEvent({
		type: 'assessment.finished',
		attemptId: attempt.id,
		correct: attempt.correct,
		total: attempt.total,
		passMark: Math.round((session.data.masteryScore ?? courseMeta().passMark / 100) * 100),
		passed: true,
		durationMs: attempt.finishedAt ? Date.parse(attempt.finishedAt) - Date.parse(attempt.startedAt) : 0,
	});
}

/** The statement as sent: with the launch's context; cmi5-shaped; or null to keep it local. */
export function shape(statement: Statement, event: CourseEvent): Statement | null {
	if (launch?.kind === 'xapi' && launch.activityId) {
		// The LMS's own activity for the course, so it can find these records (issue 14.5).
		const lms = {
			objectType: 'Activity' as const,
			id: launch.activityId,
			definition: { name: { 'en-GB': courseMeta().title }, type: 'http://adlnet.gov/expapi/activities/course' },
		};
		const grouping = statement.context.contextActivities.grouping ?? [];
		if (!grouping.some((a) => a.id === lms.id))
			statement = {
				...statement,
				context: { ...statement.context, contextActivities: { ...statement.context.contextActivities, grouping: [...grouping, lms] } },
			};
	}
	if (!session) return statement;
	const { launch: l, data } = session;
	if (note('terminated')) return null; // nothing after terminated in this session
	const kind = definedKind(event);
	if (!kind) return toAllowed(statement, data);
	const normal = data.launchMode === 'Normal';
	if (kind === 'initialized' || kind === 'terminated') {
		if (note(kind)) return null;
		setNote(kind, statement.id);
	} else if (!normal) {
		return null; // Browse and Review: no passed, failed or completed (cmi5 10.2.2)
	} else if (kind === 'completed') {
		if (note('completed')) return toAllowed(statement, data);
		setNote('completed', statement.id);
	} else if (note('passed')) {
		// Already passed in this registration: later results are allowed statements only, and
		// a failure never follows a pass as a defined statement.
		return toAllowed(statement, data);
	} else if (note('judged')) {
		// One of passed/failed per session: a pass after a fail is an allowed statement now,
		// and the defined `passed` goes at the start of the next session.
		if (kind === 'passed') {
			try {
				localStorageOrNull()?.setItem(pendingPassKey(), statement.id);
			} catch {
				/* the learner can retake */
			}
			$cmi5.set({ ...$cmi5.get()!, passPending: true });
		}
		return toAllowed(statement, data);
	} else {
		setNote('judged', statement.id);
		if (kind === 'passed') setNote('passed', statement.id);
	}
	const shaped = toDefined(statement, kind, l, data);
	$cmi5.set({
		...$cmi5.get()!,
		terminated: kind === 'terminated' || $cmi5.get()!.terminated,
		moveOnMet: moveOnSatisfied(),
		...(kind === 'passed' ? { passPending: false } : {}),
	});
	return shaped;
}

/** Connecting (consent given): the launch's learner, and a new attempt for a new registration. */
function preparing(l: LrsLaunch | Cmi5Launch) {
	$launchKind.set(l.kind);
	const actorOfLaunch = launchActor(l.actor);
	if (actorOfLaunch) $launchActor.set(actorOfLaunch);
	const registration = l.registration;
	// A new registration starts a new attempt in the LMS's eyes, so it gets its own
	// `initialized`; statements made before the launch stay in the local record.
	if (registration && $progress.get().attempt.registration !== registration && !$progress.get().attempt.completed) {
		update((p) => ({ ...p, attempt: { ...p.attempt, registration, initializedAt: undefined } }));
	}
	addEventListener('online', () => actor?.send({ type: 'ONLINE' }));
}

/**
 * The connection is usable: statements take their final shape from now on. `initialized`
 * first, then the events queued while connecting; the machine flushes right after.
 */
function opened(l: LrsLaunch | Cmi5Launch) {
	if (l.kind === 'xapi') {
		$lrs.set({ endpoint: l.endpoint, auth: l.auth, registration: l.registration, kind: 'xapi' });
		isReady = true;
		ensureInitialized();
		records.drainPending();
		return;
	}
	isReady = true;
	// Every cmi5 session starts with `initialized` (cmi5 9.3), also the second session of a
	// registration; events made while connecting follow it.
	if (!note('initialized')) recordFirst({ type: 'course.initialized' });
	if (!$progress.get().attempt.initializedAt) update((p) => ({ ...p, attempt: { ...p.attempt, initializedAt: new Date().toISOString() } }));
	records.drainPending();
	reportPendingPass();
}

/** The status line's state, from the machine's. */
export function syncStateOf(snapshot: SnapshotFrom<typeof connectionMachine>, online: boolean, now: number): SyncState {
	const { context } = snapshot;
	if (snapshot.matches({ online: 'flushing' }) || snapshot.matches('closing')) return { kind: 'sending' };
	if (snapshot.matches('authFailed')) return { kind: 'auth', message: context.last?.kind === 'auth' ? context.last.message : '' };
	if (snapshot.matches({ online: 'backoff' })) {
		const at = now + retryDelay(context.failures, context.retryAfterMs);
		// Status 0 while the browser says it is online: the LRS cannot be reached (issue 14.6).
		if (context.last?.kind === 'offline') return online ? { kind: 'unreachable', at } : { kind: 'offline' };
		return { kind: 'retry', message: context.last && 'message' in context.last ? context.last.message : '', at };
	}
	if (snapshot.matches('connecting') || snapshot.matches('online') || snapshot.matches('ended')) return { kind: 'idle' };
	return { kind: 'local' };
}

let shown = '';
function showStatus(snapshot: SnapshotFrom<typeof connectionMachine>) {
	// Declined, refused and stopped set the status themselves (with the reason).
	if (snapshot.matches('local') || snapshot.matches('stopped') || snapshot.matches('created') || snapshot.matches('checking') || snapshot.matches('asking'))
		return;
	const key = `${JSON.stringify(snapshot.value)}:${snapshot.context.flushes}`;
	if (key === shown) return;
	shown = key;
	$sync.set(syncStateOf(snapshot, navigator.onLine, Date.now()));
}

/**
 * Ends the cmi5 session: sends `terminated` (once, after any flush on the wire) and resolves
 * true only when the LRS has it, so the caller never navigates away before it is delivered
 * (issue 14.4).
 */
export async function finishSession(durationMs: number): Promise<boolean> {
	if (!session || !actor) return false;
	const before = actor.getSnapshot();
	if (before.status === 'active') {
		sessionMs = durationMs;
		actor.send({ type: 'TERMINATE' });
		await until((s) => s.status !== 'active' || s.context.closeFailures > before.context.closeFailures);
	}
	const id = note('terminated');
	return Boolean(id) && readRecord(id!)?.status === 'sent';
}

/**
 * Resolves with the first snapshot of the connection that satisfies `done`. (XState's `waitFor`
 * would add its code to the XState chunk every scenario page loads.)
 */
function until(done: (s: SnapshotFrom<typeof connectionMachine>) => boolean): Promise<SnapshotFrom<typeof connectionMachine>> {
	return new Promise((resolve) => {
		if (done(actor!.getSnapshot())) return resolve(actor!.getSnapshot());
		const subscription = actor!.subscribe((s) => {
			if (!done(s)) return;
			subscription.unsubscribe();
			resolve(s);
		});
	});
}

/** Runs `task` while holding the outbox lock, so one tab at a time sends (Web Locks API). */
function withOutboxLock<T>(task: () => Promise<T>): Promise<T> {
	const locks = (navigator as Navigator & { locks?: LockManager }).locks;
	return locks ? (locks.request('policy-course:outbox', task) as Promise<T>) : task();
}

/** Sends this tab's LRS's waiting records now (one flush at a time across tabs); resolves with how that flush ended. */
export async function syncNow(): Promise<FlushOutcome | undefined> {
	if (!$lrs.get() || stopped || !actor) return undefined;
	const snapshot = actor.getSnapshot();
	if (snapshot.status !== 'active') return undefined;
	const busy = snapshot.matches({ online: 'flushing' }) || snapshot.matches('closing');
	const start = snapshot.context.flushes;
	actor.send({ type: 'FLUSH' });
	// A flush already on the wire may predate the records asked for: wait for the one after it.
	const settled = await until(
		(s) =>
			s.status !== 'active' ||
			s.context.flushes >= start + (busy ? 2 : 1) ||
			(s.context.flushes > start && !s.matches({ online: 'flushing' }) && !s.matches('closing')),
	);
	return settled.context.last;
}

/** Forgets the session and shows the records as local. */
function forget() {
	launch = null;
	session = null;
	$lrs.set(null);
	$launchActor.set(null);
	$launchKind.set(null);
	$cmi5.set(null);
	$lrsConsent.set(null);
	$sync.set({ kind: 'local' });
}

/** After "Forget me": stop sending and forget the session. */
export function stop(): void {
	stopped = true;
	actor?.send({ type: 'STOP' });
	forget();
}
