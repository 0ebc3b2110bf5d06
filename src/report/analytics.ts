/**
 * "What staff get wrong", read from the fold's counters: for each case the spread of choices at
 * each step and of endings reached (first attempts apart from replays), and for each clause how
 * often questions and case steps citing it were answered against the policy. Optionally for one
 * academy and/or one role.
 */
import type { ReportCourse } from './course-key.ts';
import type { ReportFold } from './fold.ts';

export interface Filter {
	academy?: string;
	role?: string;
}

export interface ChoiceRow {
	choice: string;
	label: string;
	/** True if the choice goes against a clause of the policy. */
	against: boolean;
	first: number;
	replay: number;
}
export interface CaseView {
	scenario: string;
	title: string;
	steps: Array<{ step: string; prompt: string; choices: ChoiceRow[] }>;
	endings: Array<{ ending: string; title: string; verdict: string; first: number; replay: number }>;
}
export interface ClauseRow {
	clause: string;
	number: string;
	heading: string;
	questionAnswered: number;
	questionAgainst: number;
	stepAnswered: number;
	stepAgainst: number;
	/** Whole-number percentage of all answers citing the clause that went against it. */
	againstPercent: number;
}
export interface AnalyticsView {
	cases: CaseView[];
	clauses: ClauseRow[];
}

export function analyticsView(fold: ReportFold, course: ReportCourse, filter: Filter = {}): AnalyticsView {
	const step = new Map<string, number>();
	const ending = new Map<string, number>();
	const clause = new Map<string, number>();
	const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
	for (const { parts, n } of fold.entries()) {
		const [kind] = parts;
		const academy = parts.at(-2)!;
		const role = parts.at(-1)!;
		if ((filter.academy && filter.academy !== academy) || (filter.role && filter.role !== role)) continue;
		const k = parts.slice(1, -2).join('\u0001');
		if (kind === 'step') add(step, k, n);
		else if (kind === 'ending') add(ending, k, n);
		else if (kind === 'clause') add(clause, k, n);
	}
	const get = (m: Map<string, number>, ...k: string[]) => m.get(k.join('\u0001')) ?? 0;
	const cases: CaseView[] = Object.entries(course.scenarios)
		.map(([id, s]) => ({
			scenario: id,
			title: s.title,
			steps: Object.entries(s.steps).map(([sid, st]) => ({
				step: sid,
				prompt: st.prompt,
				choices: Object.entries(st.choices).map(([cid, c]) => ({
					choice: cid,
					label: c.label,
					against: c.breaches.length > 0,
					first: get(step, id, sid, cid, 'first'),
					replay: get(step, id, sid, cid, 'replay'),
				})),
			})),
			endings: Object.entries(s.endings).map(([eid, e]) => ({
				ending: eid,
				title: e.title,
				verdict: e.verdict,
				first: get(ending, id, eid, 'first'),
				replay: get(ending, id, eid, 'replay'),
			})),
		}))
		.filter((c) => c.endings.some((e) => e.first + e.replay > 0) || c.steps.some((s) => s.choices.some((x) => x.first + x.replay > 0)))
		.sort((a, b) => a.title.localeCompare(b.title));
	const clauses: ClauseRow[] = Object.entries(course.clauses)
		.map(([id, c]) => {
			const qa = get(clause, id, 'question', 'answered');
			const qx = get(clause, id, 'question', 'against');
			const sa = get(clause, id, 'step', 'answered');
			const sx = get(clause, id, 'step', 'against');
			return {
				clause: id,
				number: c.number,
				heading: c.heading,
				questionAnswered: qa,
				questionAgainst: qx,
				stepAnswered: sa,
				stepAgainst: sx,
				againstPercent: qa + sa ? Math.round((100 * (qx + sx)) / (qa + sa)) : 0,
			};
		})
		.filter((r) => r.questionAnswered + r.stepAnswered > 0)
		.sort((a, b) => b.againstPercent - a.againstPercent || a.clause.localeCompare(b.clause, 'en', { numeric: true }));
	return { cases, clauses };
}
