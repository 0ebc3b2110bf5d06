/**
 * A module's knowledge check: a few questions from its pool, immediate feedback after each
 * with the explanation and the clauses. It counts only as "attempted".
 */
import { useStore } from '@nanostores/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { correctAnswer, isCorrect } from '../assessment/score.ts';
import { installApp } from '../stores/app.ts';
import { checkAnswer, nextCheckQuestion, openCheck, selectCheckAnswer, startCheck } from '../stores/check.ts';
import { $progress } from '../stores/progress.ts';
import ClauseLinks, { type ClauseRefs } from './ClauseLinks.tsx';
import QuestionView, { optionsOf, type ClientQuestion } from './QuestionView.tsx';
import QuestionsGate from './QuestionsGate.tsx';
import { withBase } from '../site/urls.ts';

interface Props {
	moduleId: string;
	moduleTitle: string;
	count: number;
	clauses: ClauseRefs;
	next: { href: string; label: string };
}

export default function KnowledgeCheck(props: Props) {
	return <QuestionsGate>{(pool) => <KnowledgeCheckWithPool {...props} pool={pool} />}</QuestionsGate>;
}

function KnowledgeCheckWithPool({ moduleId, moduleTitle, pool, count, clauses, next }: Props & { pool: ClientQuestion[] }) {
	const progress = useStore($progress);
	const byId = useMemo(() => new Map(pool.map((q) => [q.id, q])), [pool]);
	const run = progress.checkRuns?.[moduleId];
	const shownAt = useRef(Date.now());
	const headingRef = useRef<HTMLHeadingElement>(null);
	const feedbackRef = useRef<HTMLDivElement>(null);
	const moved = useRef(false);
	const [error, setError] = useState('');

	// Resume the saved run of this attempt (a reload shows the same question, answer and
	// feedback); start a new one otherwise, or when the address asks for another seed.
	useEffect(() => {
		installApp();
		const fromUrl = Number(new URLSearchParams(location.search).get('seed'));
		openCheck(pool, moduleId, count, Number.isFinite(fromUrl) && fromUrl > 0 ? fromUrl : undefined);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);
	useEffect(() => {
		if (moved.current) headingRef.current?.focus();
		shownAt.current = Date.now();
	}, [run?.index]);
	useEffect(() => {
		if (moved.current && run?.checked) feedbackRef.current?.focus();
	}, [run?.checked]);

	if (!run || run.registration !== progress.attempt.registration) return <p>Loading the questions…</p>;
	const questions = run.questionIds.map((id) => byId.get(id)!).filter(Boolean);
	const index = run.index;
	const done = index >= questions.length;
	const q = questions[index];
	const value = q ? (run.answers[q.id] ?? []) : [];
	const checked = run.checked;
	const score = questions.slice(0, checked ? index + 1 : index).filter((x) => isCorrect(x, run.answers[x.id])).length;

	function check() {
		const result = checkAnswer(moduleId, pool, Date.now() - shownAt.current);
		if (result === 'empty') {
			setError('Select an answer first');
			return;
		}
		setError('');
		moved.current = true;
	}

	function nextQuestion() {
		moved.current = true;
		nextCheckQuestion(moduleId);
	}

	if (done) {
		return (
			<section aria-labelledby="check-heading">
				<h2 id="check-heading" ref={headingRef} tabIndex={-1}>
					You answered {score} of {questions.length} correctly
				</h2>
				<p>
					{score === questions.length
						? 'Well done: you have got the main points of this module.'
						: 'Here is what you missed, with its feedback. The knowledge check does not count towards your final score.'}
				</p>
				{/* What was missed, with the feedback the learner saw (review item 9). */}
				{questions.some((x) => !isCorrect(x, run.answers[x.id])) && (
					<ol className="missed" data-testid="check-missed">
						{questions
							.filter((x) => !isCorrect(x, run.answers[x.id]))
							.map((x) => (
								<li key={x.id}>
									<p>
										<strong>{x.prompt}</strong>
									</p>
									<p>
										The answer is:{' '}
										{optionsOf(x)
											.filter((o) => correctAnswer(x).includes(o.id))
											.map((o) => o.text)
											.join('; ')}
										.
									</p>
									<p>{x.explanation}</p>
									<p>
										<ClauseLinks ids={x.clauses} refs={clauses} />
									</p>
								</li>
							))}
					</ol>
				)}
				<p>
					<a className="button" href={next.href}>
						{next.label}
					</a>
					<a className="button button--secondary" href={withBase(`/modules/${moduleId}/`)}>
						Back to {moduleTitle}
					</a>
				</p>
				<p>
					<button
						type="button"
						className="secondary"
						onClick={() => {
							moved.current = true;
							startCheck(pool, moduleId, count);
						}}
					>
						Try the check again with different questions
					</button>
				</p>
			</section>
		);
	}

	const right = checked && q ? isCorrect(q, value) : false;
	return (
		<section aria-labelledby="check-heading">
			<h2 id="check-heading" ref={headingRef} tabIndex={-1}>
				Question {index + 1} of {questions.length}
			</h2>
			<progress className="progress" max={questions.length} value={index} aria-label={`Question ${index + 1} of ${questions.length}`} />
			<form
				onSubmit={(e) => {
					e.preventDefault();
					if (checked) nextQuestion();
					else check();
				}}
			>
				{error && (
					<p className="error-message" role="alert">
						{error}
					</p>
				)}
				<QuestionView
					key={q!.id}
					question={q!}
					order={run.optionOrder[q!.id]}
					value={value}
					onChange={(v) => selectCheckAnswer(moduleId, q!.id, v)}
					disabled={checked}
					idPrefix="kc"
					marked={checked ? correctAnswer(q!) : undefined}
				/>
				{checked && (
					<div ref={feedbackRef} tabIndex={-1} role="status" className={`panel ${right ? 'panel--ok' : 'panel--bad'}`}>
						<p>
							<strong>{right ? 'Correct.' : 'Not quite.'}</strong>{' '}
							{!right &&
								`The answer is: ${optionsOf(q!)
									.filter((o) => correctAnswer(q!).includes(o.id))
									.map((o) => o.text)
									.join('; ')}.`}
						</p>
						<p>{q!.explanation}</p>
						<p>
							<ClauseLinks ids={q!.clauses} refs={clauses} />
						</p>
					</div>
				)}
				<button type="submit">{checked ? (index === questions.length - 1 ? 'See your result' : 'Next question') : 'Check my answer'}</button>
			</form>
		</section>
	);
}
