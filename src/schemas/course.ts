import { z } from 'zod';
import { ClauseIdSchema, RoleSchema, SlugSchema, TextSchema } from './common.ts';

/** What a role must study: its required modules, and clauses that do not apply to it. */
export const AudienceConfigSchema = z.strictObject({
	/** The role this entry configures. */
	id: RoleSchema,
	/** Shown to learners when they choose their role, e.g. "Teaching staff". */
	label: TextSchema,
	/** Who counts as this role, in plain words (clause 2.2 names them all). */
	description: TextSchema,
	/** Modules this role must complete, by module id, or `all`. */
	modules: z.union([z.literal('all'), z.array(SlugSchema).min(1)]),
	/**
	 * Rule clauses that do not apply to this role, each with the reason. Every other rule clause
	 * must be taught by the role's path; `course:check` proves it.
	 */
	notApplicable: z
		.array(z.strictObject({ clause: ClauseIdSchema, reason: TextSchema }))
		.default([]),
});
export type AudienceConfig = z.output<typeof AudienceConfigSchema>;

/** The whole course: `modules/course.yaml`. */
export const CourseSchema = z.strictObject({
	/** Course title shown on every page and certificate. */
	title: TextSchema,
	/** One or two sentences on what the course is, for the home page. */
	description: TextSchema,
	/** Course content version (semver). A change offers the refresher to people who completed an older one. */
	version: z.string().regex(/^\d+\.\d+\.\d+$/),
	/** The policy version taught; must equal `version` in the policy file. */
	policyVersion: z.string(),
	/**
	 * Base IRI for every xAPI activity id (course, module, lesson, scenario, question).
	 * Never change it for a published course: LRS records are keyed by these ids.
	 */
	activityIriBase: z.url().refine((s) => !s.endsWith('/'), 'leave off the trailing slash'),
	/** The Trust, used for the xAPI account home page when learners identify by staff number. */
	trust: z.strictObject({ name: TextSchema, homePage: z.url() }),
	/** Final assessment pass mark, in per cent. */
	passMark: z.number().int().min(1).max(100).default(80),
	assessment: z
		.strictObject({
			/** How many questions a final assessment draws. */
			questionCount: z.number().int().min(1).default(12),
		})
		.prefault({}),
	knowledgeCheck: z
		.strictObject({
			/** How many questions each module's knowledge check draws (3-5). */
			questionCount: z.number().int().min(3).max(5).default(4),
		})
		.prefault({}),
	refresher: z
		.strictObject({
			/** Months after completion when the refresher is offered. */
			offerAfterMonths: z.number().int().min(1).default(11),
			/** Months after completion when the refresher is due. */
			dueAfterMonths: z.number().int().min(1).default(12),
			/** Questions in each module's refresher pre-check. */
			preCheckQuestions: z.number().int().min(1).default(2),
		})
		.prefault({}),
	/** Modules that anyone who shortlists or interviews must also take (clause 7.3). */
	recruiterModules: z.array(SlugSchema).default([]),
	/**
	 * Learning Record Stores the course may send records to (issue 21.1). `allowedOrigins`
	 * lists LRS (and cmi5 LMS token) origins, e.g. `https://lrs.example.org`; a launch naming
	 * any other is refused, and the pages' CSP `connect-src` allows only these. Empty: any https
	 * origin (the learner is still asked before a host is first used).
	 */
	lrs: z
		.strictObject({
			allowedOrigins: z
				.array(z.url().refine((u) => { try { return new URL(u).origin === u && u.startsWith('https://'); } catch { return false; } }, 'an https origin only: scheme and host, no path or trailing slash'))
				.default([]),
		})
		.prefault({}),
	/** One entry per role: the learning path. */
	audiences: z.array(AudienceConfigSchema).min(1),
	/** What changed in each policy version, shown to refresher learners when the version changed. */
	policyChanges: z
		.array(z.strictObject({ version: z.string(), summary: TextSchema }))
		.default([]),
});
export type Course = z.output<typeof CourseSchema>;
