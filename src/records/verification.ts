/**
 * The certificate's verification code: derived from the completion record (who, which
 * attempt, when, what score, which policy version), so HR can match a printed certificate to
 * the `completed` statement that carries the same code.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I, easy to read aloud

export interface CompletionFacts {
	/** The actor's identifier: mbox or account name. */
	learner: string;
	registration: string;
	completedAt: string;
	score: number;
	policyVersion: string;
}

export async function verificationCode(facts: CompletionFacts): Promise<string> {
	const text = JSON.stringify([facts.learner, facts.registration, facts.completedAt, facts.score, facts.policyVersion]);
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of digest) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5 && out.length < 12) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}
