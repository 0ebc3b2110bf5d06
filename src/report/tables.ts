/**
 * Every figure the report shows, as plain tables (id, title, columns, rows of strings and
 * numbers). The page renders these, exports each as CSV, and the command line writes the same
 * tables to CSV and JSON: one source, so the two can be compared cell by cell.
 */
import type { AnalyticsView } from './analytics.ts';
import type { Acknowledgement, ComplianceView, PersonRow } from './compliance.ts';
import type { ReportCourse } from './course-key.ts';
import type { RecordFileResult } from './record-file.ts';
import type { RowError } from './staff.ts';

export type Cell = string | number;
export interface Table {
	id: string;
	title: string;
	columns: Array<{ key: string; label: string; numeric?: boolean }>;
	rows: Array<Record<string, Cell>>;
}

const STATUS: Record<string, string> = {
	completed: 'Completed',
	'induction-due': 'Induction due',
	'induction-overdue': 'Induction overdue',
	current: 'Current',
	due: 'Due',
	overdue: 'Overdue',
	older: 'Older version only',
	none: 'None',
};
export const label = (s: string | undefined) => (s ? (STATUS[s] ?? s) : '');

/** Every acknowledgement in one cell: "Version 2 on 2026-01-10; Version 3 on 2026-10-01". */
export const ackList = (all: Acknowledgement[]) => all.map((a) => `Version ${a.version} on ${a.day}`).join('; ');

export function roleLabel(course: ReportCourse, id: string) {
	return course.roles.find((r) => r.id === id)?.label ?? id;
}

function personCols() {
	return [
		{ key: 'name', label: 'Name' },
		{ key: 'id', label: 'Email or staff number' },
		{ key: 'academy', label: 'Academy' },
		{ key: 'role', label: 'Role' },
	];
}

export function complianceTables(view: ComplianceView, course: ReportCourse): Table[] {
	const person = (r: PersonRow) => ({ name: r.name, id: r.id, academy: r.academy, role: roleLabel(course, r.role) });
	const byName = (a: PersonRow, b: PersonRow) => a.academy.localeCompare(b.academy) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
	const people = [...view.people].sort(byName);
	return [
		{
			id: 'completion',
			title: 'Completion by academy and role',
			columns: [
				{ key: 'academy', label: 'Academy' },
				{ key: 'role', label: 'Role' },
				{ key: 'staff', label: 'Staff', numeric: true },
				{ key: 'completed', label: 'Completed', numeric: true },
				{ key: 'percent', label: 'Completed %', numeric: true },
				{ key: 'inDate', label: 'In date', numeric: true },
				{ key: 'ackCurrent', label: 'Acknowledged current policy', numeric: true },
			],
			rows: view.byGroup.map((g) => ({
				academy: g.academy,
				role: roleLabel(course, g.role),
				staff: g.staff,
				completed: g.completed,
				percent: g.percent,
				inDate: g.inDate,
				ackCurrent: g.ackCurrent,
			})),
		},
		{
			id: 'induction',
			title: 'Induction due',
			columns: [
				...personCols(),
				{ key: 'startDate', label: 'Start date' },
				{ key: 'due', label: 'Induction due by' },
				{ key: 'status', label: 'Status' },
				{ key: 'started', label: 'Has started' },
			],
			rows: people
				.filter((r) => r.status !== 'completed')
				.map((r) => ({ ...person(r), startDate: r.startDate, due: r.inductionDue ?? '', status: label(r.status), started: r.hasRecord ? 'Yes' : 'No' })),
		},
		{
			id: 'refresher',
			title: 'Refresher due or overdue',
			columns: [
				...personCols(),
				{ key: 'completed', label: 'Last completed' },
				{ key: 'offered', label: 'Offered from' },
				{ key: 'due', label: 'Due by' },
				{ key: 'status', label: 'Status' },
				{ key: 'selfReported', label: 'Self-reported' },
			],
			rows: people
				.filter((r) => r.refresher === 'due' || r.refresher === 'overdue')
				.map((r) => ({
					...person(r),
					completed: r.lastCompletion ?? '',
					offered: r.refresherOffered ?? '',
					due: r.refresherDue ?? '',
					status: label(r.refresher),
					selfReported: r.selfReported ? 'Yes' : 'No',
				})),
		},
		{
			id: 'acknowledgement',
			title: `Policy acknowledgement (current version: ${view.policyVersion})`,
			columns: [
				...personCols(),
				{ key: 'ack', label: 'Acknowledged' },
				{ key: 'version', label: 'Newest version acknowledged' },
				{ key: 'all', label: 'Every acknowledgement' },
			],
			rows: people.map((r) => ({ ...person(r), ack: label(r.ack), version: r.ackVersion ?? '', all: ackList(r.acknowledgements) })),
		},
		{
			id: 'status',
			title: 'Everyone on the staff list',
			columns: [
				...personCols(),
				{ key: 'startDate', label: 'Start date' },
				{ key: 'status', label: 'Status' },
				{ key: 'completed', label: 'Last completed' },
				{ key: 'mode', label: 'Induction or refresher' },
				{ key: 'score', label: 'Score %', numeric: true },
				{ key: 'refresher', label: 'Refresher' },
				{ key: 'selfReported', label: 'Self-reported' },
			],
			rows: people.map((r) => ({
				...person(r),
				startDate: r.startDate,
				status: label(r.status),
				completed: r.lastCompletion ?? '',
				mode: r.lastMode ? (r.lastMode === 'induction' ? 'Induction' : 'Refresher') : '',
				score: r.score ?? '',
				refresher: label(r.refresher),
				selfReported: r.selfReported ? 'Yes' : 'No',
			})),
		},
		{
			id: 'no-record',
			title: 'Staff with no record',
			columns: [...personCols(), { key: 'startDate', label: 'Start date' }],
			rows: people.filter((r) => !r.hasRecord).map((r) => ({ ...person(r), startDate: r.startDate })),
		},
		{
			id: 'not-on-list',
			title: 'Records from people not on the staff list',
			columns: [
				{ key: 'name', label: 'Name' },
				{ key: 'id', label: 'Email or staff number' },
				{ key: 'role', label: 'Role chosen in the course' },
				{ key: 'completed', label: 'Last completed' },
				{ key: 'selfReported', label: 'Self-reported' },
				{ key: 'ack', label: 'Acknowledged' },
				{ key: 'all', label: 'Every acknowledgement' },
				{ key: 'last', label: 'Last activity' },
			],
			rows: view.notOnList.map((r) => ({
				name: r.name,
				id: r.id,
				role: roleLabel(course, r.courseRole),
				completed: r.lastCompletion ?? '',
				selfReported: r.selfReported ? 'Yes' : 'No',
				ack: label(r.ack),
				all: ackList(r.acknowledgements),
				last: r.lastActivity,
			})),
		},
	];
}

export function analyticsTables(view: AnalyticsView): Table[] {
	return [
		{
			id: 'clauses',
			title: 'Clauses answered against the policy',
			columns: [
				{ key: 'clause', label: 'Clause' },
				{ key: 'heading', label: 'Section' },
				{ key: 'questionAnswered', label: 'Question answers', numeric: true },
				{ key: 'questionAgainst', label: 'Question answers against', numeric: true },
				{ key: 'stepAnswered', label: 'Case decisions', numeric: true },
				{ key: 'stepAgainst', label: 'Case decisions against', numeric: true },
				{ key: 'againstPercent', label: 'Against %', numeric: true },
			],
			rows: view.clauses.map((c) => ({
				clause: c.number,
				heading: c.heading,
				questionAnswered: c.questionAnswered,
				questionAgainst: c.questionAgainst,
				stepAnswered: c.stepAnswered,
				stepAgainst: c.stepAgainst,
				againstPercent: c.againstPercent,
			})),
		},
		{
			id: 'choices',
			title: 'Choices at each step of each case',
			columns: [
				{ key: 'case', label: 'Case' },
				{ key: 'step', label: 'Step' },
				{ key: 'choice', label: 'Choice' },
				{ key: 'against', label: 'Against the policy' },
				{ key: 'first', label: 'First attempts', numeric: true },
				{ key: 'replay', label: 'Replays', numeric: true },
			],
			rows: view.cases.flatMap((c) =>
				c.steps.flatMap((s) =>
					s.choices.map((x) => ({ case: c.title, step: s.step, choice: x.label, against: x.against ? 'Yes' : 'No', first: x.first, replay: x.replay })),
				),
			),
		},
		{
			id: 'endings',
			title: 'Endings reached in each case',
			columns: [
				{ key: 'case', label: 'Case' },
				{ key: 'ending', label: 'Ending' },
				{ key: 'verdict', label: 'Verdict' },
				{ key: 'first', label: 'First attempts', numeric: true },
				{ key: 'replay', label: 'Replays', numeric: true },
			],
			rows: view.cases.flatMap((c) =>
				c.endings.map((e) => ({
					case: c.title,
					ending: e.title,
					verdict: e.verdict === 'best-practice' ? 'Best practice' : e.verdict === 'risky' ? 'Risky' : 'Breach',
					first: e.first,
					replay: e.replay,
				})),
			),
		},
	];
}

export function problemTables(staffErrors: RowError[], files: RecordFileResult[]): Table[] {
	return [
		{
			id: 'staff-errors',
			title: 'Staff list rows not used',
			columns: [
				{ key: 'row', label: 'Row', numeric: true },
				{ key: 'problem', label: 'Problem' },
			],
			rows: staffErrors.map((e) => ({ row: e.row, problem: e.message })),
		},
		{
			id: 'file-errors',
			title: 'Record files not counted',
			columns: [
				{ key: 'file', label: 'File' },
				{ key: 'problem', label: 'Problem' },
			],
			rows: files.filter((f) => !f.ok).flatMap((f) => f.problems.map((p) => ({ file: f.name, problem: p }))),
		},
	];
}

/**
 * CSV (RFC 4180, CRLF). Cells that a spreadsheet would run as a formula (starting =, +, -, @,
 * tab or CR) get a leading apostrophe: names in records are typed by learners.
 */
export function toCsv(table: Table): string {
	const q = (v: Cell) => {
		let s = String(v);
		if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
		return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return (
		[table.columns.map((c) => q(c.label)).join(','), ...table.rows.map((r) => table.columns.map((c) => q(r[c.key] ?? '')).join(','))].join('\r\n') + '\r\n'
	);
}
