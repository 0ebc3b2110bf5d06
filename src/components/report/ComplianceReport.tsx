/**
 * The compliance report island: inputs (LRS, record files, staff list, report day), then every
 * table with filters, sort, CSV export and print, the certificate check and the charts. A thin
 * wrapper: every figure comes from src/report/ (the same code as the command line).
 *
 * Credentials live in this component's state only: never in storage, never in the address bar
 * (the form never submits; the island is client-only, so no server-rendered form exists that
 * could submit before hydration).
 */
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import type { RunOutput } from '../../report/run.ts';
import type { ReportCourse } from '../../report/course-key.ts';
import type { RecordFileResult } from '../../report/record-file.ts';
import { basicAuth, LrsError, normaliseEndpoint } from '../../report/lrs.ts';
import type { StaffList } from '../../report/staff.ts';
import type { Filters } from './DataTable.tsx';
import './report.css';

// The page opens with the form only: the report engine (reading, checking and folding records)
// and the results view load when the staff list, a record file or "Make the report" first needs them.
const Results = lazy(() => import('./Results.tsx'));

interface Props {
	course: ReportCourse;
}

/** A record file the HR lead chose: what checking it found, and the file, read again when the report runs. */
type ChosenFile = RecordFileResult & { file: File };

type Phase =
	{ kind: 'idle' } | { kind: 'running'; read: number; naming?: { done: number; of: number } } | { kind: 'done' } | { kind: 'error'; message: string };

const todayIso = () => new Date().toISOString().slice(0, 10);

export default function ComplianceReport({ course }: Props) {
	const [endpoint, setEndpoint] = useState('');
	const [key, setKey] = useState('');
	const [secret, setSecret] = useState('');
	const [useLrs, setUseLrs] = useState(true);
	const [staff, setStaff] = useState<(StaffList & { file: string }) | null>(null);
	const [files, setFiles] = useState<ChosenFile[]>([]);
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
	// Choosing a file starts an asynchronous read (the checking code loads on first use), so
	// "Make the report" pressed straight after choosing would otherwise see no staff list yet.
	// The reads are tracked, and the latest chosen values are kept in refs that `run` reads once
	// every read has finished.
	const reads = useRef(new Set<Promise<void>>());
	const staffNow = useRef(staff);
	const filesNow = useRef(files);
	function track(read: Promise<void>) {
		reads.current.add(read);
		void read
			.catch((error: unknown) => {
				const message = `A file you chose could not be read: ${(error as Error).message}. Choose it again.`;
				setPhase({ kind: 'error', message });
				setAnnounce(message);
			})
			.finally(() => reads.current.delete(read));
	}
	function updateFiles(next: (prev: ChosenFile[]) => ChosenFile[]) {
		filesNow.current = next(filesNow.current);
		setFiles(filesNow.current);
	}

	async function readStaff(file: File | undefined) {
		if (!file) return;
		const { parseStaffCsv } = await import('../../report/staff.ts');
		const parsed = parseStaffCsv(await file.text(), course);
		staffNow.current = { ...parsed, file: file.name };
		setStaff(staffNow.current);
		setAnnounce(
			`Staff list ${file.name}: ${parsed.staff.length} people read${parsed.errors.length ? `, ${parsed.errors.length} rows not used (listed below)` : ''}.`,
		);
	}

	async function addFiles(list: FileList | File[] | null) {
		if (!list || !list.length) return;
		const { checkRecordFile } = await import('../../report/run.ts');
		// One file at a time, keeping only what the check found and the file itself (the report
		// reads it again when it runs): hundreds of records are never in memory together.
		const checked: ChosenFile[] = [];
		for (const file of list) checked.push({ ...(await checkRecordFile(file.name, await file.text(), course)), file });
		updateFiles((prev) => [...prev.filter((p) => !checked.some((c) => c.name === p.name)), ...checked]);
		const bad = checked.filter((c) => !c.ok).length;
		setAnnounce(
			`${checked.length} record file${checked.length === 1 ? '' : 's'} checked: ${checked.length - bad} can be counted${bad ? `, ${bad} cannot (listed below)` : ''}.`,
		);
	}

	// One report at a time: a second press while the first is waiting for file reads is ignored
	// (while a report is being made the button is disabled).
	const busy = useRef(false);
	async function run(e: React.FormEvent) {
		e.preventDefault();
		if (busy.current) return;
		busy.current = true;
		try {
			await makeReport();
		} finally {
			busy.current = false;
		}
	}

	async function makeReport() {
		if (reads.current.size) {
			setAnnounce('Reading the files you chose…');
			await Promise.allSettled([...reads.current]);
		}
		const staff = staffNow.current;
		const files = filesNow.current;
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
			const { runReport } = await import('../../report/run.ts');
			const out = await runReport({
				course,
				staff: staff!,
				lrs,
				files: files.map((f) => ({ name: f.name, text: () => f.file.text() })),
				options: { today, inductionDays: days },
				signal: abort.current.signal,
				onProgress: (read, naming) => setPhase({ kind: 'running', read, naming }),
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
							track(addFiles(e.dataTransfer.files));
						}}
					>
						<input
							type="file"
							id="report-files"
							multiple
							accept=".json,application/json"
							onChange={(e) => track(addFiles(e.target.files))}
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
									{f.name}: {f.ok ? `checked, ${f.count} statements` : <strong className="error-text">not counted: {f.problems.join(' ')}</strong>}{' '}
									<button type="button" className="secondary small" onClick={() => updateFiles((prev) => prev.filter((p) => p.name !== f.name))}>
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
						onChange={(e) => track(readStaff(e.target.files?.[0]))}
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
						<p>
							Read {phase.read.toLocaleString('en-GB')} statements…
							{phase.naming && ` Reading the names of people not on the staff list: ${phase.naming.done} of ${phase.naming.of}.`}
						</p>
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
				<Suspense fallback={<p>Preparing the tables…</p>}>
					<Results
						output={output}
						staffList={staff?.staff ?? []}
						course={course}
						academies={academies}
						filters={filters}
						setFilters={setFilters}
						headingRef={resultsRef}
						today={today}
					/>
				</Suspense>
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
