/**
 * `npm run course:check [-- --json] [-- --root <folder>] [-- --owner-report <file.html>]`
 *
 * Validates all course content and prints a report: counts, clause coverage, the verdict rule
 * per scenario, reading age and item-writing figures per module, and the notes for the policy
 * owner. Exits non-zero on any error, printing each with its file, field and value.
 * `--owner-report` also writes a printable HTML report of the notes for the policy owner.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { coverage, coverageIssues } from '../src/build/coverage.ts';
import { ContentError, formatIssue, loadCourse, type ContentIssue, type LoadedCourse } from '../src/build/load.ts';
import { ownerReportHtml } from '../src/build/owner-report.ts';
import { versionCheck } from '../src/build/policy-diff.ts';
import { courseQuality } from '../src/build/quality.ts';
import { MAX_FEEDBACK_GRADE, MAX_SENTENCE_WORDS } from '../src/build/readability.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const rootArg = args.indexOf('--root');
const root = resolve((rootArg >= 0 ? args[rootArg + 1] : undefined) ?? 'modules');
const ownerArg = args.indexOf('--owner-report');
const ownerReport = ownerArg >= 0 ? args[ownerArg + 1] : undefined;
if (ownerArg >= 0 && (!ownerReport || ownerReport.startsWith('--'))) {
	console.error('--owner-report needs a file name, e.g. --owner-report policy-owner-notes.html');
	process.exit(2);
}

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
	const quality = courseQuality(loaded);
	const versions = versionCheck(loaded);
	const errors = [...coverageIssues(loaded), ...quality.issues, ...(versions?.issues ?? [])];
	if (ownerReport) {
		writeFileSync(ownerReport, ownerReportHtml(loaded));
		if (!json) console.log(`Wrote the report for the policy owner to ${ownerReport}`);
	}
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
		modules: loaded.modules.map((m) => {
			const q = quality.modules.find((x) => x.id === m.id)!;
			return {
				id: m.id,
				title: m.data.title,
				lessons: m.lessons.length,
				scenarios: m.scenarios.length,
				questions: m.questions.length,
				readability: {
					feedbackGrade: q.readability.feedback.grade,
					maxFeedbackGrade: MAX_FEEDBACK_GRADE,
					allTextGrade: q.readability.all.grade,
					sentences: q.readability.all.sentences,
					longSentences: q.readability.longSentences,
					maxSentenceWords: MAX_SENTENCE_WORDS,
					hardest: q.readability.hardest,
				},
				items: q.items,
				ok: q.ok,
			};
		}),
		scenarios: quality.scenarios.map((s) => ({
			id: s.id,
			module: s.moduleId,
			file: s.file,
			verdictRule: s.ok ? 'pass' : 'fail',
			paths: s.paths,
			violations: s.violations,
			reviewNotes: s.reviewNotes,
		})),
		items: quality.items,
		coverage: {
			ruleClauses: report.ruleClauses,
			coveredRuleClauses: report.coveredRuleClauses,
			percent: report.percent,
			clauses: report.clauses,
		},
		policyOwnerNotes: loaded.policy.notes,
		policyVersions: versions && { from: versions.diff.from, to: versions.diff.to, changes: versions.diff.changes, review: versions.review },
		errors,
	};

	if (json) {
		console.log(JSON.stringify(result, null, 2));
	} else {
		const out: string[] = [];
		out.push(`${loaded.course.title} ${loaded.course.version} (policy version ${loaded.policy.version})`);
		out.push('');
		out.push(`Modules ${counts.modules} · lessons ${counts.lessons} · scenarios ${counts.scenarios} · questions ${counts.questions}`);
		for (const m of result.modules)
			out.push(
				`  ${m.id.padEnd(28)} lessons ${String(m.lessons).padStart(2)}  scenarios ${String(m.scenarios).padStart(2)}  questions ${String(m.questions).padStart(2)}`,
			);
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
		out.push(`Verdict rule (docs/content-brief.md): ${quality.scenarios.filter((x) => x.ok).length} of ${quality.scenarios.length} scenarios pass`);
		for (const x of quality.scenarios) {
			out.push(
				`  ${x.ok ? 'pass' : 'FAIL'} ${x.id.padEnd(40)} ${String(x.paths).padStart(3)} paths${x.ok ? '' : `  ${x.violations.length} violation${x.violations.length === 1 ? '' : 's'}`}`,
			);
			for (const note of x.reviewNotes) out.push(`       to review: ${note.field}: ${note.message}`);
		}
		out.push('');
		const it = quality.items;
		out.push(
			`Item writing: correct option longest in ${it.correctLongest} of ${it.singleChoice} single-choice questions (at most ${it.maxCorrectLongest}); best-practice choice longest at ${it.bestPracticeLongest} of ${it.steps} steps (at most ${it.maxBestPracticeLongest})`,
		);
		out.push(`Reading age (US grade, Flesch-Kincaid): feedback + explanations at most ${MAX_FEEDBACK_GRADE}; no sentence over ${MAX_SENTENCE_WORDS} words`);
		out.push(`  ${'module'.padEnd(28)} feedback  all text  long sentences  correct longest  best-practice longest`);
		for (const m of quality.modules) {
			const r = m.readability;
			out.push(
				`  ${m.id.padEnd(28)} ${String(r.feedback.grade).padStart(8)}  ${String(r.all.grade).padStart(8)}  ${String(r.longSentences).padStart(14)}  ${`${m.items.correctLongest}/${m.items.singleChoice}`.padStart(15)}  ${`${m.items.bestPracticeLongest}/${m.items.steps}`.padStart(21)}`,
			);
		}
		out.push('');
		if (versions) {
			const { diff, review } = versions;
			out.push(`Policy changes, version ${diff.from} -> ${diff.to} (${diff.changes.length}):`);
			for (const c of diff.changes) {
				out.push(
					`  ${(c.class ?? 'UNCLASSED').padEnd(10)} ${c.kind.padEnd(9)} ${c.number.padEnd(5)} ${c.clause}${c.previousId ? ` (was ${c.previousId})` : ''}`,
				);
				if (c.kind === 'reworded') out.push(`        ${c.words.map((w) => (w.added ? `{+${w.value}+}` : w.removed ? `[-${w.value}-]` : w.value)).join('')}`);
			}
			out.push(`Content citing changed clauses (${review.filter((r) => r.reviewed).length} of ${review.length} reviewed):`);
			for (const r of review) out.push(`  ${r.reviewed ? 'reviewed' : 'TO REVIEW'} ${r.key} (${r.clauses.join(', ')})`);
			out.push('');
		}
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
