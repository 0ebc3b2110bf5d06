import { z } from 'zod';
import { AudienceListSchema, ClauseIdSchema, ClauseListSchema, SlugSchema, TextSchema } from './common.ts';

/** A flag name: set by a choice, read by later steps ("you already accepted the request"). */
const FlagSchema = SlugSchema;

/** Show a variant or a choice only when these flags are (`if`) or are not (`unless`) set. */
const ConditionSchema = {
	/** Every flag listed must be set. */
	if: z.array(FlagSchema).optional(),
	/** None of the flags listed may be set. */
	unless: z.array(FlagSchema).optional(),
};

/**
 * A clause a choice goes against. Give the clause id alone to use the strongest duty the clause
 * states; where a clause states duties of more than one strength (a "must" and a "should"), name
 * the one this choice breaks. The strength is checked against the clause's own wording: it
 * comes from the policy, not from the author.
 */
export const BreachSchema = z.union([
	ClauseIdSchema,
	z.strictObject({
		/** The clause broken. */
		clause: ClauseIdSchema,
		/** Which of the clause's duties: `must` (must, must not, not permitted, legally bound ...) or `should` (should, strongly advised ...). */
		strength: z.enum(['must', 'should']),
	}),
]);
export type Breach = z.output<typeof BreachSchema>;

/** One option at a decision point. */
export const ChoiceSchema = z.strictObject({
	/** Stable id within the step (used in xAPI responses). */
	id: SlugSchema,
	/** What the learner does, as a button label: "Accept the request". */
	label: TextSchema,
	/** What happens as a result, shown straight after choosing. */
	consequence: TextSchema,
	/** The id of the next step or of an ending. */
	next: SlugSchema,
	/** Flags this choice sets. */
	set: z.array(FlagSchema).default([]),
	/**
	 * The clauses this act goes against. Every path's verdict follows from these: a path that
	 * breaks a must-level duty ends in a breach; best practice is reached only by paths that
	 * break nothing (see docs/content-brief.md, "The verdict rule").
	 */
	breaches: z.array(BreachSchema).default([]),
	/** The clauses this act follows (documentation for reviewers and reports; not judged). */
	upholds: z.array(ClauseIdSchema).default([]),
	...ConditionSchema,
});
export type Choice = z.output<typeof ChoiceSchema>;

/** A decision point. */
export const StepSchema = z.strictObject({
	/** Stable id, unique among the scenario's steps and endings. */
	id: SlugSchema,
	/** What is happening now. */
	text: TextSchema,
	/** Text shown instead of `text` when its condition holds (first match wins). */
	variants: z.array(z.strictObject({ text: TextSchema, ...ConditionSchema })).default([]),
	/** The question put to the learner; defaults to "What do you do?". */
	prompt: TextSchema.default('What do you do?'),
	choices: z.array(ChoiceSchema).min(2).max(4),
});
export type Step = z.output<typeof StepSchema>;

/** How an ending measures up against the policy. */
export const VerdictSchema = z.enum(['best-practice', 'risky', 'breach']);
export type Verdict = z.output<typeof VerdictSchema>;

/** An outcome. */
export const EndingSchema = z.strictObject({
	/** Stable id, unique among the scenario's steps and endings. */
	id: SlugSchema,
	verdict: VerdictSchema,
	/** A short headline for the outcome. */
	title: TextSchema,
	/** What the policy says about this outcome and why, in plain words. It must be true for every path that reaches this ending. */
	feedback: TextSchema,
	/** Feedback shown instead of `feedback` when its condition holds (first match wins), so that it stays true for each path. */
	variants: z.array(z.strictObject({ feedback: TextSchema, ...ConditionSchema })).default([]),
	/** The clauses this outcome rests on. */
	clauses: ClauseListSchema,
});
export type Ending = z.output<typeof EndingSchema>;

/**
 * What the learner would really see when the case begins: a friend request, a message in a
 * chat, a post with its comments. The page draws it as that thing (a card in the style of a
 * phone screen, built from these words, never an image of text). Every word must already be
 * true to the `situation` and the first step: this shows the moment, it adds no new facts.
 */
export const TriggerSchema = z.strictObject({
	/**
	 * What arrives: `friend-request` (a request to connect), `message` (a direct or group chat
	 * message), `post` (a post in a feed, with any comments), `email`, or `notification`
	 * (anything else the phone announces).
	 */
	kind: z.enum(['friend-request', 'message', 'post', 'email', 'notification']),
	/** Where it appears, as the screen would name it: "Building game", "Year 4 parents (group chat)". */
	app: TextSchema,
	/** Who it is from, as the screen shows them: "Keira", "Mr Patel". */
	from: TextSchema,
	/** When, as the screen shows it: "Saturday 9:14". Leave out when the case does not say. */
	time: TextSchema.optional(),
	/** The words on screen. For a friend request with no message, what the request says. */
	text: TextSchema,
	/** Comments under a post, or the next messages in a chat, in order. */
	replies: z.array(z.strictObject({ from: TextSchema, text: TextSchema })).default([]),
});
export type Trigger = z.output<typeof TriggerSchema>;

/** A "what would you do" case: `modules/NN-<module>/scenarios/<id>.yaml`. */
export const ScenarioSchema = z.strictObject({
	title: TextSchema,
	/** One sentence for the module page. */
	summary: TextSchema,
	audiences: AudienceListSchema,
	/** Estimated minutes to play once. */
	minutes: z.number().int().min(1).max(15).default(3),
	setting: z.strictObject({
		/** Who you are: "You are a teaching assistant in a Year 5 class." */
		role: TextSchema,
		/** Where you are. */
		place: TextSchema,
		/** What has just happened. */
		situation: TextSchema,
		/** Optional: the moment as the learner would see it on screen (see `TriggerSchema`). */
		trigger: TriggerSchema.optional(),
	}),
	/** Id of the first step. */
	start: SlugSchema,
	steps: z.array(StepSchema).min(1),
	endings: z.array(EndingSchema).min(1),
});
export type Scenario = z.output<typeof ScenarioSchema>;
