/**
 * The outbox: every statement is kept on the device and, when an LRS is configured, sent
 * until the LRS accepts it. Pure logic with the network passed in, so it is unit-testable.
 *
 * - Each statement keeps the id it was made with, so a retry never duplicates it.
 * - Network errors, 429 and 5xx: keep waiting, retry with backoff.
 * - 401/403: stop and tell the learner the credentials were refused.
 * - Any other 4xx: the statement is marked rejected: kept, shown, downloaded, not retried blindly.
 */
import type { Statement } from './statements.ts';

export type RecordStatus = 'local' | 'waiting' | 'sent' | 'rejected';

export interface RecordEntry {
	statement: Statement;
	status: RecordStatus;
	/** Send attempts so far. */
	attempts: number;
	/** Why the LRS refused it, for rejected records. */
	error?: string;
	sentAt?: string;
	/**
	 * The LRS endpoint this statement was made for: it is sent there and nowhere else, whatever
	 * launch comes later (its registration is the statement's own). Absent for local records.
	 */
	target?: { endpoint: string };
}

export interface SendResult {
	ok: boolean;
	status: number;
	message?: string;
	/** The LRS's `Retry-After` (429, 503), in milliseconds, when it gave one. */
	retryAfterMs?: number;
}

/** Sends statements to an LRS; resolves with the HTTP outcome (status 0 = network failure). */
export type Sender = (statements: Statement[]) => Promise<SendResult>;

export type FlushOutcome =
	| { kind: 'done'; sent: number; rejected: number }
	| { kind: 'offline'; message: string }
	| { kind: 'auth'; status: number; message: string }
	| { kind: 'retry'; status: number; message: string; retryAfterMs?: number };

export const BATCH = 25;

/** Delay before retry number `n` (1-based): 2 s, 4 s, 8 s ... capped at 5 minutes. */
export function backoff(n: number): number {
	return Math.min(300_000, 2000 * 2 ** Math.max(0, n - 1));
}

/** When to try again after a 429 or 5xx: the LRS's Retry-After if it gave one, else the backoff. */
export function retryDelay(failures: number, retryAfterMs?: number): number {
	return Math.max(backoff(failures), Math.min(retryAfterMs ?? 0, 3_600_000));
}

/** Reads a Retry-After header: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
	if (!value) return undefined;
	if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retry = (r: SendResult): FlushOutcome => ({ kind: 'retry', status: r.status, message: r.message ?? `LRS answered ${r.status}`, ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) });

const retryable = (status: number) => status === 0 || status === 429 || status >= 500;
const authFailure = (status: number) => status === 401 || status === 403;

/**
 * Sends every waiting record, oldest first, in batches. A batch refused with a 4xx is split
 * and each statement sent alone so that only the bad one is rejected. `update` is called with
 * each changed entry (by statement id) as soon as its fate is known, so nothing is lost if the
 * page closes mid-flush.
 */
export async function flush(
	entries: readonly RecordEntry[],
	send: Sender,
	update: (id: string, change: Partial<RecordEntry>) => void,
	now: () => string = () => new Date().toISOString(),
): Promise<FlushOutcome> {
	const waiting = entries.filter((e) => e.status === 'waiting');
	let sent = 0;
	let rejected = 0;
	for (let i = 0; i < waiting.length; i += BATCH) {
		const batch = waiting.slice(i, i + BATCH);
		const result = await send(batch.map((e) => e.statement));
		if (result.ok) {
			for (const e of batch) update(e.statement.id, { status: 'sent', sentAt: now(), attempts: e.attempts + 1 });
			sent += batch.length;
			continue;
		}
		for (const e of batch) update(e.statement.id, { attempts: e.attempts + 1 });
		if (retryable(result.status)) return result.status === 0 ? { kind: 'offline', message: result.message ?? 'No connection' } : retry(result);
		if (authFailure(result.status)) return { kind: 'auth', status: result.status, message: result.message ?? `LRS answered ${result.status}` };
		// A 4xx for the batch: find the statement(s) at fault one by one.
		for (const e of batch) {
			const single = batch.length === 1 ? result : await send([e.statement]);
			if (single.ok) {
				update(e.statement.id, { status: 'sent', sentAt: now() });
				sent++;
			} else if (retryable(single.status)) {
				return single.status === 0 ? { kind: 'offline', message: single.message ?? 'No connection' } : retry(single);
			} else if (authFailure(single.status)) {
				return { kind: 'auth', status: single.status, message: single.message ?? `LRS answered ${single.status}` };
			} else {
				update(e.statement.id, { status: 'rejected', error: `${single.status}: ${single.message ?? 'refused by the LRS'}` });
				rejected++;
			}
		}
	}
	return { kind: 'done', sent, rejected };
}

/** Sends statements with fetch to `${endpoint}statements`, as xAPI 1.0.3 requires. */
export function fetchSender(endpoint: string, auth: string, fetchImpl: typeof fetch = fetch): Sender {
	return async (statements) => {
		try {
			const response = await fetchImpl(`${endpoint}statements`, {
				method: 'POST',
				headers: {
					Authorization: auth,
					'X-Experience-API-Version': '1.0.3',
					'Content-Type': 'application/json',
				},
				body: JSON.stringify(statements),
			});
			let message: string | undefined;
			if (!response.ok) {
				const text = await response.text().catch(() => '');
				message = text.slice(0, 300) || response.statusText;
			}
			// Retry-After is read only if the LRS exposes it to the page (Access-Control-Expose-Headers).
			const retryAfterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
			return { ok: response.ok, status: response.status, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
		} catch (error) {
			return { ok: false, status: 0, message: (error as Error).message };
		}
	};
}
