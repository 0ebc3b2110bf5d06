import { z } from 'zod';
import { ClauseIdSchema, RoleSchema, SlugSchema, TextSchema } from './common.ts';

/** What a role must study: its required modules, and clauses that do not apply to it. */
export const AudienceConfigSchema = z.strictObject({
	id: RoleSchema.describe('The role this entry configures.'),
	label: TextSchema.describe('Shown to learners when they choose their role, e.g. "Teaching staff".'),
	description: TextSchema.describe('Who counts as this role, in plain words (clause 2.2 names them all).'),
	modules: z.union([z.literal('all'), z.array(SlugSchema).min(1)]).describe('Modules this role must complete, by module id, or `all`.'),
	notApplicable: z
		.array(
			z.strictObject({
				clause: ClauseIdSchema.describe('The rule clause that does not apply to this role.'),
				reason: TextSchema.describe('Why it does not apply to this role, in plain words.'),
			}),
		)
		.default([])
		.describe('Rule clauses that do not apply to this role, each with the reason. Every other rule clause must be taught by the role\'s path; `course:check` proves it.'),
});
export type AudienceConfig = z.output<typeof AudienceConfigSchema>;

/** The whole course: `modules/course.yaml`. */
export const CourseSchema = z.strictObject({
	title: TextSchema.describe('Course title shown on every page and certificate.'),
	description: TextSchema.describe('One or two sentences on what the course is, for the home page.'),
	version: z.string().regex(/^\d+\.\d+\.\d+$/).describe('Course content version (semver). A change offers the refresher to people who completed an older one.'),
	policyVersion: z.string().describe('The policy version taught; must equal `version` in the policy file.'),
	activityIriBase: z.url().refine((s) => !s.endsWith('/'), 'leave off the trailing slash').describe('Base IRI for every xAPI activity id (course, module, lesson, scenario, question). Never change it for a published course: LRS records are keyed by these ids.'),
	trust: z
		.strictObject({
			name: TextSchema.describe('The Trust\'s name, as printed on the certificate.'),
			homePage: z.url().describe('The Trust\'s web address; the home page of learners\' xAPI accounts when they identify by staff number.'),
		})
		.describe('The Trust, used for the xAPI account home page when learners identify by staff number.'),
	passMark: z.number().int().min(1).max(100).default(80).describe('Final assessment pass mark, in per cent.'),
	assessment: z
		.strictObject({
			questionCount: z.number().int().min(1).default(12).describe('How many questions a final assessment draws.'),
		})
		.prefault({})
		.describe('The final assessment.'),
	knowledgeCheck: z
		.strictObject({
			questionCount: z.number().int().min(3).max(5).default(4).describe('How many questions each module\'s knowledge check draws (3-5).'),
		})
		.prefault({})
		.describe('The short knowledge check at the end of each module.'),
	refresher: z
		.strictObject({
			offerAfterMonths: z.number().int().min(1).default(11).describe('Months after completion when the refresher is offered.'),
			dueAfterMonths: z.number().int().min(1).default(12).describe('Months after completion when the refresher is due.'),
			preCheckQuestions: z.number().int().min(1).default(2).describe('Questions in each module\'s refresher pre-check.'),
		})
		.prefault({})
		.describe('When the yearly refresher is offered and due, and its pre-check.'),
	recruiterModules: z.array(SlugSchema).default([]).describe('Modules that anyone who shortlists or interviews must also take (clause 7.3).'),
	lrs: z
		.strictObject({
			allowedOrigins: z
				.array(z.url().refine((u) => { try { return new URL(u).origin === u && u.startsWith('https://'); } catch { return false; } }, 'an https origin only: scheme and host, no path or trailing slash'))
				.default([])
				.describe('LRS (and cmi5 LMS token) origins, e.g. `https://lrs.example.org`: scheme and host only. A launch naming any other is refused, and the pages\' CSP `connect-src` allows only these. Empty: any https origin (the learner is still asked before a host is first used).'),
		})
		.prefault({})
		.describe('Learning Record Stores the course may send records to (issue 21.1).'),
	audiences: z.array(AudienceConfigSchema).min(1).describe('One entry per role: the learning path.'),
	policyChanges: z
		.array(
			z.strictObject({
				version: z.string().describe('The policy version this entry describes, e.g. `"2"`.'),
				summary: TextSchema.describe('What changed in that version, in plain words for learners.'),
			}),
		)
		.default([])
		.describe('What changed in each policy version, shown to refresher learners when the version changed.'),
});
export type Course = z.output<typeof CourseSchema>;
