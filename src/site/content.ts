/**
 * The course as pages see it: the one course tree (./tree.ts), from the course the build loaded
 * and validated once (./loaded.ts). Build-time only: islands get plain JSON props built from it.
 * The client's course facts come from the same tree (./meta-build.ts), so pages and client
 * agree on order and minutes.
 */
import { clauseAnchor } from '../course/policy.ts';
import { loadedCourse } from '../build/loaded.ts';
import { courseTree } from '../build/tree.ts';
import { withBase } from './urls.ts';

export async function getSite() {
	return courseTree(loadedCourse());
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
	return Object.fromEntries([...new Set(ids)].map((id) => [id, { number: site.clauseById.get(id)?.number ?? id, href: url.clause(id) }]));
}
