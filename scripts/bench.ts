/**
 * `npm run bench [-- --no-build] [-- --lighthouse]`
 *
 * Builds the site, then prints what every page costs (JavaScript raw and gzipped, CSS, HTML,
 * requests), the offline precache totals and the budget verdicts; writes bench/latest.json.
 * With --lighthouse (and Chromium available) it also runs Lighthouse's mobile profile three
 * times on key pages and prints the median scores and metrics. Exits non-zero over budget.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyse, BUDGETS } from '../src/build/analyse.ts';
import { waitFor } from '../tests/lrs/harness.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';

const args = process.argv.slice(2);
// The compliance report at scale (scripts/bench-report.ts); does not build or check budgets.
if (args.includes('--report')) {
	await (await import('./bench-report.ts')).benchReport(args);
	process.exit(0);
}
const kb = (n: number) => (n / 1024).toFixed(1);

if (!args.includes('--no-build')) {
	console.log('Building…');
	execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const report = analyse(resolve('dist'));

const rows = report.pages.map((p) => [
	p.path,
	p.kind,
	kb(p.jsBytes),
	kb(p.jsGzip),
	kb(p.onDemandGzip),
	kb(p.cssGzip),
	kb(p.htmlBytes),
	String(p.requests),
	p.verdict === 'ok' ? 'ok' : `OVER: ${p.problems.join('; ')}`,
]);
const head = ['page', 'kind', 'JS KB', 'JS KB gz', 'on demand gz', 'CSS KB gz', 'HTML KB', 'requests', 'verdict'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 7 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log('');
const p = report.precache;
console.log(
	`Offline precache: ${p.files} files; HTML ${kb(p.html)} KB, CSS ${kb(p.css)} KB, JS ${kb(p.js)} KB, fonts ${kb(p.fonts)} KB = ${kb(p.total)} KB (budget ${BUDGETS.precacheBytes / 1024} KB); other (icons, manifest, data) ${kb(p.other)} KB`,
);
console.log(
	`Heaviest page: ${report.heaviest.path} with ${kb(report.heaviest.jsGzip)} KB gzipped JavaScript (budget ${BUDGETS.interactivePageJsGzip / 1024} KB)`,
);
console.log(
	`Reading pages with JavaScript: ${report.pages.filter((x) => x.kind === 'reading' && x.jsBytes > 0).length} of ${report.pages.filter((x) => x.kind === 'reading').length}`,
);

let lighthouse: unknown;
if (args.includes('--lighthouse')) lighthouse = await runLighthouse();

mkdirSync('bench', { recursive: true });
writeFileSync('bench/latest.json', JSON.stringify({ ...report, lighthouse }, null, 2));
console.log('\nWrote bench/latest.json');
console.log(report.ok ? 'All budgets met.' : `Over budget:\n${report.problems.map((x) => `  - ${x}`).join('\n')}`);
process.exitCode = report.ok ? 0 : 1;

async function runLighthouse() {
	const chrome = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(chrome)) {
		console.log(`\nLighthouse skipped: no Chromium at ${chrome}.`);
		return undefined;
	}
	let lh: typeof import('lighthouse');
	let launcher: typeof import('chrome-launcher');
	try {
		lh = await import('lighthouse');
		launcher = await import('chrome-launcher');
	} catch {
		console.log('\nLighthouse skipped: the lighthouse package is not installed.');
		return undefined;
	}
	const port = 4391;
	const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port)], { stdio: 'ignore' });
	await waitFor(`http://127.0.0.1:${port}/`, 20_000);
	const pages = [
		'/',
		'/modules/acceptable-use/pupils-and-personal-accounts/',
		'/modules/acceptable-use/scenarios/pupil-friend-request/',
		'/assessment/',
		'/policy/',
	];
	const results: Record<string, Record<string, number>> = {};
	const browser = await launcher.launch({
		chromePath: chrome,
		chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
	});
	try {
		for (const path of pages) {
			const runs: Array<Record<string, number>> = [];
			for (let i = 0; i < 3; i++) {
				const r = await lh.default(`http://127.0.0.1:${port}${path}`, {
					port: browser.port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
				});
				const lhr = r!.lhr;
				runs.push({
					performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
					accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
					bestPractices: Math.round((lhr.categories['best-practices']?.score ?? 0) * 100),
					seo: Math.round((lhr.categories.seo?.score ?? 0) * 100),
					lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
					tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
					cls: Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
				});
			}
			const median = (k: string) => runs.map((x) => x[k]!).sort((a, b) => a - b)[1]!;
			results[path] = Object.fromEntries(Object.keys(runs[0]!).map((k) => [k, median(k)]));
		}
	} finally {
		await browser.kill();
		server.kill();
	}
	console.log('\nLighthouse (mobile profile, median of 3 runs)');
	console.log('page'.padEnd(58) + 'perf  a11y  best  seo   LCP ms  TBT ms  CLS');
	for (const [path, r] of Object.entries(results)) {
		console.log(
			`${path.padEnd(58)}${String(r.performance).padStart(4)}  ${String(r.accessibility).padStart(4)}  ${String(r.bestPractices).padStart(4)}  ${String(r.seo).padStart(3)}  ${String(r.lcpMs).padStart(7)}  ${String(r.tbtMs).padStart(6)}  ${r.cls}`,
		);
	}
	return results;
}
