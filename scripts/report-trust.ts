/**
 * Makes a synthetic trust (src/report/generate.ts) and puts it where a real one would be: the
 * statements of people who studied online into an LRS (POSTed in batches, as the course's
 * outbox does), the others' as downloaded record files, and the staff list as CSV.
 *
 *   node --experimental-strip-types scripts/report-trust.ts --size small|large --out DIR \
 *     [--lrs URL --auth "Basic …"] [--seed N] [--today YYYY-MM-DD]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCourse } from '../src/build/load.ts';
import { reportCourse, type ReportCourse } from '../src/report/course-key.ts';
import { planTrust, staffCsv, trustStatements, type PersonPlan, type TrustOptions } from '../src/report/generate.ts';
import { recordFileName } from '../src/client/download.ts';
import type { Statement } from '../src/records/statements.ts';

export const SIZES: Record<'small' | 'large', Omit<TrustOptions, 'seed' | 'today'>> = {
	small: { academies: 3, staff: 40, notOnList: 2 },
	large: { academies: 60, staff: 4000, notOnList: 40 },
};

export interface LoadedTrust {
	people: PersonPlan[];
	csv: string;
	/** Record files of the people who studied offline: name and JSON text. */
	files: Array<{ name: string; text: string; person: PersonPlan }>;
	/** Statements sent to the LRS. */
	sent: number;
}

async function post(lrs: { endpoint: string; auth: string }, batch: Statement[]) {
	for (let tries = 0; ; tries++) {
		const r = await fetch(`${lrs.endpoint}statements`, {
			method: 'POST',
			headers: { Authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
			body: JSON.stringify(batch),
		});
		if (r.ok) return;
		if (tries >= 3 || r.status < 500) throw new Error(`The LRS refused a batch: ${r.status} ${(await r.text()).slice(0, 300)}`);
		await new Promise((done) => setTimeout(done, 500 * 2 ** tries));
	}
}

/**
 * Makes the trust and loads it; statements stream through in batches of `batchSize`. One batch is
 * in flight while the next is made (the LRS works on one while this process builds the next; the
 * order they are stored in stays the order they were made in).
 */
export async function loadTrust(
	course: ReportCourse,
	options: TrustOptions,
	lrs?: { endpoint: string; auth: string },
	batchSize = 1000,
	onProgress?: (sent: number) => void,
): Promise<LoadedTrust> {
	const people = planTrust(options);
	const files: LoadedTrust['files'] = [];
	let batch: Statement[] = [];
	let sent = 0;
	let inFlight: Promise<void> | undefined;
	const send = async (statements: Statement[]) => {
		await inFlight;
		inFlight = post(lrs!, statements).then(() => {
			sent += statements.length;
			onProgress?.(sent);
		});
		// Awaited before the next send or at the end; this only stops Node calling it unhandled meanwhile.
		inFlight.catch(() => undefined);
	};
	for await (const { person, statements } of trustStatements(people, course, options.seed)) {
		if (!statements.length) continue;
		if (person.offline) {
			files.push({
				name: recordFileName(person.name, new Date(statements.at(-1)!.timestamp)).replace('.json', `-${files.length + 1}.json`),
				text: JSON.stringify(statements, null, 2),
				person,
			});
			continue;
		}
		batch.push(...statements);
		if (batch.length >= batchSize && lrs) {
			await send(batch);
			batch = [];
		}
	}
	if (batch.length && lrs) await send(batch);
	await inFlight;
	return { people, csv: staffCsv(people, course), files, sent };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const argv = process.argv.slice(2);
	const opt = (name: string) => {
		const i = argv.indexOf(name);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const size = (opt('--size') ?? 'small') as 'small' | 'large';
	const out = opt('--out') ?? `trust-${size}`;
	const endpoint = opt('--lrs');
	const course = reportCourse(loadCourse(resolve('modules')));
	const trust = await loadTrust(
		course,
		{ ...SIZES[size], seed: Number(opt('--seed') ?? 19), today: opt('--today') ?? new Date().toISOString().slice(0, 10) },
		endpoint ? { endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`, auth: opt('--auth') ?? '' } : undefined,
		1000,
		(n) => process.stderr.write(`\r${n} statements sent`),
	);
	mkdirSync(join(out, 'records'), { recursive: true });
	writeFileSync(join(out, 'staff.csv'), trust.csv);
	for (const f of trust.files) writeFileSync(join(out, 'records', f.name), f.text);
	console.log(`\n${trust.people.length} people, ${trust.sent} statements sent to the LRS, ${trust.files.length} record files in ${out}/records`);
}
