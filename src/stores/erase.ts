/** "Forget me on this device": find and delete everything the course stored. */
import { localStorageOrNull, PREFIX, stopWriting } from './storage.ts';

/** Every key this course has stored on the device. */
export function courseKeys(): string[] {
	const ls = localStorageOrNull();
	const keys = new Set<string>();
	if (ls) for (let i = 0; i < ls.length; i++) keys.add(ls.key(i)!);
	let ss: Storage | null = null;
	try { ss = sessionStorage; } catch { /* unavailable */ }
	if (ss) for (let i = 0; i < ss.length; i++) keys.add(ss.key(i)!);
	return [...keys].filter((k) => k.startsWith(PREFIX));
}

/** Deletes everything the course stored on this device. */
export function eraseAll(): void {
	stopWriting();
	for (const key of courseKeys()) {
		localStorageOrNull()?.removeItem(key);
		try { sessionStorage.removeItem(key); } catch { /* unavailable */ }
	}
}

