import { z } from 'zod';
import { AudienceListSchema, ClauseListSchema, TextSchema } from './common.ts';

/** A key point: one rule or idea in plain words, with the clauses it comes from. */
export const KeyPointSchema = z.strictObject({
	text: TextSchema.describe('The point in plain words, keeping the policy\'s strength of wording (must / should / strongly advised).'),
	clauses: ClauseListSchema.describe('The clause ids it comes from, e.g. ["3-5"].'),
});

/** A short lesson: `modules/NN-<module>/lessons/NN-<id>.yaml`. */
export const LessonSchema = z.strictObject({
	title: TextSchema.describe('Lesson title.'),
	summary: TextSchema.describe('One-sentence summary for the module page.'),
	minutes: z.number().int().min(1).max(15).describe('Reading time in minutes.'),
	audiences: AudienceListSchema.describe('Who must take this lesson (everyone by default).'),
	keyPoints: z.array(KeyPointSchema).min(1).describe('The rules, each citing its clauses. Keep the policy\'s strength of wording.'),
	inPractice: z
		.array(
			z.strictObject({
				title: TextSchema.describe('A short heading for the example.'),
				text: TextSchema.describe('What happens, in plain words.'),
				clauses: ClauseListSchema.describe('The clauses it illustrates. Examples illustrate a rule; only key points count as teaching it.'),
			}),
		)
		.default([])
		.describe('"In practice" examples from school life.'),
	unclear: z.array(KeyPointSchema).default([]).describe('Where the policy is unclear: say so plainly, and whom to ask.'),
	whoToAsk: KeyPointSchema.optional().describe('Whom to ask, where the policy names managers, the SLT, the local governing body or HR.'),
});
export type Lesson = z.output<typeof LessonSchema>;
