/**
 * An independent check of the cmi5 rules an Assignable Unit must keep (cmi5 spec, sections 9.3
 * and 9.6), written from the specification, not from the course's code, for the tests to run
 * over what an LRS actually holds. Returns every breach found, in plain words (empty: none).
 *
 * Within an AU session (statements carrying one session id), ordered by timestamp:
 *  - the first statement (allowed or defined) is a defined `initialized`;
 *  - the last, once the session has ended, is a defined `terminated`;
 *  - no defined verb appears twice; at most one of defined `passed` / `failed`.
 * Within a registration (per AU): at most one defined `completed` and one defined `passed`,
 * and no defined `failed` after a defined `passed`.
 * Defined statements: object is the AU; the cmi5 category; `passed`, `failed` and `completed`
 * with the moveOn category; `passed`/`failed` with the masteryScore extension when the LMS
 * set one, and a scaled score on the right side of it; `completed` without success or score;
 * the actor has an account. Allowed statements carry the session id but not the cmi5 category.
 */
export const CMI5_IRI = {
	category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
	moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
	sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
	masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
};

export interface LrsStatement {
	id: string;
	timestamp: string;
	actor: { account?: { homePage: string; name: string } };
	verb: { id: string };
	object: { id: string };
	result?: { success?: boolean; completion?: boolean; score?: { scaled?: number } };
	context?: { registration?: string; contextActivities?: { category?: Array<{ id: string }> }; extensions?: Record<string, unknown> };
}

const ADL = 'http://adlnet.gov/expapi/verbs/';
const DEFINED = ['initialized', 'terminated', 'passed', 'failed', 'completed'].map((v) => ADL + v);

export function cmi5Breaches(all: LrsStatement[], au: { activityId: string; masteryScore?: number; sessionsEnded: boolean }): string[] {
	const out: string[] = [];
	const ordered = [...all].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.timestamp < b.timestamp ? -1 : 1));
	const isDefined = (s: LrsStatement) => (s.context?.contextActivities?.category ?? []).some((c) => c.id === CMI5_IRI.category);
	const verb = (s: LrsStatement) => s.verb.id.replace(ADL, '');
	const sessionOf = (s: LrsStatement) => s.context?.extensions?.[CMI5_IRI.sessionId];

	for (const s of ordered) {
		if (typeof sessionOf(s) !== 'string') out.push(`${verb(s)} ${s.id} has no session id`);
		if (!isDefined(s)) continue;
		if (!DEFINED.includes(s.verb.id)) out.push(`${verb(s)} ${s.id} has the cmi5 category but is not a cmi5 verb`);
		if (s.object.id !== au.activityId) out.push(`defined ${verb(s)} is about ${s.object.id}, not the AU`);
		if (!s.actor.account) out.push(`defined ${verb(s)} has an actor without an account`);
		const cats = (s.context?.contextActivities?.category ?? []).map((c) => c.id);
		const judged = verb(s) === 'passed' || verb(s) === 'failed';
		if ((judged || verb(s) === 'completed') && !cats.includes(CMI5_IRI.moveOn)) out.push(`defined ${verb(s)} lacks the moveOn category`);
		if (judged && au.masteryScore !== undefined) {
			if (s.context?.extensions?.[CMI5_IRI.masteryScore] !== au.masteryScore) out.push(`defined ${verb(s)} lacks masteryScore ${au.masteryScore}`);
			const scaled = s.result?.score?.scaled;
			if (typeof scaled !== 'number') out.push(`defined ${verb(s)} has no scaled score`);
			else if (verb(s) === 'passed' ? scaled < au.masteryScore : scaled >= au.masteryScore)
				out.push(`defined ${verb(s)} with scaled score ${scaled} against masteryScore ${au.masteryScore}`);
		}
		if (verb(s) === 'passed' && s.result?.success !== true) out.push('defined passed without success true');
		if (verb(s) === 'failed' && s.result?.success !== false) out.push('defined failed without success false');
		if (verb(s) === 'completed' && (s.result?.completion !== true || s.result.success !== undefined || s.result.score !== undefined))
			out.push('defined completed must have completion true and no success or score');
	}

	const sessions = new Map<unknown, LrsStatement[]>();
	for (const s of ordered) sessions.set(sessionOf(s), [...(sessions.get(sessionOf(s)) ?? []), s]);
	for (const [id, list] of sessions) {
		const first = list[0]!;
		if (!(isDefined(first) && verb(first) === 'initialized')) out.push(`session ${String(id)} starts with ${verb(first)}, not a defined initialized`);
		const last = list.at(-1)!;
		if (au.sessionsEnded && !(isDefined(last) && verb(last) === 'terminated'))
			out.push(`session ${String(id)} ends with ${verb(last)}, not a defined terminated`);
		const defined = list.filter(isDefined).map(verb);
		for (const v of new Set(defined))
			if (defined.filter((x) => x === v).length > 1) out.push(`session ${String(id)} has ${defined.filter((x) => x === v).length} defined ${v}`);
		if (defined.filter((v) => v === 'passed' || v === 'failed').length > 1) out.push(`session ${String(id)} has both passed and failed (or two of them)`);
		if (list.some((s, i) => i > 0 && isDefined(s) && verb(s) === 'initialized')) out.push(`session ${String(id)} has initialized after its first statement`);
		const term = list.findIndex((s) => isDefined(s) && verb(s) === 'terminated');
		if (term >= 0 && term !== list.length - 1) out.push(`session ${String(id)} has statements after terminated`);
	}

	const registrations = new Map<unknown, LrsStatement[]>();
	for (const s of ordered.filter(isDefined)) registrations.set(s.context?.registration, [...(registrations.get(s.context?.registration) ?? []), s]);
	for (const [reg, list] of registrations) {
		const verbs = list.map(verb);
		if (verbs.filter((v) => v === 'completed').length > 1) out.push(`registration ${String(reg)} has more than one defined completed`);
		if (verbs.filter((v) => v === 'passed').length > 1) out.push(`registration ${String(reg)} has more than one defined passed`);
		const passedAt = verbs.indexOf('passed');
		if (passedAt >= 0 && verbs.slice(passedAt).includes('failed')) out.push(`registration ${String(reg)} has a defined failed after a defined passed`);
	}
	return out;
}
