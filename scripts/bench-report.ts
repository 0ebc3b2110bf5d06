/**
 * `npm run bench -- --report [--staff N] [--academies N] [--lrs-staff N,N,...] [--page-size N] [--cli-heap MB] [--in-process-only | --lrs-only]`
 *
 * The compliance report at scale. Makes a seeded synthetic trust (default 60 academies, 4,000
 * staff), then measures:
 * 1. in process, with no LRS: the report's fold fed straight from the generator (time to the
 *    compliance view and to the analytics, heap before and after): memory must stay flat as
 *    statements grow, since statements are never held;
 * 2. through the test LRS (Learning Locker's statement service): load time, then the command-line
 *    twin's time to the compliance view and analytics, paging with `more`, and its peak RSS;
 * 3. the same, in the browser: the built /report/ page (run `npm run build` first) in Chromium,
 *    from "Make the report" to the finished report, and the page's peak JavaScript heap.
 * `--lrs-staff 250,500,1000` runs steps 2 and 3 at each size, each into a fresh LRS, and prints one
 * table row per size (the in-memory test LRS slows as it fills: see the README).
 */
import { chromium } from '@playwright/test';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadCourse } from '../src/build/load.ts';
import { analyticsView } from '../src/report/analytics.ts';
import { complianceView, groupResolver } from '../src/report/compliance.ts';
import { reportCourse } from '../src/report/course-key.ts';
import { ReportFold } from '../src/report/fold.ts';
import { planTrust, staffCsv, trustStatements } from '../src/report/generate.ts';
import { parseStaffCsv } from '../src/report/staff.ts';
import { startLrs, waitFor } from '../tests/lrs/harness.ts';
import { testPort } from '../tests/ports.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { loadTrust } from './report-trust.ts';
import { PAGE_SIZE } from '../src/report/lrs.ts';
import { runReport } from '../src/report/run.ts';
import v8 from 'node:v8';

/**
 * Statements per POST when loading the test LRS. Its in-memory service spends time proportional to
 * the square of the batch on each POST (it builds two id maps by copying an object once per
 * statement: groupStatementsById and getUnstoredModels, 26% of its CPU at 1,000 a batch in a
 * profile), and time proportional to what it already holds once per POST; 250 balances the two.
 */
const LOAD_BATCH = 250;

/**
 * The command-line twin runs with its heap capped at this (`--max-old-space-size`, `--cli-heap MB`
 * to change it): it reads page by page and never holds every statement, but it does hold a summary
 * of each person (about 7 KB), so 4,000 staff need 256 (README, "Scale").
 */
const CLI_HEAP_MB = 128;

export async function benchReport(args: string[]) {
	const opt = (name: string, d: number) => {
		const i = args.indexOf(name);
		return i >= 0 ? Number(args[i + 1]) : d;
	};
	const staffCount = opt('--staff', 4000);
	const academies = opt('--academies', 60);
	// `--lrs-staff 250,500,1000`: the sizes to run through the test LRS (default: the whole trust).
	const lrsSizesArg = args[args.indexOf('--lrs-staff') + 1];
	const lrsSizes = args.includes('--lrs-staff') && lrsSizesArg ? lrsSizesArg.split(',').map(Number) : [staffCount];
	const pageSize = args.includes('--page-size') ? opt('--page-size', 0) : undefined;
	const cliHeapMb = opt('--cli-heap', CLI_HEAP_MB);
	const today = new Date().toISOString().slice(0, 10);
	const course = reportCourse(loadCourse(resolve('modules')));

	// 1. In process (`--lrs-only` skips it).
	if (args.includes('--reader-only')) return throughReader(course, staffCount, academies, today, pageSize ?? PAGE_SIZE);
	if (!args.includes('--lrs-only')) await inProcess(course, staffCount, academies, today);
	if (args.includes('--in-process-only')) return;

	// 2 and 3. Through the test LRS, at each size asked for (a fresh LRS for each).
	const rows: string[] = [];
	for (const size of lrsSizes) rows.push(await throughLrs(course, size, academies, today, pageSize, cliHeapMb));
	console.log(
		`\n| Staff | Statements in the LRS | Load (LRS CPU) | Command line: compliance view / analytics (its CPU, the LRS's CPU) | Command line: peak RSS / heap after GC (heap capped at ${cliHeapMb} MB) | Browser: finished report | Browser: peak JS heap / after GC |\n| ---: | ---: | --- | --- | --- | --- | --- |\n${rows.join('\n')}`,
	);
}

/** The report's fold fed straight from the generator, with no LRS: its own cost, and the heap it holds as statements grow. */
async function inProcess(course: ReturnType<typeof reportCourse>, staffCount: number, academies: number, today: string) {
	const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
	const people = planTrust({ seed: 19, academies, staff: staffCount, today, notOnList: Math.round(staffCount / 100) });
	const staff = parseStaffCsv(staffCsv(people, course), course);
	globalThis.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const fold = new ReportFold(course, groupResolver(staff.staff));
	let statements = 0;
	let foldMs = 0;
	const samples: Array<[number, number]> = [];
	for await (const { statements: batch } of trustStatements(people, course, 19)) {
		const t = performance.now();
		for (const s of batch) fold.add(s, 'lrs');
		foldMs += performance.now() - t;
		statements += batch.length;
		if (samples.length === 0 || statements - samples.at(-1)![0] > 100_000) {
			globalThis.gc?.();
			samples.push([statements, process.memoryUsage().heapUsed - heapBefore]);
		}
	}
	let t = performance.now();
	complianceView(fold, staff.staff, course, { today, inductionDays: 28 });
	const viewMs = performance.now() - t;
	t = performance.now();
	analyticsView(fold, course);
	const analyticsMs = performance.now() - t;
	globalThis.gc?.();
	console.log(`In process: ${staffCount} staff, ${academies} academies, ${statements} statements`);
	console.log(`  fold ${(foldMs / 1000).toFixed(2)} s; compliance view +${viewMs.toFixed(0)} ms; analytics +${analyticsMs.toFixed(0)} ms`);
	console.log(
		`  heap held by the fold as statements grow: ${samples.map(([n, h]) => `${n}: ${mb(h)}`).join(', ')}; at the end ${mb(process.memoryUsage().heapUsed - heapBefore)}`,
	);
}

/**
 * `--reader-only`: the command-line twin's own path (runReport: readStatements paging with `more`,
 * JSON parsing, the fold, both views) at full size, with an in-process stand-in for the LRS that
 * serves the generator's statements as JSON pages, so the report's side is measured apart from an
 * LRS's. The time the stand-in spends making and serialising pages is taken out. Run it with
 * `--max-old-space-size` to show the heap the report needs does not grow with statements.
 */
async function throughReader(course: ReturnType<typeof reportCourse>, staffCount: number, academies: number, today: string, pageSize: number) {
	const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
	const people = planTrust({ seed: 19, academies, staff: staffCount, today, notOnList: Math.round(staffCount / 100) });
	const staff = parseStaffCsv(staffCsv(people, course), course);
	const source = trustStatements(
		people.filter((p) => !p.offline),
		course,
		19,
	)[Symbol.asyncIterator]();
	const pending: unknown[] = [];
	let served = 0;
	let serveMs = 0;
	let serveCpu = 0;
	let page = 0;
	let peakHeap = 0;
	const samples: string[] = [];
	const fetchPage = async (): Promise<Response> => {
		const t = performance.now();
		const c = process.cpuUsage();
		let done = false;
		while (pending.length < pageSize && !done) {
			const next = await source.next();
			if (next.done) done = true;
			else pending.push(...next.value.statements);
		}
		const statements = pending.splice(0, pageSize);
		served += statements.length;
		page++;
		const body = JSON.stringify({ statements, more: done && !pending.length ? '' : `/xAPI/statements?more=${page}` });
		serveMs += performance.now() - t;
		const used = process.cpuUsage(c);
		serveCpu += (used.user + used.system) / 1000;
		// Heap after a GC every 20 pages: what the report holds so far, page buffers included.
		if (page % 20 === 1) {
			globalThis.gc?.();
			const h = process.memoryUsage().heapUsed - heapBefore;
			peakHeap = Math.max(peakHeap, h);
			samples.push(`${served}: ${mb(h)}`);
		}
		return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
	};
	globalThis.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const cpu0 = process.cpuUsage();
	const t = performance.now();
	const result = await runReport({
		course,
		staff,
		files: [],
		options: { today, inductionDays: 28 },
		lrs: { endpoint: 'http://lrs.invalid/xAPI/', auth: 'Basic eDp4' },
		pageSize,
		fetch: fetchPage as typeof fetch,
	});
	const total = performance.now() - t;
	const cpu = process.cpuUsage(cpu0);
	globalThis.gc?.();
	const rss = process.resourceUsage().maxRSS * 1024;
	console.log(`Reader path, ${staffCount} staff, ${academies} academies: ${result.statementsRead} statements in ${page} pages of up to ${pageSize}`);
	console.log(`  CPU: the report's side ${((cpu.user + cpu.system) / 1e6 - serveCpu / 1000).toFixed(1)} s, the stand-in LRS ${(serveCpu / 1000).toFixed(1)} s`);
	console.log(
		`  wall clock, the report's side (reading pages, parsing, fold): compliance view ${((result.timings.compliance - serveMs) / 1000).toFixed(1)} s, analytics ${((result.timings.analytics - serveMs) / 1000).toFixed(1)} s (the stand-in LRS took another ${(serveMs / 1000).toFixed(1)} s of ${(total / 1000).toFixed(1)} s making pages)`,
	);
	console.log(
		`  heap held after GC (above what was held before the run) as statements are read: ${samples.join(', ')}; at the end ${mb(process.memoryUsage().heapUsed - heapBefore)}; peak RSS ${mb(rss)}; heap limit ${mb(v8.getHeapStatistics().heap_size_limit)}`,
	);
}

/** CPU seconds a process has used so far (user + system), from /proc; undefined where there is no /proc. */
function cpuSeconds(pid: number | undefined): number | undefined {
	if (!pid) return undefined;
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return undefined;
	}
}

/** The process listening on a local port (the LRS's statement service behind the harness's gate), via `ss`. */
async function pidOn(port: number): Promise<number | undefined> {
	const { stdout } = await promisify(execFile)('ss', ['-ltnpH', `sport = :${port}`]).catch(() => ({ stdout: '' }));
	const m = /pid=(\d+)/.exec(stdout);
	return m ? Number(m[1]) : undefined;
}

/**
 * One size through the test LRS: load it (timing wall clock and the LRS's own CPU, which is what
 * grows with the statements it already holds), then the command-line twin and the page read it back
 * paging with `more`; both must read every statement that was loaded.
 */
async function throughLrs(
	course: ReturnType<typeof reportCourse>,
	staffCount: number,
	academies: number,
	today: string,
	pageSize: number | undefined,
	cliHeapMb: number,
): Promise<string> {
	// The test LRS's clock runs at a tenth of real speed so its `more` paging stays correct for a
	// load of up to 71 minutes (tests/lrs/slow-clock.cjs); its work is unchanged. It holds every
	// statement in memory: half a million need more than Node's default heap.
	const lrs = await startLrs(testPort(4590), 'course', 'secret', { clockRate: 0.1, heapMb: 8192 });
	try {
		const servicePid = await pidOn(testPort(4590) + 1);
		const cpu0 = cpuSeconds(servicePid);
		let t = performance.now();
		let lastLog = 0;
		const trust = await loadTrust(course, { seed: 19, academies, staff: staffCount, today, notOnList: Math.round(staffCount / 100) }, lrs, LOAD_BATCH, (n) => {
			// One line a minute, so a long run in the background leaves a readable log.
			if (performance.now() - lastLog > 60_000) {
				lastLog = performance.now();
				console.error(
					`  ${new Date().toISOString().slice(11, 19)} ${n} statements loaded (${((performance.now() - t) / 1000).toFixed(0)} s, LRS CPU ${((cpuSeconds(servicePid) ?? 0) - (cpu0 ?? 0)).toFixed(0)} s)`,
				);
			}
		});
		const loadS = (performance.now() - t) / 1000;
		const loadCpu = cpu0 === undefined ? undefined : cpuSeconds(servicePid)! - cpu0;
		const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
		writeFileSync(join(dir, 'staff.csv'), trust.csv);
		const files = trust.files.map((f, i) => {
			const p = join(dir, `r${i}.json`);
			writeFileSync(p, f.text);
			return p;
		});
		console.log(
			`Test LRS, ${staffCount} staff: ${trust.sent} statements loaded in ${loadS.toFixed(0)} s (${(trust.sent / loadS).toFixed(0)}/s; the LRS used ${loadCpu?.toFixed(0) ?? '?'} s of CPU), ${files.length} offline record files`,
		);
		t = performance.now();
		const cpu1 = cpuSeconds(servicePid);
		const { stdout, stderr } = await promisify(execFile)(
			'/usr/bin/time',
			[
				'-f',
				'peak RSS %M KB, CPU %U s user + %S s system',
				process.execPath,
				'--expose-gc',
				`--max-old-space-size=${cliHeapMb}`,
				'--experimental-strip-types',
				'scripts/report.ts',
				'--lrs',
				lrs.endpoint,
				'--auth',
				lrs.auth,
				'--staff',
				join(dir, 'staff.csv'),
				'--records',
				...files,
				'--out',
				join(dir, 'out'),
				'--today',
				today,
				...(pageSize ? ['--page-size', String(pageSize)] : []),
			],
			{ maxBuffer: 1 << 24 },
		).catch((e) => e as { stdout: string; stderr: string });
		const readCpu = cpu1 === undefined ? undefined : cpuSeconds(servicePid)! - cpu1;
		console.log(
			`Command line (${((performance.now() - t) / 1000).toFixed(1)} s wall, including start-up; the LRS used ${readCpu?.toFixed(0) ?? '?'} s of CPU answering):\n${[
				...stdout.trim().split('\n'),
				stderr
					.trim()
					.split(/[\r\n]/)
					.at(-1),
			]
				.map((l) => `  ${l}`)
				.join('\n')}`,
		);
		const read = Number(/Read (\d+) statements/.exec(stdout)?.[1] ?? NaN);
		const fileStatements = trust.files.reduce((n, f) => n + (JSON.parse(f.text) as unknown[]).length, 0);
		const lrsRead = read - fileStatements;
		if (lrsRead !== trust.sent) console.log(`  WARNING: the command line read ${lrsRead} statements from the LRS, but ${trust.sent} were loaded`);
		const cli = /Compliance view in ([\d.]+) s, analytics in ([\d.]+) s; heap (\d+) MB/.exec(stdout);
		// A failed run says why (out of heap, a refused LRS ...), not just its resource use.
		if (!cli)
			console.log(
				`  The command line failed:\n${stderr
					.split(/[\r\n]/)
					.filter((l) => /error|heap/i.test(l))
					.slice(0, 5)
					.map((l) => `    ${l}`)
					.join('\n')}`,
			);
		const rss = /peak RSS (\d+) KB/.exec(stderr);
		const cpu = /CPU ([\d.]+) s user \+ ([\d.]+) s system/.exec(stderr);
		const browser = await inBrowser(lrs, join(dir, 'staff.csv'), files, today);
		if (browser && browser.read !== trust.sent + fileStatements)
			console.log(`  WARNING: the page read ${browser.read} statements, but ${trust.sent} were loaded and the files hold ${fileStatements}`);
		return `| ${staffCount.toLocaleString('en-GB')} | ${trust.sent.toLocaleString('en-GB')} | ${loadS.toFixed(0)} s (${loadCpu?.toFixed(0) ?? '?'} s) | ${cli ? `${cli[1]} s / ${cli[2]} s (CPU ${cpu ? (Number(cpu[1]) + Number(cpu[2])).toFixed(0) : '?'} s, LRS CPU ${readCpu?.toFixed(0) ?? '?'} s)` : 'failed'} | ${rss ? `${(Number(rss[1]) / 1024).toFixed(0)} MB` : '?'} / ${cli ? `${cli[3]} MB` : '?'} | ${browser ? `${browser.seconds.toFixed(1)} s` : 'skipped'} | ${browser ? `${browser.peakMb.toFixed(0)} MB / ${browser.heldMb.toFixed(0)} MB` : ''} |`;
	} finally {
		await lrs.close();
	}
}

/** The built report page in Chromium against the same LRS: time to the finished report, peak JS heap. */
async function inBrowser(
	lrs: { endpoint: string },
	staffCsvPath: string,
	files: string[],
	today: string,
): Promise<{ seconds: number; peakMb: number; heldMb: number; read: number } | undefined> {
	if (!existsSync('dist/report/index.html')) {
		console.log('Browser: skipped (no dist/report/: run `npm run build` first)');
		return undefined;
	}
	const port = testPort(4595);
	const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port)], { stdio: 'ignore' });
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	try {
		await waitFor(`http://127.0.0.1:${port}/`, 20_000);
		const page = await browser.newPage();
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Performance.enable');
		await page.goto(`http://127.0.0.1:${port}/report/`);
		await page.getByLabel('LRS address (endpoint)').fill(lrs.endpoint);
		await page.getByLabel('Key (username)').fill('course');
		await page.getByLabel('Secret (password)').fill('secret');
		if (files.length) await page.getByLabel('Training record files that staff downloaded (optional)').setInputFiles(files);
		await page.getByLabel('Staff list (CSV)').setInputFiles(staffCsvPath);
		await page.getByLabel('Report date').fill(today);
		let peak = 0;
		const sample = setInterval(() => {
			void cdp.send('Performance.getMetrics').then(
				({ metrics }) => {
					peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
				},
				() => undefined,
			);
		}, 250);
		// What the page is doing, so a run that stalls says where: its requests to the LRS (sent,
		// answered, failed), errors and crashes, and once a minute what it shows and the LRS's CPU.
		const t = performance.now();
		const secs = () => `${((performance.now() - t) / 1000).toFixed(1)} s`;
		const toLrs = (url: string) => url.startsWith(lrs.endpoint);
		page.on(
			'request',
			(r) => toLrs(r.url()) && r.method() === 'GET' && console.error(`  page ${secs()}: asked the LRS for ${r.url().slice(lrs.endpoint.length, 120)}`),
		);
		page.on('requestfinished', (r) => {
			if (toLrs(r.url()) && r.method() === 'GET')
				void r.sizes().then(
					(sz) => console.error(`  page ${secs()}: LRS page answered, ${(sz.responseBodySize / 1048576).toFixed(1)} MB`),
					() => undefined,
				);
		});
		page.on('requestfailed', (r) => console.error(`  page ${secs()}: request failed: ${r.url().slice(0, 120)} ${r.failure()?.errorText ?? ''}`));
		page.on('pageerror', (e) => console.error(`  page ${secs()}: error: ${e.message}`));
		page.on('console', (m) => m.type() === 'error' && console.error(`  page ${secs()}: console: ${m.text().slice(0, 300)}`));
		page.on('crash', () => console.error(`  page ${secs()}: the page crashed`));
		const servicePid = await pidOn(Number(new URL(lrs.endpoint).port) + 1);
		const watch = setInterval(() => {
			void page
				.locator('.report')
				.getByText(/^Read [\d,]+ statements/)
				.textContent({ timeout: 5_000 })
				.catch(() => '(no progress line)')
				.then((text) =>
					console.error(
						`  page ${secs()}: ${text}; JS heap ${(peak / 1048576).toFixed(0)} MB peak; LRS CPU so far ${cpuSeconds(servicePid)?.toFixed(0) ?? '?'} s`,
					),
				);
		}, 60_000);
		await page.getByRole('button', { name: 'Make the report' }).click();
		await page
			.getByRole('heading', { name: /^Report for/ })
			.waitFor({ timeout: 30 * 60_000 })
			// Both samplers stop here, on a timeout too: one left running would keep the bench alive.
			.finally(() => {
				clearInterval(watch);
				clearInterval(sample);
			});
		const ms = performance.now() - t;
		// The page's own count, to check it read every statement (as the command line is checked).
		const read = Number(await page.locator('dt:text-is("Statements read") + dd').textContent());
		// What the page still holds once the report is made (the fold and the tables, not garbage).
		await cdp.send('HeapProfiler.collectGarbage');
		const held = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
		console.log(
			`Browser (Chromium ${browser.version()}, built /report/ page): finished report ${(ms / 1000).toFixed(1)} s after "Make the report"; peak JS heap ${(peak / 1048576).toFixed(0)} MB, ${(held / 1048576).toFixed(0)} MB after GC`,
		);
		return { seconds: ms / 1000, peakMb: peak / 1048576, heldMb: held / 1048576, read };
	} finally {
		await browser.close();
		server.kill();
	}
}
