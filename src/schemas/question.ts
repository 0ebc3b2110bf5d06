import { z } from 'zod';
import { AudienceListSchema, ClauseListSchema, SlugSchema, TextSchema } from './common.ts';

const OptionSchema = z.strictObject({
	id: SlugSchema.describe('Stable id within the question (used in xAPI responses).'),
	text: TextSchema.describe('The option as shown to the learner.'),
});

const base = {
	id: SlugSchema.describe('Stable id, unique in the course; part of the question\'s xAPI activity IRI.'),
	prompt: TextSchema.describe('The question as asked.'),
	explanation: TextSchema.describe('Why the answer is right, in plain words; shown after answering.'),
	clauses: ClauseListSchema.describe('Clauses the question assesses.'),
	audiences: AudienceListSchema.describe('Who the question suits (everyone by default).'),
};

/** One correct option among 3-5. */
export const SingleChoiceQuestionSchema = z.strictObject({
	...base,
	type: z.literal('single').describe('`single`: one correct option among 3-5.'),
	options: z.array(OptionSchema).min(3).max(5).describe('The options shown, 3-5 of them, in any order (the course shuffles them).'),
	answer: SlugSchema.describe('The id of the correct option.'),
});

/** Two or more correct options among 3-6, scored all-or-nothing. */
export const MultipleResponseQuestionSchema = z.strictObject({
	...base,
	type: z.literal('multiple').describe('`multiple`: two or more correct options among 3-6, scored all-or-nothing.'),
	options: z.array(OptionSchema).min(3).max(6).describe('The options shown, 3-6 of them, in any order (the course shuffles them).'),
	answer: z.array(SlugSchema).min(2).describe('The ids of every correct option.'),
});

/** A statement to judge true or false. */
export const TrueFalseQuestionSchema = z.strictObject({
	...base,
	type: z.literal('truefalse').describe('`truefalse`: a statement (the `prompt`) to judge true or false.'),
	answer: z.boolean().describe('Whether the statement in `prompt` is true.'),
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
	questions: z.array(QuestionSchema).min(1).describe('The module\'s questions, used by its knowledge check, the final assessment and the refresher pre-check.'),
});
