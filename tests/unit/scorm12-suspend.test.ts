/**
 * cmi.suspend_data: the longest possible learner state of the real course fits SCORM 1.2's
 * 4,096 characters, and what is encoded comes back as it was.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attempt } from './attempt.ts';
import { loadCourse } from '../../src/build/load.ts';
import type { AssessmentAttempt, CheckRun, Progress } from '../../src/stores/progress.ts';
import { suspendDictionary } from '../../src/lms/scorm12/dictionary.ts';
import { decodeSuspendData as decode, encodeSuspendData as encode, resumable, SUSPEND_DATA_MAX } from '../../src/lms/scorm12/suspend.ts';

const loaded = loadCourse(resolve('modules'));
const course = loaded.course;
// The same dictionary the wrapper page builds from the site's content.
const dictionary = suspendDictionary({
	modules: loaded.modules.map((m) => ({
		id: m.id,
		lessons: m.lessons,
		scenarios: m.scenarios.map((s) => ({ id: s.id, endings: s.data.endings })),
		questions: m.questions.map((q) => ({ id: q.id, options: 'options' in q.data ? (q.data.options as Array<{ id: string }>) : undefined })),
	})),
});
const encodeSuspendData = (p: Progress) => encode(p, dictionary);
const decodeSuspendData = (text: string) => decode(text, dictionary);
const longest = <T>(list: T[], len: (x: T) => number): T[] => [...list].sort((a, b) => len(b) - len(a));

// Every time distinct, with milliseconds, over a year: nothing for the compressor to share.
let clock = Date.parse('2026-01-01T00:00:00Z');
const at = () => new Date((clock += 1 + Math.floor(Math.random() * 3_000_000))).toISOString();
const optionIds = (q: (typeof loaded.modules)[number]['questions'][number]) =>
	'options' in q.data && Array.isArray(q.data.options) ? (q.data.options as Array<{ id: string }>).map((o) => o.id) : ['true', 'false'];
const allQuestions = loaded.modules.flatMap((m) => m.questions);
const shuffled = <T>(list: T[]) => [...list].sort(() => Math.random() - 0.5);

function assessment(count: number, finished: boolean): AssessmentAttempt {
	// The questions with the longest ids and options, every option chosen.
	const qs = longest(allQuestions, (q) => q.id.length + optionIds(q).join().length * 2).slice(0, count);
	return {
		id: crypto.randomUUID(),
		seed: 2 ** 31 - 1,
		questionIds: qs.map((q) => q.id),
		optionOrder: Object.fromEntries(qs.map((q) => [q.id, shuffled(optionIds(q))])),
		answers: Object.fromEntries(qs.map((q) => [q.id, shuffled(optionIds(q))])),
		startedAt: at(),
		...(finished
			? {
					finishedAt: at(),
					correct: count - 3,
					total: count,
					passed: false,
					byModule: Object.fromEntries(loaded.modules.map((m) => [m.id, [3, 4] as [number, number]])),
				}
			: { view: { kind: 'question' as const, index: count - 1 } }),
		savedAt: at(),
	};
}

/** Everything at once, beyond what one learner can reach: every lesson, case (longest ending), check, module tested out and completed, a pre-check, acknowledgement, history, two finished assessments and one in progress, every knowledge check mid-way. */
function worstCase(): Progress {
	const registration = crypto.randomUUID();
	const startedAt = at();
	const mods = loaded.modules;
	const checkRun = (m: (typeof mods)[number]): CheckRun => {
		const qs = longest(m.questions, (q) => q.id.length).slice(0, course.knowledgeCheck.questionCount);
		return {
			registration,
			seed: 2 ** 31 - 1,
			questionIds: qs.map((q) => q.id),
			optionOrder: Object.fromEntries(qs.map((q) => [q.id, shuffled(optionIds(q))])),
			index: 2,
			answers: Object.fromEntries(qs.map((q) => [q.id, optionIds(q)])),
			checked: true,
			savedAt: at(),
		};
	};
	const finishedFail = assessment(course.assessment.questionCount, true);
	const finishedPass = { ...assessment(course.assessment.questionCount, true), passed: true, correct: 12 };
	return {
		attempt: {
			registration,
			mode: 'refresher',
			startedAt,
			courseVersion: course.version,
			policyVersion: course.policyVersion,
			initializedAt: at(),
			lessons: Object.fromEntries(mods.flatMap((m) => m.lessons.map((l) => [`${m.id}/${l.id}`, at()]))),
			scenarios: Object.fromEntries(
				mods.flatMap((m) =>
					m.scenarios.map((s) => [s.id, { endingId: longest(s.data.endings, (e) => e.id.length)[0]!.id, verdict: 'best-practice', at: at() }]),
				),
			),
			checks: Object.fromEntries(mods.map((m) => [m.id, { at: at(), correct: 4, total: 4 }])),
			testedOut: Object.fromEntries(mods.map((m) => [m.id, at()])),
			modulesCompleted: Object.fromEntries(mods.map((m) => [m.id, at()])),
			preCheck: { at: at(), results: Object.fromEntries(mods.map((m) => [m.id, { correct: 2, total: 2 }])) },
			acknowledged: { at: at(), policyVersion: course.policyVersion, courseVersion: course.version },
			completed: { at: at(), score: 100, code: 'ABCD-EFGH-JKLM-NPQR' },
		},
		history: [1, 2, 3].map(() => ({
			registration: crypto.randomUUID(),
			mode: 'induction' as const,
			completedAt: at(),
			courseVersion: course.version,
			policyVersion: course.policyVersion,
			score: 92,
			code: 'ABCD-EFGH-JKLM-NPQR',
			seenQuestions: assessment(course.assessment.questionCount, false).questionIds,
		})),
		assessment: {
			current: assessment(course.assessment.questionCount, false),
			finished: [finishedFail, finishedPass, assessment(course.assessment.questionCount, true)],
		},
		preCheck: {
			questionIds: Object.fromEntries(
				mods.map((m) => [
					m.id,
					longest(m.questions, (q) => q.id.length)
						.slice(0, course.refresher.preCheckQuestions)
						.map((q) => q.id),
				]),
			),
			answers: Object.fromEntries(
				mods.map((m) => [
					m.id,
					longest(m.questions, (q) => q.id.length)
						.slice(0, 1)
						.map((q) => q.id),
				]),
			),
			startedAt: at(),
			savedAt: at(),
		},
		checkRuns: Object.fromEntries(mods.map((m) => [m.id, checkRun(m)])),
	};
}

describe('cmi.suspend_data encoding', () => {
	it('fits the longest possible learner state of the real course in 4,096 characters', () => {
		let worst = 0;
		for (let i = 0; i < 20; i++) worst = Math.max(worst, encodeSuspendData(worstCase()).length);
		console.info(`worst-case suspend_data: ${worst} of ${SUSPEND_DATA_MAX} characters`);
		expect(worst).toBeLessThanOrEqual(SUSPEND_DATA_MAX);
	});

	it('gives back exactly the resumable part of the progress', () => {
		const p = worstCase();
		const text = encodeSuspendData(p);
		expect(text).toMatch(/^[\x20-\x7e]+$/); // plain ASCII: safe in any LMS database
		expect(decodeSuspendData(text)).toEqual(JSON.parse(JSON.stringify(resumable(p))));
	});

	it('keeps what the course reads back: the latest and the passing finished assessment, the latest completion', () => {
		const p = worstCase();
		const back = decodeSuspendData(encodeSuspendData(p))!;
		const [fail, pass, latest] = p.assessment.finished;
		expect(back.assessment.finished.map((a) => a.id)).toEqual([pass!.id, latest!.id]);
		expect(back.assessment.finished.some((a) => a.id === fail!.id)).toBe(false);
		expect(back.history).toEqual([p.history.at(-1)]);
		expect(back.assessment.current).toEqual(p.assessment.current);
		expect(back.attempt).toEqual(p.attempt);
	});

	it('round-trips a new learner and keeps strings that look like its own markers', () => {
		const p: Progress = {
			attempt: attempt({ registration: '~r', startedAt: '2019-12-01T00:00:00.000Z' }),
			history: [],
			assessment: { finished: [] },
		};
		expect(decodeSuspendData(encodeSuspendData(p))).toEqual(p);
	});

	it('refuses what it did not write: empty, another format, damaged, or a malformed attempt', () => {
		expect(decodeSuspendData('')).toBeNull();
		expect(decodeSuspendData('lesson=3')).toBeNull();
		const text = encodeSuspendData(worstCase());
		expect(decodeSuspendData(text.slice(0, 100))).toBeNull();
		const p = worstCase();
		const bad = encodeSuspendData({ ...p, attempt: { ...p.attempt, lessons: 'all of them' as never } });
		expect(decodeSuspendData(bad)).toBeNull();
		// Written by a build with other content: not misread as this course's progress.
		expect(decode(text, `${dictionary}"another-question":["`)).toBeNull();
	});
});
