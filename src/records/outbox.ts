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
import { deliveryOf, type Delivery, type Transport } from './transport.ts';

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

/** The outbox's outcome for a delivery that stops the flush. */
function stopped(d: Exclude<Delivery, { kind: 'accepted' } | { kind: 'rejected' }>): FlushOutcome {
	if (d.kind === 'auth') return { kind: 'auth', status: d.status, message: d.message };
	if (d.offline) return { kind: 'offline', message: d.message };
	return { kind: 'retry', status: d.status, message: d.message, ...(d.retryAfterMs !== undefined ? { retryAfterMs: d.retryAfterMs } : {}) };
}

/** Accepts both a raw HTTP answer and a transport's typed delivery (./transport.ts). */
const asDelivery = (r: SendResult | Delivery): Delivery => ('kind' in r ? r : deliveryOf(r));

/**
 * Sends every waiting record, oldest first, in batches. A batch refused with a 4xx is split
 * and each statement sent alone so that only the bad one is rejected. `update` is called with
 * each changed entry (by statement id) as soon as its fate is known, so nothing is lost if the
 * page closes mid-flush. `send` is a raw HTTP `Sender` or a transport's `send`.
 */
export async function flush(
	entries: readonly RecordEntry[],
	send: (statements: Statement[]) => Promise<SendResult | Delivery>,
	update: (id: string, change: Partial<RecordEntry>) => void,
	now: () => string = () => new Date().toISOString(),
): Promise<FlushOutcome> {
	const deliver = async (statements: Statement[]) => asDelivery(await send(statements));
	const waiting = entries.filter((e) => e.status === 'waiting');
	let sent = 0;
	let rejected = 0;
	for (let i = 0; i < waiting.length; i += BATCH) {
		const batch = waiting.slice(i, i + BATCH);
		const result = await deliver(batch.map((e) => e.statement));
		if (result.kind === 'accepted') {
			for (const e of batch) update(e.statement.id, { status: 'sent', sentAt: now(), attempts: e.attempts + 1 });
			sent += batch.length;
			continue;
		}
		for (const e of batch) update(e.statement.id, { attempts: e.attempts + 1 });
		if (result.kind !== 'rejected') return stopped(result);
		// A 4xx for the batch: find the statement(s) at fault one by one.
		for (const e of batch) {
			const single = batch.length === 1 ? result : await deliver([e.statement]);
			if (single.kind === 'accepted') {
				update(e.statement.id, { status: 'sent', sentAt: now() });
				sent++;
			} else if (single.kind !== 'rejected') {
				return stopped(single);
			} else {
				update(e.statement.id, { status: 'rejected', error: `${single.status}: ${single.message}` });
				rejected++;
			}
		}
	}
	return { kind: 'done', sent, rejected };
}

/**
 * The plain xAPI launch as a transport: nothing to open, statements POSTed with the launch's
 * credentials, nothing to close.
 */
export function lrsTransport(endpoint: string, auth: string, fetchImpl: typeof fetch = fetch): Transport<Statement> {
	const send = fetchSender(endpoint, auth, fetchImpl);
	return {
		kind: 'xapi',
		start: async () => ({ kind: 'open', session: undefined }),
		send: async (batch) => deliveryOf(await send([...batch])),
		finish: async () => ({ kind: 'accepted' }),
	};
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
