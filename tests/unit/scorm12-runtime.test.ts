/**
 * The SCORM 1.2 runtime against scorm-again's LMS-side Scorm12API: initialise, status, score,
 * session time, suspend and resume, finish; and API discovery through parent and opener chains.
 */
import * as scorm12 from 'scorm-again/scorm12';
import { describe, expect, it } from 'vitest';
import { findApi, MAX_PARENTS, type ApiWindow, type Scorm12Api } from '../../src/lms/scorm12/api.ts';
import { displayName, lessonStatus, score, timespan } from '../../src/lms/scorm12/cmi.ts';
import { learnerOf, Scorm12Runtime } from '../../src/lms/scorm12/runtime.ts';
import { Scorm12Session } from '../../src/lms/scorm12/session.ts';
import { scorm12Transport } from '../../src/lms/scorm12/transport.ts';
import type { AssessmentAttempt, Progress } from '../../src/stores/progress.ts';
import { attempt } from './attempt.ts';

// The ESM build exports the class by name; its type declarations say default.
const { Scorm12API } = scorm12 as unknown as { Scorm12API: typeof import('scorm-again/scorm12').default };
const DICTIONARY = '"lessons":{"overview/social-media-and-the-trust":"~';

function lms(cmi: Record<string, unknown> = {}) {
	const api = new Scorm12API({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
	api.loadFromJSON({ core: { student_id: 'jo.smith@reach2.org', student_name: 'Smith, Jo', ...(cmi.core as object) }, ...cmi });
	// exit and session_time are write-only in SCORM 1.2: what the SCO set is read from the calls.
	const sets: Array<[string, string]> = [];
	const set = api.LMSSetValue;
	api.LMSSetValue = (element: string, value: string) => (sets.push([element, value]), set.call(api, element, value));
	return Object.assign(api, { lastSet: (element: string) => sets.filter(([e]) => e === element).at(-1)?.[1] });
}

function progress(): Progress {
	return {
		attempt: attempt({ registration: 'r1', startedAt: '2026-11-28T10:00:00.000Z' }),
		history: [],
		assessment: { finished: [] },
	};
}

function finished(correct: number, passed: boolean, minute: number): AssessmentAttempt {
	return {
		id: `a${minute}`,
		seed: 1,
		questionIds: ['q'],
		optionOrder: {},
		answers: {},
		startedAt: `2026-11-28T10:${String(minute).padStart(2, '0')}:00.000Z`,
		finishedAt: `2026-11-28T10:${String(minute).padStart(2, '0')}:30.000Z`,
		correct,
		total: 12,
		passed,
	};
}

describe('SCORM 1.2 data model mapping', () => {
	it('goes incomplete -> completed (path done, no result) -> failed -> passed on a retake', () => {
		const p = progress();
		expect(lessonStatus(p, false)).toBe('incomplete');
		expect(lessonStatus(p, true)).toBe('completed');
		p.assessment.finished.push(finished(7, false, 1));
		expect(lessonStatus(p, true)).toBe('failed');
		p.assessment.finished.push(finished(11, true, 2));
		expect(lessonStatus(p, true)).toBe('passed');
	});

	it('ignores results from before the current attempt (a refresher starts without one)', () => {
		const p = progress();
		p.assessment.finished.push({ ...finished(12, true, 1), startedAt: '2025-01-01T00:00:00.000Z' });
		expect(lessonStatus(p, false)).toBe('incomplete');
		expect(score(p)).toBeNull();
	});

	it('scores a whole percentage 0-100, floored as the course shows it', () => {
		const p = progress();
		p.assessment.finished.push(finished(11, true, 1));
		expect(score(p)).toEqual({ raw: '91', min: '0', max: '100' }); // 91.67 shown as 91%
	});

	it('writes CMITimespan as HHHH:MM:SS.SS', () => {
		expect(timespan(0)).toBe('0000:00:00.00');
		expect(timespan(3_723_456)).toBe('0001:02:03.46');
		expect(timespan(-5)).toBe('0000:00:00.00');
		expect(timespan(1e15)).toBe('9999:59:59.99');
	});

	it('shows "Last, First" as "First Last" and keeps other names as sent', () => {
		expect(displayName('Smith, Jo')).toBe('Jo Smith');
		expect(displayName('  Amara   Okafor ')).toBe('Amara Okafor');
		expect(displayName('Smith, Jo, Jr')).toBe('Smith, Jo, Jr');
		expect(learnerOf('Patel, Ravi', '20417')).toEqual({ name: 'Ravi Patel', id: '20417', idKind: 'staff' });
		expect(learnerOf('Patel, Ravi', '<b>')).toBeNull();
	});
});

describe('SCORM 1.2 session with scorm-again as the LMS', () => {
	it('initialises once, reads the learner, sets incomplete on a first launch', () => {
		const api = lms();
		const runtime = new Scorm12Runtime(api as unknown as Scorm12Api, DICTIONARY);
		const start = runtime.start()!;
		expect(start.learner).toEqual({ name: 'Jo Smith', id: 'jo.smith@reach2.org', idKind: 'email' });
		expect(start.resume).toBeNull();
		expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('incomplete');
		expect(runtime.session.initialize()).toBe(true); // a second call does not re-initialise
	});

	it('reports failed then passed with the score, suspend on exit until passed, and the session time on finish', () => {
		let clock = 1_000_000;
		const api = lms();
		const runtime = new Scorm12Runtime(api as unknown as Scorm12Api, DICTIONARY, () => clock);
		runtime.start();
		const p = progress();
		p.assessment.finished.push(finished(6, false, 1));
		expect(runtime.report(p, true, 'assessment/')).toBe(true); // the status changed: the wrapper commits
		expect(runtime.report(p, true, 'assessment/')).toBe(false);
		expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('failed');
		expect(api.LMSGetValue('cmi.core.score.raw')).toBe('50');
		expect(api.lastSet('cmi.core.exit')).toBe('suspend');
		p.assessment.finished.push(finished(12, true, 2));
		runtime.report(p, true, 'certificate/');
		expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('passed');
		expect(api.LMSGetValue('cmi.core.score.raw')).toBe('100');
		expect(api.LMSGetValue('cmi.core.score.max')).toBe('100');
		expect(api.lastSet('cmi.core.exit')).toBe('');
		expect(api.LMSGetValue('cmi.core.lesson_location')).toBe('certificate/');
		clock += 3_723_456;
		expect(runtime.finish()).toBe(true);
		expect(api.lastSet('cmi.core.session_time')).toBe('0001:02:03.46');
		expect(api.isTerminated()).toBe(true);
	});

	it('resumes from the suspend_data and location the LMS kept from the last session', () => {
		const first = lms();
		const runtime = new Scorm12Runtime(first as unknown as Scorm12Api, DICTIONARY);
		runtime.start();
		const p = progress();
		p.attempt.lessons['overview/social-media-and-the-trust'] = '2026-11-28T10:05:00.000Z';
		runtime.report(p, false, 'modules/overview/two-lives-one-reputation/');
		runtime.finish();
		const kept = {
			suspend_data: first.cmi.suspend_data,
			core: { lesson_location: first.cmi.core.lesson_location, lesson_status: first.cmi.core.lesson_status, entry: 'resume' },
		};
		expect(kept.suspend_data.length).toBeLessThanOrEqual(4096);

		const second = lms(kept);
		const start = new Scorm12Runtime(second as unknown as Scorm12Api, DICTIONARY).start()!;
		expect(start.resume?.attempt.lessons).toEqual(p.attempt.lessons);
		expect(start.location).toBe('modules/overview/two-lives-one-reputation/');
		expect(second.LMSGetValue('cmi.core.lesson_status')).toBe('incomplete');
	});

	it('keeps the LMS error code, text and diagnostic when a call is refused', () => {
		const api = lms();
		const session = new Scorm12Session(api as unknown as Scorm12Api);
		session.initialize();
		expect(session.set('cmi.core.lesson_status', 'finished-ish')).toBe(false);
		expect(session.errors[0]).toMatchObject({ call: 'LMSSetValue(cmi.core.lesson_status)', code: '405' });
		expect(session.errors[0]!.message).not.toBe('');
		expect(session.finish()).toBe(true);
		expect(session.set('cmi.core.exit', 'suspend')).toBe(false); // after finish: nothing is sent
	});
});

describe('SCORM 1.2 as a Transport (the same shape as the LRS and cmi5 connections)', () => {
	it('opens with the learner, commits a changed status at once, and finishes', async () => {
		const api = lms();
		let commits = 0;
		const commit = api.LMSCommit;
		api.LMSCommit = (arg?: string) => (commits++, commit.call(api, arg));
		const transport = scorm12Transport(new Scorm12Runtime(api as unknown as Scorm12Api, DICTIONARY));
		const opening = await transport.start();
		expect(opening).toMatchObject({ kind: 'open', session: { learner: { id: 'jo.smith@reach2.org' } } });
		const p = progress();
		p.assessment.finished.push(finished(6, false, 1));
		expect(await transport.send([{ progress: p, done: true, location: 'assessment/' }])).toEqual({ kind: 'accepted' });
		expect(commits).toBe(1); // incomplete -> failed: committed at once
		expect(await transport.send([{ progress: p, done: true, location: 'assessment/' }])).toEqual({ kind: 'accepted' });
		expect(commits).toBe(1); // nothing changed: no commit
		expect(await transport.finish()).toEqual({ kind: 'accepted' });
		expect(api.isTerminated()).toBe(true);
	});

	it('an LMS that refuses to start is a refused opening with its error; a refused call is a rejected delivery with the code', async () => {
		const refusing = lms();
		refusing.LMSInitialize = () => 'false';
		const closed = await scorm12Transport(new Scorm12Runtime(refusing as unknown as Scorm12Api, DICTIONARY)).start();
		expect(closed.kind).toBe('refused');

		const api = lms();
		const transport = scorm12Transport(new Scorm12Runtime(api as unknown as Scorm12Api, DICTIONARY));
		await transport.start();
		api.LMSCommit = () => 'false';
		const delivery = await transport.send([{ progress: progress(), done: false, commit: true }]);
		expect(delivery).toMatchObject({ kind: 'rejected' });
		expect(delivery.kind === 'rejected' && delivery.message).toMatch(/^LMSCommit: /);
	});
});

describe('SCORM 1.2 API discovery', () => {
	const api = { LMSInitialize: () => 'true', LMSSetValue: () => 'true' };
	function chain(depth: number, apiAt: number | null): ApiWindow[] {
		const wins: ApiWindow[] = [];
		for (let i = 0; i <= depth; i++) wins.push({ parent: null, ...(i === apiAt ? { API: api } : {}) });
		wins.forEach((w, i) => (w.parent = wins[i + 1] ?? w)); // the top's parent is itself
		return wins;
	}

	it('finds the API on a parent up to the limit, not beyond', () => {
		expect(findApi(chain(3, 3)[0]!)).toBe(api);
		expect(findApi(chain(MAX_PARENTS, MAX_PARENTS)[0]!)).toBe(api);
		expect(findApi(chain(MAX_PARENTS + 1, MAX_PARENTS + 1)[0]!)).toBeNull();
	});

	it('looks in the opener chain when no parent has it, and survives cross-origin windows', () => {
		const opener = chain(2, 2);
		const top = chain(1, null);
		top[1]!.opener = opener[0]!;
		expect(findApi(top[0]!)).toBe(api);
		const hostile = {
			get API(): unknown {
				throw new DOMException('cross-origin');
			},
			parent: null,
		} as unknown as ApiWindow;
		const win: ApiWindow = { parent: hostile };
		expect(findApi(win)).toBeNull();
	});
});
