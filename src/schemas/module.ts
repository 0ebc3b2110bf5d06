import { z } from 'zod';
import { AudienceListSchema, ClauseListSchema, TextSchema } from './common.ts';

/**
 * A module: one policy section, in `modules/NN-<id>/module.yaml`. The folder name gives the
 * module id (without the `NN-` order prefix), which is part of its xAPI activity IRI.
 */
export const ModuleSchema = z.strictObject({
	title: TextSchema.describe('Module title, e.g. "Acceptable use".'),
	summary: TextSchema.describe('One sentence on what the module covers.'),
	whyItMatters: TextSchema.describe('Why it matters to the learner, in plain words, citing the policy where it gives a reason.'),
	sections: z.array(z.string()).min(1).describe('Ids of the policy sections this module teaches.'),
	clauses: ClauseListSchema.describe('Every clause in those sections, in order: the module\'s scope.'),
	audiences: AudienceListSchema.describe('Who must take the module; the course configuration maps roles to modules.'),
});
export type Module = z.output<typeof ModuleSchema>;
