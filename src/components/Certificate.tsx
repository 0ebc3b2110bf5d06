/** The certificate: printable on A4, available only after passing and acknowledging the policy. */
import { useAppReady } from './useAppReady.ts';
import { useStore } from '@nanostores/react';
import { downloadRecord } from '../client/download.ts';
import { addMonths } from '../course/refresher.ts';
import { courseMeta } from '../stores/meta.ts';
import { $profile } from '../stores/profile.ts';
import { $completionShown } from '../stores/certificate.ts';
import { recordJson } from '../stores/records.ts';
import { withBase } from '../site/urls.ts';

interface Props {
	courseTitle: string;
	/** The course version the page was built with; the certificate takes it from $completionShown, which reads the same course facts. */
	courseVersion?: string;
	policyLabel: string;
	organisation: string;
}

export default function Certificate({ courseTitle, policyLabel, organisation }: Props) {
	const completion = useStore($completionShown);
	const profile = useStore($profile);
	const ready = useAppReady();
	// Until this device's record is read, the box a new learner will see holds its place (hidden),
	// so the page does not shift when it appears (Lighthouse measured a 0.046 layout shift).
	if (!ready) return <NotYet pending />;
	// The label ("Version 2: December 2019") names the current version; an older completion names its own.
	const currentPolicyVersion = courseMeta().policyVersion;
	if (!completion) return <NotYet />;
	const fmt = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
	const date = fmt(new Date(completion.at));
	const refresherDue = fmt(addMonths(completion.at, courseMeta().refresher.dueAfterMonths));
	const policy = `Social Media Policy, ${completion.policyVersion === currentPolicyVersion ? policyLabel : `version ${completion.policyVersion}`}`;
	return (
		<div>
			<article className="certificate" aria-labelledby="certificate-title">
				<p className="certificate-org" data-testid="certificate-issuer">
					{organisation}
				</p>
				<h2 id="certificate-title">Certificate of completion</h2>
				<p>This certifies that</p>
				<p className="certificate-name" data-testid="certificate-name">
					{profile?.name ?? 'Name not given'}
				</p>
				<p>has completed the training</p>
				<p className="certificate-course">{courseTitle}</p>
				<p>
					on the {organisation} <span data-testid="certificate-policy">{policy}</span>.
				</p>
				<dl className="facts">
					<dt>Completed on</dt>
					<dd data-testid="certificate-date">{date}</dd>
					<dt>Final assessment score</dt>
					<dd data-testid="certificate-score">{completion.score}%</dd>
					<dt>Refresher due by</dt>
					<dd data-testid="certificate-refresher">{refresherDue}</dd>
					<dt>Issued by</dt>
					<dd>
						{organisation}, through its online Social Media Policy training (course version {completion.courseVersion})
					</dd>
					<dt>Verification code</dt>
					<dd data-testid="certificate-code">
						<code>{completion.code}</code>
					</dd>
				</dl>
				<p className="meta">
					To check this certificate, ask for the learner's training record file (from My record). The same code is worked out from the record of this
					completion: if anything in that record had been changed since, the code would no longer match. Where the Trust keeps its own learning records, those
					are the firmer evidence.
				</p>
			</article>
			<p className="no-print">
				<button type="button" onClick={() => window.print()}>
					Print or save as PDF
				</button>
				<button type="button" className="secondary" onClick={() => downloadRecord(recordJson(), profile?.name)}>
					Download my training record
				</button>
			</p>
		</div>
	);
}

/** What a learner without a certificate yet is told; `pending` keeps its space while the record loads. */
function NotYet({ pending = false }: { pending?: boolean }) {
	return (
		<div className={pending ? 'notice pending' : 'notice'} aria-hidden={pending || undefined}>
			<p>
				Your certificate is available when you have passed the{' '}
				<a href={withBase('/assessment/')} tabIndex={pending ? -1 : undefined}>
					final assessment
				</a>{' '}
				and{' '}
				<a href={withBase('/acknowledge/')} tabIndex={pending ? -1 : undefined}>
					confirmed you have read the policy
				</a>
				.
			</p>
		</div>
	);
}
