/**
 * The final assessment's actions and derived values. Kept apart from the shared progress
 * store so only the assessment page ships them. The island shows; these decide.
 */
import { computed } from 'nanostores';
import { drawQuestions, newSeed, questionsFor, shuffleOptions } from '../assessment/draw.ts';
import type { ClientQuestion } from '../assessment/options.ts';
import { markAttempt } from '../assessment/score.ts';
import { requiredModules } from '../course/paths.ts';
import { uuid } from '../records/statements.ts';
import { answerQuestion } from './answers.ts';
import { emitCourseEvent } from './event-bus.ts';
import { courseMeta } from './meta.ts';
import { $learner } from './profile.ts';
import { $progress, update, type AssessmentAttempt } from './progress.ts';
import { $cmi5, effectivePassMark } from './records.ts';

/** The pass mark in force: the course's, or the mastery score an LMS set through cmi5 (issue 14.4). */
export const $passMark = computed($cmi5, (cmi5) => effectivePassMark(courseMeta().passMark, cmi5));

/** This attempt's finished assessments (a refresher starts with none), oldest first. */
export const $attemptResults = computed($progress, (p) => p.assessment.finished.filter((a) => a.startedAt >= p.attempt.startedAt));

/**
 * Starts a new assessment: `count` questions drawn from the learner's path, seeded (`seed` from
 * the address when a test fixes it), avoiding the previous attempt's questions and those of the
 * last completion (a refresher).
 */
export function startAssessment(pool: readonly ClientQuestion[], count: number, fixedSeed?: number): AssessmentAttempt {
	const meta = courseMeta();
	const learner = $learner.get();
	const p = $progress.get();
	const finished = p.assessment.finished;
	const seed = fixedSeed !== undefined && Number.isFinite(fixedSeed) && fixedSeed > 0 ? fixedSeed + finished.length : newSeed();
	const previous = finished[finished.length - 1];
	const avoid = new Set([...(previous?.questionIds ?? []), ...(p.history.at(-1)?.seenQuestions ?? [])]);
	const questions = drawQuestions(questionsFor(pool, learner), { count, modules: requiredModules(meta, meta.modules, learner), seed, avoid });
	const now = new Date().toISOString();
	const attempt: AssessmentAttempt = {
		id: uuid(),
		seed,
		questionIds: questions.map((q) => q.id),
		optionOrder: shuffleOptions(questions, seed),
		answers: {},
		startedAt: now,
		view: { kind: 'question', index: 0 },
		savedAt: now,
	};
	update((q) => ({ ...q, assessment: { ...q.assessment, current: attempt } }));
	return attempt;
}

export function answerAssessment(questionId: string, answer: string[]): void {
	update((p) => {
		const current = p.assessment.current;
		if (!current) return p;
		return {
			...p,
			assessment: { ...p.assessment, current: { ...current, answers: { ...current.answers, [questionId]: answer }, savedAt: new Date().toISOString() } },
		};
	});
}

/** Remembers what is on screen, so a reload returns to the same question or step. */
export function showAssessmentView(view: NonNullable<AssessmentAttempt['view']>): void {
	update((p) =>
		p.assessment.current ? { ...p, assessment: { ...p.assessment, current: { ...p.assessment.current, view, savedAt: new Date().toISOString() } } } : p,
	);
}

/**
 * Submits the assessment in progress: records each answer, marks the attempt against the pass
 * mark in force and files it with the finished ones. Unanswered questions are marked wrong.
 */
export function submitAssessment(pool: readonly ClientQuestion[]): AssessmentAttempt | undefined {
	const current = $progress.get().assessment.current;
	if (!current) return undefined;
	const byId = new Map(pool.map((q) => [q.id, q]));
	const questions = current.questionIds.map((id) => byId.get(id)).filter((q): q is ClientQuestion => Boolean(q));
	for (const q of questions) answerQuestion(q, current.answers[q.id] ?? [], 'assessment');
	const passMark = $passMark.get();
	const result = markAttempt(questions, current.answers, passMark);
	const finished: AssessmentAttempt = {
		...current,
		correct: result.correct,
		total: result.total,
		passed: result.passed,
		byModule: result.byModule,
		finishedAt: new Date().toISOString(),
	};
	update((p) => ({ ...p, assessment: { current: undefined, finished: [...p.assessment.finished, finished] } }));
	emitCourseEvent({
		type: 'assessment.finished',
		attemptId: finished.id,
		correct: result.correct,
		total: result.total,
		passMark,
		passed: result.passed,
		durationMs: Date.parse(finished.finishedAt!) - Date.parse(finished.startedAt),
	});
	return finished;
}
