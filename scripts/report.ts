/**
 * The compliance report's command-line twin, for monthly snapshots kept as audit evidence:
 *
 *   npm run report -- --lrs https://lrs.example.org/xAPI/ --staff staff.csv --out snapshots/2026-11
 *   npm run report -- --records downloads/*.json --staff staff.csv --out DIR
 *
 * Credentials: `--auth key:secret` (or a full `Basic …` value), or better the environment
 * variables REPORT_LRS_KEY and REPORT_LRS_SECRET so they stay out of shell history. Options:
 * `--today YYYY-MM-DD` (default: today, UTC), `--induction-days N` (default 28), `--page-size N`
 * (statements asked for per page; default as the page's).
 *
 * Writes one CSV per table and report.json (every table, the totals and what was read), from
 * the same code as the /report/ page, so both give the same figures for the same input.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadCourse } from '../src/build/load.ts';
import { reportCourse } from '../src/report/course-key.ts';
import { basicAuth, normaliseEndpoint } from '../src/report/lrs.ts';
import { runReport } from '../src/report/run.ts';
import { parseStaffCsv } from '../src/report/staff.ts';
import { toCsv } from '../src/report/tables.ts';

function parseArgs(argv: string[]) {
	const out: {
		lrs?: string;
		auth?: string;
		staff?: string;
		out?: string;
		records: string[];
		today?: string;
		inductionDays?: number;
		pageSize?: number;
		modules: string;
	} = { records: [], modules: 'modules' };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		const value = () => {
			const v = argv[++i];
			if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--lrs') out.lrs = value();
		else if (a === '--auth') out.auth = value();
		else if (a === '--staff') out.staff = value();
		else if (a === '--out') out.out = value();
		else if (a === '--today') out.today = value();
		else if (a === '--induction-days') out.inductionDays = Number(value());
		else if (a === '--modules') out.modules = value();
		else if (a === '--page-size') out.pageSize = Number(value());
		else if (a === '--records') while (argv[i + 1] && !argv[i + 1]!.startsWith('--')) out.records.push(argv[++i]!);
		else throw new Error(`Unknown option ${a}`);
	}
	return out;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (!args.staff || !args.out || (!args.lrs && !args.records.length)) {
		console.error(
			'Usage: npm run report -- (--lrs URL [--auth key:secret] | --records FILE...) --staff staff.csv --out DIR [--today YYYY-MM-DD] [--induction-days N]',
		);
		process.exit(2);
	}
	const today = args.today ?? new Date().toISOString().slice(0, 10);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('--today must be YYYY-MM-DD');
	const inductionDays = args.inductionDays ?? 28;
	if (!Number.isInteger(inductionDays) || inductionDays < 0) throw new Error('--induction-days must be a whole number of days');
	if (args.pageSize !== undefined && !(Number.isInteger(args.pageSize) && args.pageSize > 0)) throw new Error('--page-size must be a whole number above 0');
	const course = reportCourse(loadCourse(resolve(args.modules)));
	const staff = parseStaffCsv(readFileSync(args.staff, 'utf8'), course);
	// Read when the run reaches each file, one at a time (see RecordFileSource).
	const files = args.records.map((f) => ({ name: basename(f), text: async () => readFileSync(f, 'utf8') }));
	let lrs;
	if (args.lrs) {
		const key = process.env.REPORT_LRS_KEY;
		const secret = process.env.REPORT_LRS_SECRET;
		const auth = args.auth
			? args.auth.startsWith('Basic ')
				? args.auth
				: basicAuth(args.auth.split(':')[0]!, args.auth.split(':').slice(1).join(':'))
			: key && secret
				? basicAuth(key, secret)
				: undefined;
		if (!auth) throw new Error('Give the LRS read credentials: --auth key:secret, or REPORT_LRS_KEY and REPORT_LRS_SECRET');
		lrs = { endpoint: normaliseEndpoint(args.lrs), auth };
	}
	const result = await runReport({
		course,
		staff,
		lrs,
		files,
		options: { today, inductionDays },
		pageSize: args.pageSize,
		onProgress: (n, naming) =>
			process.stderr.write(`\r${n} statements read${naming ? `; names of people not on the staff list: ${naming.done} of ${naming.of}` : ''}`),
	});
	process.stderr.write('\n');
	mkdirSync(args.out, { recursive: true });
	const tables = [...result.compliance, ...result.analytics, ...result.problems];
	for (const t of tables) writeFileSync(join(args.out, `${t.id}.csv`), toCsv(t));
	writeFileSync(
		join(args.out, 'report.json'),
		JSON.stringify(
			{
				generatedAt: new Date().toISOString(),
				today,
				inductionDays,
				policyVersion: course.policyVersion,
				source: {
					lrs: lrs?.endpoint ?? null,
					recordFiles: result.files.map((f) => ({ name: f.name, ok: f.ok })),
					staffRows: staff.staff.length,
					staffRowsRejected: staff.errors.length,
				},
				statementsRead: result.statementsRead,
				totals: result.totals,
				tables,
			},
			null,
			2,
		),
	);
	// With --expose-gc the heap figure is what the report still holds, not garbage awaiting collection.
	globalThis.gc?.();
	const mem = process.memoryUsage();
	console.log(
		`Read ${result.statementsRead} statements; ${staff.staff.length} staff (${staff.errors.length} rows not used); ${result.files.filter((f) => !f.ok).length} of ${result.files.length} record files not counted.`,
	);
	console.log(
		`Compliance view in ${(result.timings.compliance / 1000).toFixed(2)} s, analytics in ${(result.timings.analytics / 1000).toFixed(2)} s; heap ${(mem.heapUsed / 1048576).toFixed(0)} MB, RSS ${(mem.rss / 1048576).toFixed(0)} MB.`,
	);
	console.log(`Wrote ${tables.length} CSV files and report.json to ${args.out}`);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
