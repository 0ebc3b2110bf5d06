import { z } from 'zod';
import { ROLES } from './roles.ts';

/**
 * A clause id from `modules/policy/social-media-policy.yaml`, such as `3-5` or
 * `1-1-principles`. Existence is checked against the policy when the course loads.
 */
export const ClauseIdSchema = z
	.string()
	.regex(/^\d+-\d+(-[a-z]+)?$/, 'a clause id looks like "3-5" or "1-1-principles"');

/** One or more clause ids that a piece of content teaches or assesses. */
export const ClauseListSchema = z.array(ClauseIdSchema).min(1, 'cite at least one clause');

/** A stable, URL-safe id: lower-case words joined by hyphens. Ids end up in xAPI activity IRIs, so never rename a published one. */
export const SlugSchema = z
	.string()
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens');

/**
 * The roles the policy names (clause 2.2) as the course's audiences.
 * `recruiter` is not a job but a duty: anyone who screens, shortlists or interviews (clause 7.3).
 */
export const RoleSchema = z.enum(ROLES);
export type Role = z.output<typeof RoleSchema>;

/** An audience tag on content: a role, or `recruiter` for people who shortlist or interview. */
export const AudienceSchema = z.union([RoleSchema, z.literal('recruiter')]);
export type Audience = z.output<typeof AudienceSchema>;

/**
 * Who a piece of content is for. Leave it out (or use `[all]`) for everyone; otherwise list
 * the roles, and `recruiter` for recruiting managers and panel members.
 */
export const AudienceListSchema = z
	.array(z.union([AudienceSchema, z.literal('all')]))
	.min(1)
	.default(['all']);

/** Plain text written for learners. Rendered as text, never as HTML. */
export const TextSchema = z.string().trim().min(1);
