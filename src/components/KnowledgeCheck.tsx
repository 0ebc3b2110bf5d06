/**
 * A module's knowledge check: a few questions from its pool, immediate feedback after each
 * with the explanation and the clauses. It counts only as "attempted".
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { drawQuestions, newSeed, shuffleOptions } from '../assessment/draw.ts';
import { correctAnswer, isCorrect } from '../assessment/score.ts';
import { installApp } from '../stores/app.ts';
import { emitCourseEvent } from '../stores/events.ts';
import { recordCheck } from '../stores/progress.ts';
import ClauseLinks, { type ClauseRefs } from './ClauseLinks.tsx';
import QuestionView, { optionsOf, type ClientQuestion } from './QuestionView.tsx';
import QuestionsGate from './QuestionsGate.tsx';

interface Props {
	moduleId: string;
	moduleTitle: string;
	count: number;
	clauses: ClauseRefs;
	next: { href: string; label: string };
}

export default function KnowledgeCheck(props: Props) {
	return <QuestionsGate>{(pool) => <KnowledgeCheckWithPool {...props} pool={pool.filter((q) => q.moduleId === props.moduleId)} />}</QuestionsGate>;
}

function KnowledgeCheckWithPool({ moduleId, moduleTitle, pool, count, clauses, next }: Props & { pool: ClientQuestion[] }) {
	const [seed, setSeed] = useState<number | null>(null);
	const questions = useMemo(() => (seed === null ? [] : drawQuestions(pool, { count, modules: [moduleId], seed })), [seed, pool, count, moduleId]);
	const orders = useMemo(() => (seed === null ? {} : shuffleOptions(questions, seed)), [questions, seed]);
	const [index, setIndex] = useState(0);
	const [value, setValue] = useState<string[]>([]);
	const [checked, setChecked] = useState(false);
	const [score, setScore] = useState(0);
	const [error, setError] = useState('');
	const shownAt = useRef(Date.now());
	const headingRef = useRef<HTMLHeadingElement>(null);
	const feedbackRef = useRef<HTMLDivElement>(null);
	const started = useRef(false);

	useEffect(() => {
		installApp();
		const fromUrl = Number(new URLSearchParams(location.search).get('seed'));
		setSeed(Number.isFinite(fromUrl) && fromUrl > 0 ? fromUrl : newSeed());
	}, []);
	useEffect(() => {
		if (started.current) headingRef.current?.focus();
		shownAt.current = Date.now();
	}, [index]);
	useEffect(() => {
		if (checked) feedbackRef.current?.focus();
	}, [checked]);

	if (seed === null) return <p>Loading the questions…</p>;
	const done = index >= questions.length;
	const q = questions[index];

	function check() {
		if (!q) return;
		if (value.length === 0) {
			setError('Select an answer first');
			return;
		}
		setError('');
		const success = isCorrect(q, value);
		if (success) setScore((s) => s + 1);
		setChecked(true);
		emitCourseEvent({
			type: 'question.answered',
			moduleId,
			questionId: q.id,
			setting: 'check',
			kind: q.type,
			prompt: q.prompt,
			options: optionsOf(q),
			correct: correctAnswer(q),
			response: value,
			success,
			durationMs: Date.now() - shownAt.current,
		});
		if (index === questions.length - 1) recordCheck(moduleId, score + (success ? 1 : 0), questions.length);
	}

	function nextQuestion() {
		started.current = true;
		setIndex((i) => i + 1);
		setValue([]);
		setChecked(false);
	}

	if (done) {
		return (
			<section aria-labelledby="check-heading">
				<h2 id="check-heading" ref={headingRef} tabIndex={-1}>
					You answered {score} of {questions.length} correctly
				</h2>
				<p>{score === questions.length ? 'Well done: you have got the main points of this module.' : 'Look again at the clauses in the feedback for anything you missed. The knowledge check does not count towards your final score.'}</p>
				<p>
					<a className="button" href={next.href}>{next.label}</a>
					<a className="button button--secondary" href={`/modules/${moduleId}/`}>Back to {moduleTitle}</a>
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
				{error && <p className="error-message" role="alert">{error}</p>}
				<QuestionView key={q!.id} question={q!} order={orders[q!.id]} value={value} onChange={setValue} disabled={checked} idPrefix={`kc-${q!.id}`} />
				{checked && (
					<div ref={feedbackRef} tabIndex={-1} role="status" className={`panel ${right ? 'panel--ok' : 'panel--bad'}`}>
						<p>
							<strong>{right ? 'Correct.' : 'Not quite.'}</strong>{' '}
							{!right && `The answer is: ${optionsOf(q!).filter((o) => correctAnswer(q!).includes(o.id)).map((o) => o.text).join('; ')}.`}
						</p>
						<p>{q!.explanation}</p>
						<p><ClauseLinks ids={q!.clauses} refs={clauses} /></p>
					</div>
				)}
				<button type="submit">{checked ? (index === questions.length - 1 ? 'See your result' : 'Next question') : 'Check my answer'}</button>
			</form>
		</section>
	);
}
