/**
 * One report run, shared by the page and the command line: fold the LRS (oldest first) and then
 * the checked record files, and produce every table. Same inputs, same tables.
 */
import { analyticsView, type Filter } from './analytics.ts';
import { complianceView, groupResolver, type ComplianceOptions } from './compliance.ts';
import type { ReportCourse } from './course-key.ts';
import { ReportFold } from './fold.ts';
import { readStatements, type LrsConnection } from './lrs.ts';
import type { RecordFileResult } from './record-file.ts';
import type { StaffList } from './staff.ts';
import { analyticsTables, complianceTables, problemTables, type Table } from './tables.ts';

export interface RunInputs {
	course: ReportCourse;
	staff: StaffList;
	lrs?: LrsConnection;
	files: RecordFileResult[];
	options: ComplianceOptions;
	onProgress?: (read: number) => void;
	/** Statements asked for per page (the `limit` parameter); the reader's default when absent. */
	pageSize?: number;
	signal?: AbortSignal;
	fetch?: typeof fetch;
}

export interface RunOutput {
	fold: ReportFold;
	statementsRead: number;
	/** Time to the compliance tables and to the analytics, in milliseconds. */
	timings: { compliance: number; analytics: number };
	compliance: Table[];
	analytics: Table[];
	problems: Table[];
	totals: ReturnType<typeof complianceView>['totals'];
}

export async function foldInputs(inputs: RunInputs): Promise<ReportFold> {
	const fold = new ReportFold(inputs.course, groupResolver(inputs.staff.staff));
	if (inputs.lrs) {
		await readStatements(
			inputs.lrs,
			inputs.course.iriBase,
			(page) => {
				for (const s of page) fold.add(s, 'lrs');
				inputs.onProgress?.(fold.read);
			},
			{ signal: inputs.signal, fetch: inputs.fetch, limit: inputs.pageSize },
		);
	}
	for (const f of inputs.files) if (f.ok) for (const s of f.statements) fold.add(s, 'file');
	return fold;
}

export async function runReport(inputs: RunInputs): Promise<RunOutput> {
	const started = performance.now();
	const fold = await foldInputs(inputs);
	const view = complianceView(fold, inputs.staff.staff, inputs.course, inputs.options);
	const compliance = complianceTables(view, inputs.course);
	const complianceMs = performance.now() - started;
	const analytics = analyticsTables(analyticsView(fold, inputs.course));
	return {
		fold,
		statementsRead: fold.read,
		timings: { compliance: complianceMs, analytics: performance.now() - started },
		compliance,
		analytics,
		problems: problemTables(inputs.staff.errors, inputs.files),
		totals: view.totals,
	};
}

export function filteredAnalytics(fold: ReportFold, course: ReportCourse, filter: Filter): Table[] {
	return analyticsTables(analyticsView(fold, course, filter));
}
