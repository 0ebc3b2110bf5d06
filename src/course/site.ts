/**
 * The course as pages see it, assembled from the content collections in getStaticPaths and
 * page frontmatter. Build-time only: islands get plain JSON props built from this.
 */
import { getCollection, getEntry } from 'astro:content';
import type { Question } from '../schemas/question.ts';
import type { ScenarioData } from '../scenarios/machine.ts';
import { clauseAnchor } from './policy.ts';
import { withBase } from '../site/urls.ts';
export { moduleMinutes } from './journey.ts';

export async function getSite() {
	const course = (await getEntry('course', 'course'))!.data;
	const policy = (await getEntry('policy', 'policy'))!.data;
	const clauses = (await getCollection('clauses')).map((e) => ({ ...e.data, id: e.data.clauseId })).sort((a, b) => a.index - b.index);
	const lessons = (await getCollection('lessons')).map((e) => ({ ...e.data, key: e.id, id: e.data.lessonId }));
	const scenarios = (await getCollection('scenarios')).map((e) => ({ ...e.data, id: e.id }) as ScenarioData & { moduleId: string; file: string });
	const questions = (await getCollection('questions')).map((e) => e.data as Question & { moduleId: string; file: string });
	const modules = (await getCollection('modules'))
		.map((e) => ({ ...e.data, id: e.id }))
		.sort((a, b) => a.order - b.order)
		.map((m) => ({
			...m,
			lessons: lessons.filter((l) => l.moduleId === m.id).sort((a, b) => a.order - b.order),
			scenarios: scenarios.filter((s) => s.moduleId === m.id).sort((a, b) => a.title.localeCompare(b.title)),
			questions: questions.filter((q) => q.moduleId === m.id),
		}));
	const clauseById = new Map(clauses.map((c) => [c.id, c]));
	return { course, policy, clauses, clauseById, modules, lessons, scenarios, questions };
}
export type Site = Awaited<ReturnType<typeof getSite>>;
export type SiteModule = Site['modules'][number];

/** URLs, in one place. */
export const url = {
	home: withBase('/'),
	policy: withBase('/policy/'),
	clause: (id: string) => withBase(`/policy/#${clauseAnchor(id)}`),
	module: (m: string) => withBase(`/modules/${m}/`),
	lesson: (m: string, l: string) => withBase(`/modules/${m}/${l}/`),
	scenario: (m: string, s: string) => withBase(`/modules/${m}/scenarios/${s}/`),
	check: (m: string) => withBase(`/modules/${m}/check/`),
	assessment: withBase('/assessment/'),
	acknowledge: withBase('/acknowledge/'),
	certificate: withBase('/certificate/'),
	profile: withBase('/profile/'),
	records: withBase('/records/'),
	refresher: withBase('/refresher/'),
	help: withBase('/help/'),
};

/** Plain data about clauses that islands need to cite them: number and link. */
export function clauseRefs(site: Site, ids: Iterable<string>) {
	return Object.fromEntries(
		[...new Set(ids)].map((id) => [id, { number: site.clauseById.get(id)?.number ?? id, href: url.clause(id) }]),
	);
}
