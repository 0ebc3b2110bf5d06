import { describe, expect, it } from 'vitest';
import type { CourseEvent } from '../../src/records/course-events.ts';
import { buildStatement, EXT, VERBS, type Actor, type Statement } from '../../src/records/statements.ts';
import { addMonths as learnerAddMonths } from '../../src/course/refresher.ts';
import { addMonths } from '../../src/report/months.ts';
import { verificationCode } from '../../src/records/verification.ts';
import { analyticsView } from '../../src/report/analytics.ts';
import { addDays, complianceView, findCertificate, groupResolver, refresherStatus } from '../../src/report/compliance.ts';
import type { ReportCourse } from '../../src/report/course-key.ts';
import { ReportFold } from '../../src/report/fold.ts';
import { basicAuth, LrsError, readStatements } from '../../src/report/lrs.ts';
import { checkRecordFile, readRecordFile } from '../../src/report/record-file.ts';
import { foldInputs, runReport } from '../../src/report/run.ts';
import { parseDate, parseStaffCsv } from '../../src/report/staff.ts';
import { complianceTables, toCsv } from '../../src/report/tables.ts';

const IRI = 'https://learning.reach2.org/xapi/social-media-policy';
const HOME = 'https://www.reach2.org';
const course: ReportCourse = {
	vocab: { verbs: VERBS, ext: EXT },
	iriBase: IRI,
	courseTitle: 'Course',
	courseVersion: '1.0.0',
	policyVersion: '2',
	trustHomePage: HOME,
	refresher: { offerAfterMonths: 11, dueAfterMonths: 12 },
	roles: [
		{ id: 'teaching', label: 'Teaching staff' },
		{ id: 'volunteer', label: 'Volunteer' },
	],
	modules: [{ id: 'm', title: 'Module' }],
	clauses: {
		'4-1': { number: '4.1', heading: 'Acceptable use' },
		'4-2': { number: '4.2', heading: 'Acceptable use' },
		'9-1': { number: '9.1', heading: 'Breaches' },
	},
	questions: { q1: { clauses: ['9-1'], prompt: 'Q1', moduleId: 'm' } },
	scenarios: {
		friend: {
			title: 'Friend request',
			moduleId: 'm',
			start: 's1',
			steps: {
				s1: {
					prompt: 'What do you do?',
					choices: {
						accept: { label: 'Accept', next: 'bad', breaches: ['4-1'], upholds: [] },
						decline: { label: 'Decline', next: 'good', breaches: [], upholds: ['4-1', '4-2'] },
					},
				},
			},
			endings: { bad: { title: 'Breach', verdict: 'breach' }, good: { title: 'Best', verdict: 'best-practice' } },
		},
	},
};

const ann: Actor = { objectType: 'Agent', name: 'Ann Lee', mbox: 'mailto:Ann.Lee@example.org' };
const bob: Actor = { objectType: 'Agent', name: 'Bob Roy', account: { homePage: HOME, name: 'S100' } };
let n = 0;
function st(
	actor: Actor,
	event: CourseEvent,
	at: string,
	opts: { registration?: string; mode?: 'induction' | 'refresher'; policyVersion?: string; role?: string } = {},
): Statement {
	n++;
	return buildStatement(
		event,
		{
			iriBase: IRI,
			courseTitle: 'Course',
			courseVersion: '1.0.0',
			policyVersion: opts.policyVersion ?? '2',
			actor,
			registration: opts.registration ?? 'reg-1',
			role: opts.role ?? 'teaching',
			mode: opts.mode ?? 'induction',
			moduleTitles: { m: 'Module' },
		},
		`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		at,
	);
}
/** A completion whose code is made as the course makes it: over its facts and `before`, the attempt's earlier statements. */
async function completion(
	actor: Actor,
	at: string,
	opts: { registration?: string; mode?: 'induction' | 'refresher'; policyVersion?: string; score?: number } = {},
	before: Statement[] = [],
) {
	const registration = opts.registration ?? 'reg-1';
	const policyVersion = opts.policyVersion ?? '2';
	const score = opts.score ?? 90;
	const code = await verificationCode({ learner: 'mbox' in actor ? actor.mbox : actor.account.name, registration, score, policyVersion }, before);
	return st(actor, { type: 'course.completed', score, code, durationMs: 1000 }, at, { ...opts, registration, policyVersion });
}
const ack = (actor: Actor, version: string, at: string, registration?: string) =>
	st(actor, { type: 'policy.acknowledged', policyVersion: version, policyLabel: `version ${version}` }, at, { policyVersion: version, registration });
const decide = (actor: Actor, choiceId: string, at: string, role = 'teaching') =>
	st(
		actor,
		{
			type: 'scenario.decided',
			moduleId: 'm',
			scenarioId: 'friend',
			scenarioTitle: 'Friend request',
			stepId: 's1',
			prompt: 'What do you do?',
			choices: [
				{ id: 'accept', label: 'Accept' },
				{ id: 'decline', label: 'Decline' },
			],
			choiceId,
			durationMs: 1,
		},
		at,
		{ role },
	);
const end = (actor: Actor, endingId: string, at: string) =>
	st(
		actor,
		{
			type: 'scenario.ended',
			moduleId: 'm',
			scenarioId: 'friend',
			scenarioTitle: 'Friend request',
			endingId,
			endingTitle: endingId,
			verdict: endingId === 'good' ? 'best-practice' : 'breach',
			clauses: ['4-1'],
			durationMs: 1,
		},
		at,
	);
const answer = (actor: Actor, success: boolean, at: string) =>
	st(
		actor,
		{
			type: 'question.answered',
			moduleId: 'm',
			questionId: 'q1',
			setting: 'assessment',
			kind: 'truefalse',
			prompt: 'Q1',
			options: [],
			correct: ['true'],
			response: [String(success)],
			success,
			durationMs: 1,
		},
		at,
	);

const STAFF_CSV = `Name,Email or staff number,Academy,Role,Start date
Ann Lee,ann.lee@example.org,Oak Primary,Teaching staff,2024-09-01
Bob Roy,S100,Oak Primary,volunteer,01/09/2025
Cat New,cat@example.org,Elm Academy,Teaching staff,2026-01-01
`;

describe('refresher rule (11 months offered, 12 months due)', () => {
	const rule = course.refresher;
	const done = '2025-01-15T10:00:00.000Z';
	it('is current the day before the offer, due from the 11-month day', () => {
		expect(refresherStatus(done, '2025-12-14', rule).status).toBe('current');
		expect(refresherStatus(done, '2025-12-15', rule)).toEqual({ status: 'due', offered: '2025-12-15', due: '2026-01-15' });
	});
	it('is still due (not overdue) on exactly 12 months, overdue the day after', () => {
		expect(refresherStatus(done, '2026-01-15', rule).status).toBe('due');
		expect(refresherStatus(done, '2026-01-16', rule).status).toBe('overdue');
	});
	it('adds months exactly as the learner refresher does (src/course/refresher.ts)', () => {
		for (const at of ['2024-01-31T23:59:00Z', '2024-02-29T08:00:00Z', '2025-03-31T12:00:00Z', '2025-08-15T00:00:00Z', '2025-12-31T18:30:00Z'])
			for (const m of [1, 11, 12, 13, 24]) expect(addMonths(at, m).toISOString()).toBe(learnerAddMonths(at, m).toISOString());
	});
	it('clamps to the end of shorter months', () => {
		expect(refresherStatus('2025-01-31T09:00:00Z', '2025-12-01', rule)).toMatchObject({ offered: '2025-12-31', due: '2026-01-31' });
		expect(refresherStatus('2024-03-31T09:00:00Z', '2025-01-01', rule)).toMatchObject({ offered: '2025-02-28', due: '2025-03-31' });
	});
});

describe('staff list CSV', () => {
	it('reads email or staff number, role by label or id, ISO or UK dates', () => {
		const { staff, errors } = parseStaffCsv(STAFF_CSV, course);
		expect(errors).toEqual([]);
		expect(staff.map((s) => [s.key, s.role, s.startDate])).toEqual([
			['email:ann.lee@example.org', 'teaching', '2024-09-01'],
			['staff:S100', 'volunteer', '2025-09-01'],
			['email:cat@example.org', 'teaching', '2026-01-01'],
		]);
	});
	it('reports every unusable row by its row number and keeps the good ones', () => {
		const csv = `name,email,academy,role,start date
Ann Lee,ann.lee@example.org,Oak,Teaching staff,2024-09-01
,x@example.org,Oak,Teaching staff,2024-09-01
Dee,not an id!,Oak,Teaching staff,2024-09-01
Eve,eve@example.org,Oak,Chef,2024-09-01
Fay,fay@example.org,Oak,Volunteer,31/02/2026
Gus,ANN.LEE@example.org,Oak,Volunteer,2024-01-01
`;
		const { staff, errors } = parseStaffCsv(csv, course);
		expect(staff.map((s) => s.name)).toEqual(['Ann Lee']);
		expect(errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
		expect(errors[0]!.message).toContain('name is missing');
		expect(errors[1]!.message).toContain('neither an email address nor a staff number');
		expect(errors[2]!.message).toContain('"Chef" is not one of');
		expect(errors[3]!.message).toContain('"31/02/2026" is not a date');
		expect(errors[4]!.message).toContain('already on row 2');
	});
	it('names the missing columns when the header is wrong', () => {
		expect(parseStaffCsv('Name,Academy\nAnn,Oak\n', course).errors).toEqual([
			{ row: 1, message: expect.stringContaining('email or staff number, role, start date') },
		]);
	});
	it('rejects impossible dates', () => {
		expect(parseDate('2024-02-29')).toBe('2024-02-29');
		expect(parseDate('2025-02-29')).toBeUndefined();
		expect(parseDate('1/2/2025')).toBe('2025-02-01');
	});
});

describe('compliance view', () => {
	async function build(today: string, files: Statement[] = []) {
		const { staff } = parseStaffCsv(STAFF_CSV, course);
		const fold = new ReportFold(course, groupResolver(staff));
		// Ann: induction 2025-01-15, acknowledged v1 then v2. Bob: nothing in the LRS.
		// Zed: not on the list. Another course's statement is ignored.
		for (const s of [ack(ann, '1', '2025-01-15T09:00:00.000Z'), await completion(ann, '2025-01-15T10:00:00.000Z'), ack(ann, '2', '2025-02-01T09:00:00.000Z')])
			fold.add(s, 'lrs');
		fold.add(await completion({ objectType: 'Agent', name: 'Zed', mbox: 'mailto:zed@example.org' }, '2025-06-01T10:00:00.000Z', { registration: 'z' }), 'lrs');
		fold.add(
			{ ...ack(ann, '2', '2025-03-01T00:00:00Z'), object: { objectType: 'Activity', id: 'https://other.example/course', definition: { name: {}, type: 'x' } } },
			'lrs',
		);
		for (const s of files) fold.add(s, 'file');
		return { fold, staff, view: complianceView(fold, staff, course, { today, inductionDays: 28 }) };
	}
	it('joins the staff list: completed, induction due and overdue at its boundary, no record, not on the list', async () => {
		const { view, fold } = await build('2026-01-29');
		expect(fold.skipped).toBe(1);
		const by = Object.fromEntries(view.people.map((p) => [p.name, p]));
		expect(by['Ann Lee']).toMatchObject({
			status: 'completed',
			lastCompletion: '2025-01-15',
			refresher: 'overdue',
			ack: 'current',
			ackVersion: '2',
			selfReported: false,
		});
		// Cat started 2026-01-01: induction due by 2026-01-29 (28 days), still "due" on that day.
		expect(by['Cat New']).toMatchObject({ status: 'induction-due', inductionDue: '2026-01-29', hasRecord: false });
		// Bob started 2025-09-01: due 2025-09-29, long overdue.
		expect(by['Bob Roy']).toMatchObject({ status: 'induction-overdue', inductionDue: '2025-09-29', ack: 'none' });
		expect(view.notOnList.map((r) => r.id)).toEqual(['zed@example.org']);
		expect(view.totals).toMatchObject({
			staff: 3,
			completed: 1,
			inductionDue: 1,
			inductionOverdue: 1,
			refresherOverdue: 1,
			noRecord: 2,
			notOnList: 1,
			ackCurrent: 1,
		});
		const next = await build('2026-01-30');
		expect(next.view.people.find((p) => p.name === 'Cat New')!.status).toBe('induction-overdue');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
	});
	it('counts a completion known only from a file as self-reported, and a file repeating the LRS once', async () => {
		const fromFile = [
			ack(bob, '1', '2025-10-01T09:00:00.000Z'),
			await completion(bob, '2025-10-01T10:00:00.000Z', { registration: 'bob-1', policyVersion: '1' }),
		];
		const repeat = await completion(ann, '2025-01-15T10:00:00.000Z');
		const { view, fold } = await build('2025-11-01', [...fromFile, repeat]);
		const bobRow = view.people.find((p) => p.name === 'Bob Roy')!;
		expect(bobRow).toMatchObject({ status: 'completed', selfReported: true, ack: 'older', refresher: 'current' });
		const annSummary = fold.people.get('email:ann.lee@example.org')!;
		expect(annSummary.completions).toHaveLength(1);
		expect(annSummary.completions[0]!.sources).toEqual(['lrs', 'file']);
		expect(view.people.find((p) => p.name === 'Ann Lee')).toMatchObject({ selfReported: false, refresher: 'current' });
		expect(view.byGroup.find((g) => g.academy === 'Oak Primary' && g.role === 'volunteer')).toMatchObject({
			staff: 1,
			completed: 1,
			percent: 100,
			ackCurrent: 0,
		});
	});
	it('shows every acknowledgement with its version, so it tells who has acknowledged the current one (issue 20)', async () => {
		// Ann acknowledged v1 then v2 (current); Bob, from his file, v1 only; Cat nothing.
		const { view } = await build('2025-11-01', [
			ack(bob, '1', '2025-10-01T09:00:00.000Z'),
			await completion(bob, '2025-10-01T10:00:00.000Z', { registration: 'bob-1', policyVersion: '1' }),
		]);
		const by = Object.fromEntries(view.people.map((p) => [p.name, p]));
		expect(by['Ann Lee']!.acknowledgements).toEqual([
			{ version: '1', day: '2025-01-15' },
			{ version: '2', day: '2025-02-01' },
		]);
		expect(by['Ann Lee']!.ack).toBe('current');
		expect(by['Bob Roy']).toMatchObject({ ack: 'older', acknowledgements: [{ version: '1', day: '2025-10-01' }] });
		expect(by['Cat New']).toMatchObject({ ack: 'none', acknowledgements: [] });
		const table = complianceTables(view, course).find((t) => t.id === 'acknowledgement')!;
		const row = (name: string) => table.rows.find((r) => r.name === name)!;
		expect(row('Ann Lee')).toMatchObject({ ack: 'Current', version: '2', all: 'Version 1 on 2025-01-15; Version 2 on 2025-02-01' });
		expect(row('Bob Roy')).toMatchObject({ ack: 'Older version only', all: 'Version 1 on 2025-10-01' });
	});
	it('finds whose completion a verification code is', async () => {
		const { fold, staff } = await build('2025-11-01');
		const code = fold.people.get('email:ann.lee@example.org')!.completions[0]!.code!;
		expect(findCertificate(fold, code.toLowerCase().replace(/-/g, ' '), staff)).toMatchObject({
			found: { name: 'Ann Lee', academy: 'Oak Primary', completedAt: '2025-01-15', score: 90, onList: true },
		});
		expect(findCertificate(fold, 'AAAA-BBBB-CCCC', staff)).toEqual({ notFound: true });
		expect(findCertificate(fold, 'AB12', staff)).toHaveProperty('error');
	});
});

describe('analytics', () => {
	it('separates first attempts from replays, and counts clauses answered against the policy', () => {
		const { staff } = parseStaffCsv(STAFF_CSV, course);
		const fold = new ReportFold(course, groupResolver(staff));
		// Ann: first play accepts (breach of 4.1), replay declines. Bob: first play declines.
		// One wrong and one right answer to a question citing 9.1.
		for (const s of [
			decide(ann, 'accept', '2025-01-01T10:00:00Z'),
			end(ann, 'bad', '2025-01-01T10:01:00Z'),
			decide(ann, 'decline', '2025-01-01T10:02:00Z'),
			end(ann, 'good', '2025-01-01T10:03:00Z'),
			answer(ann, false, '2025-01-01T10:04:00Z'),
		])
			fold.add(s, 'lrs');
		for (const s of [decide(bob, 'decline', '2025-01-02T10:00:00Z'), end(bob, 'good', '2025-01-02T10:01:00Z'), answer(bob, true, '2025-01-02T10:02:00Z')])
			fold.add(s, 'lrs');
		const all = analyticsView(fold, course);
		const choices = Object.fromEntries(all.cases[0]!.steps[0]!.choices.map((c) => [c.choice, [c.first, c.replay, c.against]]));
		expect(choices).toEqual({ accept: [1, 0, true], decline: [1, 1, false] });
		expect(all.cases[0]!.endings.map((e) => [e.ending, e.first, e.replay])).toEqual([
			['bad', 1, 0],
			['good', 1, 1],
		]);
		const clauses = Object.fromEntries(all.clauses.map((c) => [c.clause, c]));
		// 3 decisions at a step citing 4.1 and 4.2; 1 of them (accept) breaches 4.1: 33%.
		expect(clauses['4-1']).toMatchObject({ stepAnswered: 3, stepAgainst: 1, againstPercent: 33 });
		expect(clauses['4-2']).toMatchObject({ stepAnswered: 3, stepAgainst: 0, againstPercent: 0 });
		expect(clauses['9-1']).toMatchObject({ questionAnswered: 2, questionAgainst: 1, againstPercent: 50 });
		expect(all.clauses[0]!.clause).toBe('9-1'); // the weakest first
		// By role: Bob is a volunteer on the staff list (the list's role wins over the course role).
		const volunteers = analyticsView(fold, course, { role: 'volunteer' });
		expect(volunteers.cases[0]!.steps[0]!.choices.map((c) => c.first)).toEqual([0, 1]);
		expect(analyticsView(fold, course, { academy: 'Elm Academy' }).cases).toEqual([]);
	});
});

describe('record files', () => {
	it('accepts a genuine record and sorts it oldest first', async () => {
		const earlier = ack(bob, '2', '2025-10-01T09:59:00.000Z', 'b');
		const file = [await completion(bob, '2025-10-01T10:00:00.000Z', { registration: 'b' }, [earlier]), earlier];
		const r = await readRecordFile('bob.json', JSON.stringify(file), course);
		expect(r.result).toEqual({ name: 'bob.json', ok: true, problems: [], count: 2, person: 'staff:S100' });
		expect(r.statements[0]!.verb.id).toContain('accept');
	});
	it('rejects an edited completion, mixed people, other courses and non-records, with reasons', async () => {
		const c = await completion(bob, '2025-10-01T10:00:00.000Z', { registration: 'b', score: 50 });
		const edited = structuredClone(c);
		edited.result!.score!.raw = 100;
		expect((await checkRecordFile('e.json', JSON.stringify([edited]), course)).problems).toEqual([
			expect.stringContaining('does not match its verification code'),
		]);
		// The code also covers the attempt's earlier statements: editing one, or dropping it, is caught.
		const earlier = ack(bob, '2', '2025-10-01T09:59:00.000Z', 'b');
		const covered = await completion(bob, '2025-10-01T10:00:00.000Z', { registration: 'b' }, [earlier]);
		expect((await checkRecordFile('c.json', JSON.stringify([earlier, covered]), course)).ok).toBe(true);
		const changedEarlier = { ...earlier, context: { ...earlier.context!, extensions: { ...earlier.context!.extensions, 'https://example.org/x': 1 } } };
		expect((await checkRecordFile('c2.json', JSON.stringify([changedEarlier, covered]), course)).problems).toEqual([
			expect.stringContaining('does not match its verification code'),
		]);
		expect((await checkRecordFile('c3.json', JSON.stringify([covered]), course)).problems).toEqual([
			expect.stringContaining('does not match its verification code'),
		]);
		expect((await checkRecordFile('m.json', JSON.stringify([c, ack(ann, '2', '2025-01-01T00:00:00Z')]), course)).problems).toEqual([
			expect.stringContaining("mixes 2 people's records"),
		]);
		const other = { ...c, object: { ...c.object, id: 'https://other.example/x' } };
		expect((await checkRecordFile('o.json', JSON.stringify([other]), course)).problems).toEqual(['Statement 1 is not from this course.']);
		expect((await checkRecordFile('x.json', 'not json', course)).ok).toBe(false);
		expect((await checkRecordFile('x.json', '{"a":1}', course)).problems[0]).toContain('list of statements');
	});
});

describe('a report run over record files', () => {
	it('reads, checks and folds one file at a time, and reports the ones that cannot count', async () => {
		const annFile = JSON.stringify([ack(ann, '2', '2025-10-01T09:00:00.000Z', 'a1'), ack(ann, '2', '2025-10-02T09:00:00.000Z', 'a1')]);
		const bobFile = JSON.stringify([ack(bob, '2', '2025-10-03T09:00:00.000Z', 'b1')]);
		const staff = parseStaffCsv(STAFF_CSV, course);
		const inputs = {
			course,
			staff,
			files: [source('ann.json', annFile), source('notes.json', 'my notes'), source('bob.json', bobFile)],
			options: { today: '2026-11-28', inductionDays: 28 },
		};
		// When each file's text is asked for, how many statements have been folded so far: a run
		// that read every file before folding any (holding them all) would see 0 each time.
		const fold = new ReportFold(course, groupResolver(staff.staff));
		const foldedWhenRead: number[] = [];
		function source(name: string, text: string) {
			return {
				name,
				text: async () => {
					foldedWhenRead.push(fold.read);
					return text;
				},
			};
		}
		await foldInputs(inputs, fold);
		expect(foldedWhenRead).toEqual([0, 2, 2]);
		const out = await runReport(inputs);
		expect(out.statementsRead).toBe(3);
		expect(out.files.map((f) => [f.name, f.ok, f.count])).toEqual([
			['ann.json', true, 2],
			['notes.json', false, 0],
			['bob.json', true, 1],
		]);
		expect(out.problems.find((t) => t.id === 'file-errors')!.rows).toEqual([
			{ file: 'notes.json', problem: 'It is not a training record: it cannot be read as JSON.' },
		]);
	});
});

describe('LRS client', () => {
	it('asks for the course activity with related activities, oldest first, and follows `more`', async () => {
		const calls: Array<{ url: string; headers: Record<string, string> }> = [];
		const pages: Record<string, unknown> = {
			first: { statements: [{ id: 'a' }, { id: 'b' }], more: '/xAPI/statements/more/2' },
			second: { statements: [{ id: 'c' }], more: '' },
		};
		const fake = (async (url: string, init: RequestInit) => {
			calls.push({ url, headers: init.headers as Record<string, string> });
			return new Response(JSON.stringify(url.includes('/more/2') ? pages.second : pages.first), { status: 200 });
		}) as unknown as typeof fetch;
		const seen: string[] = [];
		const total = await readStatements(
			{ endpoint: 'https://lrs.example.org/xAPI', auth: basicAuth('k', 's') },
			IRI,
			(p) => void seen.push(...p.map((s) => s.id!)),
			{ fetch: fake, limit: 2 },
		);
		expect(total).toBe(3);
		expect(seen).toEqual(['a', 'b', 'c']);
		const first = new URL(calls[0]!.url);
		expect(first.pathname).toBe('/xAPI/statements');
		expect(Object.fromEntries(first.searchParams)).toMatchObject({ activity: IRI, related_activities: 'true', ascending: 'true', limit: '2', format: 'ids' });
		expect(calls[1]!.url).toBe('https://lrs.example.org/xAPI/statements/more/2');
		expect(calls[0]!.headers).toMatchObject({ Authorization: `Basic ${btoa('k:s')}`, 'X-Experience-API-Version': '1.0.3' });
	});
	it('reads names only for people not on the staff list, from their latest statement', async () => {
		// The bulk read (format=ids) carries no names, as a conformant LRS sends it.
		const idsOnly = (s: Statement) => ({ ...s, actor: 'mbox' in s.actor ? { mbox: s.actor.mbox } : { account: s.actor.account } });
		const zed: Actor = { objectType: 'Agent', name: 'Zed Ray', mbox: 'mailto:zed@example.org' };
		const bulk = [
			ack(ann, '2', '2025-10-01T09:00:00.000Z', 'a1'),
			ack(zed, '2', '2025-10-02T09:00:00.000Z', 'z1'),
			ack(bob, '2', '2025-10-03T09:00:00.000Z', 'b1'),
		];
		const asked: URLSearchParams[] = [];
		const progress: unknown[] = [];
		const fake = (async (url: string) => {
			const q = new URL(url).searchParams;
			asked.push(q);
			if (q.get('agent')) {
				const who = JSON.parse(q.get('agent')!) as { mbox?: string };
				return new Response(JSON.stringify({ statements: who.mbox === zed.mbox ? [ack(zed, '2', '2025-10-02T09:00:00.000Z', 'z1')] : [], more: '' }));
			}
			return new Response(JSON.stringify({ statements: bulk.map(idsOnly), more: '' }));
		}) as unknown as typeof fetch;
		const out = await runReport({
			course,
			staff: parseStaffCsv(STAFF_CSV, course),
			lrs: { endpoint: 'https://lrs.example.org/xAPI/', auth: 'x' },
			files: [],
			options: { today: '2026-11-28', inductionDays: 28 },
			fetch: fake,
			onProgress: (read, naming) => progress.push([read, naming]),
		});
		expect(out.fold.people.get('email:zed@example.org')!.name).toBe('Zed Ray');
		// The page and the command line say what the run is waiting for.
		expect(progress).toEqual([
			[3, undefined],
			[3, { done: 0, of: 1 }],
		]);
		expect(out.compliance.find((t) => t.id === 'not-on-list')!.rows).toEqual([expect.objectContaining({ name: 'Zed Ray', id: 'zed@example.org' })]);
		// One bulk read, then one question, about Zed alone: Ann and Bob are named by the staff list.
		expect(asked.map((q) => [q.get('format'), q.get('agent')])).toEqual([
			['ids', null],
			['exact', JSON.stringify({ mbox: 'mailto:zed@example.org' })],
		]);
		expect(asked[1]!.get('limit')).toBe('1');
		expect(asked[1]!.get('ascending')).toBeNull();
	});
	it('says plainly when the credentials are refused', async () => {
		const fake = (async () => new Response('{}', { status: 401 })) as unknown as typeof fetch;
		await expect(readStatements({ endpoint: 'https://lrs.example.org/xAPI/', auth: 'x' }, IRI, () => {}, { fetch: fake })).rejects.toThrow(LrsError);
	});
});

describe('CSV export', () => {
	it('quotes commas and neutralises spreadsheet formulas typed as names', () => {
		const csv = toCsv({
			id: 't',
			title: 'T',
			columns: [
				{ key: 'a', label: 'Name' },
				{ key: 'b', label: 'N' },
			],
			rows: [
				{ a: '=HYPERLINK("x")', b: 3 },
				{ a: 'Lee, Ann', b: -1 },
			],
		});
		expect(csv).toBe('Name,N\r\n"\'=HYPERLINK(""x"")",3\r\n"Lee, Ann",-1\r\n');
	});
});

describe('CSV reading', () => {
	it('handles quotes, commas and line breaks inside quotes, CRLF and a BOM; rows keep their file line', () => {
		const { staff, errors } = parseStaffCsv(
			'\uFEFFName,Email,Academy,Role,Start date\r\n"Lee, Ann ""AJ""",ann@example.org,"Oak\nPrimary",Teaching staff,2024-09-01\r\n\r\nBob,S1,Elm,Volunteer,2025-01-01\r\n',
			course,
		);
		expect(errors).toEqual([]);
		expect(staff.map((s) => [s.row, s.name, s.academy])).toEqual([
			[2, 'Lee, Ann "AJ"', 'Oak\nPrimary'],
			[5, 'Bob', 'Elm'],
		]);
	});
	it('reports a quote that is never closed', () => {
		const { errors } = parseStaffCsv(
			'Name,Email,Academy,Role,Start date\nAnn,ann@example.org,Oak,Teaching staff,2024-09-01\n"Bob,S1,Elm,Volunteer,2025-01-01\n',
			course,
		);
		expect(errors).toEqual([{ row: 3, message: expect.stringContaining('never closed') }]);
	});
});
