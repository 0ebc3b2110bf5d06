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
import type { CourseEvent } from '../records/course-events.ts';
import { capturedLaunch } from '../records/launch-capture.ts';
import type { FlushOutcome, RecordEntry } from '../records/outbox.ts';
import { actorFor, buildStatement, byTime, uuid, type Actor, type Statement } from '../records/statements.ts';
import { courseMeta } from './meta.ts';
import { onCourseEvent, usedTimestamp } from './event-bus.ts';
import { $profile } from './profile.ts';
import { $progress } from './progress.ts';
import { $olderBuild, $storageProblem, isErased, keepAside, localStorageOrNull, PREFIX, stopWriting } from './storage.ts';
import { isEntry } from './shapes.ts';
import { ERASE_CHANNEL } from './erase-channel.ts';
import { $cmi5, $launchActor, $launchKind, $lrs, LAUNCH_KEY, type Connection, type RecordsPort } from './connection.ts';

/** One key per record. */
export const RECORD_PREFIX = `${PREFIX}record:`;
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

/**
 * Reads one stored record. A newer build's record is left untouched (this page is asked to
 * reload); anything unreadable or malformed (no verb, no id, unknown status) is set aside,
 * whole, with a notice, and its key removed, so a bad record is kept for the download and
 * never lost silently, while every good one is still shown.
 */
export function decodeRecord(raw: string | null, key?: string, store?: Storage): RecordEntry | undefined {
	if (raw === null) return undefined;
	let reason = 'unreadable';
	try {
		const parsed = JSON.parse(raw) as { v?: unknown; data?: unknown };
		if (typeof parsed?.v === 'number' && parsed.v > VERSION) {
			$olderBuild.set(true);
			return undefined;
		}
		reason = parsed?.v === VERSION ? 'malformed record' : 'no schema version';
		const e = parsed.data;
		if (parsed.v === VERSION && isEntry(e) && typeof (e as RecordEntry).statement.timestamp === 'string') return e as RecordEntry;
	} catch {
		/* unreadable: set aside below */
	}
	if (key && store && !isErased()) {
		keepAside(key, raw, reason);
		try {
			store.removeItem(key);
		} catch {
			/* kept aside; left in place */
		}
	}
	return undefined;
}

/** Every record stored on the device (and this page's unsaved ones), in the order made. */
export function readAllRecords(): RecordEntry[] {
	const byId = new Map<string, RecordEntry>();
	for (const store of [sessionOrNull(), localStorageOrNull()]) {
		if (!store) continue;
		const keys: string[] = [];
		for (let i = 0; i < store.length; i++) {
			const key = store.key(i);
			if (key?.startsWith(RECORD_PREFIX)) keys.push(key);
		}
		// Keys are listed first: a bad record's key is removed while reading.
		for (const key of keys) {
			const entry = decodeRecord(store.getItem(key), key, store);
			if (entry) byId.set(entry.statement.id, entry);
		}
	}
	for (const [id, entry] of unsaved) if (!byId.has(id)) byId.set(id, entry);
	return [...byId.values()].sort((a, b) => byTime(a.statement, b.statement));
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
		localStorageOrNull()!.setItem(key, value);
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
			// Say why, as for progress (./storage.ts): the learner can act on "storage is full".
			message: `Your browser ${/quota/i.test((error as Error).name) ? 'storage is full' : 'refused to store it'}, so your latest training records could not be saved on this device.`,
		});
	}
	showInList(entry);
}

export { $cmi5, $launchActor, $launchDetail, $launchError, $launchKind, $lrs, $lrsConsent, $sync, LAUNCH_KEY, type SyncState } from './connection.ts';

/** Counts for the status line. Only records bound to this tab's LRS wait here; others wait for their own launch. */
export const $recordCounts = computed([$records, $lrs], (records, lrs) => ({
	total: records.length,
	waiting: records.filter((r) => r.status === 'waiting' && (!lrs || r.target?.endpoint === lrs.endpoint)).length,
	rejected: records.filter((r) => r.status === 'rejected').length,
	sent: records.filter((r) => r.status === 'sent').length,
}));

/** The actor for new statements: the launch's, else the profile's, else an anonymous device account. */
export function currentActor(): Actor {
	const meta = courseMeta();
	const profile = $profile.get();
	return (
		$launchActor.get() ??
		(profile
			? actorFor(profile, meta.homePage)
			: { objectType: 'Agent', name: 'Learner (details not given yet)', account: { homePage: `${meta.iriBase}/devices`, name: deviceId() } })
	);
}

function deviceId(): string {
	const key = 'policy-course:device';
	let id = localStorageOrNull()?.getItem(key) ?? null;
	if (!id) {
		id = uuid();
		if (!isErased()) {
			try {
				localStorageOrNull()?.setItem(key, id);
			} catch {
				/* storage full: a new id next time */
			}
		}
	}
	return id;
}

/** The pass mark in force: the LMS's cmi5 masteryScore when it gives one, else the course's. */
export function effectivePassMark(courseMark: number, cmi5 = $cmi5.get()): number {
	const mastery = cmi5?.masteryScore;
	return mastery === undefined ? courseMark : Math.round(mastery * 10000) / 100;
}

let sync: Connection | undefined;
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
	// A time given outside the bus (a cmi5 session's `initialized`) counts as used: later events follow it.
	usedTimestamp(at);
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
		...(send ? { target: { endpoint: lrs!.endpoint } } : {}),
	});
	if (send) void syncNow();
	return shaped ?? statement;
}

/** When the oldest event queued while connecting happened (./sync.ts puts `initialized` before it). */
export function firstPendingAt(): string | undefined {
	return pending[0]?.[1];
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

// What the connection may do with the records (connection.ts `RecordsPort`): references only,
// so the code that uses them is downloaded with the connection, not by every learner.
const port: RecordsPort = { record: recordEvent, drainPending, firstPendingAt, readAll: readAllRecords, decode: decodeRecord, put: putRecord, RECORD_PREFIX };

/** How this tab was launched, if it was (captured from the link, or kept from an earlier page). */
function launchPending(): 'xapi' | 'cmi5' | null {
	let saved: string | null = null;
	try {
		saved = sessionStorage.getItem(LAUNCH_KEY);
	} catch {
		/* unavailable */
	}
	const raw = capturedLaunch();
	return raw ? (raw.fetch ? 'cmi5' : 'xapi') : saved ? (saved.includes('"kind":"cmi5"') ? 'cmi5' : 'xapi') : null;
}

let installed = false;
/** Connects the records listener, and the LRS connection when the course was launched with one. */
export function installRecorder(): void {
	if (installed || typeof window === 'undefined') return;
	installed = true;
	$records.set(readAllRecords());
	// Records kept as one list by an older version: split into keys, once (./records-legacy.ts).
	if ((localStorageOrNull()?.getItem(`${PREFIX}records`) ?? null) !== null)
		void import('./records-legacy.ts').then((m) => m.migrateLegacy(putRecord, readAllRecords));
	// Records made or sent by other tabs.
	addEventListener('storage', (e) => {
		if (!e.key || e.key.startsWith(RECORD_PREFIX)) $records.set(readAllRecords());
	});
	onCourseEvent((event, at) => void recordEvent(event, at));
	// "Forget me" in another tab: stop writing at once, then clear this tab too (issue 21.8).
	try {
		new BroadcastChannel(ERASE_CHANNEL).onmessage = (e) => {
			if (e.data !== 'erase') return;
			stopWriting();
			$records.set([]);
			unsaved.clear();
			sync?.stop();
			// The other tab removed the shared keys; this tab's own session keys go here.
			const ss = sessionOrNull();
			for (const key of ss ? Object.keys(ss) : []) if (key.startsWith(PREFIX)) ss!.removeItem(key);
		};
	} catch {
		/* no BroadcastChannel */
	}
	try {
		const saved: unknown = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? '[]');
		// Only well-formed [event, time] pairs: a damaged list must not stop the recorder.
		if (Array.isArray(saved))
			for (const p of saved) if (Array.isArray(p) && typeof p[0]?.type === 'string' && typeof p[1] === 'string') pending.push(p as [CourseEvent, string]);
	} catch {
		/* nothing readable waiting */
	}
	const kind = launchPending();
	if (kind) {
		$launchKind.set(kind);
		void import('./sync.ts').then((module) => {
			sync = module; // before start: events it records while starting need shape() and ready()
			module.start(port);
		});
	}
}

/** Every statement so far, as a JSON array (the downloadable training record). */
export function recordJson(): string {
	return JSON.stringify(
		readAllRecords().map((r) => r.statement),
		null,
		2,
	);
}
