/**
 * `npm run course:check [-- --json] [-- --root <folder>]`
 *
 * Validates all course content and prints a report: counts, clause coverage and the notes for
 * the policy owner. Exits non-zero on any error, printing each with its file, field and value.
 */
import { resolve } from 'node:path';
import { coverage, coverageIssues } from '../src/course/coverage.ts';
import { ContentError, formatIssue, loadCourse, type ContentIssue, type LoadedCourse } from '../src/course/load.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const rootArg = args.indexOf('--root');
const root = resolve((rootArg >= 0 ? args[rootArg + 1] : undefined) ?? 'modules');

// Exit codes are set with process.exitCode, never process.exit(): exit() can cut off
// output still queued for a pipe (`course:check -- --json | jq`).
function printErrors(issues: ContentIssue[]) {
	if (json) console.log(JSON.stringify({ ok: false, errors: issues }, null, 2));
	else console.error(new ContentError(issues).message);
	process.exitCode = 1;
}

let loaded: LoadedCourse | undefined;
try {
	loaded = loadCourse(root);
} catch (error) {
	if (!(error instanceof ContentError)) throw error;
	printErrors(error.issues);
}
if (loaded) report(loaded);

function report(loaded: LoadedCourse) {

const report = coverage(loaded);
const errors = coverageIssues(loaded);
const counts = {
	modules: loaded.modules.length,
	lessons: loaded.modules.reduce((n, m) => n + m.lessons.length, 0),
	scenarios: loaded.modules.reduce((n, m) => n + m.scenarios.length, 0),
	questions: loaded.modules.reduce((n, m) => n + m.questions.length, 0),
};
const result = {
	ok: errors.length === 0,
	course: { title: loaded.course.title, version: loaded.course.version, policyVersion: loaded.policy.version },
	counts,
	modules: loaded.modules.map((m) => ({
		id: m.id,
		title: m.data.title,
		lessons: m.lessons.length,
		scenarios: m.scenarios.length,
		questions: m.questions.length,
	})),
	coverage: {
		ruleClauses: report.ruleClauses,
		coveredRuleClauses: report.coveredRuleClauses,
		percent: report.percent,
		clauses: report.clauses,
	},
	policyOwnerNotes: loaded.policy.notes,
	errors,
};

if (json) {
	console.log(JSON.stringify(result, null, 2));
} else {
	const out: string[] = [];
	out.push(`${loaded.course.title} ${loaded.course.version} (policy version ${loaded.policy.version})`);
	out.push('');
	out.push(`Modules ${counts.modules} · lessons ${counts.lessons} · scenarios ${counts.scenarios} · questions ${counts.questions}`);
	for (const m of result.modules) out.push(`  ${m.id.padEnd(28)} lessons ${String(m.lessons).padStart(2)}  scenarios ${String(m.scenarios).padStart(2)}  questions ${String(m.questions).padStart(2)}`);
	out.push('');
	out.push(`Clause coverage: ${report.coveredRuleClauses} of ${report.ruleClauses} rule clauses taught and assessed (${report.percent}%)`);
	for (const c of report.clauses) {
		const mark = c.covered ? 'ok ' : c.isRule ? 'GAP' : ' - ';
		const kind = c.isRule ? `rule: ${c.strength.join(', ') || 'marked'}` : 'not a rule';
		out.push(`  ${mark} ${c.number.padEnd(5)} ${c.id.padEnd(15)} ${c.heading} (${kind})`);
		out.push(`        taught by:   ${c.taughtBy.join(', ') || 'not taught'}`);
		out.push(`        assessed by: ${c.assessedBy.join(', ') || 'not assessed'}`);
	}
	out.push('');
	out.push(`Notes for the policy owner (${loaded.policy.notes.length}):`);
	for (const note of loaded.policy.notes) out.push(`  - ${note.text}`);
	out.push('');
	if (errors.length) {
		out.push(`${errors.length} error${errors.length === 1 ? '' : 's'}:`);
		for (const e of errors) out.push(formatIssue(e));
	} else out.push('No errors.');
	console.log(out.join('\n'));
}
process.exitCode = errors.length ? 1 : 0;
}
