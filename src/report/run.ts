/**
 * One report run, shared by the page and the command line: fold the LRS (oldest first) and then
 * the record files, each read and checked in turn, and produce every table. Same inputs, same
 * tables. Nothing holds every statement: LRS pages and files are folded one at a time.
 */
import { analyticsView, type Filter } from './analytics.ts';
import { complianceView, groupResolver, type ComplianceOptions } from './compliance.ts';
import type { ReportCourse } from './course-key.ts';
import { ReportFold } from './fold.ts';
import { readLatestName, readStatements, type LrsConnection } from './lrs.ts';
import { readRecordFile, type RecordFileResult, type RecordFileSource } from './record-file.ts';
import type { StaffList } from './staff.ts';
import { analyticsTables, complianceTables, problemTables, type Table } from './tables.ts';

// The page checks chosen files with this, loading it from here: importing record-file.ts both
// statically (here) and dynamically (from the page) made the bundler add a namespace helper to the
// runtime chunk every learner page loads (+107 bytes gzipped).
export { checkRecordFile } from './record-file.ts';

export interface RunInputs {
	course: ReportCourse;
	staff: StaffList;
	lrs?: LrsConnection;
	/** Record files that learners downloaded, read and checked one at a time during the run. */
	files: RecordFileSource[];
	options: ComplianceOptions;
	/** Statements read so far; then, while names are read, how many of how many people are done. */
	onProgress?: (read: number, naming?: { done: number; of: number }) => void;
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
	/** What the run found in each record file, in the order given. */
	files: RecordFileResult[];
}

/** Folds the LRS, then each record file, into `fold` (a new one by default). */
export async function foldInputs(
	inputs: RunInputs,
	fold = new ReportFold(inputs.course, groupResolver(inputs.staff.staff)),
): Promise<{ fold: ReportFold; files: RecordFileResult[] }> {
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
	const files: RecordFileResult[] = [];
	for (const source of inputs.files) {
		inputs.signal?.throwIfAborted();
		const { result, statements } = await readRecordFile(source.name, await source.text(), inputs.course);
		for (const s of statements) fold.add(s, 'file');
		files.push(result);
	}
	if (inputs.lrs) await nameUnlisted(fold, inputs);
	return { fold, files };
}

/**
 * At most this many names are asked for, one request each. A trust's list normally misses a few
 * people (40 of 4,000 in the bench); a list whose addresses do not match the records would
 * otherwise cost one request per person. Beyond it, people are shown by email or staff number.
 */
export const NAME_LOOKUPS = 200;

/**
 * Reads from the LRS the names of people with records who are not on the staff list (the bulk read
 * leaves names out), unless a record file already gave one.
 */
async function nameUnlisted(fold: ReportFold, inputs: RunInputs) {
	const onList = new Set(inputs.staff.staff.map((s) => s.key));
	const nameless = [...fold.people.values()].filter((p) => !p.name && !onList.has(p.key)).slice(0, NAME_LOOKUPS);
	for (const [done, p] of nameless.entries()) {
		inputs.signal?.throwIfAborted();
		inputs.onProgress?.(fold.read, { done, of: nameless.length });
		p.name = (await readLatestName(inputs.lrs!, inputs.course.iriBase, p.actor, { signal: inputs.signal, fetch: inputs.fetch })) ?? '';
	}
}

export async function runReport(inputs: RunInputs): Promise<RunOutput> {
	const started = performance.now();
	const { fold, files } = await foldInputs(inputs);
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
		problems: problemTables(inputs.staff.errors, files),
		totals: view.totals,
		files,
	};
}

export function filteredAnalytics(fold: ReportFold, course: ReportCourse, filter: Filter): Table[] {
	return analyticsTables(analyticsView(fold, course, filter));
}
