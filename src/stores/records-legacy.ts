/**
 * Records used to be kept as one list under `policy-course:records` (last writer wins across
 * tabs: issue 14.1). This splits such a list into one key per record, once; loaded only when
 * the old key is found. Idempotent, so tabs may race. An unreadable list is left exactly as it
 * was (and kept). The store's writers are passed in, so this module depends on no store.
 */
import type { RecordEntry } from '../records/outbox.ts';
import { localStorageOrNull, PREFIX } from './storage.ts';

const LEGACY_KEY = `${PREFIX}records`;

/** Splits the old single list into one key per record (idempotent, so tabs may race). */
export function migrateLegacy(putRecord: (e: RecordEntry) => void, readAllRecords: () => RecordEntry[]): void {
	const ls = localStorageOrNull();
	const raw = ls?.getItem(LEGACY_KEY);
	if (!ls || !raw) return;
	try {
		const list = (JSON.parse(raw) as { data?: unknown }).data;
		if (!Array.isArray(list)) return; // unreadable: left exactly as it was
		const have = new Set(readAllRecords().map((r) => r.statement.id));
		for (const e of list as RecordEntry[]) if (e?.statement?.id && typeof e.statement.timestamp === 'string' && !have.has(e.statement.id)) putRecord(e);
		ls.removeItem(LEGACY_KEY);
	} catch {
		/* left as it was, and kept */
	}
}

