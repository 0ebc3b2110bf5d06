/**
 * The certificate's verification code, and the check that a training record still matches it.
 *
 * A static offline course cannot sign anything (it has no secret a learner could not read), so
 * the code proves no more than this: the record it belongs to has not been edited since the
 * course completed. It is a SHA-256 digest over the completion facts (who, which attempt, what
 * score, which policy version) AND every statement of that attempt made before the
 * `completed` statement, each in canonical JSON (keys sorted). Changing, adding or removing any
 * of them, or the completion's own facts, changes the code. An LRS remains the Trust's
 * evidence; a record file is what the learner reports (see README, "What a record proves").
 *
 * `verifyRecordCode` is the one function other parts (the compliance report) call to check a
 * downloaded record and its code.
 */
import { byTime, EXT, VERBS, type Statement } from './statements.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I, easy to read aloud

export interface CompletionFacts {
	/** The actor's identifier: mbox or account name. */
	learner: string;
	registration: string;
	/** The course score, in per cent (the `completed` statement's `result.score.raw`). */
	score: number;
	policyVersion: string;
}

/** JSON with object keys sorted at every level, so equal statements always hash equally. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		return `{${Object.keys(o)
			.filter((k) => o[k] !== undefined)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The code for a completion. `statements` are the attempt's statements made before the
 * `completed` statement (any order; they are sorted here).
 */
export async function verificationCode(facts: CompletionFacts, statements: readonly Statement[]): Promise<string> {
	const covered = statements.filter((s) => s.context?.registration === facts.registration).sort(byTime);
	const text = canonicalJson([facts.learner, facts.registration, facts.score, facts.policyVersion, covered]);
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of digest) {
		value = ((value << 8) | byte) & 0xffff;
		bits += 8;
		while (bits >= 5 && out.length < 12) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

export type RecordCheck = { ok: true; code: string; completed: Statement } | { ok: false; reason: string };

function learnerId(actor: Statement['actor'] | undefined): string | undefined {
	if (!actor) return undefined;
	return 'mbox' in actor ? actor.mbox : actor.account?.name;
}

/**
 * Checks a training record (the downloaded JSON array of statements) against a verification
 * code. Without `code`, checks every course completion in the record against the code it
 * carries. Returns ok only when the record is exactly as it was when the course completed.
 */
export async function verifyRecordCode(record: unknown, code?: string): Promise<RecordCheck> {
	if (!Array.isArray(record)) return { ok: false, reason: 'The record is not a list of statements.' };
	const statements = record.filter((s): s is Statement =>
		Boolean(s && typeof s === 'object' && typeof (s as Statement).id === 'string' && typeof (s as Statement).timestamp === 'string'),
	);
	if (statements.length !== record.length) return { ok: false, reason: 'The record holds entries that are not statements.' };
	const completions = statements.filter((s) => s.verb?.id === VERBS.completed && typeof s.result?.extensions?.[EXT.verification] === 'string');
	const candidates = code ? completions.filter((s) => s.result!.extensions![EXT.verification] === code) : completions;
	if (!candidates.length)
		return {
			ok: false,
			reason: code ? `No course completion in the record carries the code ${code}.` : 'The record holds no course completion with a verification code.',
		};
	for (const completed of candidates) {
		const learner = learnerId(completed.actor);
		const registration = completed.context?.registration;
		const score = completed.result?.score?.raw ?? completed.result?.extensions?.[EXT.courseScore];
		const policyVersion = completed.context?.extensions?.[EXT.policyVersion];
		if (!learner || !registration || typeof score !== 'number' || typeof policyVersion !== 'string')
			return { ok: false, reason: 'The completion statement is missing the learner, attempt, score or policy version.' };
		const before = statements.filter((s) => s.context?.registration === registration && byTime(s, completed) < 0);
		const expected = await verificationCode({ learner, registration, score, policyVersion }, before);
		if (expected !== completed.result!.extensions![EXT.verification])
			return { ok: false, reason: 'The record has been changed since the course was completed: its verification code does not match.' };
	}
	return { ok: true, code: candidates[0]!.result!.extensions![EXT.verification] as string, completed: candidates[0]! };
}
