import { wcagViolations } from './axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadCourse } from '../../src/build/load.ts';
import type { CourseEvent } from '../../src/records/course-events.ts';
import { actorFor, buildStatement, type Statement } from '../../src/records/statements.ts';
import { verificationCode } from '../../src/records/verification.ts';
import { reportCourse } from '../../src/report/course-key.ts';
import { readCsv } from '../../src/report/csv.ts';
import type { PersonPlan } from '../../src/report/generate.ts';
import { loadTrust, SIZES, type LoadedTrust } from '../../scripts/report-trust.ts';
import { startLrs, type Lrs } from '../lrs/harness.ts';
import { testPort } from '../ports.ts';

/**
 * The compliance report against the real test LRS: a small generated trust (3 academies, 40
 * staff, some offline with record files, two people not on the list) plus hand-made people at
 * the rules' boundaries. Expected figures are computed here from the generator's plan with this
 * file's own date arithmetic, not with the report's code.
 */
test.describe.configure({ mode: 'serial' });
const TODAY = '2026-11-28';
const KEY = 'hr-reader';
const SECRET = 'Rd-7f3k-Secret';
const course = reportCourse(loadCourse(resolve('modules')));
let lrs: Lrs;
let trust: LoadedTrust;
let dir: string;
let staffCsv: string;
const files: string[] = [];

const pad = (n: number) => String(n).padStart(2, '0');
/** Calendar months later, clamped to the month's end: written independently of the report. */
function monthsLater(iso: string, n: number): string {
	const d = new Date(iso);
	const total = d.getUTCMonth() + n;
	const y = d.getUTCFullYear() + Math.floor(total / 12);
	const m = total % 12;
	const days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
	return `${y}-${pad(m + 1)}-${pad(Math.min(d.getUTCDate(), days))}`;
}
function daysLater(date: string, n: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Boundary people: [name, staff number, completed at, policy version] or a start date only. */
const BOUNDARY = {
	due12: { name: 'Ria Due', id: 'B001', completedAt: '2025-11-28T10:00:00.000Z', version: '2' }, // exactly 12 months: due, not overdue
	over12: { name: 'Oli Over', id: 'B002', completedAt: '2025-11-27T10:00:00.000Z', version: '2' }, // 12 months and a day: overdue
	offered: { name: 'Dee Offered', id: 'B003', completedAt: '2025-12-28T10:00:00.000Z', version: '2' }, // exactly 11 months: offered, due
	current: { name: 'Cy Current', id: 'B004', completedAt: '2025-12-29T10:00:00.000Z', version: '2' }, // a day short of 11 months: current
	older: { name: 'Vic Older', id: 'B005', completedAt: '2026-06-01T10:00:00.000Z', version: '1' }, // acknowledged version 1 only
} as const;
const STARTERS = {
	inductionDue: { name: 'Ines Induction', id: 'B006', start: daysLater(TODAY, -28) },
	inductionLate: { name: 'Ian Late', id: 'B007', start: daysLater(TODAY, -29) },
};

async function boundaryStatements(): Promise<Statement[]> {
	const out: Statement[] = [];
	let n = 0;
	for (const p of Object.values(BOUNDARY)) {
		const actor = actorFor({ name: p.name, idKind: 'staff', id: p.id }, course.trustHomePage);
		const registration = crypto.randomUUID();
		const ctx = {
			iriBase: course.iriBase,
			courseTitle: course.courseTitle,
			courseVersion: course.courseVersion,
			policyVersion: p.version,
			actor,
			registration,
			role: 'teaching',
			mode: 'induction' as const,
			moduleTitles: {},
		};
		const at = Date.parse(p.completedAt);
		const make = (e: CourseEvent, t: number) => buildStatement(e, ctx, `10000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, new Date(t).toISOString());
		// The code covers the attempt's statements before `completed`, as the course makes it.
		const before = [
			make({ type: 'course.initialized' }, at - 3_600_000),
			make({ type: 'policy.acknowledged', policyVersion: p.version, policyLabel: `version ${p.version}` }, at - 1000),
		];
		const code = await verificationCode({ learner: p.id, registration, score: 92, policyVersion: p.version }, before);
		out.push(...before, make({ type: 'course.completed', score: 92, code, durationMs: 3_600_000 }, at));
	}
	return out;
}

test.beforeAll(async ({}, info) => {
	test.setTimeout(240_000);
	lrs = await startLrs(testPort(4560 + info.parallelIndex * 10), KEY, SECRET);
	trust = await loadTrust(course, { ...SIZES.small, seed: 19, today: TODAY }, { endpoint: lrs.endpoint, auth: lrs.auth });
	const extra = await boundaryStatements();
	const r = await fetch(`${lrs.endpoint}statements`, {
		method: 'POST',
		headers: { Authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
		body: JSON.stringify(extra),
	});
	expect(r.ok).toBe(true);
	dir = mkdtempSync(join(tmpdir(), 'report-e2e-'));
	const boundaryRows = [
		...Object.values(BOUNDARY).map((p) => `${p.name},${p.id},Boundary Academy,Teaching staff,2020-01-01`),
		...Object.values(STARTERS).map((p) => `${p.name},${p.id},Boundary Academy,Teaching staff,${p.start}`),
	];
	// Two bad rows after 1 header + 40 generated + 7 boundary rows: file lines 49 and 50.
	staffCsv = `${trust.csv}${boundaryRows.join('\n')}\nNobody,,Oak,Teaching staff,2026-01-01\nPat Wrong,pat@example.org,Oak,Chef,2026-13-01\n`;
	writeFileSync(join(dir, 'staff.csv'), staffCsv);
	for (const f of trust.files) {
		writeFileSync(join(dir, f.name), f.text);
		files.push(join(dir, f.name));
	}
	// A record edited after it was made, and a file that is not a record at all.
	const withCompletion = trust.files.find((f) => f.text.includes('certificate-code'))!;
	const edited = JSON.parse(withCompletion.text) as Statement[];
	const completion = edited.find((s) => s.result?.extensions?.['https://learning.reach2.org/xapi/extensions/certificate-code'])!;
	completion.result!.score!.raw = 100;
	writeFileSync(join(dir, 'tampered.json'), JSON.stringify(edited));
	writeFileSync(join(dir, 'notes.json'), 'these are my notes');
	files.push(join(dir, 'tampered.json'), join(dir, 'notes.json'));
});
test.afterAll(async () => lrs?.close());

/** What the completion table should say, from the plan (generated staff plus boundary people). */
function expectedCompletion(): string[][] {
	const label = (id: string) => course.roles.find((r) => r.id === id)!.label;
	const people: Array<{ academy: string; role: string; completions: Array<{ at: string; version: string }> }> = trust.people
		.filter((p: PersonPlan) => p.onList)
		.map((p) => ({
			academy: p.academy,
			role: p.role,
			completions: p.attempts.filter((a) => a.completedAt).map((a) => ({ at: a.completedAt!, version: a.policyVersion })),
		}));
	for (const p of Object.values(BOUNDARY))
		people.push({ academy: 'Boundary Academy', role: 'teaching', completions: [{ at: p.completedAt, version: p.version }] });
	for (const _ of Object.values(STARTERS)) people.push({ academy: 'Boundary Academy', role: 'teaching', completions: [] });
	const groups = new Map<string, { academy: string; role: string; staff: number; completed: number; inDate: number; ack: number }>();
	for (const p of people) {
		const k = `${p.academy}|${p.role}`;
		const g = groups.get(k) ?? { academy: p.academy, role: label(p.role), staff: 0, completed: 0, inDate: 0, ack: 0 };
		groups.set(k, g);
		g.staff++;
		if (!p.completions.length) continue;
		g.completed++;
		const last = p.completions
			.map((c) => c.at)
			.sort()
			.at(-1)!;
		if (TODAY <= monthsLater(last, 12)) g.inDate++;
		if (p.completions.some((c) => c.version === '2')) g.ack++;
	}
	return [...groups.values()]
		.map((g) => [g.academy, g.role, String(g.staff), String(g.completed), String(Math.round((100 * g.completed) / g.staff)), String(g.inDate), String(g.ack)])
		.sort((a, b) => a.join('|').localeCompare(b.join('|')));
}

async function tableRows(page: Page, id: string): Promise<string[][]> {
	// Tables are read from the page; a table with no rows shows "None." instead.
	const more = page.locator(`[data-table="${id}"]`).getByRole('button', { name: /^Show all/ });
	if (await more.count()) await more.click();
	return page.locator(`#table-${id} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}
async function axe(page: Page, state: string) {
	expect((await wcagViolations(page)).map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function makeReport(page: Page) {
	await page.getByLabel('LRS address (endpoint)').fill(lrs.endpoint);
	await page.getByLabel('Key (username)').fill(KEY);
	await page.getByLabel('Secret (password)').fill(SECRET);
	await page.getByLabel('Training record files that staff downloaded (optional)').setInputFiles(files);
	await page.getByLabel('Staff list (CSV)').setInputFiles(join(dir, 'staff.csv'));
	await page.getByLabel('Report date').fill(TODAY);
	await page.getByRole('button', { name: 'Make the report' }).click();
	await expect(page.getByRole('heading', { name: /^Report for/ })).toBeFocused({ timeout: 60_000 });
}

test('the report matches figures computed from the plan, applies the rules at their boundaries, reports bad input, keeps credentials out of storage and the URL, and is axe-clean in every state', async ({
	page,
}) => {
	test.setTimeout(480_000);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto('/report/');
	await expect(page.getByRole('button', { name: 'Make the report' })).toBeVisible();
	await axe(page, 'empty form');

	// Nothing given: an error summary that takes focus and links to each field.
	await page.getByRole('button', { name: 'Make the report' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText([
		'The LRS address is not a web address. It looks like https://lrs.example.org/xAPI/',
		'Enter the LRS key (sometimes called username).',
		'Enter the LRS secret (sometimes called password).',
		'Choose the staff list (a CSV file).',
	]);
	await axe(page, 'error summary');

	await makeReport(page);
	const announce = page.locator('#report-announce');
	await expect(announce).toContainText('Report ready:');

	// Completion by academy and role, against the plan.
	const shown = (await tableRows(page, 'completion')).sort((a, b) => a.join('|').localeCompare(b.join('|')));
	expect(shown).toEqual(expectedCompletion());

	// Boundaries, person by person (the status table: name, id, academy, role, start, status, last completed, mode, score, refresher, self-reported).
	const status = Object.fromEntries((await tableRows(page, 'status')).map((r) => [r[0], r]));
	expect(status['Ria Due']![9]).toBe('Due');
	expect(status['Oli Over']![9]).toBe('Overdue');
	expect(status['Dee Offered']![9]).toBe('Due');
	expect(status['Cy Current']![9]).toBe('Current');
	expect(status['Ines Induction']![5]).toBe('Induction due');
	expect(status['Ian Late']![5]).toBe('Induction overdue');
	const ack = Object.fromEntries((await tableRows(page, 'acknowledgement')).map((r) => [r[0], r[4]]));
	expect(ack['Vic Older']).toBe('Older version only');
	expect(ack['Ria Due']).toBe('Current');
	expect(ack['Ines Induction']).toBe('None');

	// Offline learners' files count, marked self-reported; people not on the list are listed.
	const offlineDone = trust.people.filter((p) => p.onList && p.offline && p.attempts.some((a) => a.completedAt));
	expect(offlineDone.length).toBeGreaterThan(0);
	for (const p of offlineDone) expect(status[p.name]?.[10], p.name).toBe('Yes');
	// The LRS is read without names (format=ids); the names of people not on the list are read
	// afterwards, so each is shown by the name they gave the course.
	const notOnList = trust.people.filter((p) => !p.onList && p.attempts.length > 0);
	expect(notOnList.length).toBeGreaterThan(0);
	expect((await tableRows(page, 'not-on-list')).map((r) => `${r[0]} ${r[1]}`).sort()).toEqual(notOnList.map((p) => `${p.name} ${p.id}`).sort());
	expect(await tableRows(page, 'no-record')).toHaveLength(trust.people.filter((p) => p.onList && p.attempts.length === 0).length + 2);

	// Bad input reported, never silently dropped.
	const staffErrors = await tableRows(page, 'staff-errors');
	expect(staffErrors.map((r) => r[0])).toEqual(['49', '50']);
	expect(staffErrors[1]![1]).toContain('"Chef" is not one of');
	expect(staffErrors[1]![1]).toContain('"2026-13-01" is not a date');
	const fileErrors = await tableRows(page, 'file-errors');
	expect(fileErrors.map((r) => r[0]).sort()).toEqual(['notes.json', 'tampered.json']);
	expect(fileErrors.find((r) => r[0] === 'tampered.json')![1]).toContain('does not match its verification code');

	// Credentials: never in storage, cookies or the address bar.
	expect(page.url()).not.toContain('?');
	const stored = await page.evaluate(async () =>
		JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie, (await indexedDB.databases()).map((d) => d.name)]),
	);
	for (const s of [SECRET, KEY, btoa(`${KEY}:${SECRET}`)]) expect(stored).not.toContain(s);

	// Filters narrow every table; the analytics follow the filter.
	await page.getByLabel('Academy', { exact: true }).selectOption('Boundary Academy');
	await expect(page.locator('#table-completion-count')).toContainText('1 of');
	expect((await tableRows(page, 'status')).every((r) => r[2] === 'Boundary Academy')).toBe(true);
	// Axe on the results, filtered to one academy (the full tables are the same markup, longer).
	await axe(page, 'results, filtered');

	// Certificate check: a real code, and one that matches nothing.
	await page.getByLabel('Verification code').fill('ABCD-EF23-GH45');
	await page.getByRole('button', { name: 'Check', exact: true }).click();
	await expect(page.getByText('No completion in these records has this code.')).toBeVisible();
	await axe(page, 'certificate not found');
	const real = JSON.parse(readFileSync(files[0]!, 'utf8')) as Statement[];
	const realCode = real.find((s) => s.result?.extensions?.['https://learning.reach2.org/xapi/extensions/certificate-code'])?.result?.extensions?.[
		'https://learning.reach2.org/xapi/extensions/certificate-code'
	] as string | undefined;
	const owner = trust.files[0]!.person;
	if (realCode) {
		await page.getByLabel('Verification code').fill(realCode);
		await page.getByRole('button', { name: 'Check', exact: true }).click();
		await expect(page.getByText(`This code belongs to ${owner.name}`)).toBeVisible();
		await axe(page, 'certificate found');
	}
	expect(errors).toEqual([]);
});

test('the command line gives the same figures as the page, table by table', async ({ page }) => {
	test.setTimeout(240_000);
	const out = mkdtempSync(join(tmpdir(), 'report-cli-'));
	await promisify(execFile)(
		process.execPath,
		[
			'--experimental-strip-types',
			'scripts/report.ts',
			'--lrs',
			lrs.endpoint,
			'--staff',
			join(dir, 'staff.csv'),
			'--records',
			...files,
			'--out',
			out,
			'--today',
			TODAY,
		],
		{
			env: { ...process.env, REPORT_LRS_KEY: KEY, REPORT_LRS_SECRET: SECRET },
		},
	);
	await page.goto('/report/');
	await makeReport(page);
	const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { tables: Array<{ id: string; title: string }> };
	expect(json.tables.length).toBe(12);
	// Every table on the page, cell by cell, against the command line's CSV of it.
	for (const t of json.tables) {
		const cli = readCsv(readFileSync(join(out, `${t.id}.csv`), 'utf8')).rows.map((r) => r.cells);
		const body = (await page.locator(`[data-table="${t.id}"] table`).count()) ? await tableRows(page, t.id) : [];
		expect(body, t.id).toEqual(cli.slice(1));
	}
});

test('"Make the report" pressed while the chosen files are still being read waits for them, and says so', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/report/');
	await expect(page.getByRole('button', { name: 'Make the report' })).toBeVisible();
	// The code that checks files loads on first use: hold it back so the press comes first, as on
	// a slow school laptop (the CI run where this failed).
	let release = () => {};
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.getByLabel('Read from our learning record store (LRS)').uncheck();
	await page.getByLabel('Training record files that staff downloaded (optional)').setInputFiles(files);
	await page.getByLabel('Staff list (CSV)').setInputFiles(join(dir, 'staff.csv'));
	await page.getByLabel('Report date').fill(TODAY);
	await page.getByRole('button', { name: 'Make the report' }).click();
	await expect(page.locator('#report-announce')).toHaveText('Reading the files you chose…');
	release();
	await expect(page.getByRole('heading', { name: /^Report for/ })).toBeFocused({ timeout: 60_000 });
	await expect(page.getByText('There is a problem')).toHaveCount(0);
	await expect(page.locator('#report-announce')).toContainText('Report ready:');
});

test('keyboard alone: fill in, make the report, sort a table', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/report/');
	await expect(page.getByRole('button', { name: 'Make the report' })).toBeVisible();
	const tabTo = async (id: string) => {
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
		}
		throw new Error(`Tab never reached #${id}`);
	};
	await tabTo('report-endpoint');
	await page.keyboard.type(lrs.endpoint);
	await page.keyboard.press('Tab');
	await page.keyboard.type(KEY);
	await page.keyboard.press('Tab');
	await page.keyboard.type(SECRET);
	// Choosing files opens the system's file dialog, which a test cannot drive: set them directly.
	await page.getByLabel('Staff list (CSV)').setInputFiles(join(dir, 'staff.csv'));
	await tabTo('report-inductionDays');
	await page.keyboard.press('Enter');
	const heading = page.getByRole('heading', { name: /^Report for/ });
	await expect(heading).toBeFocused({ timeout: 60_000 });
	await tabTo('filter-academy');
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		if (
			(await page.evaluate(() => document.activeElement?.textContent)) === 'Academy' &&
			(await page.evaluate(() => document.activeElement?.closest('table')?.id)) === 'table-completion'
		)
			break;
	}
	await page.keyboard.press('Enter');
	await expect(page.locator('#table-completion th').first()).toHaveAttribute('aria-sort', 'ascending');
	await page.keyboard.press('Enter');
	await expect(page.locator('#table-completion th').first()).toHaveAttribute('aria-sort', 'descending');
	const academies = await page.locator('#table-completion tbody tr td:first-child').allTextContents();
	expect(academies).toEqual([...academies].sort((a, b) => b.localeCompare(a, 'en-GB', { numeric: true })));
	// The focus ring is visible on the sort button.
	const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
	expect(outline).not.toBe('none');
});
