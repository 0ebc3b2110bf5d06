/**
 * The streaming heart of the report: statements are folded in one at a time (page by page from
 * an LRS, file by file from learners' downloads) into a summary per person and counters for the
 * analytics. Nothing keeps the statements themselves, so memory grows with the number of people
 * and of distinct questions, steps and groups, not with the number of statements.
 *
 * Statements should arrive oldest first (the LRS is asked with `ascending=true`): "first attempt"
 * means the steps a person answered before they first reached an ending of that case.
 */
import type { Actor, Statement } from '../records/statements.ts';
import type { ReportCourse } from './course-key.ts';
import { personKey } from './identity.ts';

export type Source = 'lrs' | 'file';

export interface Completion {
	at: string;
	mode: 'induction' | 'refresher';
	registration: string;
	score: number | undefined;
	code: string | undefined;
	policyVersion: string;
	/** Where it was found: `file` alone means self-reported (a learner's downloaded record). */
	sources: Source[];
}

export interface PersonSummary {
	key: string;
	/**
	 * The name on the latest statement that carries one. Statements read from an LRS carry none
	 * (they are read with `format=ids`): staff names come from the staff list, and the run reads the
	 * names of people not on it afterwards.
	 */
	name: string;
	/** Who the LRS knows this person as (identifier only), to ask it for their name. */
	actor: Actor;
	/** The role the learner chose in the course (the staff list's role wins in tables). */
	courseRole: string;
	firstAt: string;
	lastAt: string;
	completions: Completion[];
	/** Policy versions acknowledged, with the latest date for each. */
	acknowledged: Record<string, string>;
	/** The latest final assessment. */
	assessment?: { at: string; score: number; passed: boolean };
	/** Registrations seen, by source: a file repeating what the LRS holds is not counted twice. */
	registrations: Record<string, Source>;
	/** Scenarios this person has reached an ending of (so later plays are replays). */
	ended: string[];
}

/** Where a person belongs for the analytics (from the staff list, else the course role). */
export type GroupOf = (key: string, courseRole: string) => { academy: string; role: string };

const SEP = '\u0001';

/** A statement shape loose enough for anything an LRS returns; checked field by field. */
export type AnyStatement = Partial<Statement> & { actor?: Actor };

export class ReportFold {
	readonly people = new Map<string, PersonSummary>();
	/** Analytics counters: key parts joined by SEP, see `count`. */
	readonly counts = new Map<string, number>();
	/** Statements read, and statements skipped as not from this course or repeated from the LRS. */
	read = 0;
	skipped = 0;
	private readonly course: ReportCourse;
	private readonly groupOf: GroupOf;

	constructor(course: ReportCourse, groupOf: GroupOf) {
		this.course = course;
		this.groupOf = groupOf;
	}

	private count(parts: string[]) {
		const k = parts.join(SEP);
		this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
	}

	/** Folds one statement in. Returns false when it was not counted (another course, or a repeat). */
	add(s: AnyStatement, source: Source): boolean {
		this.read++;
		const { verbs: VERBS, ext: EXT } = this.course.vocab;
		const objectId = s.object?.id;
		const verb = s.verb?.id;
		if (!s.actor || !objectId || !verb || !s.timestamp || !objectId.startsWith(this.course.iriBase)) {
			this.skipped++;
			return false;
		}
		const key = personKey(s.actor, this.course.trustHomePage);
		const ext = s.context?.extensions ?? {};
		const courseRole = typeof ext[EXT.role] === 'string' ? (ext[EXT.role] as string) : 'unknown';
		const registration = s.context?.registration ?? '';
		let p = this.people.get(key);
		if (!p) {
			p = {
				key,
				name: s.actor.name ?? '',
				actor: 'mbox' in s.actor ? { objectType: 'Agent', mbox: s.actor.mbox } : { objectType: 'Agent', account: s.actor.account },
				courseRole,
				firstAt: s.timestamp,
				lastAt: s.timestamp,
				completions: [],
				acknowledged: {},
				registrations: {},
				ended: [],
			};
			this.people.set(key, p);
		}
		const seenFrom = p.registrations[registration];
		if (source === 'file' && seenFrom === 'lrs') {
			// The learner's file repeats an attempt the LRS already holds: count it once.
			const c = p.completions.find((x) => x.registration === registration);
			if (c && !c.sources.includes('file') && verb === VERBS.completed && objectId === this.course.iriBase) c.sources.push('file');
			this.skipped++;
			return false;
		}
		p.registrations[registration] ??= source;
		if (s.timestamp < p.firstAt) p.firstAt = s.timestamp;
		if (s.timestamp >= p.lastAt) {
			p.lastAt = s.timestamp;
			if (s.actor.name) p.name = s.actor.name;
			if (courseRole !== 'unknown') p.courseRole = courseRole;
		}
		const iri = this.course.iriBase;
		const result = s.result ?? {};
		const rest = objectId.slice(iri.length);

		if (verb === VERBS.completed && rest === '') {
			const score = result.score?.raw;
			p.completions.push({
				at: s.timestamp,
				mode: ext[EXT.mode] === 'refresher' ? 'refresher' : 'induction',
				registration,
				score: typeof score === 'number' ? score : undefined,
				code: typeof result.extensions?.[EXT.verification] === 'string' ? (result.extensions[EXT.verification] as string) : undefined,
				policyVersion: String(ext[EXT.policyVersion] ?? ''),
				sources: [source],
			});
		} else if (verb === VERBS.accepted && rest.startsWith('/policy/v')) {
			const version = String(result.extensions?.[EXT.policyVersion] ?? rest.slice('/policy/v'.length));
			if (!p.acknowledged[version] || p.acknowledged[version]! < s.timestamp) p.acknowledged[version] = s.timestamp;
		} else if ((verb === VERBS.passed || verb === VERBS.failed) && rest === '/assessment') {
			const scaled = result.score?.scaled;
			if (!p.assessment || p.assessment.at <= s.timestamp)
				p.assessment = { at: s.timestamp, score: typeof scaled === 'number' ? Math.round(scaled * 100) : 0, passed: verb === VERBS.passed };
		} else if (verb === VERBS.answered || verb === VERBS.completed) {
			this.analytics(p, verb, rest, result);
		}
		return true;
	}

	private analytics(p: PersonSummary, verb: string, rest: string, result: NonNullable<Statement['result']>) {
		const VERBS = this.course.vocab.verbs;
		const { academy, role } = this.groupOf(p.key, p.courseRole);
		let m: RegExpExecArray | null;
		if (verb === VERBS.answered && (m = /^\/scenarios\/([^/]+)\/steps\/([^/]+)$/.exec(rest))) {
			const [, scenario, step] = m as unknown as [string, string, string];
			const attempt = p.ended.includes(scenario) ? 'replay' : 'first';
			const choice = result.response ?? '';
			this.count(['step', scenario, step, choice, attempt, academy, role]);
			const choices = this.course.scenarios[scenario]?.steps[step]?.choices;
			if (!choices) return;
			// Every clause any choice at this step cites is tested by the step; the chosen choice is
			// against the policy for each clause it breaches.
			const cited = new Set(Object.values(choices).flatMap((c) => [...c.breaches, ...c.upholds]));
			const breached = new Set(choices[choice]?.breaches ?? []);
			for (const clause of cited) {
				this.count(['clause', clause, 'step', 'answered', academy, role]);
				if (breached.has(clause)) this.count(['clause', clause, 'step', 'against', academy, role]);
			}
		} else if (verb === VERBS.completed && (m = /^\/scenarios\/([^/]+)$/.exec(rest))) {
			const scenario = m[1]!;
			const attempt = p.ended.includes(scenario) ? 'replay' : 'first';
			this.count(['ending', scenario, result.response ?? '', attempt, academy, role]);
			if (attempt === 'first') p.ended.push(scenario);
		} else if (verb === VERBS.answered && (m = /^\/questions\/([^/]+)$/.exec(rest))) {
			const question = this.course.questions[m[1]!];
			if (!question) return;
			for (const clause of question.clauses) {
				this.count(['clause', clause, 'question', 'answered', academy, role]);
				if (result.success === false) this.count(['clause', clause, 'question', 'against', academy, role]);
			}
		}
	}

	/** Every counter, split back into its parts. */
	*entries(): Generator<{ parts: string[]; n: number }> {
		for (const [k, n] of this.counts) yield { parts: k.split(SEP), n };
	}
}
