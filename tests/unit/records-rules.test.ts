/**
 * The records' own rules, without a browser: the verification code catches any edit of the
 * record it belongs to; LMS.LaunchData is checked field by field; Retry-After is honoured; and
 * the tests' independent cmi5 checker really finds breaches (so a clean result means something).
 */
import { describe, expect, it } from 'vitest';
import { validateLaunchData, LaunchProblem, toDefined, type Cmi5Launch } from '../../src/records/cmi5.ts';
import { parseRetryAfter, retryDelay } from '../../src/records/outbox.ts';
import { buildStatement, EXT, type Statement } from '../../src/records/statements.ts';
import { verificationCode, verifyRecordCode } from '../../src/records/verification.ts';
import { cmi5Breaches, CMI5_IRI, type LrsStatement } from '../lrs/cmi5-rules.ts';

const ctx = {
	iriBase: 'https://learning.reach2.org/xapi/social-media-policy',
	courseTitle: 'Social media',
	courseVersion: '1.0.0',
	policyVersion: '2',
	actor: { objectType: 'Agent' as const, name: 'Ada', mbox: 'mailto:ada@example.org' },
	registration: '4f1c2d9e-1b2a-4c3d-8e9f-0a1b2c3d4e5f',
	role: 'teaching',
	mode: 'induction' as const,
	moduleTitles: { monitoring: 'Monitoring' },
};
let clock = Date.parse('2026-11-28T10:00:00.000Z');
const at = () => new Date((clock += 1000)).toISOString();
const make = (event: Parameters<typeof buildStatement>[0]) => buildStatement(event, ctx, crypto.randomUUID(), at());

async function completedRecord(): Promise<Statement[]> {
	const before = [
		make({ type: 'course.initialized' }),
		make({ type: 'lesson.experienced', moduleId: 'monitoring', lessonId: 'a', title: 'A', moduleTitle: 'Monitoring' }),
		make({ type: 'assessment.finished', attemptId: 'x', correct: 11, total: 12, passMark: 80, passed: true, durationMs: 60000 }),
	];
	const code = await verificationCode({ learner: ctx.actor.mbox, registration: ctx.registration, score: 92, policyVersion: '2' }, before);
	return [...before, make({ type: 'course.completed', score: 92, code, durationMs: 100000 }), make({ type: 'course.terminated', durationMs: 100000 })];
}

describe('verification code', () => {
	it('matches an untouched record, and names the completion it belongs to', async () => {
		const record = await completedRecord();
		const check = await verifyRecordCode(JSON.parse(JSON.stringify(record)));
		expect(check).toMatchObject({ ok: true });
	});

	it('detects any edit: a changed answer, a removed or added statement, another learner or score', async () => {
		const record = await completedRecord();
		const code = record[3]!.result!.extensions![EXT.verification] as string;
		const edits: Array<(r: Statement[]) => unknown> = [
			(r) => {
				r[2]!.result!.score!.raw = 12;
			},
			(r) => r.splice(1, 1),
			(r) => r.splice(1, 0, { ...r[1]!, id: crypto.randomUUID() }),
			(r) => {
				(r[3]!.actor as { mbox: string }).mbox = 'mailto:someone@example.org';
			},
			(r) => {
				r[3]!.result!.score!.raw = 100;
			},
			(r) => {
				r[0]!.timestamp = '2026-11-28T09:00:00.000Z';
				r[0]!.verb.id = 'http://adlnet.gov/expapi/verbs/experienced';
			},
		];
		for (const edit of edits) {
			const copy = JSON.parse(JSON.stringify(record)) as Statement[];
			edit(copy);
			expect(await verifyRecordCode(copy, code)).toMatchObject({ ok: false });
		}
		expect(await verifyRecordCode(record, 'AAAA-BBBB-CCCC')).toMatchObject({ ok: false, reason: expect.stringContaining('No course completion') });
	});

	it('still verifies a cmi5 completion, whose score moved to an extension', async () => {
		const record = await completedRecord();
		const launch: Cmi5Launch = {
			kind: 'cmi5',
			endpoint: 'https://lrs/',
			fetchUrl: 'https://lms/f',
			actor: {},
			registration: ctx.registration,
			activityId: 'https://lms/au/1',
		};
		record[3] = toDefined(record[3]!, 'completed', launch, { contextTemplate: { extensions: { [CMI5_IRI.sessionId]: 's' } }, launchMode: 'Normal' });
		expect(record[3].result?.score).toBeUndefined();
		expect(await verifyRecordCode(record)).toMatchObject({ ok: true });
	});
});

describe('LMS.LaunchData', () => {
	const good = {
		contextTemplate: { extensions: { [CMI5_IRI.sessionId]: 's1' } },
		launchMode: 'Normal',
		moveOn: 'Passed',
		masteryScore: 0.95,
		returnURL: 'https://lms.example.org/done',
	};
	const base = 'https://course.example.org/';
	it('accepts valid data, resolving a relative returnURL against the course', () => {
		expect(validateLaunchData(good, base)).toMatchObject({ masteryScore: 0.95, returnURL: 'https://lms.example.org/done' });
		expect(validateLaunchData({ ...good, returnURL: '/?returned=1' }, base).returnURL).toBe('https://course.example.org/?returned=1');
	});
	it('refuses each bad field with fixed wording for the learner and the detail apart', () => {
		for (const bad of [
			{ masteryScore: 'abc' },
			{ masteryScore: 5 },
			{ masteryScore: -1 },
			{ masteryScore: Number.NaN },
			{ returnURL: 'javascript:alert(1)' },
			{ returnURL: 'data:text/html,x' },
			{ returnURL: 42 },
			{ launchMode: 'Sneaky' },
			{ moveOn: 'Whenever' },
			{ contextTemplate: {} },
			{ launchParameters: {} },
		]) {
			let thrown: unknown;
			try {
				validateLaunchData({ ...good, ...bad }, base);
			} catch (error) {
				thrown = error;
			}
			expect(thrown, JSON.stringify(bad)).toBeInstanceOf(LaunchProblem);
			expect((thrown as LaunchProblem).message).toBe(
				'Your learning system sent launch settings the course cannot use, so your records are kept on this device only. The details are on My record.',
			);
			expect((thrown as LaunchProblem).detail).toMatch(/^LMS\.LaunchData: /);
		}
	});
});

describe('Retry-After', () => {
	it('reads seconds and HTTP dates, and never retries sooner than the LRS asked', () => {
		expect(parseRetryAfter('7')).toBe(7000);
		expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThan(28_000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(retryDelay(1, 7000)).toBe(7000);
		expect(retryDelay(1)).toBe(2000);
		expect(retryDelay(5, 1000)).toBe(32_000);
	});
});

describe('the independent cmi5 checker', () => {
	const au = 'https://lms.example.org/au/1';
	const s = (verb: string, session: string, defined: boolean, extra: Partial<LrsStatement> = {}): LrsStatement => ({
		id: crypto.randomUUID(),
		timestamp: at(),
		actor: { account: { homePage: 'https://lms', name: 'k' } },
		verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
		object: { id: defined ? au : 'https://course/lesson' },
		result:
			verb === 'passed'
				? { success: true, score: { scaled: 1 } }
				: verb === 'failed'
					? { success: false, score: { scaled: 0.5 } }
					: verb === 'completed'
						? { completion: true }
						: undefined,
		context: {
			registration: 'r',
			contextActivities: {
				category: defined ? [{ id: CMI5_IRI.category }, ...(['passed', 'failed', 'completed'].includes(verb) ? [{ id: CMI5_IRI.moveOn }] : [])] : [],
			},
			extensions: { [CMI5_IRI.sessionId]: session, ...(['passed', 'failed'].includes(verb) ? { [CMI5_IRI.masteryScore]: 0.8 } : {}) },
		},
		...extra,
	});
	const rules = { activityId: au, masteryScore: 0.8, sessionsEnded: true };
	it('accepts a conformant fail-then-pass across two sessions', () => {
		expect(
			cmi5Breaches(
				[
					s('initialized', 'a', true),
					s('failed', 'a', true),
					s('passed', 'a', false),
					s('terminated', 'a', true),
					s('initialized', 'b', true),
					s('passed', 'b', true),
					s('completed', 'b', true),
					s('terminated', 'b', true),
				],
				rules,
			),
		).toEqual([]);
	});
	it('finds each breach', () => {
		expect(cmi5Breaches([s('experienced', 'a', false), s('initialized', 'a', true), s('terminated', 'a', true)], rules)).toEqual([
			expect.stringContaining('starts with experienced'),
			expect.stringContaining('initialized after its first statement'),
		]);
		expect(cmi5Breaches([s('initialized', 'a', true), s('failed', 'a', true), s('passed', 'a', true), s('terminated', 'a', true)], rules)).toEqual([
			expect.stringContaining('both passed and failed'),
		]);
		expect(cmi5Breaches([s('initialized', 'a', true), s('terminated', 'a', true), s('experienced', 'a', false)], rules).join()).toContain('after terminated');
		const start = s('initialized', 'a', true);
		const noMoveOn = s('failed', 'a', true);
		noMoveOn.context!.contextActivities!.category = [{ id: CMI5_IRI.category }];
		expect(cmi5Breaches([start, noMoveOn, s('terminated', 'a', true)], rules)).toEqual(['defined failed lacks the moveOn category']);
		expect(
			cmi5Breaches(
				[
					s('initialized', 'a', true),
					s('passed', 'a', true),
					s('terminated', 'a', true),
					s('initialized', 'b', true),
					s('failed', 'b', true),
					s('terminated', 'b', true),
				],
				rules,
			),
		).toEqual([expect.stringContaining('failed after a defined passed')]);
		const first = s('initialized', 'a', true);
		const noSession = s('experienced', 'a', false);
		delete noSession.context!.extensions![CMI5_IRI.sessionId];
		expect(cmi5Breaches([first, noSession, s('terminated', 'a', true)], { ...rules, sessionsEnded: false }).join()).toContain('no session id');
	});
});
