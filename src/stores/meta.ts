/**
 * The little the client needs to know about the course everywhere (titles, versions, IRIs,
 * paths), written by the layout into a data attribute at build time. Reading it needs no
 * network and no script execution on the page.
 */
export interface CourseMeta {
	title: string;
	version: string;
	policyVersion: string;
	policyLabel: string;
	policyDate: string;
	iriBase: string;
	homePage: string;
	passMark: number;
	assessmentQuestions: number;
	refresher: { offerAfterMonths: number; dueAfterMonths: number; preCheckQuestions: number };
	audiences: Array<{ id: string; label: string; modules: 'all' | string[] }>;
	recruiterModules: string[];
	policyChanges: Array<{ version: string; summary: string }>;
	modules: Array<{
		id: string;
		title: string;
		minutes: number;
		audiences: string[];
		lessons: Array<{ id: string; title: string; audiences: string[] }>;
		scenarios: Array<{ id: string; title: string; audiences: string[] }>;
	}>;
}

let cached: CourseMeta | undefined;

export function courseMeta(): CourseMeta {
	if (cached) return cached;
	const el = typeof document === 'undefined' ? null : document.getElementById('course-meta');
	if (!el?.dataset.json) throw new Error('course meta missing from the page');
	cached = JSON.parse(el.dataset.json) as CourseMeta;
	return cached;
}

/** For tests and islands that receive the meta as a prop. */
export function setCourseMeta(meta: CourseMeta): void {
	cached = meta;
}
