/**
 * The printable report for the policy owner: every fault or ambiguity the course team found
 * in the printed policy (the transcription's `notes`), each with the clauses it concerns quoted
 * as printed. Written by `npm run course:check -- --owner-report <file.html>`; it is not part
 * of the site, so learners never see it. One self-contained HTML file: no scripts, no external
 * requests, print styles inline.
 */
import type { LoadedCourse } from './load.ts';

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The report as a complete HTML document. */
export function ownerReportHtml(loaded: Pick<LoadedCourse, 'policy' | 'clauses' | 'course'>, generated = new Date()): string {
	const { policy, clauses, course } = loaded;
	const byId = new Map(clauses.map((c) => [c.id, c]));
	const notes = policy.notes
		.map((note, i) => {
			const quoted = note.clauses
				.map((id) => byId.get(id))
				.filter((c) => c !== undefined)
				.map(
					(c) =>
						`<blockquote><p><strong>${escape(c.number.replace(/\.$/, ''))}</strong> ${escape(c.text)}</p>${c.items.length ? `<ul>${c.items.map((t) => `<li>${escape(t)}</li>`).join('')}</ul>` : ''}</blockquote>`,
				)
				.join('');
			return `<li id="note-${escape(note.id)}"><p>${escape(note.text)}</p>${note.clauses.length ? `<p class="clauses">Clauses: ${note.clauses.map((id) => escape(byId.get(id)?.number.replace(/\.$/, '') ?? id)).join(', ')}</p>${quoted}` : `<p class="clauses">Front matter or the document as a whole.</p>`}<p class="ref">Note ${i + 1} · ${escape(note.id)}</p></li>`;
		})
		.join('\n');
	return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Notes for the policy owner: ${escape(policy.title)} (${escape(policy.versionLabel)})</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.5rem; }
ol > li { margin-bottom: 1.25rem; break-inside: avoid; }
blockquote { margin: .5rem 0 .5rem 1rem; padding-left: .75rem; border-left: 3px solid #666; }
.clauses, .ref { font-size: .9rem; color: #333; margin: .25rem 0; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
</style>
</head>
<body>
<h1>Notes for the policy owner</h1>
<p>${escape(policy.title)}, ${escape(policy.organisation)}. ${escape(policy.versionLabel)}. Owner: ${escape(policy.owner)}.</p>
<p>These are faults and ambiguities in the printed policy found while building the course “${escape(course.title)}” (course version ${escape(course.version)}). The course teaches the policy as printed and, where the wording is unclear, tells learners so and whom to ask. Each note quotes the clauses it concerns. ${policy.notes.length} notes; generated ${escape(generated.toISOString().slice(0, 10))} by <code>npm run course:check -- --owner-report</code>.</p>
<ol>
${notes}
</ol>
</body>
</html>
`;
}
