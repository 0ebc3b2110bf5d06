/**
 * Storage faults, as a browser meets them: every stored key, one at a time, set to invalid
 * JSON, the wrong type, wrong element types, an empty string and a newer version, then
 * interactive pages loaded over it. Nothing may throw, no island may be blank or fall back to its
 * error message, and wherever data was set aside the learner is told.
 *
 * Every key is damaged under every kind of page, and every fault of every key reaches at least two
 * pages that read that key (or the one that does): the faults take turns over the pages (see
 * `pagesFor`). Every fault on every page, 330 page loads, was 550 of the suite's 3,200
 * test-seconds for little more: what a page does with a damaged value is decided by the store it
 * reads (src/stores/storage.ts), not by the page. One test per key and fault, so none depends on an
 * idle machine.
 */
import { expect, test, type Page } from '@playwright/test';
import { attempt as emptyAttempt } from '../unit/attempt.ts';
import { saveProfile, waitForIslands } from './helpers.ts';

/** One page of each interactive kind. */
const PAGES = [
	'/',
	'/profile/',
	'/records/',
	'/assessment/',
	'/refresher/',
	'/certificate/',
	'/acknowledge/',
	'/modules/monitoring/privacy-and-monitoring/',
	'/modules/monitoring/check/',
	'/modules/monitoring/scenarios/told-posts-monitored/',
];

const assessment = { id: 'a1', seed: 1, questionIds: ['q1'], optionOrder: {}, answers: {}, startedAt: '2026-01-01T00:00:00.000Z' };
const attempt = emptyAttempt({ registration: '6f0c3b9e-1c1f-4c59-9a41-0f2b1e8a7d10', startedAt: '2026-01-01T00:00:00.000Z', courseVersion: '1' });
const RECORD_ID = '0a8b3c4d-0000-4000-8000-00000000000f';
const versioned = (data: unknown, v = 1) => JSON.stringify({ v, data });

/** What each stored key is set to, fault by fault. */
const FAULTS: Record<string, Record<string, string>> = {
	'policy-course:profile': {
		'invalid JSON': '{"v":1,"data":{"name":',
		'wrong type': versioned(['Priya']),
		'wrong element types': versioned({ name: 42, idKind: 'email', id: ['"><img src=x>@x.io'], role: 'teaching', recruiter: 'yes' }),
		'empty string': '',
		'a newer version': versioned({ name: 'From the future', idKind: 'email', id: 'f@example.org', role: 'teaching', recruiter: false, extra: true }, 99),
	},
	'policy-course:progress': {
		'invalid JSON': '{"v":1,"data":{"attempt":42',
		'wrong type': versioned('progress'),
		'wrong element types': versioned({
			attempt,
			history: [5, null],
			assessment: { current: { ...assessment, questionIds: 'q1' }, finished: [null] },
			preCheck: { questionIds: 3 },
		}),
		'empty string': '',
		'a newer version': versioned({ attempt, history: [], assessment: { finished: [] }, newField: [] }, 99),
	},
	'policy-course:scenario-runs': {
		'invalid JSON': '{"v":1,',
		'wrong type': versioned([1, 2]),
		'wrong element types': versioned({ 'told-posts-monitored': { history: [null, 'x'], snapshot: 7 } }),
		'empty string': '',
		'a newer version': versioned({ 'told-posts-monitored': { history: [] } }, 99),
	},
	// Records are kept one key per statement; the old single list is still read (and split) once.
	[`policy-course:record:${RECORD_ID}`]: {
		'invalid JSON': '{"v":1,"data":{"statement":',
		'wrong type': versioned([{ statement: {} }]),
		'wrong element types': versioned({
			statement: { id: RECORD_ID, actor: {}, object: { id: 'o' }, timestamp: '2026-01-01T00:00:00.000Z' },
			status: 'local',
			attempts: 0,
		}),
		'empty string': '',
		'a newer version': versioned({ statement: { id: RECORD_ID } }, 99),
	},
	'policy-course:records': {
		'invalid JSON': '[[[',
		'wrong type': versioned({ statement: {} }),
		'wrong element types': versioned([
			null,
			{ statement: { id: 's1', actor: {}, object: { id: 'o' } }, status: 'local', attempts: 0 },
			{ statement: 'x', status: 5 },
		]),
		'empty string': '',
		'a newer version': versioned([], 99),
	},
	'policy-course:notices': {
		'invalid JSON': '[{',
		'wrong type': '{"id":"x"}',
		'wrong element types': '[null, 3, {"id": 1, "text": {"a": 1}}]',
		'empty string': '',
	},
	'policy-course:quarantine': {
		'invalid JSON': '[{',
		'wrong type': '"text"',
		'wrong element types': '[null, {"key": 1}]',
		'empty string': '',
	},
};

/** Cases in progress are read only where a case is played; every other key on every page. */
function readsKey(path: string, key: string): boolean {
	return key !== 'policy-course:scenario-runs' || path.includes('/scenarios/');
}

/** Loads `path` over a storage holding only `key` = `value`; returns what the page made of it. */
async function loadOver(page: Page, path: string, key: string, value: string) {
	// A reading page runs no course script, so nothing repairs the value before the page under test.
	await page.goto('/help/');
	await page.evaluate(
		([k, v]) => {
			localStorage.clear();
			sessionStorage.clear();
			localStorage.setItem(k!, v!);
		},
		[key, value],
	);
	await page.goto(path);
	await page.locator('#status-records').waitFor();
	await waitForIslands(page);
}

async function checkPage(page: Page, path: string, key: string, fault: string, value: string) {
	const where = `${key} = ${fault} on ${path}`;
	await loadOver(page, path, key, value);
	// No blank island, and none fell back to its error message.
	for (const island of await page.locator('astro-island').all()) {
		await expect(island, where).not.toBeEmpty();
		expect((await island.innerText()).trim().length, where).toBeGreaterThan(0);
	}
	await expect(page.locator('[data-island-failed]'), where).toHaveCount(0);
	if (path.includes('privacy-and-monitoring')) await expect(page.locator('[data-lesson-done][data-ready]'), where).toHaveCount(1);
	await expect(page.locator('h1').first(), where).toBeVisible();

	const notices = page.getByRole('region', { name: 'Notices' });
	if (!readsKey(path, key)) {
		// A page that never reads the key leaves it exactly as it was.
		expect(await page.evaluate((k) => localStorage.getItem(k), key), where).toBe(value);
		return;
	}
	if (fault === 'a newer version') {
		await expect(notices.getByText(/saved by a newer version of the course/), where).toBeVisible();
		// This older page never writes over the newer data.
		expect(await page.evaluate((k) => localStorage.getItem(k), key), where).toBe(value);
		return;
	}
	const setAside = await page.evaluate((k) => {
		try {
			return (JSON.parse(localStorage.getItem('policy-course:quarantine') ?? '[]') as Array<{ key: string }>).filter((q) => q?.key === k).length;
		} catch {
			return -1;
		}
	}, key);
	if (key !== 'policy-course:quarantine') {
		expect(setAside, `${where}: the value is set aside`).toBeGreaterThan(0);
		await expect(notices.getByRole('status').first(), where).toBeVisible();
		await expect(notices, where).toContainText(/could not be (read|restored)/);
	}
}

/**
 * The pages a key's fault number `f` (of `n`) is loaded under. The pages that read the key take
 * turns among the faults, and so do the pages that do not; a fault left without a page that reads
 * the key (cases in progress are read on one page only) gets one anyway. So every page meets every
 * key damaged, and every fault reaches the key's readers.
 */
function pagesFor(key: string, f: number, n: number): string[] {
	const readers = PAGES.filter((p) => readsKey(p, key));
	const others = PAGES.filter((p) => !readsKey(p, key));
	const mine = readers.filter((_, i) => i % n === f);
	return [...(mine.length ? mine : [readers[f % readers.length]!]), ...others.filter((_, i) => i % n === f)];
}

for (const [key, faults] of Object.entries(FAULTS)) {
	Object.entries(faults).forEach(([fault, value], f, all) => {
		const paths = pagesFor(key, f, all.length);
		test(`${paths.length} interactive pages survive ${key.replace('policy-course:', '')} set to ${fault}, and say what was set aside`, async ({ page }) => {
			// Up to four pages, each after a reading page: its own budget, well above the usual 15 s.
			test.setTimeout(90_000);
			const errors: string[] = [];
			page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
			for (const path of paths) await checkPage(page, path, key, fault, value);
			expect(errors).toEqual([]);
		});
	});
}

test('every page meets every key damaged, and every fault reaches two pages that read its key, or the one that does', () => {
	for (const [key, faults] of Object.entries(FAULTS)) {
		const names = Object.keys(faults);
		const visited = names.map((_, f) => pagesFor(key, f, names.length));
		expect(new Set(visited.flat()), key).toEqual(new Set(PAGES));
		const readers = PAGES.filter((p) => readsKey(p, key)).length;
		for (const [f, pages] of visited.entries())
			expect(pages.filter((p) => readsKey(p, key)).length, `${key} ${names[f]}`).toBeGreaterThanOrEqual(Math.min(2, readers));
	}
});

const goodRecord = (n: number) => ({
	statement: {
		id: `0a8b3c4d-0000-4000-8000-00000000000${n}`,
		actor: { name: 'Priya', mbox: 'mailto:p@example.org' },
		verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-GB': 'experienced' } },
		object: { id: 'https://x/y', objectType: 'Activity', definition: { name: { 'en-GB': 'A lesson' } } },
		context: { registration: attempt.registration },
		timestamp: `2026-01-01T00:00:0${n}.000Z`,
	},
	status: 'local',
	attempts: 0,
});
const withoutVerb = (n: number) => ({ ...goodRecord(n), statement: { ...goodRecord(n).statement, verb: undefined } });

/** The records shown, and what was set aside, after loading "My record". */
async function recordsAfterLoad(page: Page) {
	await expect(page.getByText(/Some saved data could not be read and was set aside/)).toBeVisible();
	return page.evaluate(() => ({
		keys: Object.keys(localStorage)
			.filter((k) => k.startsWith('policy-course:record:'))
			.sort(),
		kept: JSON.parse(localStorage.getItem('policy-course:quarantine')!) as Array<{ key: string; raw: string }>,
	}));
}

test('a malformed record in its own key is kept for the download while the good ones are still shown', async ({ page }) => {
	await page.goto('/help/');
	await page.evaluate(
		([a, b]) => {
			localStorage.clear();
			sessionStorage.clear();
			for (const e of [a, b] as Array<{ statement: { id: string } }>)
				localStorage.setItem(`policy-course:record:${e.statement.id}`, JSON.stringify({ v: 1, data: e }));
		},
		[goodRecord(1), withoutVerb(2)],
	);
	await page.goto('/records/');
	const { keys, kept } = await recordsAfterLoad(page);
	expect(keys).toEqual(['policy-course:record:0a8b3c4d-0000-4000-8000-000000000001']);
	await expect(page.getByText(/^1 record on this device/)).toBeVisible();
	const aside = kept.filter((q) => q.key === 'policy-course:record:0a8b3c4d-0000-4000-8000-000000000002');
	expect(aside.map((q) => JSON.parse(q.raw).data.statement.id)).toEqual(['0a8b3c4d-0000-4000-8000-000000000002']);
});

test('a malformed record in the old single list is kept for the download while the good ones are split out and shown', async ({ page }) => {
	await loadOver(page, '/records/', 'policy-course:records', versioned([goodRecord(1), withoutVerb(2)]));
	await expect.poll(() => page.evaluate(() => localStorage.getItem('policy-course:records'))).toBeNull();
	const { keys, kept } = await recordsAfterLoad(page);
	expect(keys).toEqual(['policy-course:record:0a8b3c4d-0000-4000-8000-000000000001']);
	await expect(page.getByText(/^1 record on this device/)).toBeVisible();
	expect(kept.filter((q) => q.key === 'policy-course:records').map((q) => JSON.parse(q.raw).statement.id)).toEqual(['0a8b3c4d-0000-4000-8000-000000000002']);
});

for (const [key, value] of <Array<[string, string]>>[
	['policy-course:pending', '[null]'],
	['policy-course:pending', '[[['],
	['policy-course:pending', '[[{"type":5}, 3]]'],
	['policy-course:launch', '[null]'],
	['policy-course:launch', '{"kind":"xapi","endpoint":7}'],
]) {
	test(`a damaged ${key.replace('policy-course:', '')} in the tab's session storage (${value}) throws nothing and leaves the course working`, async ({
		page,
	}) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
		await page.goto('/help/');
		await page.evaluate(
			([k, v]) => {
				localStorage.clear();
				sessionStorage.clear();
				sessionStorage.setItem(k!, v!);
			},
			[key, value],
		);
		await page.goto('/modules/monitoring/privacy-and-monitoring/');
		await waitForIslands(page);
		await expect(page.locator('[data-lesson-done][data-ready]')).toHaveCount(1);
		await expect(page.locator('[data-island-failed]')).toHaveCount(0);
		await page.goto('/records/');
		await waitForIslands(page);
		await expect(page.locator('[data-island-failed]')).toHaveCount(0);
		expect(errors).toEqual([]);
	});
}

test('an island that fails to render shows a message in its place, and the rest of the page keeps working', async ({ page }) => {
	// Something no check foresaw: here, the browser's date formatting throws while "My record"
	// lists its records.
	await page.addInitScript(() => {
		Date.prototype.toLocaleString = () => {
			throw new Error('date formatting failed');
		};
	});
	// A learner with details saved has a record (their `initialized`) for the list to format.
	await saveProfile(page, { name: 'Tomasz Nowak', email: 'tomasz.nowak@example.org', role: 'Volunteer' });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto('/records/');
	await expect(page.getByRole('alert').filter({ hasText: 'This part of the page could not be shown' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'My training record' })).toBeVisible();
	await expect(page.locator('#status-records')).toHaveText('Your records are kept on this device.');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Course' }).click();
	await expect(page).toHaveURL(/\/$/);
	expect(errors).toEqual([]);
});
