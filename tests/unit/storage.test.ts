/**
 * Versioned persistence: migrations run on read, unreadable values are set aside (kept for
 * export) with a notice, and a value from a newer version is never misread.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from './memory-storage.ts';

let storage: typeof import('../../src/stores/storage.ts');
const ls = new MemoryStorage();
beforeAll(async () => {
	// A browser-like global before the store module loads, so it wires itself to "localStorage".
	Object.assign(globalThis, {
		window: globalThis,
		localStorage: ls,
		sessionStorage: new MemoryStorage(),
		addEventListener: () => {},
		removeEventListener: () => {},
	});
	storage = await import('../../src/stores/storage.ts');
});

const validate = (v: unknown) => {
	if (!v || typeof (v as { count?: unknown }).count !== 'number') throw new Error('no count');
	return v as { count: number };
};

describe('versionedAtom', () => {
	it('migrates a value stored by an older version', () => {
		ls.setItem('policy-course:migrating', JSON.stringify({ v: 1, data: { total: 3 } }));
		const $a = storage.versionedAtom(
			'migrating',
			{ count: 0 },
			{ version: 2, validate, migrate: (old) => ({ count: (old as { total: number }).total }), resetMessage: 'reset' },
		);
		expect($a.get()).toEqual({ count: 3 });
		$a.set({ count: 4 });
		expect(JSON.parse(ls.getItem('policy-course:migrating')!)).toEqual({ v: 2, data: { count: 4 } });
	});

	it('sets aside corrupt JSON, starts fresh and tells the learner', () => {
		ls.setItem('policy-course:corrupt', '{"v":1,"data":');
		const $a = storage.versionedAtom('corrupt', { count: 0 }, { version: 1, validate, resetMessage: 'Your thing was reset.' });
		expect($a.get()).toEqual({ count: 0 });
		expect(storage.quarantined()).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'policy-course:corrupt', raw: '{"v":1,"data":' })]));
		expect(storage.$notices.get().map((n) => n.text)).toContain('Your thing was reset.');
	});

	it('sets aside values that fail validation', () => {
		ls.setItem('policy-course:invalid', JSON.stringify({ v: 1, data: { count: 'many' } }));
		expect(storage.versionedAtom('invalid', { count: 0 }, { version: 1, validate, resetMessage: 'r' }).get()).toEqual({ count: 0 });
		const reasons = storage.quarantined().map((q) => `${q.key}: ${q.reason}`);
		expect(reasons).toEqual(expect.arrayContaining(['policy-course:invalid: no count']));
	});

	it('never writes over a value saved by a newer version, even when this page changes the store', () => {
		const newer = JSON.stringify({ v: 9, data: { count: 1, extra: 'from the future' } });
		ls.setItem('policy-course:future', newer);
		const $a = storage.versionedAtom('future', { count: 0 }, { version: 1, validate, resetMessage: 'r' });
		const unmount = $a.listen(() => undefined); // mounting restores from storage: must not write either
		expect($a.get()).toEqual({ count: 0 });
		$a.set({ count: 5 });
		expect($a.get()).toEqual({ count: 5 });
		expect(ls.getItem('policy-course:future')).toBe(newer);
		expect(storage.$olderBuild.get()).toBe(true);
		expect(storage.savedWhere('policy-course:future')).toBe('page');
		unmount();
	});

	it('keeps the well-formed elements of a list and sets aside the rest, with a notice', () => {
		const good = { count: 1 };
		ls.setItem('policy-course:list', JSON.stringify({ v: 1, data: [good, null, { count: 'x' }] }));
		const $list = storage.versionedAtom('list', [] as Array<{ count: number }>, {
			version: 1,
			validate: (value, aside) =>
				(value as unknown[]).filter((e) => (typeof (e as { count?: unknown })?.count === 'number' ? true : (aside(e), false))) as Array<{ count: number }>,
			resetMessage: 'r',
		});
		expect($list.get()).toEqual([good]);
		expect(
			storage
				.quarantined()
				.filter((q) => q.key === 'policy-course:list')
				.map((q) => q.raw),
		).toEqual(['null', '{"count":"x"}']);
		expect(JSON.parse(ls.getItem('policy-course:list')!)).toEqual({ v: 1, data: [good] });
		expect(storage.$notices.get().some((n) => /could not be read, so it was set aside/.test(n.text))).toBe(true);
	});

	it('keeps working in memory and reports it when the storage is full', () => {
		const $a = storage.versionedAtom('big', { count: 0 }, { version: 1, validate, resetMessage: 'r' });
		const real = ls.setItem.bind(ls);
		ls.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		$a.set({ count: 7 });
		ls.setItem = real;
		expect($a.get()).toEqual({ count: 7 });
		expect(storage.$storageProblem.get()?.message).toMatch(/storage is full/);
		// Nothing may call this "saved", and leaving the page asks first.
		expect(storage.savedWhere('policy-course:big')).toBe('page');
		expect(storage.hasUnsavedWrites()).toBe(true);
		$a.set({ count: 8 });
		expect(storage.savedWhere('policy-course:big')).toBe('device');
		expect(storage.hasUnsavedWrites()).toBe(false);
	});

	it("joins another window's value the moment it arrives, and writes back what only this window had", () => {
		// The storage event, as the browser delivers it when another window (another tab, or the
		// course frame inside the SCORM launch page) writes the key.
		const listeners: Array<(e: { key: string; newValue: string | null }) => void> = [];
		const { addEventListener } = globalThis;
		Object.assign(globalThis, { addEventListener: (type: string, fn: never) => type === 'storage' && listeners.push(fn) });
		const isSeen = (v: unknown) => {
			if (!Array.isArray((v as { seen?: unknown }).seen)) throw new Error('no seen');
			return v as { seen: string[] };
		};
		const $a = storage.versionedAtom(
			'joined',
			{ seen: [] as string[] },
			{
				version: 1,
				validate: isSeen,
				resetMessage: 'r',
				merge: (stored, mine) => ({ seen: [...new Set([...stored.seen, ...mine.seen])].sort() }),
			},
		);
		const unmount = $a.listen(() => undefined);
		Object.assign(globalThis, { addEventListener });
		$a.set({ seen: ['mine'] });
		// The other window writes without having seen this one's change.
		const theirs = JSON.stringify({ v: 1, data: { seen: ['theirs'] } });
		ls.setItem('policy-course:joined', theirs);
		for (const fn of listeners) fn({ key: 'policy-course:joined', newValue: theirs });
		// At once: a page that shows (or, like the SCORM launch page, reports) this value next must
		// not see only its own, nor only the other's.
		expect($a.get()).toEqual({ seen: ['mine', 'theirs'] });
		expect(JSON.parse(ls.getItem('policy-course:joined')!)).toEqual({ v: 1, data: { seen: ['mine', 'theirs'] } });
		unmount();
	});
});
