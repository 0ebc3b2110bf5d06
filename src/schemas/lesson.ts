import { z } from 'zod';
import { AudienceListSchema, ClauseListSchema, TextSchema } from './common.ts';

/** A key point: one rule or idea in plain words, with the clauses it comes from. */
export const KeyPointSchema = z.strictObject({
	text: TextSchema,
	clauses: ClauseListSchema,
});

/** A short lesson: `modules/NN-<module>/lessons/NN-<id>.yaml`. */
export const LessonSchema = z.strictObject({
	/** Lesson title. */
	title: TextSchema,
	/** One-sentence summary for the module page. */
	summary: TextSchema,
	/** Reading time in minutes. */
	minutes: z.number().int().min(1).max(15),
	/** Who must take this lesson (everyone by default). */
	audiences: AudienceListSchema,
	/** The rules, each citing its clauses. Keep the policy's strength of wording. */
	keyPoints: z.array(KeyPointSchema).min(1),
	/** "In practice" examples from school life. */
	inPractice: z
		.array(z.strictObject({ title: TextSchema, text: TextSchema, clauses: ClauseListSchema }))
		.default([]),
	/** Where the policy is unclear: say so plainly, and whom to ask. */
	unclear: z.array(KeyPointSchema).default([]),
	/** Whom to ask, where the policy names managers, the SLT, the local governing body or HR. */
	whoToAsk: KeyPointSchema.optional(),
});
export type Lesson = z.output<typeof LessonSchema>;
