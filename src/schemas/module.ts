import { z } from 'zod';
import { AudienceListSchema, ClauseListSchema, TextSchema } from './common.ts';

/**
 * A module: one policy section, in `modules/NN-<id>/module.yaml`. The folder name gives the
 * module id (without the `NN-` order prefix), which is part of its xAPI activity IRI.
 */
export const ModuleSchema = z.strictObject({
	/** Module title, e.g. "Acceptable use". */
	title: TextSchema,
	/** One sentence on what the module covers. */
	summary: TextSchema,
	/** Why it matters to the learner, in plain words, citing the policy where it gives a reason. */
	whyItMatters: TextSchema,
	/** Ids of the policy sections this module teaches. */
	sections: z.array(z.string()).min(1),
	/** Every clause in those sections, in order: the module's scope. */
	clauses: ClauseListSchema,
	/** Who must take the module; the course configuration maps roles to modules. */
	audiences: AudienceListSchema,
});
export type Module = z.output<typeof ModuleSchema>;
