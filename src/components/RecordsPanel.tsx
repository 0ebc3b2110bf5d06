/**
 * "My record": every statement the course made, its sending status, problems, and the
 * download. A bad record is kept and shown, never silently dropped.
 */
import { useAppReady } from './useAppReady.ts';
import { useStore } from '@nanostores/react';
import { downloadRecord } from '../client/download.ts';
import { $persisted } from '../stores/offline.ts';
import { $profile } from '../stores/profile.ts';
import { $launchDetail, $launchError, $lrs, $recordCounts, $records, $sync, recordJson, syncNow } from '../stores/records.ts';
import { quarantined } from '../stores/storage.ts';
import { $progress } from '../stores/progress.ts';
import { courseMeta } from '../stores/meta.ts';
import { addMonths } from '../course/refresher.ts';
import { withBase } from '../site/urls.ts';

const STATUS: Record<string, string> = { local: 'Saved on this device', waiting: 'Waiting to send', sent: 'Sent', rejected: 'Refused by the record store' };

export default function RecordsPanel() {
	const records = useStore($records);
	const counts = useStore($recordCounts);
	const launch = useStore($lrs);
	const sync = useStore($sync);
	const profile = useStore($profile);
	const persisted = useStore($persisted);
	const waitingElsewhere = records.filter((r) => r.status === 'waiting' && launch && r.target?.endpoint !== launch.endpoint).length;
	const launchError = useStore($launchError);
	const launchDetail = useStore($launchDetail);
	const ready = useAppReady();
	const progress = useStore($progress);
	if (!ready) return <p>Loading your record…</p>;
	const setAside = quarantined();
	// The summary a learner (or their line manager) wants first; the full log follows, folded.
	const last =
		progress.attempt.completed ??
		(progress.history.length
			? { at: progress.history[progress.history.length - 1]!.completedAt, score: progress.history[progress.history.length - 1]!.score }
			: undefined);
	const fmt = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
	return (
		<div>
			<dl className="summary-list" data-testid="record-summary">
				<div className="summary-list__row">
					<dt className="summary-list__key">Course completed</dt>
					<dd className="summary-list__value">{last ? fmt(new Date(last.at)) : 'Not yet'}</dd>
				</div>
				<div className="summary-list__row">
					<dt className="summary-list__key">Final assessment score</dt>
					<dd className="summary-list__value">{last ? `${last.score}%` : 'Not yet taken and passed'}</dd>
				</div>
				<div className="summary-list__row">
					<dt className="summary-list__key">Certificate</dt>
					<dd className="summary-list__value">
						{last ? <a href={withBase('/certificate/')}>View or print your certificate</a> : 'Available when you complete the course'}
					</dd>
				</div>
				<div className="summary-list__row">
					<dt className="summary-list__key">Refresher due</dt>
					<dd className="summary-list__value">
						{last ? fmt(addMonths(last.at, courseMeta().refresher.dueAfterMonths)) : 'A year after you complete the course'}
					</dd>
				</div>
				<div className="summary-list__row">
					<dt className="summary-list__key">Records waiting to send</dt>
					<dd className="summary-list__value">
						{launch ? counts.waiting : 'None: records stay on this device (the course was not opened from a learning system)'}
					</dd>
				</div>
			</dl>
			<div className="panel">
				<p>
					<strong>{counts.total}</strong> record{counts.total === 1 ? '' : 's'} on this device.{' '}
					{launch
						? `${counts.sent} sent, ${counts.waiting} waiting to send, ${counts.rejected} refused.`
						: 'The course was not opened from a learning system, so records stay on this device: download them to hand them in.'}
				</p>
				{waitingElsewhere > 0 && (
					<p>
						{waitingElsewhere} record{waitingElsewhere === 1 ? ' is' : 's are'} waiting for the learning record store{' '}
						{waitingElsewhere === 1 ? 'it was' : 'they were'} made for: {waitingElsewhere === 1 ? 'it is' : 'they are'} sent only there, the next time the
						course is opened from that learning system.
					</p>
				)}
				{launchError && (
					<div className="notice" role="status">
						<p>{launchError}</p>
						{/* What the learning system said, as inert text (issue 21.3). */}
						{launchDetail && (
							<p>
								Details for your learning system’s administrator: <code>{launchDetail}</code>
							</p>
						)}
					</div>
				)}
				{sync.kind === 'auth' && (
					<p className="error-message">
						The learning record store refused the course’s credentials. Reopen the course from your learning system; your records are safe here meanwhile.
					</p>
				)}
				<button type="button" onClick={() => downloadRecord(recordJson(), profile?.name)}>
					Download my training record
				</button>
				{launch && counts.waiting > 0 && (
					<button type="button" className="secondary" onClick={() => void syncNow()}>
						Send waiting records now
					</button>
				)}
			</div>
			{persisted === false && (
				<p className="notice" role="status">
					Your browser has not promised to keep the course's data on this device if space runs low (it was asked). Download your training record from time to
					time so you always have a copy.
				</p>
			)}
			{setAside.length > 0 && (
				<div className="notice" role="status">
					<p>
						Some saved data could not be read and was set aside rather than deleted ({setAside.length} item{setAside.length === 1 ? '' : 's'}). You can download
						it to pass to your IT or HR team.
					</p>
					<button
						type="button"
						className="secondary"
						onClick={() => downloadRecord(JSON.stringify(setAside, null, 2), `${profile?.name ?? 'learner'}-unreadable-data`)}
					>
						Download the unreadable data
					</button>
				</div>
			)}
			<h2>Your records</h2>
			{records.length === 0 ? (
				<p>Nothing recorded yet. Start a lesson or a case and it will appear here.</p>
			) : (
				<details className="record-log">
					<summary>All {records.length} records, newest first</summary>
					<div className="table-scroll">
						<table>
							<caption className="visually-hidden">Training records, newest first</caption>
							<thead>
								<tr>
									<th scope="col">When</th>
									<th scope="col">What</th>
									<th scope="col">Status</th>
								</tr>
							</thead>
							<tbody>
								{[...records].reverse().map((r) => (
									<tr key={r.statement.id}>
										<td>{new Date(r.statement.timestamp).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</td>
										<td>
											{r.statement.verb.display['en-GB']} {r.statement.object.definition.name['en-GB']}
											{r.statement.result?.success === false && r.statement.verb.id.endsWith('answered') ? ' (incorrect)' : ''}
										</td>
										<td>
											{STATUS[r.status]}
											{r.error ? `: ${r.error}` : ''}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</details>
			)}
		</div>
	);
}
