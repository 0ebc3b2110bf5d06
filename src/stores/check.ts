/**
 * A module's knowledge check: opening (resume this attempt's run, or draw a new one), choosing
 * options, checking an answer (recorded, with feedback kept for a reload) and moving on. The
 * last checked answer records the check as attempted. Only the check pages ship this.
 */
import { drawQuestions, newSeed, questionsFor, shuffleOptions } from '../assessment/draw.ts';
import type { ClientQuestion } from '../assessment/options.ts';
import { isCorrect } from '../assessment/score.ts';
import { answerQuestion } from './answers.ts';
import { $learner } from './profile.ts';
import { $progress, recordCheck, saveCheckRun, type CheckRun } from './progress.ts';

/** Draws a new check for this learner (same audience rules as lessons), seeded, and shows its first question. */
export function startCheck(pool: readonly ClientQuestion[], moduleId: string, count: number, seed = newSeed()): void {
	const questions = drawQuestions(questionsFor(pool, $learner.get(), moduleId), { count, modules: [moduleId], seed });
	saveCheckRun(moduleId, {
		registration: $progress.get().attempt.registration,
		seed,
		questionIds: questions.map((q) => q.id),
		optionOrder: shuffleOptions(questions, seed),
		index: 0,
		answers: {},
		checked: false,
	});
}

/**
 * Opens the check: this attempt's saved run if it still fits the pool (a reload shows the same
 * question, answer and feedback), else a new one; a `seed` (from the address) asks for that draw.
 */
export function openCheck(pool: readonly ClientQuestion[], moduleId: string, count: number, seed?: number): void {
	const saved = $progress.get().checkRuns?.[moduleId];
	const ids = new Set(pool.map((q) => q.id));
	const usable =
		saved &&
		saved.registration === $progress.get().attempt.registration &&
		saved.questionIds.every((id) => ids.has(id)) &&
		(seed === undefined || saved.seed === seed);
	if (!usable) startCheck(pool, moduleId, count, seed);
}

function run(moduleId: string): CheckRun | undefined {
	return $progress.get().checkRuns?.[moduleId];
}

/** The learner changes their selection for the question on screen. */
export function selectCheckAnswer(moduleId: string, questionId: string, value: string[]): void {
	const r = run(moduleId);
	if (r && !r.checked) saveCheckRun(moduleId, { ...r, answers: { ...r.answers, [questionId]: value } });
}

/**
 * Checks the answer on screen: records it and keeps the feedback shown. Returns whether it was
 * right, or 'empty' when nothing is selected (nothing is recorded then).
 */
export function checkAnswer(moduleId: string, pool: readonly ClientQuestion[], durationMs: number): boolean | 'empty' | undefined {
	const r = run(moduleId);
	if (!r || r.checked) return undefined;
	const byId = new Map(pool.map((q) => [q.id, q]));
	const questions = r.questionIds.map((id) => byId.get(id)).filter((q): q is ClientQuestion => Boolean(q));
	const q = questions[r.index];
	if (!q) return undefined;
	const value = r.answers[q.id] ?? [];
	if (value.length === 0) return 'empty';
	saveCheckRun(moduleId, { ...r, checked: true });
	const success = answerQuestion(q, value, 'check', durationMs);
	if (r.index === questions.length - 1) recordCheck(moduleId, questions.filter((x) => isCorrect(x, r.answers[x.id])).length, questions.length);
	return success;
}

/** Moves on from a checked answer to the next question (or the result). */
export function nextCheckQuestion(moduleId: string): void {
	const r = run(moduleId);
	if (r?.checked) saveCheckRun(moduleId, { ...r, index: r.index + 1, checked: false });
}
