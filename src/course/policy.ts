import type { Clause, Policy } from '../schemas/policy.ts';

/**
 * Words that make a clause a rule or duty. Keeping the policy's own strength of wording
 * matters, so the strongest word found is reported with the clause.
 */
const DUTY_WORDS: Array<[RegExp, string]> = [
	[/\bmust not\b/i, 'must not'],
	[/\bmust\b/i, 'must'],
	[/\bnot permitted\b|\bdoes not permit\b/i, 'not permitted'],
	[/\breserve the right\b/i, 'reserve the right'],
	[/\b(?:are|is) required\b/i, 'required'],
	[/\blegally bound\b/i, 'legally bound'],
	[/\bwill not (?:be )?(?:tolerated?|accepted)\b/i, 'will not be accepted'],
	[/\bstrongly advised\b/i, 'strongly advised'],
	[/\bshould\b/i, 'should'],
	[/\bshall\b/i, 'shall'],
	[/\bare expected\b|\bis expected\b/i, 'expected'],
];

/** A clause with what the course needs to know about it. */
export interface ClauseInfo extends Clause {
	/** Section id, printed number and heading the clause sits under. */
	sectionId: string;
	sectionNumber: string | null;
	heading: string;
	/** True when the clause states a rule or duty, so the course must teach and assess it. */
	isRule: boolean;
	/** The duty words the clause uses, strongest first (empty for non-rules). */
	strength: string[];
	/** Position in the policy, for ordering. */
	index: number;
}

/** The anchor of a clause in the policy reader: `/policy/#clause-3-5`. */
export function clauseAnchor(id: string): string {
	return `clause-${id}`;
}

/** The duty words a clause's text (and items) use. */
export function dutyWords(clause: Pick<Clause, 'text' | 'items'>): string[] {
	const text = [clause.text, ...clause.items].join(' ');
	const found: string[] = [];
	for (const [pattern, word] of DUTY_WORDS) {
		if (!pattern.test(text)) continue;
		// "must not" already implies "must"; report it once.
		if (word === 'must' && found.includes('must not') && !/\bmust (?!not)/i.test(text)) continue;
		found.push(word);
	}
	return found;
}

/** Flattens the policy into clauses in printed order. */
export function indexClauses(policy: Policy): ClauseInfo[] {
	const out: ClauseInfo[] = [];
	for (const section of policy.sections) {
		for (const clause of section.clauses) {
			const strength = dutyWords(clause);
			out.push({
				...clause,
				sectionId: section.id,
				sectionNumber: section.number,
				heading: section.heading,
				isRule: clause.rule ?? strength.length > 0,
				strength,
				index: out.length,
			});
		}
	}
	return out;
}

/** The two strengths of duty the verdict rule distinguishes. */
export type DutyStrength = 'must' | 'should';

/**
 * Wording that makes a duty a must: must, must not, not permitted / does not permit, required,
 * legally bound, "will not be tolerated / accepted", and a prohibition of the form
 * "No ... may be ..." (6.2: "No other social media platforms may be set up ... without ...").
 */
const MUST_WORDS =
	/\bmust\b|\bnot permitted\b|\bdoes not permit\b|\b(?:are|is) required\b|\blegally bound\b|\bwill not (?:be )?(?:tolerated?|accepted)\b|\bno\b[^.;]{0,80}\bmay be\b/i;
/** Wording that makes a duty a should: should, should not, strongly advised, advised. */
const SHOULD_WORDS = /\bshould\b|\b(?:strongly )?advised\b|\bstrongly advises?\b/i;

/**
 * The strengths of duty a clause states, from its own wording, strongest first: `['must']`,
 * `['must', 'should']`, `['should']` or `[]`. "Expected", "shall" and "reserve the right" are not
 * counted: in this policy they describe what the Trust or an academy does, or frame the policy,
 * rather than a duty a staff member can break.
 */
export function clauseDuties(clause: Pick<Clause, 'text' | 'items'>): DutyStrength[] {
	const text = [clause.text, ...clause.items].join(' ');
	const out: DutyStrength[] = [];
	if (MUST_WORDS.test(text)) out.push('must');
	if (SHOULD_WORDS.test(text)) out.push('should');
	return out;
}
