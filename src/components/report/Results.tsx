/**
 * The compliance report's results: totals, the tables, the certificate check and what staff get
 * wrong. Loaded once a report has been made (ComplianceReport lazy-loads it), so the page opens with
 * only the form's code; the report engine and the charts come with the first report.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReportCourse } from '../../report/course-key.ts';
import { findCertificate } from '../../report/compliance.ts';
import { filteredAnalytics, type RunOutput } from '../../report/run.ts';
import type { StaffList } from '../../report/staff.ts';
import { roleLabel } from '../../report/tables.ts';
import { BarChart } from './BarChart.tsx';
import { DataTable, type Filters } from './DataTable.tsx';

export default function Results({
	output,
	staffList,
	course,
	academies,
	filters,
	setFilters,
	headingRef,
	today,
}: {
	output: RunOutput;
	staffList: StaffList['staff'];
	course: ReportCourse;
	academies: string[];
	filters: Filters;
	setFilters: (f: Filters) => void;
	headingRef: React.RefObject<HTMLHeadingElement | null>;
	today: string;
}) {
	const t = output.totals;
	const analytics = useMemo(
		() => filteredAnalytics(output.fold, course, { academy: filters.academy || undefined, role: filters.role || undefined }),
		[output, filters.academy, filters.role, course],
	);
	// Focus moves to the new results once they are on the page (after React has committed them).
	useEffect(() => headingRef.current?.focus(), [output, headingRef]);
	const [code, setCode] = useState('');
	const [certificate, setCertificate] = useState<ReturnType<typeof findCertificate> | null>(null);
	const clauses = analytics.find((x) => x.id === 'clauses')!;
	const endings = analytics.find((x) => x.id === 'endings')!;
	return (
		<section aria-labelledby="results-heading" className="report-results">
			<h2 id="results-heading" tabIndex={-1} ref={headingRef}>
				Report for {new Date(`${today}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' })}
			</h2>
			<dl className="facts report-totals">
				<dt>Staff on the list</dt>
				<dd>{t.staff}</dd>
				<dt>Completed</dt>
				<dd>{t.completed}</dd>
				<dt>Induction due</dt>
				<dd>{t.inductionDue}</dd>
				<dt>Induction overdue</dt>
				<dd>{t.inductionOverdue}</dd>
				<dt>Refresher due</dt>
				<dd>{t.refresherDue}</dd>
				<dt>Refresher overdue</dt>
				<dd>{t.refresherOverdue}</dd>
				<dt>Acknowledged the current policy</dt>
				<dd>{t.ackCurrent}</dd>
				<dt>Acknowledged an older version only</dt>
				<dd>{t.ackOlder}</dd>
				<dt>No record</dt>
				<dd>{t.noRecord}</dd>
				<dt>Records not on the staff list</dt>
				<dd>{t.notOnList}</dd>
				<dt>Self-reported completions (from files)</dt>
				<dd>{t.selfReported}</dd>
				<dt>Statements read</dt>
				<dd>{output.statementsRead}</dd>
			</dl>
			<div className="no-print report-filters" role="group" aria-labelledby="filters-heading">
				<h3 id="filters-heading">Filter the tables</h3>
				<div className="field">
					<label htmlFor="filter-academy">Academy</label>
					<select id="filter-academy" value={filters.academy} onChange={(e) => setFilters({ ...filters, academy: e.target.value })}>
						<option value="">All academies</option>
						{academies.map((a) => (
							<option key={a} value={a}>
								{a}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-role">Role</label>
					<select id="filter-role" value={filters.role} onChange={(e) => setFilters({ ...filters, role: e.target.value })}>
						<option value="">All roles</option>
						{course.roles.map((r) => (
							<option key={r.id} value={r.id}>
								{r.label}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-text">Name or email contains</label>
					<input type="text" id="filter-text" value={filters.text} onChange={(e) => setFilters({ ...filters, text: e.target.value })} />
				</div>
				<button type="button" onClick={() => window.print()}>
					Print the report
				</button>
			</div>
			{[...output.problems, ...output.compliance].map((table) => (
				<DataTable key={table.id} table={table} filters={filters} roleLabel={(id) => roleLabel(course, id)} />
			))}
			<section aria-labelledby="certificate-heading" className="no-print">
				<h2 id="certificate-heading">Check a certificate</h2>
				<form
					onSubmit={(e) => {
						e.preventDefault();
						setCertificate(findCertificate(output.fold, code, staffList));
					}}
					noValidate
				>
					<div className="field">
						<label htmlFor="certificate-code">Verification code</label>
						<p className="hint" id="certificate-code-hint">
							Printed on the certificate, like ABCD-EF23-GH45.
						</p>
						<input
							type="text"
							id="certificate-code"
							value={code}
							onChange={(e) => setCode(e.target.value)}
							aria-describedby="certificate-code-hint"
							spellCheck={false}
							className="input--short"
						/>
					</div>
					<button type="submit">Check</button>
				</form>
				<div role="status" aria-live="polite">
					{certificate && 'error' in certificate && <p className="error-message">{certificate.error}</p>}
					{certificate && 'notFound' in certificate && (
						<p className="notice notice--bad">
							No completion in these records has this code. Check it was typed correctly; if it was, the certificate does not match any record read.
						</p>
					)}
					{certificate && 'found' in certificate && certificate.found && (
						<div className="notice">
							<p>
								<strong>This code belongs to {certificate.found.name}</strong> ({certificate.found.id}).
							</p>
							<p>
								Completed ({certificate.found.mode}) on {certificate.found.completedAt} with {certificate.found.score ?? '?'}%, policy version{' '}
								{certificate.found.policyVersion}.{certificate.found.selfReported ? ' Known only from a downloaded record file (self-reported).' : ''}
								{certificate.found.onList ? '' : ' This person is not on the staff list.'}
							</p>
						</div>
					)}
				</div>
			</section>
			<h2>What staff get wrong</h2>
			<p>
				From every case decision and question answer in the records{filters.academy || filters.role ? ', for the academy and role chosen above' : ''}. A choice
				is “against the policy” when it goes against a clause; a question when it was answered wrongly.
			</p>
			<BarChart
				title="Clauses most often answered against the policy"
				description="Percentage of answers and case decisions citing each clause that went against it (the 10 highest). The table below gives every clause."
				bars={clauses.rows.slice(0, 10).map((r) => ({ label: `${r.clause} ${r.heading}`, value: Number(r.againstPercent), suffix: '%' }))}
				max={100}
			/>
			<DataTable table={clauses} filters={{ academy: '', role: '', text: '' }} roleLabel={(id) => id} />
			<BarChart
				title="Endings reached at the first attempt, by verdict"
				description="How many first attempts at the cases ended in best practice, a risky outcome or a breach. The endings table below gives each case."
				bars={(['Best practice', 'Risky', 'Breach'] as const).map((v) => ({
					label: v,
					value: endings.rows.filter((r) => r.verdict === v).reduce((n, r) => n + Number(r.first), 0),
					suffix: '',
				}))}
			/>
			<DataTable table={endings} filters={{ academy: '', role: '', text: '' }} roleLabel={(id) => id} />
			<DataTable table={analytics.find((x) => x.id === 'choices')!} filters={{ academy: '', role: '', text: '' }} roleLabel={(id) => id} />
		</section>
	);
}
