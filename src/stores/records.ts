/**
 * The training record: every statement the course made, with its sending status, kept on the
 * device. The listener here is the only writer: it reacts to course events.
 */
import { atom, computed } from 'nanostores';
import { parseLaunch, launchActor, LAUNCH_KEY, type LrsLaunch } from '../records/launch.ts';
import { backoff, fetchSender, flush, type FlushOutcome, type RecordEntry } from '../records/outbox.ts';
import { actorFor, buildStatement, uuid, type Actor, type Statement } from '../records/statements.ts';
import type { CourseEvent } from '../records/events.ts';
import { courseMeta } from './meta.ts';
import { onCourseEvent } from './events.ts';
import { $profile } from './profile.ts';
import { $progress } from './progress.ts';
import { expect, isErased, versionedAtom } from './storage.ts';

export const $records = versionedAtom<RecordEntry[]>('records', [], {
	version: 1,
	validate: (value) => {
		expect(Array.isArray(value), 'not a list');
		for (const e of value as RecordEntry[]) expect(e && e.statement && typeof e.statement.id === 'string' && typeof e.status === 'string', 'malformed record');
		return value as RecordEntry[];
	},
	resetMessage: 'Your saved training record could not be read. What was stored has been kept exactly as it was and is included in your record download; new records start from here.',
});

/** The LRS this tab was launched with, if any (sessionStorage: forgotten when the tab closes). */
export const $launch = atom<LrsLaunch | null>(null);
export const $launchError = atom<string | null>(null);

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

/** Reads launch parameters (and removes them from the address bar) or this tab's saved launch. */
export function initLaunch(location: Location = window.location): void {
	const parsed = parseLaunch(location.search);
	if (parsed && 'error' in parsed) {
		$launchError.set(parsed.error);
	} else if (parsed) {
		try { sessionStorage.setItem(LAUNCH_KEY, JSON.stringify(parsed)); } catch { /* kept in memory below */ }
		$launch.set(parsed);
		const clean = new URL(location.href);
		for (const key of ['endpoint', 'auth', 'actor', 'registration', 'activity_id']) clean.searchParams.delete(key);
		history.replaceState(history.state, '', clean.pathname + clean.search + clean.hash);
	}
	if (!$launch.get()) {
		try {
			const saved = sessionStorage.getItem(LAUNCH_KEY);
			$launch.set(saved ? (JSON.parse(saved) as LrsLaunch) : null);
		} catch {
			$launch.set(null);
		}
	}
	if ($launch.get()) {
		const registration = $launch.get()!.registration;
		// A launch registration names this attempt, as the LMS knows it.
		// A new registration starts a new session in the LMS's eyes, so it gets its own
		// `initialized`; statements made before the launch stay in the local record.
		if (registration && $progress.get().attempt.registration !== registration && !$progress.get().attempt.completed) {
			$progress.set({ ...$progress.get(), attempt: { ...$progress.get().attempt, registration, initializedAt: undefined } });
		}
		$sync.set({ kind: 'idle' });
	}
}

/** The actor for new statements: the launch's, else the profile's, else an anonymous device account. */
export function currentActor(): Actor {
	const meta = courseMeta();
	const fromLaunch = launchActor($launch.get()?.actor);
	const profile = $profile.get();
	if (fromLaunch?.mbox) return { objectType: 'Agent', ...(fromLaunch.name ? { name: fromLaunch.name } : {}), mbox: fromLaunch.mbox };
	if (fromLaunch?.account) return { objectType: 'Agent', ...(fromLaunch.name ? { name: fromLaunch.name } : {}), account: fromLaunch.account };
	if (profile) return actorFor(profile, meta.homePage);
	return { objectType: 'Agent', name: 'Learner (details not given yet)', account: { homePage: `${meta.iriBase}/devices`, name: deviceId() } };
}

function deviceId(): string {
	const key = 'policy-course:device';
	let id = localStorage.getItem(key);
	if (!id) {
		id = uuid();
		if (!isErased()) {
			try { localStorage.setItem(key, id); } catch { /* storage full: a new id next time */ }
		}
	}
	return id;
}

/** Turns a course event into a statement and files it. */
export function recordEvent(event: CourseEvent, at: string): Statement {
	const meta = courseMeta();
	const progress = $progress.get();
	const launch = $launch.get();
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
	$records.set([...$records.get(), { statement, status: launch ? 'waiting' : 'local', attempts: 0 }]);
	if (launch) void syncNow();
	return statement;
}

let flushing: Promise<FlushOutcome | undefined> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** Sends waiting records now (one flush at a time); schedules a retry on failure. */
export function syncNow(): Promise<FlushOutcome | undefined> {
	const launch = $launch.get();
	if (!launch) return Promise.resolve(undefined);
	if (flushing) return flushing;
	clearTimeout(retryTimer);
	$sync.set({ kind: 'sending' });
	flushing = flush($records.get(), fetchSender(launch.endpoint, launch.auth), (id, change) => {
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

let installed = false;
/** Connects the records listener and the sync triggers; safe to call more than once. */
export function installRecorder(): void {
	if (installed || typeof window === 'undefined') return;
	installed = true;
	onCourseEvent(recordEvent);
	initLaunch();
	window.addEventListener('online', () => {
		failures = 0;
		void syncNow();
	});
	if ($launch.get()) void syncNow();
}

/** Every statement so far, as a JSON array (the downloadable training record). */
export function recordJson(): string {
	return JSON.stringify($records.get().map((r) => r.statement), null, 2);
}
