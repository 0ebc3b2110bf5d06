/**
 * The training record: every statement the course made, with its sending status, kept on the
 * device. The listener here is the only writer: it reacts to course events.
 *
 * Safe with any number of tabs: each record is stored under its own key
 * (`policy-course:record:<statement id>`), written once when made and afterwards changed only
 * by the tab that holds the outbox lock (./sync.ts), so tabs never overwrite each other's
 * records (a single shared list was last-writer-wins: issue 14.1). Other tabs' records arrive
 * through the `storage` event.
 *
 * Sending to an LRS (launch parameters, cmi5, the outbox) lives in ./sync.ts and is loaded
 * only when the course was launched with an LRS, so local-only learners never download it.
 */
import { atom, computed } from 'nanostores';
import type { CourseEvent } from '../records/events.ts';
import { capturedLaunch } from '../records/launch-capture.ts';
import type { FlushOutcome, RecordEntry } from '../records/outbox.ts';
import { actorFor, buildStatement, uuid, type Actor, type Statement } from '../records/statements.ts';
import { byTime } from '../records/verification.ts';
import { listenForErase } from './erase.ts';
import { courseMeta } from './meta.ts';
import { onCourseEvent } from './events.ts';
import { $profile } from './profile.ts';
import { $progress } from './progress.ts';
import { $storageProblem, isErased, localStorageOrNull, PREFIX } from './storage.ts';

/** One key per record. */
export const RECORD_PREFIX = `${PREFIX}record:`;
/** Where records were kept as one list before (read once, then split into keys). */
const LEGACY_KEY = `${PREFIX}records`;
const VERSION = 1;

function sessionOrNull(): Storage | null {
	try {
		return typeof sessionStorage === 'undefined' ? null : sessionStorage;
	} catch {
		return null;
	}
}

/** Records the browser would not store (storage full or disabled): kept for this page. */
const unsaved = new Map<string, RecordEntry>();

function decode(raw: string | null): RecordEntry | undefined {
	if (!raw) return undefined;
	try {
		const parsed = JSON.parse(raw) as { v?: number; data?: RecordEntry };
		const e = parsed.data;
		if (parsed.v !== VERSION || !e || !e.statement || typeof e.statement.id !== 'string' || typeof e.status !== 'string' || typeof e.statement.timestamp !== 'string') return undefined;
		return e;
	} catch {
		return undefined;
	}
}

/** Every record stored on the device (and this page's unsaved ones), in the order made. */
export function readAllRecords(): RecordEntry[] {
	const byId = new Map<string, RecordEntry>();
	for (const store of [sessionOrNull(), localStorageOrNull()]) {
		if (!store) continue;
		for (let i = 0; i < store.length; i++) {
			const key = store.key(i);
			if (!key?.startsWith(RECORD_PREFIX)) continue;
			const entry = decode(store.getItem(key));
			if (entry) byId.set(entry.statement.id, entry);
		}
	}
	for (const [id, entry] of unsaved) if (!byId.has(id)) byId.set(id, entry);
	return [...byId.values()].sort((a, b) => byTime(a.statement, b.statement));
}

/** Reads one record fresh from storage (another tab may have changed it). */
export function readRecord(id: string): RecordEntry | undefined {
	const key = RECORD_PREFIX + id;
	return decode(localStorageOrNull()?.getItem(key) ?? null) ?? decode(sessionOrNull()?.getItem(key) ?? null) ?? unsaved.get(id);
}

export const $records = atom<RecordEntry[]>([]);

function showInList(entry: RecordEntry) {
	const list = $records.get().filter((r) => r.statement.id !== entry.statement.id);
	list.push(entry);
	$records.set(list.sort((a, b) => byTime(a.statement, b.statement)));
}

/**
 * Writes one record under its own key. If localStorage refuses (full, disabled), the record
 * goes to this tab's sessionStorage, which survives navigation, and the learner is told.
 */
export function putRecord(entry: RecordEntry): void {
	if (isErased()) return;
	const key = RECORD_PREFIX + entry.statement.id;
	const value = JSON.stringify({ v: VERSION, data: entry });
	try {
		const ls = localStorageOrNull();
		if (!ls) throw new Error('This browser is not letting the course save anything.');
		ls.setItem(key, value);
		sessionOrNull()?.removeItem(key);
		unsaved.delete(entry.statement.id);
	} catch (error) {
		try {
			const ss = sessionOrNull();
			if (!ss) throw error;
			ss.setItem(key, value);
		} catch {
			unsaved.set(entry.statement.id, entry);
		}
		$storageProblem.set({
			key,
			at: new Date().toISOString(),
			message: error instanceof DOMException && /quota/i.test(error.name)
				? 'Your browser storage is full, so your latest training records could not be saved on this device.'
				: 'Your browser is not letting the course save your training records on this device.',
		});
	}
	showInList(entry);
}

/** Changes one record, starting from what is stored now (not from this tab's copy). */
export function updateRecord(id: string, change: Partial<RecordEntry>): void {
	const current = readRecord(id) ?? $records.get().find((r) => r.statement.id === id);
	if (current) putRecord({ ...current, ...change });
}

/** Splits the old single list into one key per record (idempotent, so tabs may race). */
function migrateLegacy() {
	const ls = localStorageOrNull();
	const raw = ls?.getItem(LEGACY_KEY);
	if (!ls || !raw) return;
	try {
		const list = (JSON.parse(raw) as { data?: unknown }).data;
		if (!Array.isArray(list)) return; // unreadable: left exactly as it was
		for (const e of list as RecordEntry[]) {
			if (e?.statement?.id && typeof e.statement.timestamp === 'string' && !readRecord(e.statement.id)) putRecord(e);
		}
		ls.removeItem(LEGACY_KEY);
	} catch {
		/* left as it was, and kept */
	}
}

/** How this tab was launched: with an LRS (`xapi`), by a cmi5 LMS, or not at all. */
export const $launchKind = atom<'xapi' | 'cmi5' | null>(null);
/** The learner named by the launch, if any (normalised). */
export const $launchActor = atom<Actor | null>(null);
/** Why the launch could not be used, in the course's own fixed wording (shown on every page). */
export const $launchError = atom<string | null>(null);
/** What the learning system itself said about the problem, if anything (shown on My record only). */
export const $launchDetail = atom<string | null>(null);
/** Where statements go, once known (for cmi5, after the token and launch data arrive). */
export const $lrs = atom<{ endpoint: string; auth: string; registration?: string; kind: 'xapi' | 'cmi5' } | null>(null);
/**
 * A launch naming an LRS this learner has not used on this device: the learner is asked
 * before anything is sent (issue 21.1). `origins` are shown to them.
 */
export const $lrsConsent = atom<{ origins: string[]; answer: (yes: boolean) => void } | null>(null);
/** The cmi5 session's return address and whether it has ended (for the status line). */
export const $cmi5 = atom<{ returnURL?: string; masteryScore?: number; terminated: boolean; moveOn?: string; moveOnMet: boolean; passPending?: boolean } | null>(null);

export type SyncState =
	| { kind: 'local' }
	| { kind: 'idle' }
	| { kind: 'sending' }
	| { kind: 'offline' }
	| { kind: 'unreachable'; at: number }
	| { kind: 'auth'; message: string }
	| { kind: 'retry'; message: string; at: number };
export const $sync = atom<SyncState>({ kind: 'local' });

export const $recordCounts = computed([$records, $lrs], (records, lrs) => {
	// Only records bound to this tab's LRS count as waiting here; others wait for their own launch.
	const mine = (r: RecordEntry) => !lrs || r.target?.endpoint === lrs.endpoint;
	return {
		total: records.length,
		waiting: records.filter((r) => r.status === 'waiting' && mine(r)).length,
		waitingElsewhere: records.filter((r) => r.status === 'waiting' && !mine(r)).length,
		rejected: records.filter((r) => r.status === 'rejected').length,
		sent: records.filter((r) => r.status === 'sent').length,
	};
});

/** The actor for new statements: the launch's, else the profile's, else an anonymous device account. */
export function currentActor(): Actor {
	const meta = courseMeta();
	const profile = $profile.get();
	return (
		$launchActor.get() ??
		(profile ? actorFor(profile, meta.homePage) : { objectType: 'Agent', name: 'Learner (details not given yet)', account: { homePage: `${meta.iriBase}/devices`, name: deviceId() } })
	);
}

function deviceId(): string {
	const key = 'policy-course:device';
	let id = localStorageOrNull()?.getItem(key) ?? null;
	if (!id) {
		id = uuid();
		if (!isErased()) {
			try { localStorageOrNull()?.setItem(key, id); } catch { /* storage full: a new id next time */ }
		}
	}
	return id;
}

/** The pass mark in force: the LMS's cmi5 masteryScore when it gives one, else the course's. */
export function effectivePassMark(courseMark: number, cmi5 = $cmi5.get()): number {
	const mastery = cmi5?.masteryScore;
	return mastery === undefined ? courseMark : Math.round(mastery * 10000) / 100;
}

type Sync = typeof import('./sync.ts');
let sync: Sync | undefined;
/**
 * Events that happen while the LRS connection is being set up, recorded in order once it is.
 * Kept in sessionStorage too, so a page left before the connection was ready loses nothing:
 * the next page of the tab records them.
 */
const PENDING_KEY = 'policy-course:pending';
const pending: Array<[CourseEvent, string]> = [];
function savePending() {
	if (isErased()) return;
	try {
		if (pending.length) sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
		else sessionStorage.removeItem(PENDING_KEY);
	} catch {
		/* unavailable: kept in memory */
	}
}

/** Turns a course event into a statement and files it. */
export function recordEvent(event: CourseEvent, at: string): Statement | undefined {
	if (isErased()) return undefined; // "Forget me" in this or another tab: nothing more is kept
	if ($launchKind.get() && !(sync?.ready() ?? false)) {
		pending.push([event, at]);
		savePending();
		return undefined;
	}
	const meta = courseMeta();
	const progress = $progress.get();
	const statement = buildStatement(
		event,
		{
			iriBase: meta.iriBase,
			courseTitle: meta.title,
			courseVersion: meta.version,
			policyVersion: meta.policyVersion,
			actor: currentActor(),
			registration: progress.attempt.registration,
			role: $profile.get()?.role ?? 'unknown',
			mode: progress.attempt.mode,
			moduleTitles: Object.fromEntries(meta.modules.map((m) => [m.id, m.title])),
		},
		uuid(),
		at,
	);
	// With an LRS, statements take the launch's shape (cmi5, activity_id); some must stay local.
	const shaped = sync ? sync.shape(statement, event) : statement;
	const lrs = $lrs.get();
	const send = Boolean(lrs) && shaped !== null;
	putRecord({
		statement: shaped ?? statement,
		status: send ? 'waiting' : 'local',
		attempts: 0,
		// Bound to the LRS it was made for: it is sent there and nowhere else (issue 21.1).
		...(send && lrs ? { target: { endpoint: lrs.endpoint, registration: (shaped ?? statement).context.registration } } : {}),
	});
	if (send) void syncNow();
	return shaped ?? statement;
}

/**
 * Records an event ahead of those queued while connecting: a session's `initialized` must be
 * its first statement by timestamp (cmi5 9.3), even when the learner was quicker than the LMS.
 */
export function recordFirst(event: CourseEvent): void {
	const now = new Date().toISOString();
	const first = pending[0]?.[1];
	recordEvent(event, first && first <= now ? new Date(Date.parse(first) - 1).toISOString() : now);
}

/** Called by ./sync.ts once the launch is set up (or failed): records what was waiting. */
export function drainPending(): void {
	const events = pending.splice(0);
	savePending();
	for (const [event, at] of events) recordEvent(event, at);
}

/** Sends waiting records now, when launched with an LRS. */
export function syncNow(): Promise<FlushOutcome | undefined> {
	return sync ? sync.syncNow() : Promise.resolve(undefined);
}

/** The key under which this tab keeps its validated launch (sessionStorage: forgotten when the tab closes). */
export const LAUNCH_KEY = 'policy-course:launch';

/** True when this tab has a launch (captured from the link, or kept from an earlier page). */
export function hasLaunch(): boolean {
	try {
		if (sessionStorage.getItem(LAUNCH_KEY)) return true;
	} catch {
		/* unavailable */
	}
	return Boolean(capturedLaunch());
}

/** After "Forget me" (here or in another tab): drop the launch and stop sending. */
export function forgetLaunch(): void {
	pending.splice(0);
	sync?.stop();
	$lrs.set(null);
	$launchActor.set(null);
	$launchKind.set(null);
	$cmi5.set(null);
	$lrsConsent.set(null);
	$sync.set({ kind: 'local' });
	$records.set([]);
	unsaved.clear();
}

let installed = false;
/** Connects the records listener, and the LRS connection when the course was launched with one. */
export function installRecorder(): void {
	if (installed || typeof window === 'undefined') return;
	installed = true;
	migrateLegacy();
	$records.set(readAllRecords());
	// Records made or sent by other tabs.
	addEventListener('storage', (e) => {
		if (e.key === null) $records.set(readAllRecords());
		else if (e.key.startsWith(RECORD_PREFIX)) {
			const entry = decode(e.newValue);
			if (entry) showInList(entry);
			else $records.set($records.get().filter((r) => RECORD_PREFIX + r.statement.id !== e.key));
		}
	});
	onCourseEvent((event, at) => void recordEvent(event, at));
	listenForErase(forgetLaunch);
	try {
		pending.push(...(JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? '[]') as Array<[CourseEvent, string]>));
	} catch {
		/* nothing readable waiting */
	}
	if (hasLaunch()) {
		const raw = capturedLaunch();
		let saved: string | null = null;
		try { saved = sessionStorage.getItem(LAUNCH_KEY); } catch { /* unavailable */ }
		$launchKind.set(raw ? (raw.fetch ? 'cmi5' : 'xapi') : saved?.includes('"kind":"cmi5"') ? 'cmi5' : 'xapi');
		void import('./sync.ts').then((module) => {
			sync = module;
			module.start();
		});
	}
}

/** Every statement so far, as a JSON array (the downloadable training record). */
export function recordJson(): string {
	return JSON.stringify(readAllRecords().map((r) => r.statement), null, 2);
}

/** The statements of one attempt (registration), in the order made: what its verification code covers. */
export function attemptStatements(registration: string): Statement[] {
	return readAllRecords().map((r) => r.statement).filter((s) => s.context.registration === registration);
}
