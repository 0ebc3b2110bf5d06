/**
 * Answering a question, the one way for all three settings: a module's knowledge check, the
 * refresher's pre-check and the final assessment. Marks the response and announces it on the
 * event bus (the records listener makes the `answered` statement).
 */
import { correctAnswer, isCorrect } from '../assessment/score.ts';
import { optionsOf, type ClientQuestion } from '../assessment/options.ts';
import type { CourseEvent } from '../records/course-events.ts';
import { emitCourseEvent } from './event-bus.ts';

export type AnswerSetting = Extract<CourseEvent, { type: 'question.answered' }>['setting'];

/** Records the learner's `response` to `q` in `setting`; returns whether it was right. */
export function answerQuestion(q: ClientQuestion, response: string[], setting: AnswerSetting, durationMs = 0): boolean {
	const success = isCorrect(q, response);
	emitCourseEvent({
		type: 'question.answered',
		moduleId: q.moduleId,
		questionId: q.id,
		setting,
		kind: q.type,
		prompt: q.prompt,
		options: optionsOf(q),
		correct: correctAnswer(q),
		response,
		success,
		durationMs,
	});
	return success;
}
