/**
 * The little the client needs to know about the course everywhere (titles, versions, IRIs,
 * paths). The build provides it as the `virtual:course-meta` module (see
 * src/build/integrations/course-content.ts), so it is bundled once, not repeated in every page.
 */
import builtMeta from 'virtual:course-meta';
import type { PolicyChangeTargets } from '../course/refresher.ts';
import type { Role } from '../course/roles.ts';

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
	audiences: Array<{ id: Role; label: string; modules: 'all' | string[] }>;
	recruiterModules: string[];
	policyChanges: Array<{ version: string; summary: string }>;
	/**
	 * Earlier policy versions whose acknowledgement still stands: the previous version when the
	 * current one made minor changes only (src/build/policy-diff.ts). Absent when there are none.
	 */
	policySameMeaning?: string[];
	/**
	 * When the current policy version made a major change: the changed clauses and the lessons
	 * and cases citing them, which a refresher covers first (src/course/refresher.ts).
	 */
	policyChange?: PolicyChangeTargets;
	/** Which LRS addresses a launch may name (src/records/launch.ts). */
	lrs: { allowedOrigins: string[]; allowLoopback: boolean };
	modules: Array<{
		id: string;
		title: string;
		minutes: number;
		audiences: string[];
		lessons: Array<{ id: string; audiences: string[] }>;
		scenarios: Array<{ id: string; audiences: string[] }>;
	}>;
}

const current: CourseMeta = builtMeta;

export function courseMeta(): CourseMeta {
	return current;
}
