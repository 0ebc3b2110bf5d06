/** Marking answers and attempts. Pure and client-safe. */
import type { Question } from '../schemas/question.ts';

/** The correct option ids of a question (`true`/`false` for true-false questions). */
export function correctAnswer(q: Question): string[] {
	if (q.type === 'truefalse') return [String(q.answer)];
	return q.type === 'single' ? [q.answer] : [...q.answer];
}

/**
 * True when the answer is right. Multiple-response questions are all-or-nothing: every correct
 * option and no other.
 */
export function isCorrect(q: Question, answer: readonly string[] | undefined): boolean {
	if (!answer || answer.length === 0) return false;
	const right = correctAnswer(q);
	return right.length === answer.length && right.every((id) => answer.includes(id));
}

/** Whole-number percentage, rounded down so that a score never passes by rounding up. */
export function percent(correct: number, total: number): number {
	return total === 0 ? 0 : Math.floor((correct / total) * 100);
}

/** Pass when the exact share correct is at least the pass mark. */
export function hasPassed(correct: number, total: number, passMark: number): boolean {
	return total > 0 && correct * 100 >= passMark * total;
}

export interface AttemptResult {
	correct: number;
	total: number;
	percent: number;
	passed: boolean;
	/** module id -> [correct, asked] */
	byModule: Record<string, [number, number]>;
	/** Modules with any question wrong, to revisit. */
	revisit: string[];
}

export function markAttempt(
	questions: ReadonlyArray<Question & { moduleId: string }>,
	answers: Readonly<Record<string, readonly string[]>>,
	passMark: number,
): AttemptResult {
	const byModule: Record<string, [number, number]> = {};
	let correct = 0;
	for (const q of questions) {
		const ok = isCorrect(q, answers[q.id]);
		if (ok) correct++;
		const entry = (byModule[q.moduleId] ??= [0, 0]);
		entry[1]++;
		if (ok) entry[0]++;
	}
	const total = questions.length;
	return {
		correct,
		total,
		percent: percent(correct, total),
		passed: hasPassed(correct, total, passMark),
		byModule,
		revisit: Object.entries(byModule)
			.filter(([, [c, n]]) => c < n)
			.map(([id]) => id),
	};
}
