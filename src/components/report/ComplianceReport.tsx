/**
 * The compliance report island: inputs (LRS, record files, staff list, report day), then every
 * table with filters, sort, CSV export and print, the certificate check and the charts. A thin
 * wrapper: every figure comes from src/report/ (the same code as the command line).
 *
 * Credentials live in this component's state only: never in storage, never in the address bar
 * (the form never submits; the island is client-only, so no server-rendered form exists that
 * could submit before hydration).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { filteredAnalytics, runReport, type RunOutput } from '../../report/run.ts';
import type { ReportCourse } from '../../report/course-key.ts';
import { findCertificate } from '../../report/compliance.ts';
import { checkRecordFile, type RecordFileResult } from '../../report/record-file.ts';
import { basicAuth, LrsError, normaliseEndpoint } from '../../report/lrs.ts';
import { parseStaffCsv, type StaffList } from '../../report/staff.ts';
import { roleLabel, type Table } from '../../report/tables.ts';
import { BarChart } from './BarChart.tsx';
import { DataTable, type Filters } from './DataTable.tsx';
import './report.css';

interface Props {
	course: ReportCourse;
}

type Phase = { kind: 'idle' } | { kind: 'running'; read: number } | { kind: 'done' } | { kind: 'error'; message: string };

const todayIso = () => new Date().toISOString().slice(0, 10);

export default function ComplianceReport({ course }: Props) {
	const [endpoint, setEndpoint] = useState('');
	const [key, setKey] = useState('');
	const [secret, setSecret] = useState('');
	const [useLrs, setUseLrs] = useState(true);
	const [staff, setStaff] = useState<(StaffList & { file: string }) | null>(null);
	const [files, setFiles] = useState<RecordFileResult[]>([]);
	const [today, setToday] = useState(todayIso);
	const [inductionDays, setInductionDays] = useState('28');
	const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
	const [output, setOutput] = useState<RunOutput | null>(null);
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [announce, setAnnounce] = useState('');
	const [filters, setFilters] = useState<Filters>({ academy: '', role: '', text: '' });
	const [dragging, setDragging] = useState(false);
	const abort = useRef<AbortController | null>(null);
	const resultsRef = useRef<HTMLHeadingElement>(null);
	const errorRef = useRef<HTMLDivElement>(null);

	async function readStaff(file: File | undefined) {
		if (!file) return;
		const parsed = parseStaffCsv(await file.text(), course);
		setStaff({ ...parsed, file: file.name });
		setAnnounce(
			`Staff list ${file.name}: ${parsed.staff.length} people read${parsed.errors.length ? `, ${parsed.errors.length} rows not used (listed below)` : ''}.`,
		);
	}

	async function addFiles(list: FileList | File[] | null) {
		if (!list || !list.length) return;
		const checked = await Promise.all([...list].map(async (f) => checkRecordFile(f.name, await f.text(), course)));
		setFiles((prev) => [...prev.filter((p) => !checked.some((c) => c.name === p.name)), ...checked]);
		const bad = checked.filter((c) => !c.ok).length;
		setAnnounce(
			`${checked.length} record file${checked.length === 1 ? '' : 's'} checked: ${checked.length - bad} can be counted${bad ? `, ${bad} cannot (listed below)` : ''}.`,
		);
	}

	async function run(e: React.FormEvent) {
		e.preventDefault();
		const problems: Record<string, string> = {};
		let lrs: { endpoint: string; auth: string } | undefined;
		if (useLrs) {
			try {
				lrs = { endpoint: normaliseEndpoint(endpoint), auth: basicAuth(key, secret) };
			} catch (error) {
				problems.endpoint = (error as Error).message;
			}
			if (!key.trim()) problems.key = 'Enter the LRS key (sometimes called username).';
			if (!secret) problems.secret = 'Enter the LRS secret (sometimes called password).';
		}
		if (!useLrs && !files.some((f) => f.ok)) problems.files = 'Add at least one training record file, or read from an LRS.';
		if (!staff) problems.staff = 'Choose the staff list (a CSV file).';
		if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) problems.today = 'Enter the report date.';
		const days = Number(inductionDays);
		if (!/^\d+$/.test(inductionDays.trim()) || days > 3650) problems.inductionDays = 'Enter a whole number of days, for example 28.';
		setErrors(problems);
		if (Object.keys(problems).length) {
			setAnnounce('');
			requestAnimationFrame(() => errorRef.current?.focus());
			return;
		}
		abort.current = new AbortController();
		setPhase({ kind: 'running', read: 0 });
		setAnnounce('Reading records…');
		try {
			const out = await runReport({
				course,
				staff: staff!,
				lrs,
				files,
				options: { today, inductionDays: days },
				signal: abort.current.signal,
				onProgress: (read) => setPhase({ kind: 'running', read }),
			});
			setOutput(out);
			setPhase({ kind: 'done' });
			const t = out.totals;
			setAnnounce(
				`Report ready: ${t.completed} of ${t.staff} staff have completed; ${t.inductionOverdue} induction overdue; ${t.refresherOverdue} refresher overdue; ${t.noRecord} with no record; ${t.notOnList} not on the staff list.`,
			);
		} catch (error) {
			const message =
				(error as Error).name === 'AbortError'
					? 'Stopped. No report was made.'
					: error instanceof LrsError
						? error.message
						: `Something went wrong reading the records: ${(error as Error).message}`;
			setPhase({ kind: 'error', message });
			setAnnounce(message);
		}
	}

	const academies = useMemo(() => [...new Set(staff?.staff.map((s) => s.academy) ?? [])].sort(), [staff]);
	const analytics = useMemo(
		() => (output ? filteredAnalytics(output.fold, course, { academy: filters.academy || undefined, role: filters.role || undefined }) : []),
		[output, filters.academy, filters.role, course],
	);
	const errorList = Object.entries(errors);
	const running = phase.kind === 'running';

	return (
		<div className="report">
			<p role="status" aria-live="polite" className="visually-hidden" id="report-announce">
				{announce}
			</p>
			<form onSubmit={run} noValidate className="no-print report-inputs" autoComplete="off" aria-labelledby="inputs-heading">
				<h2 id="inputs-heading">1. Your records</h2>
				{errorList.length > 0 && (
					<div className="notice notice--bad" tabIndex={-1} ref={errorRef} role="alert" aria-labelledby="error-summary">
						<h3 id="error-summary">There is a problem</h3>
						<ul>
							{errorList.map(([field, message]) => (
								<li key={field}>
									<a href={`#report-${field}`}>{message}</a>
								</li>
							))}
						</ul>
					</div>
				)}
				<fieldset>
					<legend>Where are the records?</legend>
					<div className="option">
						<input type="checkbox" id="report-use-lrs" checked={useLrs} onChange={(e) => setUseLrs(e.target.checked)} />
						<label htmlFor="report-use-lrs">Read from our learning record store (LRS)</label>
					</div>
				</fieldset>
				{useLrs && (
					<fieldset className="report-lrs">
						<legend>Learning record store</legend>
						<p className="hint">Use read-only credentials. They are kept only while this tab is open.</p>
						<Field id="endpoint" label="LRS address (endpoint)" hint="For example https://lrs.example.org/xAPI/" error={errors.endpoint}>
							<input
								type="url"
								id="report-endpoint"
								value={endpoint}
								onChange={(e) => setEndpoint(e.target.value)}
								spellCheck={false}
								autoComplete="off"
								aria-describedby="report-endpoint-hint"
							/>
						</Field>
						<Field id="key" label="Key (username)" error={errors.key}>
							<input type="text" id="report-key" value={key} onChange={(e) => setKey(e.target.value)} spellCheck={false} autoComplete="off" />
						</Field>
						<Field id="secret" label="Secret (password)" error={errors.secret}>
							<input type="password" id="report-secret" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" />
						</Field>
					</fieldset>
				)}
				<Field
					id="files"
					label="Training record files that staff downloaded (optional)"
					hint="For people who studied offline. Choose or drop one or more .json files; each is checked before it counts."
					error={errors.files}
				>
					<div
						className={`dropzone${dragging ? ' dropzone--over' : ''}`}
						onDragOver={(e) => {
							e.preventDefault();
							setDragging(true);
						}}
						onDragLeave={() => setDragging(false)}
						onDrop={(e) => {
							e.preventDefault();
							setDragging(false);
							void addFiles(e.dataTransfer.files);
						}}
					>
						<input
							type="file"
							id="report-files"
							multiple
							accept=".json,application/json"
							onChange={(e) => void addFiles(e.target.files)}
							aria-describedby="report-files-hint"
						/>
					</div>
				</Field>
				{files.length > 0 && (
					<div>
						<p>
							{files.filter((f) => f.ok).length} of {files.length} record files can be counted.
						</p>
						<ul className="file-list">
							{files.map((f) => (
								<li key={f.name}>
									{f.name}: {f.ok ? `checked, ${f.statements.length} statements` : <strong className="error-text">not counted: {f.problems.join(' ')}</strong>}{' '}
									<button type="button" className="secondary small" onClick={() => setFiles((prev) => prev.filter((p) => p.name !== f.name))}>
										Remove<span className="visually-hidden"> {f.name}</span>
									</button>
								</li>
							))}
						</ul>
					</div>
				)}
				<Field
					id="staff"
					label="Staff list (CSV)"
					hint="Columns: name, email or staff number, academy, role, start date (YYYY-MM-DD or DD/MM/YYYY)."
					error={errors.staff}
				>
					<input
						type="file"
						id="report-staff"
						accept=".csv,text/csv"
						onChange={(e) => void readStaff(e.target.files?.[0])}
						aria-describedby="report-staff-hint"
					/>
				</Field>
				{staff && (
					<p>
						{staff.file}: {staff.staff.length} people
						{staff.errors.length > 0 && <strong className="error-text">; {staff.errors.length} rows not used (see “Staff list rows not used” below)</strong>}.
					</p>
				)}
				<h2>2. Rules</h2>
				<Field id="today" label="Report date" hint="Due and overdue are judged on this day." error={errors.today}>
					<input type="date" id="report-today" value={today} onChange={(e) => setToday(e.target.value)} aria-describedby="report-today-hint" />
				</Field>
				<Field id="inductionDays" label="Induction must be completed within (days of the start date)" error={errors.inductionDays}>
					<input
						type="text"
						inputMode="numeric"
						id="report-inductionDays"
						value={inductionDays}
						onChange={(e) => setInductionDays(e.target.value)}
						className="input--short"
					/>
				</Field>
				<p className="hint">
					A refresher is offered {course.refresher.offerAfterMonths} months after the last completion and due at {course.refresher.dueAfterMonths} months; it is
					overdue from the day after. The current policy version is {course.policyVersion}.
				</p>
				<button type="submit" disabled={running}>
					Make the report
				</button>
				{running && (
					<>
						<p>Read {phase.read.toLocaleString('en-GB')} statements…</p>
						<button type="button" className="secondary" onClick={() => abort.current?.abort()}>
							Stop
						</button>
					</>
				)}
				{(key || secret) && !running && (
					<button
						type="button"
						className="secondary"
						onClick={() => {
							setKey('');
							setSecret('');
							setAnnounce('Key and secret forgotten.');
						}}
					>
						Forget the key and secret
					</button>
				)}
				{phase.kind === 'error' && (
					<p className="notice notice--bad" role="alert">
						{phase.message}
					</p>
				)}
			</form>
			{output && phase.kind !== 'running' && (
				<Results
					output={output}
					staffList={staff?.staff ?? []}
					course={course}
					analytics={analytics}
					academies={academies}
					filters={filters}
					setFilters={setFilters}
					headingRef={resultsRef}
					today={today}
				/>
			)}
		</div>
	);
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: React.ReactNode }) {
	return (
		<div className={`field${error ? ' field--error' : ''}`}>
			<label htmlFor={`report-${id}`}>{label}</label>
			{hint && (
				<p className="hint" id={`report-${id}-hint`}>
					{hint}
				</p>
			)}
			{error && (
				<p className="error-message" id={`report-${id}-error`}>
					{error}
				</p>
			)}
			{children}
		</div>
	);
}

function Results({
	output,
	staffList,
	course,
	analytics,
	academies,
	filters,
	setFilters,
	headingRef,
	today,
}: {
	output: RunOutput;
	staffList: StaffList['staff'];
	course: ReportCourse;
	analytics: Table[];
	academies: string[];
	filters: Filters;
	setFilters: (f: Filters) => void;
	headingRef: React.RefObject<HTMLHeadingElement | null>;
	today: string;
}) {
	const t = output.totals;
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
