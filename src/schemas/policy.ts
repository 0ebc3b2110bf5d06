import { z } from 'zod';
import { ClauseIdSchema, TextSchema } from './common.ts';

/** One numbered clause of the policy, as printed. */
export const ClauseSchema = z.strictObject({
	/** Stable unique id: the printed number with dashes, plus a section suffix where the printed number repeats. */
	id: ClauseIdSchema,
	/** The number exactly as printed, e.g. `"1.2."` or `"3.10"`. May repeat across the policy. */
	number: z.string(),
	/** The clause text as printed. */
	text: TextSchema,
	/** The bulleted items printed under the clause, if any. */
	items: z.array(TextSchema).default([]),
	/**
	 * Marks a clause that states a rule or duty although it uses none of the usual duty words
	 * (must, should, not permitted, strongly advised, reserve the right ...). Clauses that do use
	 * them are found automatically; see `src/course/policy.ts`.
	 */
	rule: z.boolean().optional(),
	/**
	 * The clause's id in the previous version, where it was renumbered. Ids stay stable across
	 * versions; this maps the few that do not, so the version diff compares the right clauses.
	 */
	previousId: ClauseIdSchema.optional(),
});
export type Clause = z.output<typeof ClauseSchema>;

/** A section of the policy: a printed heading and its clauses. */
export const PolicySectionSchema = z.strictObject({
	/** Stable unique id of the section. */
	id: z.string().regex(/^[a-z0-9-]+$/),
	/** The printed section number (e.g. `"2.0"`), or null where the heading has none. */
	number: z.string().nullable(),
	/** The printed heading. */
	heading: TextSchema,
	/** The printed group heading the section sits under, e.g. `IMPLEMENTATION`. */
	group: z.string().optional(),
	clauses: z.array(ClauseSchema).min(1),
});
export type PolicySection = z.output<typeof PolicySectionSchema>;

/** A fault or ambiguity in the printed policy, reported to the policy owner. */
export const PolicyNoteSchema = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/),
	text: TextSchema,
	/** Clauses the note is about (may be empty for front-matter faults). */
	clauses: z.array(ClauseIdSchema).default([]),
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
	/** The previous version's number; its transcription is `policy/versions/<version>.yaml`. */
	from: z.string(),
	/** One entry per added, removed or reworded clause (id in this version, or the old id if removed). */
	changes: z.array(
		z.strictObject({
			clause: ClauseIdSchema,
			class: ChangeClassSchema,
			/** One plain sentence for learners on the "what changed" page. */
			summary: TextSchema,
		}),
	),
	/**
	 * Content items checked against the new wording, as `lesson:<module>/<lesson>`,
	 * `scenario:<id>` or `question:<id>`. Each item citing a changed clause must be listed.
	 */
	reviewed: z.array(z.string()).default([]),
});
export type PolicyChanges = z.output<typeof PolicyChangesSchema>;

/** The whole policy document, as transcribed in `modules/policy/social-media-policy.yaml`. */
export const PolicySchema = z.strictObject({
	title: TextSchema,
	organisation: TextSchema,
	/** "Audience" as printed on the front sheet. */
	audience: TextSchema,
	approved: TextSchema,
	relatedPolicies: z.array(TextSchema),
	owner: TextSchema,
	consultation: TextSchema,
	/** The version number alone, e.g. `"2"`; recorded in every xAPI statement and acknowledgement. */
	version: z.string(),
	/** The version line as printed. */
	versionLabel: TextSchema,
	/** Year and month of the version, `YYYY-MM`. */
	versionDate: z.string().regex(/^\d{4}-\d{2}$/),
	/** The review line as printed. */
	review: TextSchema,
	/** Year and month the review was due, `YYYY-MM`. */
	reviewDue: z.string().regex(/^\d{4}-\d{2}$/),
	touchstonesIntro: TextSchema,
	touchstones: z.array(z.strictObject({ name: TextSchema, text: TextSchema })),
	/** The contents list as printed (it does not match the text: see notes). */
	contents: z.array(z.strictObject({ title: TextSchema, pages: z.string().nullable() })),
	notes: z.array(PolicyNoteSchema),
	sections: z.array(PolicySectionSchema).min(1),
	/** What changed since the previous version, when the course holds more than one. */
	changes: PolicyChangesSchema.optional(),
});
export type Policy = z.output<typeof PolicySchema>;
