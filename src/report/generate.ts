/**
 * A synthetic trust for tests and benchmarks, made through the course's own statement builders
 * (buildStatement) and verification codes, from a seed: the same seed gives the same trust.
 *
 * The plan (who works where, who did what and when) is made first and kept: it is the ground
 * truth tests compute their expected figures from. Statements are then produced person by
 * person as a stream, so half a million of them never sit in memory at once.
 *
 * Patterns: most staff complete their induction within weeks of starting; some never start or
 * stop part-way; about one in eight fails the assessment first; most do a refresher near each
 * anniversary, some late, some not at all; completions before the policy's version 2 took effect
 * acknowledge version 1; volunteers and contractors often study offline and hand in a file; a few
 * people in the records are not on the staff list.
 */
import { seededRandom as random } from '../assessment/draw.ts';
import type { CourseEvent } from '../records/course-events.ts';
import { actorFor, buildStatement, type Statement, type StatementContext } from '../records/statements.ts';
import { verificationCode } from '../records/verification.ts';
import { addMonths } from './months.ts';
import type { ReportCourse } from './course-key.ts';

export interface TrustOptions {
	seed: number;
	academies: number;
	staff: number;
	/** The day the trust is seen from, `YYYY-MM-DD`: nothing happens after it. */
	today: string;
	/** Extra people in the records who are not on the staff list. */
	notOnList?: number;
	/** Completions before this day were made under (and acknowledge) policy version 1. */
	versionTwoFrom?: string;
	/** How long ago the course went live (default 3 years). */
	launchedYearsAgo?: number;
}

export interface AttemptPlan {
	mode: 'induction' | 'refresher';
	registration: string;
	startedAt: string;
	/** Set when the attempt reached the end: acknowledgement and completion. */
	completedAt?: string;
	score?: number;
	policyVersion: string;
	failsFirst: boolean;
}

export interface PersonPlan {
	name: string;
	/** Email or staff number as on the staff list. */
	id: string;
	idKind: 'email' | 'staff';
	academy: string;
	role: string;
	startDate: string;
	onList: boolean;
	/** Studied offline: their statements come as a downloaded record file, not through the LRS. */
	offline: boolean;
	attempts: AttemptPlan[];
}

const FIRST = [
	'Amira',
	'Ben',
	'Chloe',
	'Dev',
	'Ella',
	'Femi',
	'Grace',
	'Hamza',
	'Isla',
	'Jack',
	'Kiran',
	'Leah',
	'Mo',
	'Nia',
	'Owen',
	'Priya',
	'Quinn',
	'Rosa',
	'Sam',
	'Tariq',
	'Uma',
	'Vic',
	'Wen',
	'Yusuf',
	'Zoe',
];
const LAST = [
	'Ahmed',
	'Brown',
	'Clarke',
	'Davies',
	'Evans',
	'Fisher',
	'Green',
	'Hughes',
	'Iqbal',
	'Jones',
	'Khan',
	'Lewis',
	'Morgan',
	'Nowak',
	'Okafor',
	'Patel',
	'Reid',
	'Singh',
	'Taylor',
	'Walsh',
	'Young',
];
const ROLE_WEIGHTS: Array<[string, number]> = [
	['teaching', 34],
	['support', 40],
	['governor', 8],
	['volunteer', 7],
	['contractor', 5],
	['central', 3],
	['trainee', 3],
];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function uuidFrom(rnd: () => number): string {
	const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
	h[12] = '4';
	h[16] = ((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16);
	const s = h.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The trust: staff list rows and what each person did. */
export function planTrust(opts: TrustOptions): PersonPlan[] {
	const rnd = random(opts.seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
	const today = Date.parse(`${opts.today}T00:00:00Z`);
	const v2 = opts.versionTwoFrom ?? isoDay(today - 2 * 365 * DAY);
	const academies = Array.from(
		{ length: opts.academies },
		(_, i) =>
			`${pick(['Oak', 'Willow', 'Brook', 'Meadow', 'Hill', 'Ash', 'Elm', 'Castle'])} ${pick(['Primary', 'Academy', 'Infant School', 'Junior School'])} ${String(i + 1).padStart(2, '0')}`,
	);
	const totalWeight = ROLE_WEIGHTS.reduce((n, [, w]) => n + w, 0);
	const people: PersonPlan[] = [];
	const count = opts.staff + (opts.notOnList ?? 0);
	for (let i = 0; i < count; i++) {
		let r = rnd() * totalWeight;
		const role = ROLE_WEIGHTS.find(([, w]) => (r -= w) < 0)?.[0] ?? 'support';
		const name = `${pick(FIRST)} ${pick(LAST)}`;
		const idKind = rnd() < 0.5 ? 'email' : 'staff';
		const id = idKind === 'email' ? `${name.toLowerCase().replace(' ', '.')}.${i}@example.org` : `S${String(100000 + i)}`;
		// A few recent starters; most started up to six years ago.
		const startMs = today - Math.floor((rnd() < 0.08 ? rnd() * 60 : 60 + rnd() * 6 * 365) * DAY);
		const offline = (role === 'volunteer' || role === 'contractor' ? 0.5 : 0.03) > rnd();
		const person: PersonPlan = { name, id, idKind, academy: pick(academies), role, startDate: isoDay(startMs), onList: i < opts.staff, offline, attempts: [] };
		people.push(person);
		if (rnd() < 0.07) continue; // never started
		// The course went live `launchedYearsAgo` before the report day: earlier starters took their
		// induction in its first weeks.
		const launch = today - Math.floor((opts.launchedYearsAgo ?? 3) * 365 * DAY);
		let at = Math.max(startMs, launch) + Math.floor((2 + rnd() * 40) * DAY) + Math.floor(rnd() * 8 * 3600_000) + 8 * 3600_000;
		let mode: AttemptPlan['mode'] = 'induction';
		while (at < today) {
			const completes = rnd() < 0.9;
			const attempt: AttemptPlan = { mode, registration: uuidFrom(rnd), startedAt: new Date(at).toISOString(), policyVersion: '', failsFirst: rnd() < 0.12 };
			// Time spent: under two hours, but never past the report day.
			const end = at + Math.floor((30 + rnd() * 80) * 60_000);
			if (completes && end < today) {
				attempt.completedAt = new Date(end).toISOString();
				// 10, 11 or 12 of 12 right, as the course scores it (a whole percentage).
				attempt.score = Math.round(((10 + Math.floor(rnd() * 3)) / 12) * 100);
			}
			attempt.policyVersion = isoDay(at) < v2 ? '1' : '2';
			person.attempts.push(attempt);
			if (!attempt.completedAt) break;
			// The refresher: usually near the anniversary; some late; some never.
			const gap = rnd();
			if (gap < 0.06) break;
			const months = gap < 0.75 ? 11 : gap < 0.93 ? 12 : 13;
			at = addMonths(attempt.completedAt, months).getTime() + Math.floor(rnd() * 20 * DAY);
			mode = 'refresher';
		}
	}
	return people;
}

/** The staff list CSV for the people on it. */
export function staffCsv(people: PersonPlan[], course: Pick<ReportCourse, 'roles'>): string {
	const label = (id: string) => course.roles.find((r) => r.id === id)?.label ?? id;
	const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
	return (
		[
			'Name,Email or staff number,Academy,Role,Start date',
			...people.filter((p) => p.onList).map((p) => [p.name, p.id, p.academy, label(p.role), p.startDate].map(q).join(',')),
		].join('\n') + '\n'
	);
}

/**
 * Every statement of one person, in the order they happened. Choices in cases and answers to
 * questions follow seeded per-step and per-question tendencies, so some clauses come out weaker.
 */
export async function personStatements(person: PersonPlan, course: ReportCourse, seed: number, homePage = course.trustHomePage): Promise<Statement[]> {
	const rnd = random(seed);
	const tendency = (key: string) => {
		// The same for everyone: a stable hash of the step or question.
		let h = 2166136261;
		for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
		return ((h >>> 0) % 1000) / 1000;
	};
	const actor = actorFor({ name: person.name, idKind: person.idKind, id: person.id }, homePage);
	const out: Statement[] = [];
	const scenarios = Object.entries(course.scenarios);
	const questions = Object.entries(course.questions);
	for (const attempt of person.attempts) {
		let t = Date.parse(attempt.startedAt);
		const end = attempt.completedAt ? Date.parse(attempt.completedAt) : t + 40 * 60_000;
		const ctx: StatementContext = {
			iriBase: course.iriBase,
			courseTitle: course.courseTitle,
			courseVersion: course.courseVersion,
			policyVersion: attempt.policyVersion,
			actor,
			registration: attempt.registration,
			role: person.role,
			mode: attempt.mode,
			moduleTitles: Object.fromEntries(course.modules.map((m) => [m.id, m.title])),
		};
		const events: CourseEvent[] = [{ type: 'course.initialized' }];
		const modules = attempt.completedAt ? course.modules : course.modules.slice(0, 1 + Math.floor(rnd() * (course.modules.length - 1)));
		for (const m of modules) {
			events.push({ type: 'lesson.experienced', moduleId: m.id, lessonId: 'introduction', title: `${m.title}: introduction`, moduleTitle: m.title });
			const cases = scenarios.filter(([, s]) => s.moduleId === m.id);
			if (cases.length) {
				const [sid, s] = cases[Math.floor(rnd() * cases.length)]!;
				const plays = rnd() < 0.15 ? 2 : 1;
				for (let play = 0; play < plays; play++) {
					let at = s.start;
					for (let guard = 0; guard < 12 && s.steps[at]; guard++) {
						const step = s.steps[at]!;
						const ids = Object.keys(step.choices);
						// Replays lean towards the best path; first plays follow the step's tendency.
						const bias = tendency(`${sid}/${at}`);
						const safe = ids.filter((c) => step.choices[c]!.breaches.length === 0);
						const choiceId = (play > 0 || rnd() > bias * 0.8) && safe.length ? safe[Math.floor(rnd() * safe.length)]! : ids[Math.floor(rnd() * ids.length)]!;
						events.push({
							type: 'scenario.decided',
							moduleId: m.id,
							scenarioId: sid,
							scenarioTitle: s.title,
							stepId: at,
							prompt: step.prompt,
							choices: ids.map((id) => ({ id, label: step.choices[id]!.label })),
							choiceId,
							durationMs: 20_000,
						});
						at = step.choices[choiceId]!.next;
					}
					const ending = s.endings[at];
					if (ending)
						events.push({
							type: 'scenario.ended',
							moduleId: m.id,
							scenarioId: sid,
							scenarioTitle: s.title,
							endingId: at,
							endingTitle: ending.title,
							verdict: ending.verdict,
							clauses: [],
							durationMs: 90_000,
						});
				}
			}
			const pool = questions.filter(([, q]) => q.moduleId === m.id);
			for (let k = 0; k < Math.min(1, pool.length); k++) events.push(questionEvent(pool[Math.floor(rnd() * pool.length)]!, 'check'));
			events.push({ type: 'module.completed', moduleId: m.id, title: m.title });
		}
		function questionEvent([qid, q]: [string, ReportCourse['questions'][string]], setting: 'check' | 'assessment', forceRight = false): CourseEvent {
			const right = forceRight || rnd() > tendency(qid) * 0.5;
			return {
				type: 'question.answered',
				moduleId: q.moduleId,
				questionId: qid,
				setting,
				kind: 'truefalse',
				prompt: q.prompt,
				options: [],
				correct: ['true'],
				response: [right ? 'true' : 'false'],
				success: right,
				durationMs: 15_000,
			};
		}
		if (attempt.completedAt) {
			const sit = (passed: boolean, score: number) => {
				const correct = Math.round((score / 100) * 12);
				for (let k = 0; k < 12; k++) events.push(questionEvent(questions[Math.floor(rnd() * questions.length)]!, 'assessment', k < correct));
				events.push({ type: 'assessment.finished', attemptId: uuidFrom(rnd), correct, total: 12, passMark: 80, passed, durationMs: 600_000 });
			};
			if (attempt.failsFirst) sit(false, 50);
			sit(true, attempt.score!);
			events.push({ type: 'policy.acknowledged', policyVersion: attempt.policyVersion, policyLabel: `version ${attempt.policyVersion}` });
		}
		// Spread the events over the attempt's time; the completion lands exactly at completedAt,
		// which is what its verification code is made from.
		const closing = attempt.completedAt ? 2 : 0;
		const step = Math.max(1, Math.floor((end - t - 1000) / (events.length + 1)));
		for (const e of events) {
			out.push(buildStatement(e, ctx, uuidFrom(rnd), new Date(t).toISOString()));
			t += step;
		}
		if (attempt.completedAt && closing) {
			const learner = 'mbox' in actor ? actor.mbox : actor.account.name;
			// As the course does: the code covers this attempt's statements made before `completed`.
			const before = out.filter((s) => s.context?.registration === attempt.registration);
			const code = await verificationCode({ learner, registration: attempt.registration, score: attempt.score!, policyVersion: attempt.policyVersion }, before);
			out.push(
				buildStatement(
					{ type: 'course.completed', score: attempt.score!, code, durationMs: end - Date.parse(attempt.startedAt) },
					ctx,
					uuidFrom(rnd),
					attempt.completedAt,
				),
			);
			out.push(
				buildStatement({ type: 'course.terminated', durationMs: end - Date.parse(attempt.startedAt) + 1 }, ctx, uuidFrom(rnd), new Date(end + 1).toISOString()),
			);
		}
	}
	return out;
}

/** Streams the whole trust, person by person. */
export async function* trustStatements(
	people: PersonPlan[],
	course: ReportCourse,
	seed: number,
): AsyncGenerator<{ person: PersonPlan; statements: Statement[] }> {
	for (let i = 0; i < people.length; i++) yield { person: people[i]!, statements: await personStatements(people[i]!, course, seed * 7919 + i) };
}
