/**
 * The annual refresher's pre-check: a couple of questions per module on the learner's path,
 * avoiding last time's questions where possible. Modules answered fully correctly are marked
 * "tested out" and become optional; the rest are required before the final assessment.
 */
import { useAppReady } from './useAppReady.ts';
import { useStore } from '@nanostores/react';
import { useEffect, useRef } from 'react';
import { refresherItems } from '../course/refresher.ts';
import { withBase } from '../site/urls.ts';
import { courseMeta } from '../stores/meta.ts';
import { $progress } from '../stores/progress.ts';
import { $refresher, answerPreCheck, beginRefresher, submitPreCheck } from '../stores/refresher.ts';
import QuestionView, { type ClientQuestion } from './QuestionView.tsx';
import QuestionsGate from './QuestionsGate.tsx';

export default function Refresher() {
	return <QuestionsGate>{(pool) => <RefresherWithPool pool={pool} />}</QuestionsGate>;
}

function RefresherWithPool({ pool }: { pool: ClientQuestion[] }) {
	const progress = useStore($progress);
	const refresher = useStore($refresher);
	const ready = useAppReady();
	const headingRef = useRef<HTMLHeadingElement>(null);
	useEffect(() => {
		headingRef.current?.focus();
	}, [progress.attempt.preCheck?.at]);
	if (!ready) return <p>Loading…</p>;
	// The course facts are fixed at build time; reading them is not reading learner state.
	const meta = courseMeta();
	const { last, targets, ...state } = refresher;
	const titles = Object.fromEntries(meta.modules.map((m) => [m.id, m.title]));
	// A refresher for a major policy change starts from the changed clauses (issue 20): `targets`,
	// judged on the last completion, which stays the same until this refresher completes.

	// Outside a refresher, or after one is completed (next year's starts afresh): the offer.
	if (progress.attempt.mode !== 'refresher' || progress.attempt.completed) {
		if (!state.offered) {
			return (
				<p className="notice">
					{last
						? `Your refresher will open on ${new Date(state.offerDate!).toLocaleDateString('en-GB', { dateStyle: 'long' })}.`
						: 'The refresher is for people who have completed the course before. Start with the course itself.'}{' '}
					<a href={withBase('/')}>Back to the course</a>
				</p>
			);
		}
		return (
			<section aria-labelledby="refresher-start">
				<h2 id="refresher-start">Start your refresher</h2>
				{targets && (
					<p data-testid="refresher-policy-change">
						The policy has changed since the version you acknowledged (Version {targets.from}). This refresher starts with what changed:{' '}
						<a href={withBase('/policy/changes/')}>see what changed</a>. Modules that teach a changed rule stay on your path.
					</p>
				)}
				<p>
					You will answer {meta.refresher.preCheckQuestions} questions on each module of your path. Get them all right and the module is marked "tested out";
					otherwise it is on your refresher path. Then take the final assessment.
				</p>
				<button type="button" onClick={() => beginRefresher(pool)}>
					Start the refresher
				</button>
			</section>
		);
	}

	if (progress.attempt.preCheck) {
		const results = progress.attempt.preCheck.results;
		const changed = refresherItems(Object.keys(results), targets).changed;
		const itemTitle = (i: (typeof changed)[number]) => `${titles[i.module]}: ${i.kind === 'lesson' ? 'lesson' : 'case'}, ${i.title}`;
		return (
			<section aria-labelledby="precheck-done">
				<h2 id="precheck-done" ref={headingRef} tabIndex={-1}>
					Your refresher path
				</h2>
				{changed.length > 0 && (
					<>
						<h3>Start with what changed</h3>
						<p>These cite a rule that changed in the new version of the policy.</p>
						<ul data-testid="refresher-changed">
							{changed.map((i) => (
								<li key={`${i.kind}-${i.module}-${i.id}`}>
									<a href={withBase(i.kind === 'lesson' ? `/modules/${i.module}/${i.id}/` : `/modules/${i.module}/scenarios/${i.id}/`)}>{itemTitle(i)}</a>
								</li>
							))}
						</ul>
						<h3>Then each module</h3>
					</>
				)}
				<ul>
					{Object.entries(results).map(([id, r]) => (
						<li key={id}>
							{titles[id]}:{' '}
							{progress.attempt.testedOut[id]
								? 'tested out (optional now)'
								: r.correct === r.total
									? 'required (it teaches a rule that changed)'
									: `required (${r.correct} of ${r.total} correct)`}
						</li>
					))}
				</ul>
				<p>
					<a className="button" href={withBase('/')}>
						Continue your refresher
					</a>
				</p>
			</section>
		);
	}

	const pre = progress.preCheck;
	if (!pre)
		return (
			<p>
				Something went wrong starting the refresher. <a href={withBase('/')}>Back to the course</a>
			</p>
		);
	const byId = new Map(pool.map((q) => [q.id, q]));
	return (
		<form
			onSubmit={(e) => {
				e.preventDefault();
				submitPreCheck(pool);
			}}
		>
			<h2 ref={headingRef} tabIndex={-1}>
				Refresher check
			</h2>
			{Object.entries(pre.questionIds).map(([moduleId, ids]) => (
				<section key={moduleId} aria-labelledby={`pc-module-${moduleId}`} data-module={moduleId}>
					<h3 id={`pc-module-${moduleId}`}>{titles[moduleId]}</h3>
					{ids.map((id, i) => (
						<QuestionView
							key={id}
							question={byId.get(id)!}
							value={pre.answers[id] ?? []}
							onChange={(v) => answerPreCheck(id, v)}
							idPrefix="pc"
							legendPrefix={`${i + 1}.`}
						/>
					))}
				</section>
			))}
			<button type="submit">Submit the refresher check</button>
		</form>
	);
}
