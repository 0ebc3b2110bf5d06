/**
 * Sending records to a Learning Record Store: the launch (plain xAPI or cmi5), the outbox
 * flush with retries, and the cmi5 session rules. Loaded on demand by ./records.ts only when
 * the course was launched with an LRS.
 */
import type { Cmi5Launch, DefinedKind, LaunchData } from '../records/cmi5.ts';
import { launchActor, parseLaunch, type LrsLaunch } from '../records/launch.ts';
import { backoff, fetchSender, flush, type FlushOutcome } from '../records/outbox.ts';
import type { CourseEvent } from '../records/events.ts';
import type { Statement } from '../records/statements.ts';
import { $progress } from './progress.ts';
import { $cmi5, $launchActor, $launchError, $launchKind, $lrs, $records, $sync, drainPending, LAUNCH_KEY } from './records.ts';

let launch: LrsLaunch | Cmi5Launch | null = null;
let cmi5: typeof import('../records/cmi5.ts') | undefined;
let session: { launch: Cmi5Launch; data: LaunchData } | null = null;
let isReady = false;

/** True once statements can be built in their final shape (always, except while cmi5 sets up). */
export function ready(): boolean {
	return isReady;
}

/** Reads launch parameters (removing them from the address bar) or this tab's saved launch. */
export function start(): void {
	const parsed = parseLaunch(location.search);
	if (parsed && 'error' in parsed) {
		$launchError.set(parsed.error);
	} else if (parsed) {
		try { sessionStorage.setItem(LAUNCH_KEY, JSON.stringify(parsed)); } catch { /* kept in memory */ }
		launch = parsed;
		const clean = new URL(location.href);
		for (const key of ['endpoint', 'auth', 'actor', 'registration', 'activity_id', 'activityId', 'fetch']) clean.searchParams.delete(key);
		history.replaceState(history.state, '', clean.pathname + clean.search + clean.hash);
	}
	if (!launch) {
		try {
			const saved = sessionStorage.getItem(LAUNCH_KEY);
			launch = saved ? (JSON.parse(saved) as LrsLaunch | Cmi5Launch) : null;
		} catch {
			launch = null;
		}
	}
	if (!launch) {
		$launchKind.set(null);
		isReady = true;
		drainPending();
		return;
	}
	$launchKind.set(launch.kind);
	const actor = launchActor(launch.actor);
	if (actor) $launchActor.set({ objectType: 'Agent', ...(actor.name ? { name: actor.name } : {}), ...(actor.mbox ? { mbox: actor.mbox } : { account: actor.account! }) } as never);
	const registration = launch.registration;
	// A new registration starts a new session in the LMS's eyes, so it gets its own
	// `initialized`; statements made before the launch stay in the local record.
	if (registration && $progress.get().attempt.registration !== registration && !$progress.get().attempt.completed) {
		$progress.set({ ...$progress.get(), attempt: { ...$progress.get().attempt, registration, initializedAt: undefined } });
	}
	$sync.set({ kind: 'idle' });
	addEventListener('online', () => {
		failures = 0;
		void syncNow();
	});
	if (launch.kind === 'xapi') {
		$lrs.set({ endpoint: launch.endpoint, auth: launch.auth });
		isReady = true;
		drainPending();
		void syncNow();
	} else {
		void startCmi5(launch);
	}
}

async function startCmi5(l: Cmi5Launch) {
	try {
		cmi5 = await import('../records/cmi5.ts');
		const auth = `Basic ${await cmi5.fetchToken(l, sessionStorage)}`;
		const data = await cmi5.fetchLaunchData(l, auth);
		session = { launch: l, data };
		$lrs.set({ endpoint: l.endpoint, auth });
		$cmi5.set({ returnURL: data.returnURL, masteryScore: data.masteryScore, terminated: Boolean(localStorage.getItem(sentKey('terminated'))), moveOn: data.moveOn, moveOnMet: moveOnSatisfied() });
	} catch (error) {
		$launchError.set((error as Error).message);
	}
	isReady = true;
	drainPending();
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
 * Where we note which defined statements were made, so none repeats: initialized and
 * terminated once per session, passed and completed once per registration (localStorage,
 * as a new tab is a new session of the same registration).
 */
function sentKey(kind: DefinedKind): string {
	const { launch: l, data } = session!;
	const id = String(data.contextTemplate.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid'] ?? '');
	return kind === 'initialized' || kind === 'terminated' ? `policy-course:cmi5:${id}:${kind}` : `policy-course:cmi5:${l.registration}:${kind}`;
}

/** Whether the LMS's moveOn criterion is met by what this registration has sent. */
function moveOnSatisfied(): boolean {
	return cmi5!.moveOnMet(session!.data.moveOn, { passed: Boolean(localStorage.getItem(sentKey('passed'))), completed: Boolean(localStorage.getItem(sentKey('completed'))) });
}

/** The statement as sent: unchanged for plain xAPI; cmi5-shaped, or null to keep it local. */
export function shape(statement: Statement, event: CourseEvent): Statement | null {
	if (!session || !cmi5) return statement;
	const { launch: l, data } = session;
	if (localStorage.getItem(sentKey('terminated'))) return null; // nothing after terminated
	const kind = definedKind(event);
	if (!kind) return cmi5.toAllowed(statement, data);
	if (kind === 'failed' && localStorage.getItem(sentKey('passed'))) return null;
	if (kind !== 'initialized' && kind !== 'terminated' && data.launchMode !== 'Normal') return null;
	if (kind !== 'failed') {
		if (localStorage.getItem(sentKey(kind))) return null;
		localStorage.setItem(sentKey(kind), statement.id);
	}
	const shaped = cmi5.toDefined(statement, kind, l, data);
	$cmi5.set({ ...$cmi5.get()!, terminated: kind === 'terminated' || $cmi5.get()!.terminated, moveOnMet: moveOnSatisfied() });
	return shaped;
}

let flushing: Promise<FlushOutcome | undefined> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** Sends waiting records now (one flush at a time); schedules a retry on failure. */
export function syncNow(): Promise<FlushOutcome | undefined> {
	const lrs = $lrs.get();
	if (!lrs) return Promise.resolve(undefined);
	if (flushing) return flushing;
	clearTimeout(retryTimer);
	$sync.set({ kind: 'sending' });
	flushing = flush($records.get(), fetchSender(lrs.endpoint, lrs.auth), (id, change) => {
		$records.set($records.get().map((r) => (r.statement.id === id ? { ...r, ...change } : r)));
	}).then((outcome) => {
		flushing = undefined;
		if (outcome.kind === 'done') {
			failures = 0;
			$sync.set({ kind: 'idle' });
			// Records made while this flush was running go out now.
			if ($records.get().some((r) => r.status === 'waiting')) void syncNow();
		} else if (outcome.kind === 'auth') {
			$sync.set({ kind: 'auth', message: outcome.message });
		} else {
			failures++;
			const wait = backoff(failures);
			$sync.set(outcome.kind === 'offline' ? { kind: 'offline' } : { kind: 'retry', message: outcome.message, at: Date.now() + wait });
			retryTimer = setTimeout(() => void syncNow(), wait);
		}
		return outcome;
	});
	return flushing;
}
