/**
 * Storage faults at module load: malformed notices and set-aside lists never throw, and a
 * browser that refuses storage (a throwing localStorage getter) is detected, so the course
 * keeps going in this tab's sessionStorage or, failing that, in memory.
 */
import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './memory-storage.ts';

/** A fresh copy of the storage module in a browser-like global with the given storages. */
async function load(local: (() => Storage) | Storage, session: (() => Storage) | Storage) {
	vi.resetModules();
	const g = globalThis as Record<string, unknown>;
	for (const [name, value] of [
		['localStorage', local],
		['sessionStorage', session],
	] as const) {
		delete g[name];
		Object.defineProperty(g, name, typeof value === 'function' ? { get: value, configurable: true } : { value, configurable: true, writable: true });
	}
	Object.assign(g, { window: globalThis, addEventListener: () => {}, removeEventListener: () => {} });
	return import('../../src/stores/storage.ts');
}
const refuse = () => {
	throw new DOMException('The operation is insecure.', 'SecurityError');
};

describe('stored notices and set-aside data', () => {
	it('a notices list holding null or wrong types is repaired, set aside and announced', async () => {
		const ls = new MemoryStorage();
		ls.setItem('policy-course:notices', JSON.stringify([null, 5, { id: 'a', text: 'kept', at: 'now' }]));
		const storage = await load(ls as unknown as Storage, new MemoryStorage() as unknown as Storage);
		const texts = storage.$notices.get().map((n) => n.text);
		expect(texts[0]).toBe('kept');
		expect(texts.some((t) => /set aside/.test(t))).toBe(true);
		expect(storage.quarantined().map((q) => q.key)).toContain('policy-course:notices');
	});

	for (const raw of ['', '{', '"text"', '{"a":1}', '[null]']) {
		it(`a set-aside list stored as ${JSON.stringify(raw)} is kept whole and never throws`, async () => {
			const ls = new MemoryStorage();
			ls.setItem('policy-course:quarantine', raw);
			const storage = await load(ls as unknown as Storage, new MemoryStorage() as unknown as Storage);
			const list = storage.quarantined();
			expect(list.every((q) => typeof q.key === 'string' && typeof q.raw === 'string')).toBe(true);
			expect(list[0]).toMatchObject({ key: 'policy-course:quarantine', raw });
		});
	}
});

describe('storage the browser refuses', () => {
	it('a throwing localStorage getter falls back to this tab, and nothing claims to be saved on the device', async () => {
		const session = new MemoryStorage();
		const storage = await load(refuse, session as unknown as Storage);
		expect(storage.storageMode).toBe('session');
		const $a = storage.versionedAtom('thing', { n: 0 }, { version: 1, validate: (v) => v as { n: number }, resetMessage: 'r' });
		$a.set({ n: 2 });
		expect(JSON.parse(session.getItem('policy-course:thing')!)).toEqual({ v: 1, data: { n: 2 } });
		expect(storage.savedWhere('policy-course:thing')).toBe('tab');
		expect(storage.localStorageOrNull()).toBeNull();
	});

	it('with both storages refused ("block site data"), the course works in memory for the page', async () => {
		const storage = await load(refuse, refuse);
		expect(storage.storageMode).toBe('memory');
		const $a = storage.versionedAtom('thing', { n: 0 }, { version: 1, validate: (v) => v as { n: number }, resetMessage: 'r' });
		$a.set({ n: 3 });
		expect($a.get()).toEqual({ n: 3 });
		expect(storage.savedWhere('policy-course:thing')).toBe('page');
		storage.addNotice('hello');
		expect(storage.$notices.get().map((n) => n.text)).toEqual(['hello']);
		// Everyone was told once; no prompt on every link.
		expect(storage.hasUnsavedWrites()).toBe(false);
	});
});
