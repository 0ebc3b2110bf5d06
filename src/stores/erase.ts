/**
 * "Forget me on this device": find and delete everything the course stored, in this tab and
 * in every other open tab of the course (issue 21.8): the erase is broadcast, and each tab
 * clears its own session keys (launch, credentials, token), forgets its launch and stops
 * writing for the rest of its life.
 */
import { localStorageOrNull, PREFIX, stopWriting } from './storage.ts';

const CHANNEL = 'policy-course:erase';

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

function eraseHere(): void {
	stopWriting();
	for (const key of courseKeys()) {
		localStorageOrNull()?.removeItem(key);
		try { sessionStorage.removeItem(key); } catch { /* unavailable */ }
	}
}

/** Deletes everything the course stored on this device, and tells the other tabs to do the same. */
export function eraseAll(): void {
	eraseHere();
	try {
		const channel = new BroadcastChannel(CHANNEL);
		channel.postMessage('erase');
		channel.close();
	} catch {
		/* no BroadcastChannel: other tabs still lose their stored data; their session ends with them */
	}
}

/** Calls `onErased` (after clearing this tab) when another tab erases everything. */
export function listenForErase(onErased: () => void): void {
	try {
		new BroadcastChannel(CHANNEL).addEventListener('message', (e) => {
			if (e.data !== 'erase') return;
			eraseHere();
			onErased();
		});
	} catch {
		/* no BroadcastChannel */
	}
}
