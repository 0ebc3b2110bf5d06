import { z } from 'zod';
import { AudienceListSchema, ClauseIdSchema, ClauseListSchema, SlugSchema, TextSchema } from './common.ts';

/** A flag name: set by a choice, read by later steps ("you already accepted the request"). */
const FlagSchema = SlugSchema;

/** Show a variant or a choice only when these flags are (`if`) or are not (`unless`) set. */
const ConditionSchema = {
	if: z.array(FlagSchema).optional().describe('Every flag listed must be set.'),
	unless: z.array(FlagSchema).optional().describe('None of the flags listed may be set.'),
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
		clause: ClauseIdSchema.describe('The clause broken.'),
		strength: z.enum(['must', 'should']).describe('Which of the clause\'s duties: `must` (must, must not, not permitted, legally bound ...) or `should` (should, strongly advised ...).'),
	}),
]);
export type Breach = z.output<typeof BreachSchema>;

/** One option at a decision point. */
export const ChoiceSchema = z.strictObject({
	id: SlugSchema.describe('Stable id within the step (used in xAPI responses).'),
	label: TextSchema.describe('What the learner does, as a button label: "Accept the request".'),
	consequence: TextSchema.describe('What happens as a result, shown straight after choosing.'),
	next: SlugSchema.describe('The id of the next step or of an ending.'),
	set: z.array(FlagSchema).default([]).describe('Flags this choice sets.'),
	breaches: z.array(BreachSchema).default([]).describe('The clauses this act goes against. Every path\'s verdict follows from these: a path that breaks a must-level duty ends in a breach; best practice is reached only by paths that break nothing (see docs/content-brief.md, "The verdict rule").'),
	upholds: z.array(ClauseIdSchema).default([]).describe('The clauses this act follows (documentation for reviewers and reports; not judged).'),
	...ConditionSchema,
});
export type Choice = z.output<typeof ChoiceSchema>;

/** A decision point. */
export const StepSchema = z.strictObject({
	id: SlugSchema.describe('Stable id, unique among the scenario\'s steps and endings.'),
	text: TextSchema.describe('What is happening now.'),
	variants: z.array(z.strictObject({ text: TextSchema.describe('The text shown when the condition holds.'), ...ConditionSchema })).default([]).describe('Text shown instead of `text` when its condition holds (first match wins).'),
	prompt: TextSchema.default('What do you do?').describe('The question put to the learner; defaults to "What do you do?".'),
	choices: z.array(ChoiceSchema).min(2).max(4).describe('The options at this step: 2-4 of them.'),
});
export type Step = z.output<typeof StepSchema>;

/** How an ending measures up against the policy. */
export const VerdictSchema = z.enum(['best-practice', 'risky', 'breach']);
export type Verdict = z.output<typeof VerdictSchema>;

/** An outcome. */
export const EndingSchema = z.strictObject({
	id: SlugSchema.describe('Stable id, unique among the scenario\'s steps and endings.'),
	verdict: VerdictSchema.describe('How the outcome measures up against the policy: `best-practice`, `risky` or `breach`. It must follow from the clauses the path breaks (the verdict rule).'),
	title: TextSchema.describe('A short headline for the outcome.'),
	feedback: TextSchema.describe('What the policy says about this outcome and why, in plain words. It must be true for every path that reaches this ending.'),
	variants: z.array(z.strictObject({ feedback: TextSchema.describe('The feedback shown when the condition holds.'), ...ConditionSchema })).default([]).describe('Feedback shown instead of `feedback` when its condition holds (first match wins), so that it stays true for each path.'),
	clauses: ClauseListSchema.describe('The clauses this outcome rests on.'),
});
export type Ending = z.output<typeof EndingSchema>;

/**
 * What the learner would really see when the case begins: a friend request, a message in a
 * chat, a post with its comments. The page draws it as that thing (a card in the style of a
 * phone screen, built from these words, never an image of text). Every word must already be
 * true to the `situation` and the first step: this shows the moment, it adds no new facts.
 */
export const TriggerSchema = z.strictObject({
	kind: z.enum(['friend-request', 'message', 'post', 'email', 'notification']).describe('What arrives: `friend-request` (a request to connect), `message` (a direct or group chat message), `post` (a post in a feed, with any comments), `email`, or `notification` (anything else the phone announces).'),
	app: TextSchema.describe('Where it appears, as the screen would name it: "Building game", "Year 4 parents (group chat)".'),
	from: TextSchema.describe('Who it is from, as the screen shows them: "Keira", "Mr Patel".'),
	time: TextSchema.optional().describe('When, as the screen shows it: "Saturday 9:14". Leave out when the case does not say.'),
	text: TextSchema.describe('The words on screen. For a friend request with no message, what the request says.'),
	replies: z.array(z.strictObject({ from: TextSchema.describe('Who wrote it, as the screen shows them.'), text: TextSchema.describe('The words on screen.') })).default([]).describe('Comments under a post, or the next messages in a chat, in order.'),
});
export type Trigger = z.output<typeof TriggerSchema>;

/** A "what would you do" case: `modules/NN-<module>/scenarios/<id>.yaml`. */
export const ScenarioSchema = z.strictObject({
	title: TextSchema.describe('The case\'s title, shown on the module page and as the scenario page heading.'),
	summary: TextSchema.describe('One sentence for the module page.'),
	audiences: AudienceListSchema.describe('Who the case is for (everyone by default): `all`, or roles, and `recruiter` for people who shortlist or interview.'),
	minutes: z.number().int().min(1).max(15).default(3).describe('Estimated minutes to play once.'),
	setting: z.strictObject({
		role: TextSchema.describe('Who you are: "You are a teaching assistant in a Year 5 class."'),
		place: TextSchema.describe('Where you are.'),
		situation: TextSchema.describe('What has just happened.'),
		trigger: TriggerSchema.optional().describe('Optional: the moment as the learner would see it on screen (a friend request, a chat message, a post), drawn as that thing. Every word must already be true to the `situation` and the first step: it shows the moment and adds no new facts.'),
	}).describe('Where the case begins: who you are, where, and what has just happened.'),
	start: SlugSchema.describe('Id of the first step.'),
	steps: z.array(StepSchema).min(1).describe('The decision points, each with 2-4 choices.'),
	endings: z.array(EndingSchema).min(1).describe('The outcomes, each with its verdict and the clauses it rests on.'),
});
export type Scenario = z.output<typeof ScenarioSchema>;
