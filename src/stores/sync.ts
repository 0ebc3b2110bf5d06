/**
 * Sending records to a Learning Record Store: the launch (plain xAPI or cmi5), the learner's
 * consent to a new LRS, the outbox flush with retries (one tab at a time), and the cmi5
 * session rules. Loaded on demand by ./records.ts only when the course was launched with an
 * LRS.
 */
import type { Cmi5Launch, DefinedKind, LaunchData } from '../records/cmi5.ts';
import { capturedLaunch, LAUNCH_RAW_KEY } from '../records/launch-capture.ts';
import { launchActor, launchOrigins, parseLaunch, type LrsLaunch } from '../records/launch.ts';
import { fetchSender, flush, retryDelay, type FlushOutcome } from '../records/outbox.ts';
import type { CourseEvent } from '../records/events.ts';
import type { Statement } from '../records/statements.ts';
import { emitCourseEvent } from './events.ts';
import { courseMeta } from './meta.ts';
import { $progress, passedAssessment, update } from './progress.ts';
import {
	$cmi5, $launchActor, $launchDetail, $launchError, $launchKind, $lrs, $lrsConsent, $sync, decodeRecord, drainPending, firstPendingAt, LAUNCH_KEY, putRecord, readAllRecords, recordEvent, RECORD_PREFIX, $records,
} from './records.ts';
import { isErased, localStorageOrNull } from './storage.ts';

let launch: LrsLaunch | Cmi5Launch | null = null;
let cmi5: typeof import('../records/cmi5.ts') | undefined;
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
	const first = firstPendingAt();
	recordEvent(event, first && first <= now ? new Date(Date.parse(first) - 1).toISOString() : now);
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
	try { sessionStorage.removeItem(LAUNCH_KEY); } catch { /* unavailable */ }
	$launchKind.set(null);
	$sync.set({ kind: 'local' });
	isReady = true;
	ensureInitialized();
	drainPending();
}

/** Validates the captured launch (or this tab's kept one), asks consent for a new LRS, connects. */
export function start(): void {
	const meta = courseMeta();
	const raw = capturedLaunch();
	if (raw) {
		try { sessionStorage.removeItem(LAUNCH_RAW_KEY); } catch { /* unavailable */ }
		const parsed = parseLaunch(raw, meta.lrs);
		if (!parsed) return local();
		if ('error' in parsed) return local(parsed.error);
		try { sessionStorage.setItem(LAUNCH_KEY, JSON.stringify(parsed)); } catch { /* kept in memory for this page */ }
		launch = parsed;
	} else {
		try {
			const saved = sessionStorage.getItem(LAUNCH_KEY);
			launch = saved ? (JSON.parse(saved) as LrsLaunch | Cmi5Launch) : null;
		} catch {
			launch = null;
		}
	}
	if (!launch) return local();
	const origins = launchOrigins(launch);
	const approved = approvedOrigins();
	if (origins.every((o) => approved.includes(o))) return connect(launch);
	// A host this learner has not used: nothing is sent, not even the cmi5 token request,
	// until they agree.
	const asked = launch;
	$lrsConsent.set({
		origins,
		answer: (yes) => {
			$lrsConsent.set(null);
			if (!yes) return local('You chose not to send your records to the learning record store named in the link. They are kept on this device.');
			approve(origins);
			connect(asked);
		},
	});
}

function connect(l: LrsLaunch | Cmi5Launch) {
	$launchKind.set(l.kind);
	const actor = launchActor(l.actor);
	if (actor) $launchActor.set({ objectType: 'Agent', ...(actor.name ? { name: actor.name } : {}), ...(actor.mbox ? { mbox: actor.mbox } : { account: actor.account! }) } as never);
	const registration = l.registration;
	// A new registration starts a new attempt in the LMS's eyes, so it gets its own
	// `initialized`; statements made before the launch stay in the local record.
	if (registration && $progress.get().attempt.registration !== registration && !$progress.get().attempt.completed) {
		update((p) => ({ ...p, attempt: { ...p.attempt, registration, initializedAt: undefined } }));
	}
	$sync.set({ kind: 'idle' });
	addEventListener('online', () => {
		failures = 0;
		void syncNow();
	});
	if (l.kind === 'xapi') {
		$lrs.set({ endpoint: l.endpoint, auth: l.auth, registration: l.registration, kind: 'xapi' });
		isReady = true;
		ensureInitialized();
		drainPending();
		void syncNow(); // what an earlier page of this tab, or another tab, left waiting
	} else {
		void startCmi5(l);
	}
}

async function startCmi5(l: Cmi5Launch) {
	try {
		cmi5 = await import('../records/cmi5.ts');
		const auth = `Basic ${await cmi5.fetchToken(l, sessionStorage)}`;
		const data = await cmi5.fetchLaunchData(l, auth, location.href);
		session = { launch: l, data, sessionId: cmi5.sessionIdOf(data) };
		$lrs.set({ endpoint: l.endpoint, auth, registration: l.registration, kind: 'cmi5' });
		$cmi5.set({
			returnURL: data.returnURL,
			masteryScore: data.masteryScore,
			terminated: Boolean(note('terminated')),
			moveOn: data.moveOn,
			moveOnMet: moveOnSatisfied(),
			passPending: Boolean(localStorageOrNull()?.getItem(pendingPassKey())),
		});
	} catch (error) {
		const problem = error as Error & { detail?: string };
		$launchError.set(problem.detail ? problem.message : 'The course could not connect to your learning system, so your records are kept on this device only. The details are on My record.');
		$launchDetail.set(problem.detail ?? problem.message);
		$launchKind.set(null);
		$sync.set({ kind: 'local' });
		isReady = true;
		drainPending();
		return;
	}
	isReady = true;
	// Every cmi5 session starts with `initialized` (cmi5 9.3), also the second session of a
	// registration; events made while connecting follow it.
	if (!note('initialized')) recordFirst({ type: 'course.initialized' });
	if (!$progress.get().attempt.initializedAt) update((p) => ({ ...p, attempt: { ...p.attempt, initializedAt: new Date().toISOString() } }));
	drainPending();
	reportPendingPass();
	void syncNow(); // statements left waiting at a reload go now
}

/** The cmi5 defined statement an event becomes, if any. */
function definedKind(event: CourseEvent): DefinedKind | undefined {
	switch (event.type) {
		case 'course.initialized': return 'initialized';
		case 'course.terminated': return 'terminated';
		case 'course.completed': return 'completed';
		case 'assessment.finished': return event.passed ? 'passed' : 'failed';
		default: return undefined;
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
	try { localStorageOrNull()?.setItem(noteKey(kind), id); } catch { /* storage full: the rule is still kept for this page */ }
}
/** A pass made after a failure in the same session, to be reported at the next session's start. */
function pendingPassKey(): string {
	return `policy-course:cmi5:${session!.launch.registration}:pass-pending`;
}

/** Whether the LMS's moveOn criterion is met by what this registration has sent. */
function moveOnSatisfied(): boolean {
	return cmi5!.moveOnMet(session!.data.moveOn, { passed: Boolean(note('passed')), completed: Boolean(note('completed')) });
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
		const lms = { objectType: 'Activity' as const, id: launch.activityId, definition: { name: { 'en-GB': courseMeta().title }, type: 'http://adlnet.gov/expapi/activities/course' } };
		const grouping = statement.context.contextActivities.grouping ?? [];
		if (!grouping.some((a) => a.id === lms.id)) statement = { ...statement, context: { ...statement.context, contextActivities: { ...statement.context.contextActivities, grouping: [...grouping, lms] } } };
	}
	if (!session || !cmi5) return statement;
	const { launch: l, data } = session;
	if (note('terminated')) return null; // nothing after terminated in this session
	const kind = definedKind(event);
	if (!kind) return cmi5.toAllowed(statement, data);
	const normal = data.launchMode === 'Normal';
	if (kind === 'initialized' || kind === 'terminated') {
		if (note(kind)) return null;
		setNote(kind, statement.id);
	} else if (!normal) {
		return null; // Browse and Review: no passed, failed or completed (cmi5 10.2.2)
	} else if (kind === 'completed') {
		if (note('completed')) return cmi5.toAllowed(statement, data);
		setNote('completed', statement.id);
	} else if (note('passed')) {
		// Already passed in this registration: later results are allowed statements only, and
		// a failure never follows a pass as a defined statement.
		return cmi5.toAllowed(statement, data);
	} else if (note('judged')) {
		// One of passed/failed per session: a pass after a fail is an allowed statement now,
		// and the defined `passed` goes at the start of the next session.
		if (kind === 'passed') {
			try { localStorageOrNull()?.setItem(pendingPassKey(), statement.id); } catch { /* the learner can retake */ }
			$cmi5.set({ ...$cmi5.get()!, passPending: true });
		}
		return cmi5.toAllowed(statement, data);
	} else {
		setNote('judged', statement.id);
		if (kind === 'passed') setNote('passed', statement.id);
	}
	const shaped = cmi5.toDefined(statement, kind, l, data);
	$cmi5.set({ ...$cmi5.get()!, terminated: kind === 'terminated' || $cmi5.get()!.terminated, moveOnMet: moveOnSatisfied(), ...(kind === 'passed' ? { passPending: false } : {}) });
	return shaped;
}

/**
 * Ends the cmi5 session: sends `terminated` (once) and resolves true only when the LRS has it,
 * so the caller never navigates away before it is delivered (issue 14.4).
 */
export async function finishSession(durationMs: number): Promise<boolean> {
	if (!session) return false;
	if (!note('terminated')) emitCourseEvent({ type: 'course.terminated', durationMs });
	const id = note('terminated');
	if (!id) return false;
	for (let i = 0; i < 4; i++) {
		const outcome = await syncNow();
		if (readRecord(id)?.status === 'sent') return true;
		if (outcome && outcome.kind !== 'done') return false;
	}
	return readRecord(id)?.status === 'sent';
}

/** Reads one record fresh from storage (another tab may have changed it). */
function readRecord(id: string) {
	const key = RECORD_PREFIX + id;
	let tab: Storage | null = null;
	try { tab = sessionStorage; } catch { /* unavailable */ }
	return decodeRecord(localStorageOrNull()?.getItem(key) ?? null) ?? decodeRecord(tab?.getItem(key) ?? null) ?? $records.get().find((r) => r.statement.id === id);
}

/** Changes one record, starting from what is stored now (not from this tab's copy). */
function updateRecord(id: string, change: Partial<import('../records/outbox.ts').RecordEntry>): void {
	const current = readRecord(id);
	if (current) putRecord({ ...current, ...change });
}

let flushing: Promise<FlushOutcome | undefined> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** Runs `task` while holding the outbox lock, so one tab at a time sends (Web Locks API). */
function withOutboxLock<T>(task: () => Promise<T>): Promise<T> {
	const locks = (navigator as Navigator & { locks?: LockManager }).locks;
	return locks ? (locks.request('policy-course:outbox', task) as Promise<T>) : task();
}

/** Sends this tab's LRS's waiting records now (one flush at a time across tabs); schedules a retry on failure. */
export function syncNow(): Promise<FlushOutcome | undefined> {
	const lrs = $lrs.get();
	if (!lrs || stopped) return Promise.resolve(undefined);
	if (flushing) return flushing.then(() => syncNow());
	clearTimeout(retryTimer);
	$sync.set({ kind: 'sending' });
	const run = withOutboxLock(() => {
		// Read fresh inside the lock: another tab may have sent some meanwhile.
		const mine = readAllRecords().filter((r) => r.status === 'waiting' && r.target?.endpoint === lrs.endpoint && (lrs.kind !== 'cmi5' || r.statement.context.registration === lrs.registration));
		return flush(mine, fetchSender(lrs.endpoint, lrs.auth), (id, change) => {
			if (!stopped) updateRecord(id, change);
		});
	});
	flushing = run.then((outcome) => {
		flushing = undefined;
		if (stopped) return outcome;
		if (outcome.kind === 'done') {
			failures = 0;
			$sync.set({ kind: 'idle' });
			// Records made while this flush was running go out now.
			if (readAllRecords().some((r) => r.status === 'waiting' && r.target?.endpoint === lrs.endpoint && (lrs.kind !== 'cmi5' || r.statement.context.registration === lrs.registration))) void syncNow();
		} else if (outcome.kind === 'auth') {
			$sync.set({ kind: 'auth', message: outcome.message });
		} else {
			failures++;
			const wait = retryDelay(failures, outcome.kind === 'retry' ? outcome.retryAfterMs : undefined);
			// Status 0 while the browser says it is online: the LRS cannot be reached (issue 14.6).
			$sync.set(outcome.kind === 'offline' ? (navigator.onLine ? { kind: 'unreachable', at: Date.now() + wait } : { kind: 'offline' }) : { kind: 'retry', message: outcome.message, at: Date.now() + wait });
			retryTimer = setTimeout(() => void syncNow(), wait);
		}
		return outcome;
	});
	return flushing;
}

/** After "Forget me": stop sending and forget the session. */
export function stop(): void {
	stopped = true;
	clearTimeout(retryTimer);
	launch = null;
	session = null;
	$lrs.set(null);
	$launchActor.set(null);
	$launchKind.set(null);
	$cmi5.set(null);
	$lrsConsent.set(null);
	$sync.set({ kind: 'local' });
}
