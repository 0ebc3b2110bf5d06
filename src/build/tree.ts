/**
 * The one shape of the course that both routes to the learner use: the pages (./site.ts) and
 * the client's course facts (./meta-build.ts, `virtual:course-meta`). Built from the loaded
 * course in ONE order, the loader's (modules, lessons and cases by file name, so an author
 * orders them by naming files), and with each module's minutes worked out ONCE here.
 * Before this, pages sorted cases by title and the client kept file order, so a module's
 * "first case", and with it its minutes, differed (Monitoring: 10 on the page, 11 in the client).
 * Pure: no file system, no astro:content.
 */
import type { Question } from '../schemas/question.ts';
import type { ScenarioData } from '../scenarios/machine.ts';
import { moduleMinutes } from '../course/journey.ts';
import type { LoadedCourse } from './load.ts';

export function courseTree(loaded: LoadedCourse) {
	const { course, policy } = loaded;
	const clauses = loaded.clauses.map((c) => ({ ...c, clauseId: c.id })).sort((a, b) => a.index - b.index);
	const modules = [...loaded.modules]
		.sort((a, b) => a.order - b.order)
		.map((m) => {
			const lessons = [...m.lessons]
				.sort((a, b) => a.order - b.order)
				.map((l) => ({ ...l.data, key: `${m.id}/${l.id}`, id: l.id, lessonId: l.id, order: l.order, moduleId: m.id, file: l.file }));
			const scenarios = m.scenarios.map((s): ScenarioData & { moduleId: string; file: string } => ({ ...s.data, id: s.id, moduleId: m.id, file: s.file }));
			const questions = m.questions.map((q): Question & { moduleId: string; file: string } => ({ ...q.data, moduleId: m.id, file: q.file }));
			/** Lessons, the first case and the check: the one estimate pages and client both show. */
			const minutes = moduleMinutes({ lessons, scenarios });
			return { ...m.data, id: m.id, order: m.order, file: m.file, minutes, lessons, scenarios, questions };
		});
	const clauseById = new Map(clauses.map((c) => [c.id, c]));
	return {
		course,
		policy,
		clauses,
		clauseById,
		modules,
		lessons: modules.flatMap((m) => m.lessons),
		scenarios: modules.flatMap((m) => m.scenarios),
		questions: modules.flatMap((m) => m.questions),
	};
}
export type CourseTree = ReturnType<typeof courseTree>;
