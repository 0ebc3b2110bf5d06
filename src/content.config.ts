/**
 * Wiring only: each collection's entries come from the course loader (which has already
 * validated every cross-reference when the build started) and are parsed with the concept's
 * own schema from src/schemas.
 */
import { defineCollection } from 'astro:content';
import { resolve } from 'node:path';
import { z } from 'zod';
import { loadCourse, type LoadedCourse } from './course/load.ts';
import { CourseSchema } from './schemas/course.ts';
import { LessonSchema } from './schemas/lesson.ts';
import { ModuleSchema } from './schemas/module.ts';
import { ClauseSchema, PolicySchema } from './schemas/policy.ts';
import { QuestionSchema } from './schemas/question.ts';
import { ScenarioSchema } from './schemas/scenario.ts';

let cached: LoadedCourse | undefined;
const course = () => (cached ??= loadCourse(resolve(process.env.COURSE_ROOT ?? 'modules')));

// Astro validates each entry with its id included, and our schemas are strict.
const id = { id: z.string() };
const ref = { ...id, moduleId: z.string(), file: z.string() };

export const collections = {
	course: defineCollection({
		loader: async () => [{ id: 'course', ...course().course }],
		schema: CourseSchema.extend(id),
	}),
	policy: defineCollection({
		loader: async () => [{ id: 'policy', ...course().policy }],
		schema: PolicySchema.extend(id),
	}),
	clauses: defineCollection({
		loader: async () =>
			course().clauses.map((c) => ({ ...c, clauseId: c.id })),
		schema: ClauseSchema.extend({
			clauseId: z.string(),
			sectionId: z.string(),
			sectionNumber: z.string().nullable(),
			heading: z.string(),
			isRule: z.boolean(),
			strength: z.array(z.string()),
			index: z.number(),
		}),
	}),
	modules: defineCollection({
		loader: async () => course().modules.map((m) => ({ id: m.id, order: m.order, file: m.file, ...m.data })),
		schema: ModuleSchema.extend({ ...id, order: z.number(), file: z.string() }),
	}),
	lessons: defineCollection({
		loader: async () =>
			course().modules.flatMap((m) =>
				m.lessons.map((l) => ({ id: `${m.id}/${l.id}`, lessonId: l.id, order: l.order, moduleId: m.id, file: l.file, ...l.data })),
			),
		schema: LessonSchema.extend({ lessonId: z.string(), order: z.number(), ...ref }),
	}),
	scenarios: defineCollection({
		loader: async () =>
			course().modules.flatMap((m) =>
				m.scenarios.map((s) => ({ ...s.data, id: s.id, moduleId: m.id, file: s.file })),
			),
		schema: ScenarioSchema.extend(ref),
	}),
	questions: defineCollection({
		loader: async () =>
			course().modules.flatMap((m) => m.questions.map((q) => ({ ...q.data, moduleId: m.id, file: q.file }))),
		// Each question type's schema, extended with where it came from.
		schema: z.intersection(QuestionSchema, z.object(ref)),
	}),
};
