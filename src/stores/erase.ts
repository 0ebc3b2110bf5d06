/**
 * "Forget me on this device": find and delete everything the course stored, in this tab and
 * in every other open tab of the course (issue 21.8): the erase is broadcast, and each tab
 * clears its own session keys (launch, credentials, token), forgets its launch and stops
 * writing for the rest of its life.
 */
import { ERASE_CHANNEL } from './erase-channel.ts';
import { localStorageOrNull, PREFIX, stopWriting } from './storage.ts';

/** Every key this course has stored on the device. */
export function courseKeys(): string[] {
	const ls = localStorageOrNull();
	const keys = new Set<string>();
	if (ls) for (let i = 0; i < ls.length; i++) keys.add(ls.key(i)!);
	let ss: Storage | null = null;
	try {
		ss = sessionStorage;
	} catch {
		/* unavailable */
	}
	if (ss) for (let i = 0; i < ss.length; i++) keys.add(ss.key(i)!);
	return [...keys].filter((k) => k.startsWith(PREFIX));
}

/** Stops writing and deletes every course key this tab can see. */
export function eraseHere(): void {
	stopWriting();
	for (const key of courseKeys()) {
		localStorageOrNull()?.removeItem(key);
		try {
			sessionStorage.removeItem(key);
		} catch {
			/* unavailable */
		}
	}
}

/** Deletes everything the course stored on this device, and tells the other tabs to do the same. */
export function eraseAll(): void {
	eraseHere();
	try {
		const channel = new BroadcastChannel(ERASE_CHANNEL);
		channel.postMessage('erase');
		channel.close();
	} catch {
		/* no BroadcastChannel: other tabs still lose their stored data; their session ends with them */
	}
}
