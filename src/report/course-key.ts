/**
 * What the report needs to know about the course to read its statements: the activity IRI base,
 * the current policy version, the refresher rule, the roles, and which clauses each question and
 * each scenario choice cites. Statements carry ids, not clauses (a question's statement says only
 * right or wrong), so "which clauses do staff get wrong" is answered by joining with this key.
 * Plain JSON: built at build time (the page) or from the YAML (the command line).
 */
import type { LoadedCourse } from '../course/loaded-course.ts';
import { EXT, VERBS } from '../records/statements.ts';

export interface ReportCourse {
	/**
	 * The verb and extension IRIs of src/records/statements.ts, carried as data so the report
	 * page's bundle never imports the learner's records module (which would split the learners'
	 * shared chunk and change their bundles).
	 */
	vocab: { verbs: typeof VERBS; ext: typeof EXT };
	iriBase: string;
	courseTitle: string;
	courseVersion: string;
	/** The policy version staff must acknowledge now. */
	policyVersion: string;
	trustHomePage: string;
	refresher: { offerAfterMonths: number; dueAfterMonths: number };
	/** Audience ids and labels: the roles a staff list may name. */
	roles: Array<{ id: string; label: string }>;
	/** Clause id -> printed number and a short heading, for tables. */
	clauses: Record<string, { number: string; heading: string }>;
	/** Question id -> the clauses it assesses (and its module, for the generator). */
	questions: Record<string, { clauses: string[]; prompt: string; moduleId: string }>;
	/** Module ids and titles in course order. */
	modules: Array<{ id: string; title: string }>;
	/** Scenario id -> its steps (with each choice's breached clauses) and endings. */
	scenarios: Record<
		string,
		{
			title: string;
			moduleId: string;
			/** The first step. */
			start: string;
			steps: Record<string, { prompt: string; choices: Record<string, { label: string; next: string; breaches: string[]; upholds: string[] }> }>;
			endings: Record<string, { title: string; verdict: 'best-practice' | 'risky' | 'breach' }>;
		}
	>;
}

/** The key for a loaded course (command line and build time; never in the browser). */
export function reportCourse(loaded: LoadedCourse): ReportCourse {
	const c = loaded.course;
	return {
		vocab: { verbs: VERBS, ext: EXT },
		iriBase: c.activityIriBase,
		courseTitle: c.title,
		courseVersion: c.version,
		policyVersion: c.policyVersion,
		trustHomePage: c.trust.homePage,
		refresher: { offerAfterMonths: c.refresher.offerAfterMonths, dueAfterMonths: c.refresher.dueAfterMonths },
		modules: loaded.modules.map((m) => ({ id: m.id, title: m.data.title })),
		roles: c.audiences.map((a) => ({ id: a.id, label: a.label })),
		clauses: Object.fromEntries(loaded.clauses.map((h) => [h.id, { number: h.number, heading: h.heading }])),
		questions: Object.fromEntries(
			loaded.modules.flatMap((m) => m.questions.map((q) => [q.data.id, { clauses: [...q.data.clauses], prompt: q.data.prompt, moduleId: m.id }])),
		),
		scenarios: Object.fromEntries(
			loaded.modules.flatMap((m) =>
				m.scenarios.map((s) => [
					s.id,
					{
						title: s.data.title,
						moduleId: m.id,
						start: s.data.start,
						steps: Object.fromEntries(
							s.data.steps.map((st) => [
								st.id,
								{
									prompt: st.prompt,
									choices: Object.fromEntries(
										st.choices.map((ch) => [
											ch.id,
											{ label: ch.label, next: ch.next, breaches: ch.breaches.map((b) => (typeof b === 'string' ? b : b.clause)), upholds: [...ch.upholds] },
										]),
									),
								},
							]),
						),
						endings: Object.fromEntries(s.data.endings.map((e) => [e.id, { title: e.title, verdict: e.verdict }])),
					},
				]),
			),
		),
	};
}
