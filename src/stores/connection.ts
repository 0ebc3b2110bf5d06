/**
 * What the page shows about the connection to a learning system: how the tab was launched,
 * where statements go, the learner's consent, the cmi5 session and the sending status.
 * Written only by the connection (./sync.ts, loaded only when launched); read by the records
 * store and the status line. A leaf module, so the records store and the connection both use
 * it without importing each other.
 */
import { atom } from 'nanostores';
import type { CourseEvent } from '../records/course-events.ts';
import type { FlushOutcome, RecordEntry } from '../records/outbox.ts';
import type { Actor, Statement } from '../records/statements.ts';

/** The key under which this tab keeps its validated launch (sessionStorage: forgotten when the tab closes). */
export const LAUNCH_KEY = 'policy-course:launch';

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
export const $cmi5 = atom<{
	returnURL?: string;
	masteryScore?: number;
	terminated: boolean;
	moveOn?: string;
	moveOnMet: boolean;
	passPending?: boolean;
} | null>(null);

export type SyncState =
	| { kind: 'local' }
	| { kind: 'idle' }
	| { kind: 'sending' }
	| { kind: 'offline' }
	| { kind: 'unreachable'; at: number }
	| { kind: 'auth'; message: string }
	| { kind: 'retry'; message: string; at: number };
export const $sync = atom<SyncState>({ kind: 'local' });

/**
 * What the records store needs from the connection to a learning system (./sync.ts, loaded
 * only when the course was launched with one). A narrow interface instead of an import, so
 * the two modules do not import each other.
 */
export interface Connection {
	/** True once statements can be built in their final shape (always, except while the launch sets up). */
	ready(): boolean;
	/** The statement as sent (the launch's context, cmi5 shape), or null to keep it local only. */
	shape(statement: Statement, event: CourseEvent): Statement | null;
	/** Sends waiting records now; resolves with how the flush ended. */
	syncNow(): Promise<FlushOutcome | undefined>;
	/** After "Forget me": stop sending and forget the session. */
	stop(): void;
}

/**
 * The outbox as the connection sees it: record an event, release the events queued while
 * connecting, and read or write records (always fresh from storage: another tab may have sent
 * or changed some). Given by ./records.ts to ./sync.ts when it starts.
 */
export interface RecordsPort {
	record(event: CourseEvent, at: string): void;
	drainPending(): void;
	firstPendingAt(): string | undefined;
	/** Every record on the device, oldest first. */
	readAll(): RecordEntry[];
	/** Decodes one stored record (undefined if absent or bad). */
	decode(raw: string | null): RecordEntry | undefined;
	/** Writes one record under its own key. */
	put(entry: RecordEntry): void;
	/** The prefix of every record's storage key. */
	RECORD_PREFIX: string;
}
