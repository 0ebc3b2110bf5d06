/**
 * Safe persistence for every store: nothing lost, nothing silently dropped, and never a claim
 * that something was saved when it was not.
 *
 * - Where values live (`$storageMode`): localStorage; or, when the browser refuses it (a
 *   privacy setting, "block site data", a throwing getter), this tab's sessionStorage; or, when
 *   both are refused, this page's memory. The shell tells the learner which, once.
 * - A write the browser refuses (usually: storage full) never throws into the UI: the value is
 *   kept in memory for this page, `$storageProblem` announces it, `savedWhere()` says so to
 *   anyone about to say "saved", and leaving the page asks for confirmation.
 * - A stored value that cannot be read (corrupt JSON, wrong type, malformed elements) is set
 *   aside under `policy-course:quarantine` (kept for export) and the store starts fresh, or keeps
 *   its well-formed elements; a notice tells the learner what was set aside.
 * - A value saved by a newer version of the course is left exactly as it is: this (older) page
 *   works in memory and never writes that key, and the learner is asked to reload.
 */
import { atom, type WritableAtom } from 'nanostores';
import { persistentAtom, setPersistentEngine, windowPersistentEvents } from '@nanostores/persistent';

export const PREFIX = 'policy-course:';
const QUARANTINE_KEY = `${PREFIX}quarantine`;
const NOTICES_KEY = `${PREFIX}notices`;

/** Where this page keeps what the learner does: the device, this tab only, or this page only. */
export type StorageMode = 'local' | 'session' | 'memory';

/** Set when the browser refused to store something (usually: storage full). */
export const $storageProblem = atom<null | { key: string; at: string; message: string }>(null);

/** True when stored data came from a newer version of the course than this page. */
export const $olderBuild = atom(false);

/** A message for the learner that stays until dismissed. */
export interface Notice {
	id: string;
	text: string;
	at: string;
}

/** A value set aside because it could not be read, kept exactly as stored. */
export interface SetAside {
	key: string;
	raw: string;
	reason: string;
	at: string;
}

/** A Storage the browser lets us use, or null (reading the getter itself may throw). */
function usable(get: () => Storage): Storage | null {
	try {
		const s = get();
		void s.length; // "block site data" throws here or at the getter
		return s;
	} catch {
		return null;
	}
}

export function localStorageOrNull(): Storage | null {
	return usable(() => localStorage);
}

function sessionStorageOrNull(): Storage | null {
	return typeof window === 'undefined' ? null : usable(() => sessionStorage);
}

const backend: Storage | null = localStorageOrNull() ?? sessionStorageOrNull();
export const storageMode: StorageMode = typeof window === 'undefined' || localStorageOrNull() ? 'local' : backend ? 'session' : 'memory';

/** Values this page could not write (or must not write), newest first in reads. */
const memory = new Map<string, string>();
/** Keys holding a newer version's data: never written by this page. */
const frozen = new Set<string>();
/** After "Forget me", nothing more is written for the rest of this page's life. */
let erased = false;

function readBackend(key: string): string | null {
	return backend?.getItem(key) ?? null;
}

/** Writes through to the browser's storage; false (value kept in memory) when refused. */
function write(key: string, value: string): boolean {
	if (erased) return false;
	if (frozen.has(key) || !backend) {
		memory.set(key, value);
		return false;
	}
	try {
		backend.setItem(key, value);
		memory.delete(key);
		if ($storageProblem.get()?.key === key) $storageProblem.set(null);
		return true;
	} catch (error) {
		memory.set(key, value);
		$storageProblem.set({
			key,
			at: new Date().toISOString(),
			message: `Your browser ${/quota/i.test((error as Error).name) ? 'storage is full' : 'refused to store it'}, so your latest progress could not be saved on this device.`,
		});
		return false;
	}
}

/** The storage engine behind every persistent store. */
const engine = new Proxy({} as Record<string, string>, {
	get(_, key: string) {
		return memory.get(key) ?? readBackend(key) ?? undefined;
	},
	has(_, key: string) {
		return memory.has(key) || readBackend(key) !== null;
	},
	set(_, key: string, value: string) {
		write(key, value);
		return true;
	},
	deleteProperty(_, key: string) {
		memory.delete(key);
		if (frozen.has(key)) return true;
		try {
			backend?.removeItem(key);
		} catch {
			/* refused: nothing to remove */
		}
		return true;
	},
});
if (typeof window !== 'undefined') setPersistentEngine(engine, windowPersistentEvents);

/**
 * Where the last write of `key` went: `device` (localStorage), `tab` (sessionStorage, gone
 * when the tab closes) or `page` (memory only: refused, full, or held back for a newer version).
 * Say "saved" only for `device`.
 */
export function savedWhere(key: string): 'device' | 'tab' | 'page' {
	if (memory.has(key) || erased || !backend) return 'page';
	return storageMode === 'local' ? 'device' : 'tab';
}

/** Writes the learner made on this page that the browser refused, so they vanish on leaving. */
export function hasUnsavedWrites(): boolean {
	if (erased || storageMode === 'memory') return false;
	return [...memory.keys()].some((key) => !frozen.has(key));
}

const leaveChecks = [hasUnsavedWrites];
/**
 * Asks the browser to confirm before the learner leaves while `check()` is true (e.g. records
 * not yet stored anywhere that survives navigation).
 */
export function warnBeforeLeaving(check: () => boolean): void {
	leaveChecks.push(check);
}
if (typeof window !== 'undefined') {
	addEventListener('beforeunload', (event) => {
		if (leaveChecks.some((check) => check())) event.preventDefault();
	});
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings =
	<T>(...fields: string[]) =>
	(v: unknown): v is T =>
		isObject(v) && fields.every((f) => typeof v[f] === 'string');
const isNotice = strings<Notice>('id', 'text', 'at');
const isSetAside = strings<SetAside>('key', 'raw', 'reason', 'at');

/**
 * Reads a stored JSON list, keeping only well-formed elements. Anything else found there is
 * returned as `bad` (the raw text) so the caller can set it aside.
 */
function readList<T>(key: string, isItem: (v: unknown) => v is T): { items: T[]; bad?: string } {
	const raw = engine[key];
	if (raw === undefined) return { items: [] };
	try {
		const parsed: unknown = JSON.parse(raw);
		if (!Array.isArray(parsed)) return { items: [], bad: raw };
		const items = parsed.filter(isItem);
		return items.length === parsed.length ? { items } : { items, bad: raw };
	} catch {
		return { items: [], bad: raw };
	}
}

/** Values set aside because they could not be read; included in the record download. */
export function quarantined(): SetAside[] {
	const { items, bad } = readList(QUARANTINE_KEY, isSetAside);
	// A damaged list of set-aside values is itself kept, whole, as its first entry.
	return bad === undefined ? items : [{ key: QUARANTINE_KEY, raw: bad, reason: 'unreadable', at: new Date().toISOString() }, ...items];
}

/** What the learner is told when part of a stored value was set aside and the rest kept. */
const ASIDE_MESSAGE = 'Some saved data could not be read, so it was set aside (a copy is in your record download). Everything else is kept.';

function setAside(key: string, raw: string, reason: string) {
	engine[QUARANTINE_KEY] = JSON.stringify([...quarantined(), { key, raw, reason, at: new Date().toISOString() }]);
}

/**
 * Sets one unreadable stored value aside (kept for export) and tells the learner once. For
 * values kept outside `versionedAtom`, such as the records stored one key each.
 */
export function keepAside(key: string, raw: string, reason: string): void {
	setAside(key, raw, reason);
	addNotice(ASIDE_MESSAGE);
}

function readNotices(): Notice[] {
	const { items, bad } = readList(NOTICES_KEY, isNotice);
	if (bad === undefined) return items;
	setAside(NOTICES_KEY, bad, 'unreadable');
	const repaired = [...items, { id: `${Date.now()}-notices`, text: ASIDE_MESSAGE, at: new Date().toISOString() }];
	engine[NOTICES_KEY] = JSON.stringify(repaired);
	return repaired;
}

export const $notices = atom<Notice[]>(typeof window === 'undefined' ? [] : readNotices());

export function addNotice(text: string): void {
	const notices = readNotices();
	if (notices.some((n) => n.text === text)) return; // the same problem twice is one message
	engine[NOTICES_KEY] = JSON.stringify([...notices, { id: `${Date.now()}-${notices.length}`, text, at: new Date().toISOString() }]);
	$notices.set(readNotices());
}

export function dismissNotice(id: string): void {
	engine[NOTICES_KEY] = JSON.stringify(readNotices().filter((n) => n.id !== id));
	$notices.set(readNotices());
}

/** Passed to validators: keeps one malformed element aside while the rest is used. */
export type SetAsideElement = (element: unknown) => void;

export interface VersionedOptions<T> {
	/** Current schema version, stored with the value. */
	version: number;
	/** Upgrades a value stored by an older version; throw if it cannot. */
	migrate?: (value: unknown, fromVersion: number) => unknown;
	/**
	 * Returns the value if it is well formed, else throws with a reason. A validator of a list
	 * may instead drop malformed elements, handing each to `aside` so it is kept for export.
	 */
	validate: (value: unknown, aside: SetAsideElement) => T;
	/** What the learner is told if the stored value had to be reset. */
	resetMessage: string;
	/**
	 * Joins a value another tab stored with this tab's own (issue 14.1): tabs each write the whole
	 * value, and a write can cross another's in flight, so without it what this tab did and the
	 * other had not yet seen would be lost. When this tab has nothing to add, the join must
	 * serialise as `stored`. Synchronous on purpose: a join loaded on demand left a window in which
	 * this page ignored the other's values, and the SCORM wrapper, which hears the course only
	 * through this event, reported stale progress to the LMS when the join's chunk was slow.
	 */
	merge?: (stored: T, mine: T) => T;
}

/**
 * A persistent store holding JSON `{ v, data }`, validated and migrated on every read,
 * shared across tabs through the storage event.
 */
export function versionedAtom<T>(name: string, initial: T, options: VersionedOptions<T>) {
	const key = PREFIX + name;
	// Unset while persistentAtom reads the first value (decode runs inside it): a `const` would
	// throw there (temporal dead zone), so it stays `let` though assigned once.
	let store: WritableAtom<T> | undefined;
	// eslint-disable-next-line prefer-const -- see above
	store = persistentAtom<T>(key, initial, {
		encode: (value) => JSON.stringify({ v: options.version, data: value }),
		decode: (raw) => {
			let parsed: { v?: unknown; data?: unknown };
			try {
				parsed = JSON.parse(raw) as typeof parsed;
				if (!isObject(parsed) || typeof parsed.v !== 'number') throw new Error('no schema version');
			} catch (error) {
				return reset(raw, (error as Error).message);
			}
			if (parsed.v > options.version) {
				// A newer build saved this. Leave it untouched: this page works in memory and the
				// learner is asked to reload, which loads the newer build.
				frozen.add(key);
				$olderBuild.set(true);
				return initial;
			}
			let kept = 0;
			try {
				const data = parsed.v < options.version ? (options.migrate?.(parsed.data, parsed.v) ?? parsed.data) : parsed.data;
				const value = options.validate(data, (element) => {
					kept++;
					setAside(key, JSON.stringify(element), 'malformed element');
				});
				if (kept) {
					addNotice(ASIDE_MESSAGE);
					engine[key] = JSON.stringify({ v: options.version, data: value });
				}
				return withMine(value);
			} catch (error) {
				return reset(raw, (error as Error).message);
			}
		},
	});

	return store;

	/** Another tab's value, with what only this tab had joined back in and written, so every tab converges. */
	function withMine(stored: T): T {
		const mine = store?.get();
		if (!options.merge || mine === undefined || mine === initial || erased) return stored;
		const joined = options.merge(stored, mine);
		const data = JSON.stringify({ v: options.version, data: joined });
		if (data !== JSON.stringify({ v: options.version, data: stored })) engine[key] = data;
		return joined;
	}

	function reset(raw: string, reason: string): T {
		setAside(key, raw, reason);
		addNotice(options.resetMessage);
		// Replace the unreadable value so the next reader starts clean.
		engine[key] = JSON.stringify({ v: options.version, data: initial });
		return initial;
	}
}

/** A small check helper for validators. */
export function expect(condition: unknown, reason: string): asserts condition {
	if (!condition) throw new Error(reason);
}

export function isErased(): boolean {
	return erased;
}

/** After "Forget me": stop writing, and forget what is held in memory. */
export function stopWriting(): void {
	erased = true;
	memory.clear();
}
