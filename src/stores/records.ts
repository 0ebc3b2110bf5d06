/**
 * The training record: every statement the course made, with its sending status, kept on the
 * device. The listener here is the only writer: it reacts to course events.
 *
 * Sending to an LRS (launch parameters, cmi5, the outbox) lives in ./sync.ts and is loaded
 * only when the course was launched with an LRS, so local-only learners never download it.
 */
import { atom, computed } from 'nanostores';
import type { CourseEvent } from '../records/events.ts';
import type { FlushOutcome, RecordEntry } from '../records/outbox.ts';
import { actorFor, buildStatement, uuid, type Actor, type Statement } from '../records/statements.ts';
import { courseMeta } from './meta.ts';
import { onCourseEvent } from './events.ts';
import { $profile } from './profile.ts';
import { $progress } from './progress.ts';
import { validateRecordEntries } from './shapes.ts';
import { isErased, localStorageOrNull, versionedAtom } from './storage.ts';

export const $records = versionedAtom<RecordEntry[]>('records', [], {
	version: 1,
	validate: validateRecordEntries,
	resetMessage: 'Your saved training record could not be read. What was stored has been kept exactly as it was and is included in your record download; new records start from here.',
});

/** The key under which this tab keeps its launch (sessionStorage: forgotten when the tab closes). */
export const LAUNCH_KEY = 'policy-course:launch';

/** How this tab was launched: with an LRS (`xapi`), by a cmi5 LMS, or not at all. */
export const $launchKind = atom<'xapi' | 'cmi5' | null>(null);
/** The learner named by the launch, if any (normalised). */
export const $launchActor = atom<Actor | null>(null);
export const $launchError = atom<string | null>(null);
/** Where statements go, once known (for cmi5, after the token and launch data arrive). */
export const $lrs = atom<{ endpoint: string; auth: string } | null>(null);
/** The cmi5 session's return address and whether it has ended (for the status line). */
export const $cmi5 = atom<{ returnURL?: string; masteryScore?: number; terminated: boolean; moveOn?: string; moveOnMet: boolean } | null>(null);

export type SyncState =
	| { kind: 'local' }
	| { kind: 'idle' }
	| { kind: 'sending' }
	| { kind: 'offline' }
	| { kind: 'auth'; message: string }
	| { kind: 'retry'; message: string; at: number };
export const $sync = atom<SyncState>({ kind: 'local' });

export const $recordCounts = computed($records, (records) => ({
	total: records.length,
	waiting: records.filter((r) => r.status === 'waiting').length,
	rejected: records.filter((r) => r.status === 'rejected').length,
	sent: records.filter((r) => r.status === 'sent').length,
}));

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
	let id = localStorageOrNull()?.getItem(key);
	if (!id) {
		id = uuid();
		if (!isErased()) {
			try { localStorageOrNull()?.setItem(key, id); } catch { /* storage full: a new id next time */ }
		}
	}
	return id;
}

/** The pass mark in force: the LMS's cmi5 masteryScore when it gives one, else the course's. */
export function effectivePassMark(courseMark: number): number {
	const mastery = $cmi5.get()?.masteryScore;
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
	try {
		if (pending.length) sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
		else sessionStorage.removeItem(PENDING_KEY);
	} catch {
		/* unavailable: kept in memory */
	}
}

/** Turns a course event into a statement and files it. */
export function recordEvent(event: CourseEvent, at: string): Statement | undefined {
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
	// With cmi5, some statements take the AU's shape, and some must stay local.
	const shaped = sync ? sync.shape(statement, event) : statement;
	const send = Boolean($lrs.get()) && shaped !== null;
	$records.set([...$records.get(), { statement: shaped ?? statement, status: send ? 'waiting' : 'local', attempts: 0 }]);
	if (send) void syncNow();
	return shaped ?? statement;
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

let installed = false;
/** Connects the records listener, and the LRS connection when the course was launched with one. */
export function installRecorder(): void {
	if (installed || typeof window === 'undefined') return;
	installed = true;
	onCourseEvent((event, at) => void recordEvent(event, at));
	let saved: string | null = null;
	try {
		saved = sessionStorage.getItem(LAUNCH_KEY);
	} catch {
		/* unavailable */
	}
	try {
		pending.push(...(JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? '[]') as Array<[CourseEvent, string]>));
	} catch {
		/* nothing readable waiting */
	}
	const params = new URLSearchParams(location.search);
	if (params.has('endpoint') || saved) {
		$launchKind.set(params.has('fetch') || saved?.includes('"kind":"cmi5"') ? 'cmi5' : 'xapi');
		void import('./sync.ts').then((module) => {
			sync = module;
			module.start();
		});
	}
}

/** Every statement so far, as a JSON array (the downloadable training record). */
export function recordJson(): string {
	return JSON.stringify($records.get().map((r) => r.statement), null, 2);
}
