/** The annual refresher: whether it is offered or due, and its actions (the refresher page). */
import { drawQuestions, newSeed, questionsFor } from '../assessment/draw.ts';
import type { ClientQuestion } from '../assessment/options.ts';
import { requiredModules } from '../course/paths.ts';
import { targetedPreCheck, testedOut } from '../course/refresher.ts';
import { answerQuestion } from './answers.ts';
import { initializeAttempt } from './app.ts';
import { emitCourseEvent } from './event-bus.ts';
import { courseMeta } from './meta.ts';
import { $learner } from './profile.ts';
import { $progress, newAttempt, update, type Progress } from './progress.ts';

// The derived state lives apart so pages that only show it (home) do not load the flow.
export { $refresher } from './refresher-state.ts';
import { $refresher } from './refresher-state.ts';

/**
 * Starts the refresher and draws its pre-check: a few questions on each module of the path,
 * those citing a changed clause first, avoiding last time's questions where possible.
 */
export function beginRefresher(pool: readonly ClientQuestion[]): void {
	const meta = courseMeta();
	const { last, targets } = $refresher.get();
	startRefresher(meta.version, meta.policyVersion);
	const learner = $learner.get();
	const questionIds = targetedPreCheck(
		questionsFor(pool, learner),
		requiredModules(meta, meta.modules, learner),
		targets?.clauses ?? [],
		{ count: meta.refresher.preCheckQuestions, avoid: new Set(last?.seenQuestions ?? []), seed: newSeed() },
		drawQuestions,
	);
	savePreCheck({ questionIds, answers: {}, startedAt: new Date().toISOString() });
}

export function answerPreCheck(questionId: string, value: string[]): void {
	const pre = $progress.get().preCheck;
	if (pre) savePreCheck({ ...pre, answers: { ...pre.answers, [questionId]: value } });
}

/**
 * Submits the pre-check: records every answer, marks modules answered fully right "tested out"
 * (never one teaching a changed rule in a policy-change refresher) and keeps the results.
 */
export function submitPreCheck(pool: readonly ClientQuestion[]): void {
	const pre = $progress.get().preCheck;
	if (!pre) return;
	const { targets } = $refresher.get();
	const titles = Object.fromEntries(courseMeta().modules.map((m) => [m.id, m.title]));
	const byId = new Map(pool.map((q) => [q.id, q]));
	const results: Record<string, { correct: number; total: number }> = {};
	for (const [moduleId, ids] of Object.entries(pre.questionIds)) {
		let correct = 0;
		for (const id of ids) if (answerQuestion(byId.get(id)!, pre.answers[id] ?? [], 'pre-check')) correct++;
		results[moduleId] = { correct, total: ids.length };
	}
	for (const moduleId of testedOut(results, targets)) markTestedOut(moduleId, titles[moduleId] ?? moduleId);
	finishPreCheck(results);
}

/**
 * Starts the annual refresher: a new attempt with a new registration, opened with its own
 * `initialized`. Checks left open or finished last time start afresh (cases too: a saved run
 * belongs to its attempt's registration, see ScenarioPlayer).
 */
export function startRefresher(courseVersion: string, policyVersion: string): void {
	update((p) => ({
		...p,
		attempt: newAttempt('refresher', courseVersion, policyVersion),
		assessment: { ...p.assessment, current: undefined },
		preCheck: undefined,
		checkRuns: {},
	}));
	initializeAttempt();
}

export function savePreCheck(preCheck: Progress['preCheck']): void {
	update((p) => ({ ...p, preCheck: preCheck && { ...preCheck, savedAt: new Date().toISOString() } }));
}

export function finishPreCheck(results: Record<string, { correct: number; total: number }>): void {
	update((p) => ({ ...p, preCheck: undefined, attempt: { ...p.attempt, preCheck: { at: new Date().toISOString(), results } } }));
}

export function markTestedOut(moduleId: string, title: string): void {
	if ($progress.get().attempt.testedOut[moduleId]) return;
	update((p) => ({ ...p, attempt: { ...p.attempt, testedOut: { ...p.attempt.testedOut, [moduleId]: new Date().toISOString() } } }));
	emitCourseEvent({ type: 'module.tested-out', moduleId, title });
}
