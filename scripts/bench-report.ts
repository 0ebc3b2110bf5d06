/**
 * `npm run bench -- --report [--staff N] [--academies N] [--in-process-only]`
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
 * `--lrs-staff N` loads a smaller trust into the LRS (it accepts a few hundred statements a second).
 */
import { chromium } from '@playwright/test';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadCourse } from '../src/course/load.ts';
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

export async function benchReport(args: string[]) {
	const opt = (name: string, d: number) => {
		const i = args.indexOf(name);
		return i >= 0 ? Number(args[i + 1]) : d;
	};
	const staffCount = opt('--staff', 4000);
	const academies = opt('--academies', 60);
	const lrsStaff = opt('--lrs-staff', staffCount);
	const today = new Date().toISOString().slice(0, 10);
	const course = reportCourse(loadCourse(resolve('modules')));
	const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

	// 1. In process.
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
	console.log(`  heap held by the fold as statements grow: ${samples.map(([n, h]) => `${n}: ${mb(h)}`).join(', ')}; at the end ${mb(process.memoryUsage().heapUsed - heapBefore)}`);
	if (args.includes('--in-process-only')) return;

	// 2. Through the test LRS.
	const lrs = await startLrs(testPort(4590));
	try {
		t = performance.now();
		const trust = await loadTrust(course, { seed: 19, academies, staff: lrsStaff, today, notOnList: Math.round(lrsStaff / 100) }, lrs, 2000, (n) => process.stderr.write(`\r${n} statements loaded`));
		const loadS = (performance.now() - t) / 1000;
		process.stderr.write('\n');
		const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
		writeFileSync(join(dir, 'staff.csv'), trust.csv);
		const files = trust.files.map((f, i) => {
			const p = join(dir, `r${i}.json`);
			writeFileSync(p, f.text);
			return p;
		});
		console.log(`Test LRS: ${trust.sent} statements loaded in ${loadS.toFixed(0)} s (${(trust.sent / loadS).toFixed(0)}/s), ${files.length} offline record files`);
		t = performance.now();
		const { stdout, stderr } = await promisify(execFile)('/usr/bin/time', ['-f', 'peak RSS %M KB', process.execPath, '--experimental-strip-types', 'scripts/report.ts', '--lrs', lrs.endpoint, '--auth', lrs.auth, '--staff', join(dir, 'staff.csv'), '--records', ...files, '--out', join(dir, 'out'), '--today', today], { maxBuffer: 1 << 24 }).catch((e) => e as { stdout: string; stderr: string });
		console.log(`Command line (${((performance.now() - t) / 1000).toFixed(1)} s wall, including start-up):\n${[...stdout.trim().split('\n'), stderr.trim().split(/[\r\n]/).at(-1)].map((l) => `  ${l}`).join('\n')}`);
		await inBrowser(lrs, join(dir, 'staff.csv'), files, today);
	} finally {
		await lrs.close();
	}
}

/** The built report page in Chromium against the same LRS: time to the finished report, peak JS heap. */
async function inBrowser(lrs: { endpoint: string }, staffCsvPath: string, files: string[], today: string) {
	if (!existsSync('dist/report/index.html')) {
		console.log('Browser: skipped (no dist/report/: run `npm run build` first)');
		return;
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
			void cdp.send('Performance.getMetrics').then(({ metrics }) => {
				peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
			}, () => undefined);
		}, 250);
		const t = performance.now();
		await page.getByRole('button', { name: 'Make the report' }).click();
		await page.getByRole('heading', { name: /^Report for/ }).waitFor({ timeout: 30 * 60_000 });
		const ms = performance.now() - t;
		clearInterval(sample);
		console.log(`Browser (Chromium, built /report/ page): finished report ${(ms / 1000).toFixed(1)} s after "Make the report"; peak JS heap ${(peak / 1048576).toFixed(0)} MB`);
	} finally {
		await browser.close();
		server.kill();
	}
}
