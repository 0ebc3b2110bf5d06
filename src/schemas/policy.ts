import { z } from 'zod';
import { ClauseIdSchema, TextSchema } from './common.ts';

/** One numbered clause of the policy, as printed. */
export const ClauseSchema = z.strictObject({
	id: ClauseIdSchema.describe('Stable unique id: the printed number with dashes, plus a section suffix where the printed number repeats.'),
	number: z.string().describe('The number exactly as printed, e.g. `"1.2."` or `"3.10"`. May repeat across the policy.'),
	text: TextSchema.describe('The clause text as printed.'),
	items: z.array(TextSchema).default([]).describe('The bulleted items printed under the clause, if any.'),
	rule: z.boolean().optional().describe('Marks a clause that states a rule or duty although it uses none of the usual duty words (must, should, not permitted, strongly advised, reserve the right ...). Clauses that do use them are found automatically; see `src/course/policy.ts`.'),
	previousId: ClauseIdSchema.optional().describe('The clause\'s id in the previous version, where it was renumbered. Ids stay stable across versions; this maps the few that do not, so the version diff compares the right clauses.'),
});
export type Clause = z.output<typeof ClauseSchema>;

/** A section of the policy: a printed heading and its clauses. */
export const PolicySectionSchema = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/).describe('Stable unique id of the section.'),
	number: z.string().nullable().describe('The printed section number (e.g. `"2.0"`), or null where the heading has none.'),
	heading: TextSchema.describe('The printed heading.'),
	group: z.string().optional().describe('The printed group heading the section sits under, e.g. `IMPLEMENTATION`.'),
	clauses: z.array(ClauseSchema).min(1).describe('The section\'s clauses in printed order.'),
});
export type PolicySection = z.output<typeof PolicySectionSchema>;

/** A fault or ambiguity in the printed policy, reported to the policy owner. */
export const PolicyNoteSchema = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/).describe('Stable unique id of the note: lower-case letters, digits and hyphens.'),
	text: TextSchema.describe('The fault or ambiguity, in plain words.'),
	clauses: z.array(ClauseIdSchema).default([]).describe('Clauses the note is about (may be empty for front-matter faults).'),
});
export type PolicyNote = z.output<typeof PolicyNoteSchema>;

/**
 * The author's class for a change: `major` changes a duty, its strength, its scope or an
 * exception (learners must see it and acknowledge again); `minor` changes no meaning.
 */
export const ChangeClassSchema = z.enum(['major', 'minor']);
export type ChangeClass = z.output<typeof ChangeClassSchema>;

/**
 * What changed from the previous version, written by the author in the new version's file.
 * `course:check` compares the two transcriptions clause by clause and fails while a changed
 * clause has no class here, or while content citing a changed clause is not in `reviewed`.
 */
export const PolicyChangesSchema = z.strictObject({
	from: z.string().describe('The previous version\'s number; its transcription is `policy/versions/<version>.yaml`.'),
	changes: z
		.array(
			z.strictObject({
				clause: ClauseIdSchema.describe('The clause id in this version, or the old id if the clause was removed.'),
				class: ChangeClassSchema.describe('`major` changes a duty, its strength, its scope or an exception (learners must see it and acknowledge again); `minor` changes no meaning.'),
				summary: TextSchema.describe('One plain sentence for learners on the "what changed" page.'),
			}),
		)
		.describe('One entry per added, removed or reworded clause.'),
	reviewed: z.array(z.string()).default([]).describe('Content items checked against the new wording, as `lesson:<module>/<lesson>`, `scenario:<id>` or `question:<id>`. Each item citing a changed clause must be listed.'),
});
export type PolicyChanges = z.output<typeof PolicyChangesSchema>;

/** The whole policy document, as transcribed in `modules/policy/social-media-policy.yaml`. */
export const PolicySchema = z.strictObject({
	title: TextSchema.describe('The policy\'s title as printed.'),
	organisation: TextSchema.describe('The organisation that issues the policy, as printed.'),
	audience: TextSchema.describe('"Audience" as printed on the front sheet.'),
	approved: TextSchema.describe('Who approved the policy and when, as printed on the front sheet.'),
	relatedPolicies: z.array(TextSchema).describe('The related policies listed on the front sheet, as printed.'),
	owner: TextSchema.describe('The policy owner, as printed on the front sheet.'),
	consultation: TextSchema.describe('The consultation line as printed on the front sheet.'),
	version: z.string().describe('The version number alone, e.g. `"2"`; recorded in every xAPI statement and acknowledgement.'),
	versionLabel: TextSchema.describe('The version line as printed.'),
	versionDate: z.string().regex(/^\d{4}-\d{2}$/).describe('Year and month of the version, `YYYY-MM`.'),
	review: TextSchema.describe('The review line as printed.'),
	reviewDue: z.string().regex(/^\d{4}-\d{2}$/).describe('Year and month the review was due, `YYYY-MM`.'),
	touchstonesIntro: TextSchema.describe('The sentence introducing the Trust\'s Touchstones, as printed.'),
	touchstones: z
		.array(
			z.strictObject({
				name: TextSchema.describe('The Touchstone\'s name as printed.'),
				text: TextSchema.describe('What it says, as printed.'),
			}),
		)
		.describe('The Trust\'s Touchstones, as printed.'),
	contents: z
		.array(
			z.strictObject({
				title: TextSchema.describe('An entry\'s title as printed in the contents list.'),
				pages: z.string().nullable().describe('Its page numbers as printed, or null where none are printed.'),
			}),
		)
		.describe('The contents list as printed (it does not match the text: see notes).'),
	notes: z.array(PolicyNoteSchema).describe('Faults and ambiguities in the printed policy, reported to the policy owner.'),
	sections: z.array(PolicySectionSchema).min(1).describe('The policy\'s sections in printed order.'),
	changes: PolicyChangesSchema.optional().describe('What changed since the previous version, when the course holds more than one.'),
});
export type Policy = z.output<typeof PolicySchema>;
