import { z } from 'zod';
import { AudienceListSchema, ClauseListSchema, SlugSchema, TextSchema } from './common.ts';

const OptionSchema = z.strictObject({
	/** Stable id within the question (used in xAPI responses). */
	id: SlugSchema,
	text: TextSchema,
});

const base = {
	/** Stable id, unique in the course; part of the question's xAPI activity IRI. */
	id: SlugSchema,
	/** The question as asked. */
	prompt: TextSchema,
	/** Why the answer is right, in plain words; shown after answering. */
	explanation: TextSchema,
	/** Clauses the question assesses. */
	clauses: ClauseListSchema,
	/** Who the question suits (everyone by default). */
	audiences: AudienceListSchema,
};

/** One correct option among 3-5. */
export const SingleChoiceQuestionSchema = z.strictObject({
	...base,
	type: z.literal('single'),
	options: z.array(OptionSchema).min(3).max(5),
	/** The id of the correct option. */
	answer: SlugSchema,
});

/** Two or more correct options among 3-6, scored all-or-nothing. */
export const MultipleResponseQuestionSchema = z.strictObject({
	...base,
	type: z.literal('multiple'),
	options: z.array(OptionSchema).min(3).max(6),
	/** The ids of every correct option. */
	answer: z.array(SlugSchema).min(2),
});

/** A statement to judge true or false. */
export const TrueFalseQuestionSchema = z.strictObject({
	...base,
	type: z.literal('truefalse'),
	/** Whether the statement in `prompt` is true. */
	answer: z.boolean(),
});

/** A question in a module's pool (`modules/NN-<module>/questions.yaml`). */
export const QuestionSchema = z.discriminatedUnion('type', [
	SingleChoiceQuestionSchema,
	MultipleResponseQuestionSchema,
	TrueFalseQuestionSchema,
]);
export type Question = z.output<typeof QuestionSchema>;

/** The pool file. */
export const QuestionPoolSchema = z.strictObject({
	questions: z.array(QuestionSchema).min(1),
});
