/**
 * The home page's "your course": who you are, your path, progress, next step, time left, and
 * the refresher when it is due. Reads the stores; the logic is in src/course/summary.ts and
 * src/course/refresher.ts.
 */
import { withBase } from '../site/urls.ts';
import { useAppReady } from './useAppReady.ts';
import { useStore } from '@nanostores/react';
import { useRef, useState } from 'react';
import type { ModuleState } from '../course/journey.ts';
import { acknowledgedVersion, type RefresherState } from '../course/refresher.ts';
import { summarise } from '../course/summary.ts';
import { courseMeta } from '../stores/meta.ts';
import { $learner, $profile } from '../stores/profile.ts';
import { $refresher } from '../stores/refresher-state.ts';
import { $progress, emptyProgress, passedAssessment } from '../stores/progress.ts';
import { recordJson } from '../stores/records.ts';
import { downloadRecord } from '../client/download.ts';
import type { Role } from '../course/roles.ts';

const STATE_LABEL: Record<ModuleState, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	completed: 'Completed',
	'tested-out': 'Tested out',
};
const STATE_TAG: Record<ModuleState, string> = { 'not-started': '', 'in-progress': 'tag--warn', completed: 'tag--ok', 'tested-out': 'tag--ok' };

/**
 * @param itemMinutes module id -> its lessons' and cases' minutes by id, from the page (kept out of the
 * shared course facts, which every interactive page loads), so each role's time left counts
 * only what is on their path.
 */
export default function Dashboard({
	itemMinutes = {},
}: {
	itemMinutes?: Record<string, { lessons: Record<string, number>; scenarios: Record<string, number> }>;
}) {
	const storedProfile = useStore($profile);
	const storedProgress = useStore($progress);
	const storedLearner = useStore($learner);
	const storedRefresher = useStore($refresher);
	const ready = useAppReady();
	// The server renders (and hydration first shows) what a new learner sees, so the page does
	// not jump when the island wakes; the learner's own state follows straight after.
	const [blank] = useState(emptyProgress);
	const profile = ready ? storedProfile : null;
	const progress = ready ? storedProgress : blank;
	const headingRef = useRef<HTMLHeadingElement>(null);
	const meta = courseMeta();
	const learner = ready ? storedLearner : { role: 'unknown' as Role, recruiter: false };
	const passed = Boolean(passedAssessment(progress));
	const timed = meta.modules.map((m) => {
		const t = itemMinutes[m.id];
		return {
			...m,
			lessons: m.lessons.map((x) => ({ ...x, minutes: t?.lessons[x.id] })),
			scenarios: m.scenarios.map((x) => ({ ...x, minutes: t?.scenarios[x.id] })),
		};
	});
	const summary = summarise(meta, timed, progress.attempt, learner, passed);
	const last = progress.history[progress.history.length - 1];
	// Before the learner's state is shown, no completion, so no refresher (as on the server).
	const refresher: RefresherState = ready ? storedRefresher : { offered: false, reasons: [], overdue: false };
	const completedNow = Boolean(progress.attempt.completed);
	const byId = new Map(meta.modules.map((m) => [m.id, m]));
	const role = meta.audiences.find((a) => a.id === profile?.role);
	// A new learner's first action is "Your details" (their role decides the path; their name goes
	// on the certificate), then the course.
	const nextLink = !profile
		? { href: withBase('/profile/'), label: 'Your details' }
		: summary.next.kind === 'module'
			? { href: withBase(`/modules/${summary.next.moduleId}/`), label: `Continue: ${byId.get(summary.next.moduleId)?.title}` }
			: summary.next.kind === 'assessment'
				? { href: withBase('/assessment/'), label: 'Take the final assessment' }
				: summary.next.kind === 'acknowledge'
					? { href: withBase('/acknowledge/'), label: 'Confirm you have read the policy' }
					: { href: withBase('/certificate/'), label: 'View your certificate' };
	const fmt = (iso?: string) => (iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) : '');
	// Offered after a completed attempt, or alongside an induction; never during a refresher in progress.
	const showRefresher = refresher.offered && (completedNow || progress.attempt.mode !== 'refresher');

	return (
		// data-ready tells scripts (and tests) that the learner's own state is shown, not the server's.
		<section aria-labelledby="dashboard-heading" className="panel" data-ready={ready ? '' : undefined}>
			<h2 id="dashboard-heading" ref={headingRef}>
				Your course
			</h2>
			{!profile ? (
				<p>
					Start by telling the course <a href={withBase('/profile/')}>who you are and your role</a>. It decides which lessons you need, and your name goes on
					your certificate. Everything stays on this device.
				</p>
			) : (
				<p>
					{profile.name} · {role?.label}
					{profile.recruiter ? ' · shortlists or interviews' : ''} · <a href={withBase('/profile/')}>change your details</a>
				</p>
			)}
			{showRefresher && (
				<div className="notice" data-testid="refresher-offer">
					<h3>
						{refresher.reasons.includes('policy-version') ? 'The policy has changed: please acknowledge the new version' : 'Time for your annual refresher'}
					</h3>
					{refresher.reasons.includes('policy-version') && last && (
						<p data-testid="ack-new-version">
							You acknowledged Version {acknowledgedVersion(last)} of the policy. It is now {meta.policyLabel}: take the refresher, then confirm you have read
							the new version.
						</p>
					)}
					<p>
						You completed the course on {fmt(last?.completedAt)}.{' '}
						{refresher.overdue ? (
							<strong>Your refresher is overdue: it was due by {fmt(refresher.dueDate)}.</strong>
						) : (
							`Your refresher is due by ${fmt(refresher.dueDate)}.`
						)}
						{refresher.reasons.includes('policy-version') && ' The policy has changed since then.'}
						{refresher.reasons.includes('course-version') && ' The course has been updated since then.'}
					</p>
					{refresher.reasons.includes('policy-version') && (
						<ul>
							{meta.policyChanges
								.filter((c) => c.version === meta.policyVersion)
								.map((c) => (
									<li key={c.version}>What changed: {c.summary}</li>
								))}
							<li>
								<a href={withBase('/policy/changes/')}>See what changed in the policy</a>
							</li>
						</ul>
					)}
					<p>A short check on each module lets you skip the ones you still know well.</p>
					<a className="button" href={withBase('/refresher/')}>
						Start the refresher
					</a>
				</div>
			)}
			{completedNow ? (
				<>
					<p>
						<strong>You have completed the course</strong> ({progress.attempt.mode}) on {fmt(progress.attempt.completed!.at)} with{' '}
						{progress.attempt.completed!.score}%.
						{refresher.dueDate && ` Your next refresher is due by ${fmt(refresher.dueDate)}.`}
					</p>
					{/* Finished: the certificate is the thing to do now, so it is the button (review item 5). */}
					<p>
						<a className="button" href={withBase('/certificate/')} data-testid="next-step">
							View your certificate
						</a>
					</p>
				</>
			) : (
				<>
					<p>
						{progress.attempt.mode === 'refresher' ? 'Annual refresher' : 'Induction'}: <strong data-testid="progress-percent">{summary.percent}%</strong> of
						your modules done · about {summary.minutesLeft} minutes left
					</p>
					<progress className="progress" max={100} value={summary.percent} aria-label={`${summary.percent}% of your modules done`} />
					<p>
						<a className="button" href={nextLink.href} data-testid="next-step">
							{nextLink.label}
						</a>
					</p>
				</>
			)}
			<h3>Your path</h3>
			{/* GOV.UK task list: each task with its status; "Your details" comes first. */}
			<ul className="task-list" data-testid="path">
				<li data-task="details">
					<a href={withBase('/profile/')}>Your details</a>
					<span className={`tag ${profile ? 'tag--ok' : ''}`}>{profile ? 'Completed' : 'Not started'}</span>
				</li>
				{summary.required.map((id) => (
					<li key={id} data-module={id}>
						<a href={withBase(`/modules/${id}/`)}>{byId.get(id)?.title}</a>{' '}
						<span className={`tag ${STATE_TAG[summary.states[id]!]}`}>{STATE_LABEL[summary.states[id]!]}</span>
					</li>
				))}
				{/* The assessment can be taken at any time (its page says so), so the list links to it from the start. */}
				<li data-task="assessment">
					<a href={withBase('/assessment/')}>Final assessment</a>
					<span className={`tag ${passed ? 'tag--ok' : progress.assessment.current ? 'tag--warn' : ''}`}>
						{passed ? 'Completed' : progress.assessment.current ? 'In progress' : 'Not started'}
					</span>
				</li>
			</ul>
			{meta.modules.length > summary.required.length && (
				<p className="meta">
					Not on your path, open to browse:{' '}
					{meta.modules
						.filter((m) => !summary.required.includes(m.id))
						.map((m) => m.title)
						.join(', ')}
					.
				</p>
			)}
			{/* Once complete, "after your modules" is history; a visitor who has not started has no record to download yet. */}
			{!completedNow && (
				<p>
					After your modules: the final assessment, confirming you have read the policy, and your certificate. Your training record is yours to keep and hand
					in: <a href={withBase('/records/')}>see what it holds</a>.
				</p>
			)}
			{profile && (
				<button type="button" className="secondary" onClick={() => downloadRecord(recordJson(), storedProfile?.name)}>
					Download my training record
				</button>
			)}
		</section>
	);
}
