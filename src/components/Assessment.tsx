/**
 * The final assessment: a seeded draw across the learner's path, one question at a time, a
 * review and a confirm step before submitting, then the score, pass or fail, per-module
 * strengths and what to revisit. The attempt in progress is saved on every answer.
 */
import { useStore } from '@nanostores/react';
import { useEffect, useRef, useState } from 'react';
import { correctAnswer, isCorrect, percent } from '../assessment/score.ts';
import { useAppReady } from './useAppReady.ts';
import { $attemptResults, $passMark, answerAssessment, showAssessmentView, startAssessment, submitAssessment } from '../stores/assessment.ts';
import { $journey } from '../stores/journey.ts';
import { $progress, type AssessmentAttempt } from '../stores/progress.ts';
import QuestionView, { optionsOf, type ClientQuestion } from './QuestionView.tsx';
import { useQuestions } from '../client/questions.ts';
import { withBase } from '../site/urls.ts';

interface Props {
	count: number;
	/** The course's pass mark as the page knows it; the island follows $passMark, which starts from it. */
	passMark?: number;
	moduleTitles: Record<string, string>;
}

type View = { kind: 'question'; index: number } | { kind: 'review' } | { kind: 'confirm' };

export default function Assessment({ count, moduleTitles }: Props) {
	// The introduction renders at once (on the server too) in the same place it stays, so the
	// page neither jumps nor repaints when the questions arrive; only its button waits for them.
	const { pool, error, retry } = useQuestions();
	// The course's pass mark, or the mastery score a cmi5 launch sets after the first render (issue 14.4).
	const passMark = useStore($passMark);
	const progress = useStore($progress);
	const thisAttempt = useStore($attemptResults);
	const journey = useStore($journey);
	const ready = useAppReady(() => {
		const current = $progress.get().assessment.current;
		if (current) {
			// Resume on what was on screen (older saves: the first unanswered question).
			const first = current.questionIds.findIndex((id) => !current.answers[id]?.length);
			setView(current.view ?? (first === -1 ? { kind: 'review' } : { kind: 'question', index: first }));
		}
	});
	const [view, setView] = useState<View>({ kind: 'question', index: 0 });
	const headingRef = useRef<HTMLHeadingElement>(null);
	const focusNext = useRef(false);
	const shownAt = useRef(Date.now());

	useEffect(() => {
		if (focusNext.current) headingRef.current?.focus();
		focusNext.current = false;
		shownAt.current = Date.now();
	}, [view, progress.assessment.current?.id, progress.assessment.finished.length]);

	if (error) {
		return (
			<div className="notice notice--bad" role="alert">
				<p>{error}</p>
				<button type="button" onClick={retry}>
					Try again
				</button>
			</div>
		);
	}
	const loaded = ready && pool !== null;
	const byId = new Map((pool ?? []).map((q) => [q.id, q]));

	const current = progress.assessment.current;
	// Only this attempt's results count: a refresher starts with no result and a new draw.
	const last = thisAttempt[thisAttempt.length - 1];
	const go = (v: View) => {
		focusNext.current = true;
		setView(v);
		showAssessmentView(v);
	};

	function start() {
		if (!pool) return;
		startAssessment(pool, count, Number(new URLSearchParams(location.search).get('seed')));
		go({ kind: 'question', index: 0 });
	}

	function submit() {
		if (!pool) return;
		submitAssessment(pool);
		go({ kind: 'question', index: 0 });
	}

	// No attempt in progress (or not loaded yet): the introduction, with the last result if any.
	if (!loaded || !current) {
		const shownLast = loaded ? last : undefined;
		const outstanding = loaded ? journey.outstanding : [];
		return (
			<div>
				{shownLast && <Result attempt={shownLast} passMark={passMark} moduleTitles={moduleTitles} headingRef={headingRef} byId={byId} />}
				{(!shownLast || !shownLast.passed) && (
					<Introduction
						count={count}
						passMark={passMark}
						again={Boolean(shownLast)}
						refresher={progress.attempt.mode === 'refresher'}
						onStart={loaded ? start : undefined}
					/>
				)}
				{outstanding.length > 0 && (
					// Below the introduction, so that it appearing after load moves nothing above it.
					<p className="notice">
						You can take the assessment whenever you like. To complete the course you also need to finish the {outstanding.length} module
						{outstanding.length === 1 ? '' : 's'} still open on <a href={withBase('/')}>your path</a>.
					</p>
				)}
				{shownLast?.passed && (
					<p>
						<a className="button" href={withBase('/acknowledge/')}>
							Next: confirm you have read the policy
						</a>
					</p>
				)}
			</div>
		);
	}

	const questions = current.questionIds.map((id) => byId.get(id)).filter((q): q is ClientQuestion => Boolean(q));
	const answered = questions.filter((q) => current.answers[q.id]?.length).length;

	if (view.kind === 'confirm') {
		return (
			<section aria-labelledby="confirm-heading">
				<h2 id="confirm-heading" ref={headingRef} tabIndex={-1}>
					Submit your answers?
				</h2>
				<p>
					You have answered {answered} of {questions.length} questions.{answered < questions.length ? ' Questions without an answer are marked wrong.' : ''} You
					cannot change your answers after submitting.
				</p>
				<button type="button" onClick={submit}>
					Yes, submit my answers
				</button>
				<button type="button" className="secondary" onClick={() => go({ kind: 'review' })}>
					No, go back
				</button>
			</section>
		);
	}

	if (view.kind === 'review') {
		return (
			<section aria-labelledby="review-heading">
				<h2 id="review-heading" ref={headingRef} tabIndex={-1}>
					Check your answers
				</h2>
				<p>
					You have answered {answered} of {questions.length} questions.
				</p>
				{/* GOV.UK "check answers": a summary list of each question, the learner's answer and a Change button. */}
				<dl className="summary-list" data-testid="check-answers">
					{questions.map((q, i) => {
						const chosen = current.answers[q.id] ?? [];
						const texts = optionsOf(q)
							.filter((o) => chosen.includes(o.id))
							.map((o) => o.text);
						return (
							<div className="summary-list__row" key={q.id}>
								<dt className="summary-list__key">
									<span className="meta">Question {i + 1}</span> {q.type === 'truefalse' ? `True or false: ${q.prompt}` : q.prompt}
								</dt>
								<dd className="summary-list__value">
									{texts.length === 0 ? (
										<strong>Not answered</strong>
									) : texts.length === 1 ? (
										texts[0]
									) : (
										<ul>
											{texts.map((t) => (
												<li key={t}>{t}</li>
											))}
										</ul>
									)}
								</dd>
								<dd className="summary-list__actions">
									<button type="button" className="link-button" onClick={() => go({ kind: 'question', index: i })}>
										Change<span className="visually-hidden"> your answer to question {i + 1}</span>
									</button>
								</dd>
							</div>
						);
					})}
				</dl>
				<button type="button" onClick={() => go({ kind: 'confirm' })}>
					Submit my answers
				</button>
			</section>
		);
	}

	const q = questions[view.index]!;
	return (
		<section aria-labelledby="question-heading">
			<h2 id="question-heading" ref={headingRef} tabIndex={-1}>
				Question {view.index + 1} of {questions.length}
			</h2>
			<progress className="progress" max={questions.length} value={answered} aria-label={`${answered} of ${questions.length} answered`} />
			<p className="meta">
				{answered} of {questions.length} answered
			</p>
			<form
				onSubmit={(e) => {
					e.preventDefault();
					go(view.index + 1 < questions.length ? { kind: 'question', index: view.index + 1 } : { kind: 'review' });
				}}
			>
				<QuestionView
					key={q.id}
					question={q}
					order={current.optionOrder[q.id]}
					value={current.answers[q.id] ?? []}
					onChange={(v) => answerAssessment(q.id, v)}
					idPrefix="fa"
				/>
				<button type="submit">{view.index + 1 < questions.length ? 'Save and next question' : 'Save and check your answers'}</button>
				{view.index > 0 && (
					<button type="button" className="secondary" onClick={() => go({ kind: 'question', index: view.index - 1 })}>
						Previous question
					</button>
				)}
				<button type="button" className="secondary" onClick={() => go({ kind: 'review' })}>
					Check your answers
				</button>
			</form>
		</section>
	);
}

/**
 * The result (review items 4): pass in a confirmation panel, a fail plainly; each module's
 * "c of n" in course order (a count, not a "Strong" label that 1 of 1 would overclaim); then
 * each question missed with the answer given, the right one and why.
 */
function Result({
	attempt,
	passMark,
	moduleTitles,
	headingRef,
	byId,
}: {
	attempt: AssessmentAttempt;
	passMark: number;
	moduleTitles: Record<string, string>;
	headingRef: React.RefObject<HTMLHeadingElement | null>;
	byId: Map<string, ClientQuestion>;
}) {
	const score = percent(attempt.correct ?? 0, attempt.total ?? 0);
	const courseOrder = Object.keys(moduleTitles);
	const modules = Object.entries(attempt.byModule ?? {}).sort(([a], [b]) => courseOrder.indexOf(a) - courseOrder.indexOf(b));
	const revisit = modules.filter(([, [c, n]]) => c < n);
	const missed = attempt.questionIds.map((id) => byId.get(id)).filter((q): q is ClientQuestion => Boolean(q) && !isCorrect(q!, attempt.answers[q!.id] ?? []));
	const textOf = (q: ClientQuestion, ids: string[]) =>
		optionsOf(q)
			.filter((o) => ids.includes(o.id))
			.map((o) => o.text)
			.join('; ') || 'Not answered';
	return (
		<section aria-labelledby="result-heading">
			<div role="status" className={attempt.passed ? 'confirmation' : 'panel panel--bad'}>
				<h2 id="result-heading" ref={headingRef} tabIndex={-1}>
					{attempt.passed ? 'You passed' : 'You did not pass this time'}: {score}%
				</h2>
				<p>
					You answered {attempt.correct} of {attempt.total} questions correctly. The pass mark is {passMark}%.
				</p>
			</div>
			<h3>How you did in each module</h3>
			<div className="table-scroll">
				<table>
					<thead>
						<tr>
							<th scope="col">Module</th>
							<th scope="col">Questions right</th>
						</tr>
					</thead>
					<tbody>
						{modules.map(([id, [c, n]]) => (
							<tr key={id}>
								<td>{moduleTitles[id] ?? id}</td>
								<td>
									{c} of {n}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			{!attempt.passed && revisit.length > 0 && (
				<>
					<h3>Modules to revisit</h3>
					<ul>
						{revisit.map(([id]) => (
							<li key={id}>
								<a href={withBase(`/modules/${id}/`)}>{moduleTitles[id] ?? id}</a>
							</li>
						))}
					</ul>
				</>
			)}
			{missed.length > 0 && (
				<details className="missed" data-testid="missed-questions">
					<summary>
						The {missed.length} {missed.length === 1 ? 'question' : 'questions'} you got wrong, with the answers
					</summary>
					<ol>
						{missed.map((q) => (
							<li key={q.id}>
								<p>
									<strong>{q.prompt}</strong>
								</p>
								<p>Your answer: {textOf(q, attempt.answers[q.id] ?? [])}</p>
								<p>The right answer: {textOf(q, correctAnswer(q))}</p>
								<p>{q.explanation}</p>
							</li>
						))}
					</ol>
				</details>
			)}
		</section>
	);
}

/** What the assessment is, and the start button (disabled until the questions are loaded). */
function Introduction({
	count,
	passMark,
	again = false,
	refresher = false,
	onStart,
}: {
	count: number;
	passMark: number;
	again?: boolean;
	refresher?: boolean;
	onStart?: () => void;
}) {
	return (
		<section aria-labelledby="start-heading">
			<h2 id="start-heading">{again ? 'Take the assessment again' : 'Before you start'}</h2>
			<ul>
				<li>
					{count} questions from across the modules on your path{again || refresher ? ', mostly different from last time' : ''}.
				</li>
				<li>You need {passMark}% to pass.</li>
				<li>For questions that say "select all that apply", you need every correct answer and no wrong ones to get the mark.</li>
				<li>You can move between questions and change your answers. Nothing is marked until you submit, and you will be asked to confirm first.</li>
				<li>Your answers are saved as you go, so you can stop and come back.</li>
			</ul>
			<button type="button" onClick={onStart} disabled={!onStart}>
				{again ? 'Start a new attempt' : 'Start the assessment'}
			</button>
		</section>
	);
}
