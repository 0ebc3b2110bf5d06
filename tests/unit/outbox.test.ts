import { describe, expect, it } from 'vitest';
import { backoff, BATCH, flush, type RecordEntry, type SendResult } from '../../src/records/outbox.ts';
import type { Statement } from '../../src/records/statements.ts';

const entry = (id: string, status: RecordEntry['status'] = 'waiting'): RecordEntry => ({ statement: { id } as Statement, status, attempts: 0 });

/** Runs a flush against a scripted LRS, applying updates like the store does. */
async function run(entries: RecordEntry[], lrs: (ids: string[]) => SendResult) {
	const calls: string[][] = [];
	let state = entries;
	const outcome = await flush(
		state,
		async (statements) => {
			calls.push(statements.map((s) => s.id));
			return lrs(statements.map((s) => s.id));
		},
		(id, change) => {
			state = state.map((e) => (e.statement.id === id ? { ...e, ...change } : e));
		},
		() => 'T',
	);
	return { outcome, calls, state };
}

describe('outbox flush', () => {
	it('sends waiting records in batches, oldest first, and marks them sent', async () => {
		const entries = Array.from({ length: BATCH + 3 }, (_, i) => entry(`s${i}`));
		entries.push(entry('local', 'local'), entry('done', 'sent'));
		const { outcome, calls, state } = await run(entries, () => ({ ok: true, status: 200 }));
		expect(outcome).toEqual({ kind: 'done', sent: BATCH + 3, rejected: 0 });
		expect(calls.map((c) => c.length)).toEqual([BATCH, 3]);
		expect(calls[0]![0]).toBe('s0');
		expect(state.filter((e) => e.status === 'sent')).toHaveLength(BATCH + 4);
		expect(state.find((e) => e.statement.id === 'local')!.status).toBe('local');
	});

	it('keeps records waiting when offline or the LRS fails, to retry later', async () => {
		for (const status of [0, 429, 500, 503]) {
			const { outcome, state } = await run([entry('a'), entry('b')], () => ({ ok: false, status }));
			expect(outcome.kind).toBe(status === 0 ? 'offline' : 'retry');
			expect(state.every((e) => e.status === 'waiting' && e.attempts === 1)).toBe(true);
		}
	});

	it('stops on 401/403 without rejecting anything', async () => {
		const { outcome, state } = await run([entry('a')], () => ({ ok: false, status: 401, message: 'no' }));
		expect(outcome).toMatchObject({ kind: 'auth', status: 401 });
		expect(state[0]!.status).toBe('waiting');
	});

	it('isolates a statement the LRS refuses: only that one is rejected, kept with the reason', async () => {
		const { outcome, state } = await run([entry('good1'), entry('bad'), entry('good2')], (ids) =>
			ids.includes('bad') ? { ok: false, status: 400, message: 'invalid' } : { ok: true, status: 200 },
		);
		expect(outcome).toEqual({ kind: 'done', sent: 2, rejected: 1 });
		expect(state.find((e) => e.statement.id === 'bad')).toMatchObject({ status: 'rejected', error: '400: invalid' });
		expect(state.filter((e) => e.status === 'sent').map((e) => e.statement.id)).toEqual(['good1', 'good2']);
	});

	it('backs off exponentially up to five minutes', () => {
		expect([1, 2, 3, 4].map(backoff)).toEqual([2000, 4000, 8000, 16000]);
		expect(backoff(30)).toBe(300_000);
	});
});
