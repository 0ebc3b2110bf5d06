/**
 * Safe persistence for every store: nothing lost, nothing silently dropped.
 *
 * - A full storage (quota exceeded) never throws into the UI: the value is kept in memory for
 *   this visit and `$storageProblem` tells the learner, who is offered the record download.
 * - A stored value that cannot be read (corrupt JSON, unknown schema, failed validation) is
 *   set aside under `policy-course:quarantine` (kept for export) and the store starts fresh;
 *   a notice tells the learner what was reset.
 */
import { atom } from 'nanostores';
import { persistentAtom, setPersistentEngine, windowPersistentEvents } from '@nanostores/persistent';

export const PREFIX = 'policy-course:';
const QUARANTINE_KEY = `${PREFIX}quarantine`;
const NOTICES_KEY = `${PREFIX}notices`;

/** Set when the browser refused to store something (usually: storage full). */
export const $storageProblem = atom<null | { key: string; at: string; message: string }>(null);

/** A message for the learner that stays until dismissed. */
export interface Notice {
	id: string;
	text: string;
	at: string;
}

export function localStorageOrNull(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // e.g. storage disabled by the browser's privacy settings
	}
}

const memory = new Map<string, string>();
/** After "Forget me", nothing more is written for the rest of this page's life. */
let erased = false;

/** The storage engine behind every persistent store: localStorage, with a memory fallback. */
const engine = new Proxy({} as Record<string, string>, {
	get(_, key: string) {
		const ls = localStorageOrNull();
		return memory.get(key) ?? ls?.getItem(key) ?? undefined;
	},
	has(_, key: string) {
		const ls = localStorageOrNull();
		return memory.has(key) || (ls?.getItem(key) ?? null) !== null;
	},
	set(_, key: string, value: string) {
		if (erased) return true;
		const ls = localStorageOrNull();
		try {
			if (!ls) throw new Error('This browser is not letting the course save anything.');
			ls.setItem(key, value);
			memory.delete(key);
			if ($storageProblem.get()?.key === key) $storageProblem.set(null);
		} catch (error) {
			memory.set(key, value);
			$storageProblem.set({
				key,
				at: new Date().toISOString(),
				message:
					error instanceof DOMException && /quota/i.test(error.name)
						? 'Your browser storage is full, so your latest progress could not be saved on this device.'
						: (error as Error).message || 'Your progress could not be saved on this device.',
			});
		}
		return true;
	},
	deleteProperty(_, key: string) {
		memory.delete(key);
		localStorageOrNull()?.removeItem(key);
		return true;
	},
});
if (typeof window !== 'undefined') setPersistentEngine(engine, windowPersistentEvents);

/** Reads raw JSON from storage without throwing. */
function readRaw(key: string): unknown {
	try {
		const raw = engine[key];
		return raw === undefined ? undefined : JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/** Values set aside because they could not be read; included in the record download. */
export function quarantined(): Array<{ key: string; raw: string; reason: string; at: string }> {
	const list = readRaw(QUARANTINE_KEY);
	return Array.isArray(list) ? list : [];
}

export function addNotice(text: string): void {
	const list = readRaw(NOTICES_KEY);
	const notices: Notice[] = Array.isArray(list) ? list : [];
	engine[NOTICES_KEY] = JSON.stringify([...notices, { id: `${Date.now()}-${notices.length}`, text, at: new Date().toISOString() }]);
	$notices.set(readNotices());
}

function readNotices(): Notice[] {
	const list = readRaw(NOTICES_KEY);
	return Array.isArray(list) ? list : [];
}

export const $notices = atom<Notice[]>(typeof window === 'undefined' ? [] : readNotices());

export function dismissNotice(id: string): void {
	engine[NOTICES_KEY] = JSON.stringify(readNotices().filter((n) => n.id !== id));
	$notices.set(readNotices());
}

function setAside(key: string, raw: string, reason: string) {
	const list = quarantined();
	list.push({ key, raw, reason, at: new Date().toISOString() });
	engine[QUARANTINE_KEY] = JSON.stringify(list);
}

export interface VersionedOptions<T> {
	/** Current schema version, stored with the value. */
	version: number;
	/** Upgrades a value stored by an older version; throw if it cannot. */
	migrate?: (value: unknown, fromVersion: number) => unknown;
	/** Returns the value if it is well formed, else throws with a reason. */
	validate: (value: unknown) => T;
	/** What the learner is told if the stored value had to be reset. */
	resetMessage: string;
}

/**
 * A persistent store holding JSON `{ v, data }`, validated and migrated on every read,
 * shared across tabs through the storage event.
 */
export function versionedAtom<T>(name: string, initial: T, options: VersionedOptions<T>) {
	const key = PREFIX + name;
	return persistentAtom<T>(key, initial, {
		encode: (value) => JSON.stringify({ v: options.version, data: value }),
		decode: (raw) => {
			try {
				const parsed = JSON.parse(raw) as { v?: unknown; data?: unknown };
				if (typeof parsed !== 'object' || parsed === null || typeof parsed.v !== 'number') throw new Error('no schema version');
				if (parsed.v > options.version) throw new Error(`saved by a newer version (${parsed.v})`);
				const data = parsed.v < options.version ? options.migrate?.(parsed.data, parsed.v) ?? parsed.data : parsed.data;
				return options.validate(data);
			} catch (error) {
				setAside(key, raw, (error as Error).message);
				addNotice(options.resetMessage);
				// Replace the unreadable value so the next reader starts clean.
				engine[key] = JSON.stringify({ v: options.version, data: initial });
				return initial;
			}
		},
	});
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
