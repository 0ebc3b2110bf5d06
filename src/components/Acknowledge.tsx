/**
 * The policy acknowledgement, after passing: the learner confirms they have read and
 * understood the policy (its version and date shown), which completes the course.
 */
import { useAppReady } from './useAppReady.ts';
import { useStore } from '@nanostores/react';
import { useRef, useState } from 'react';
import { acknowledgements } from '../course/refresher.ts';
import { courseMeta } from '../stores/meta.ts';
import { $profile } from '../stores/profile.ts';
import { acknowledge } from '../stores/completion.ts';
import { $journey } from '../stores/journey.ts';
import { $progress, passedAssessment } from '../stores/progress.ts';
import { withBase } from '../site/urls.ts';

export default function Acknowledge({ policyLabel, policyVersion }: { policyLabel: string; policyVersion: string }) {
	const progress = useStore($progress);
	const profile = useStore($profile);
	const journey = useStore($journey);
	const ready = useAppReady();
	const [confirmed, setConfirmed] = useState(false);
	const [error, setError] = useState('');
	const doneRef = useRef<HTMLHeadingElement>(null);
	const summaryRef = useRef<HTMLDivElement>(null);
	if (!ready) return <p>Loading…</p>;
	const passed = passedAssessment(progress);
	if (!passed) {
		return (
			<div className="notice">
				<p>
					You can confirm you have read the policy once you have passed the <a href={withBase('/assessment/')}>final assessment</a>.
				</p>
			</div>
		);
	}
	// Each acknowledgement names its own version (issue 20): earlier ones stay in the history.
	const earlier = [
		...new Map(
			acknowledgements(progress.history)
				.filter((a) => a.policyVersion !== policyVersion)
				.map((a) => [a.policyVersion, a]),
		).values(),
	];
	// The course is complete only when every module on the learner's path is done or tested out.
	const meta = courseMeta();
	const outstanding = journey.outstanding;
	if (!progress.attempt.completed && outstanding.length > 0) {
		return (
			<div className="notice" data-testid="path-outstanding">
				<p>
					You have passed the final assessment. To complete the course, first finish {outstanding.length === 1 ? 'this module' : 'these modules'} on your path:
				</p>
				<ul>
					{outstanding.map((id) => (
						<li key={id}>
							<a href={withBase(`/modules/${id}/`)}>{meta.modules.find((m) => m.id === id)?.title}</a>
						</li>
					))}
				</ul>
				<p>Then come back here to confirm you have read the policy.</p>
			</div>
		);
	}
	if (progress.attempt.acknowledged && progress.attempt.completed) {
		return (
			<section aria-labelledby="ack-done">
				<h2 id="ack-done" ref={doneRef} tabIndex={-1}>
					Thank you: you have completed the course
				</h2>
				<p>
					You confirmed you have read and understood the policy (
					{progress.attempt.acknowledged.policyVersion === policyVersion ? policyLabel : `Version ${progress.attempt.acknowledged.policyVersion}`}) on{' '}
					{new Date(progress.attempt.acknowledged.at).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' })}.
				</p>
				<p>
					<a className="button" href={withBase('/certificate/')}>
						View and print your certificate
					</a>
				</p>
			</section>
		);
	}

	async function submit(e: React.FormEvent) {
		e.preventDefault();
		if (!confirmed) {
			setError('Tick the box to confirm you have read and understood the policy');
			// GOV.UK error summary: focus goes to it, so the problem is read out and the link to the box is next.
			requestAnimationFrame(() => summaryRef.current?.focus());
			return;
		}
		await acknowledge(policyVersion, policyLabel);
		requestAnimationFrame(() => doneRef.current?.focus());
	}

	return (
		<form onSubmit={submit} noValidate>
			{!profile && (
				<p className="notice">
					Your certificate will show your name: add it on <a href={withBase('/profile/')}>your details</a> first.
				</p>
			)}
			{error && (
				<div className="notice notice--bad error-summary" ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby="ack-error-summary">
					<h2 id="ack-error-summary">There is a problem</h2>
					<ul>
						<li>
							<a
								href="#ack"
								onClick={(e) => {
									// The box is the thing to fix: focus it (a fragment link alone only scrolls in some browsers).
									e.preventDefault();
									document.getElementById('ack')?.focus();
								}}
							>
								{error}
							</a>
						</li>
					</ul>
				</div>
			)}
			{earlier.length > 0 && (
				<p data-testid="earlier-acknowledgements">
					Earlier you confirmed{' '}
					{earlier.map((a) => `Version ${a.policyVersion} (${new Date(a.at).toLocaleDateString('en-GB', { dateStyle: 'long' })})`).join(', ')}. This
					confirmation is for {policyLabel}.
				</p>
			)}
			<fieldset className={error ? 'field--error' : undefined}>
				<legend>Your confirmation</legend>
				{/* The inline error beside the box; the summary above is the one announced (one alert, not two). */}
				{error && (
					<p className="error-message" id="ack-error">
						<span className="visually-hidden">Error: </span>
						{error}
					</p>
				)}
				<div className="option">
					<input
						type="checkbox"
						id="ack"
						checked={confirmed}
						onChange={(e) => setConfirmed(e.target.checked)}
						aria-describedby={error ? 'ack-error' : undefined}
						aria-invalid={error ? true : undefined}
					/>
					<label htmlFor="ack">I confirm I have read and understood the REAch2 Academy Trust Social Media Policy, {policyLabel}.</label>
				</div>
			</fieldset>
			<button type="submit">Confirm and complete the course</button>
		</form>
	);
}
