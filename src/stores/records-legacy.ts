/**
 * Records used to be kept as one list under `policy-course:records` (last writer wins across
 * tabs: issue 14.1). This splits such a list into one key per record, once; loaded only when
 * the old key is found. Idempotent, so tabs may race. Checked element by element like every
 * stored value: a malformed record, or a list that cannot be read at all, is set aside with a
 * notice (kept for the download); a newer build's list is left untouched.
 * The store's writers are passed in, so this module depends on no store.
 */
import type { RecordEntry } from '../records/outbox.ts';
import { validateRecordEntries } from './shapes.ts';
import { $olderBuild, keepAside, localStorageOrNull, PREFIX } from './storage.ts';

const LEGACY_KEY = `${PREFIX}records`;

/** Splits the old single list into one key per record (idempotent, so tabs may race). */
export function migrateLegacy(putRecord: (e: RecordEntry) => void, readAllRecords: () => RecordEntry[]): void {
	const ls = localStorageOrNull();
	const raw = ls?.getItem(LEGACY_KEY) ?? null;
	if (!ls || raw === null) return;
	let list: RecordEntry[];
	try {
		const parsed = JSON.parse(raw) as { v?: unknown; data?: unknown };
		if (typeof parsed?.v === 'number' && parsed.v > 1) {
			$olderBuild.set(true); // a newer build's list: never overwritten
			return;
		}
		list = validateRecordEntries(parsed?.data, (bad) => keepAside(LEGACY_KEY, JSON.stringify(bad), 'malformed element'));
	} catch (error) {
		keepAside(LEGACY_KEY, raw, (error as Error).message || 'unreadable');
		ls.removeItem(LEGACY_KEY);
		return;
	}
	const have = new Set(readAllRecords().map((r) => r.statement.id));
	for (const e of list) {
		if (have.has(e.statement.id)) continue;
		if (typeof e.statement.timestamp === 'string') putRecord(e);
		else keepAside(LEGACY_KEY, JSON.stringify(e), 'malformed element');
	}
	ls.removeItem(LEGACY_KEY);
}
