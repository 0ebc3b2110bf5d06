/**
 * Learning paths: which modules and lessons a learner must take, given their role. Pure and
 * client-safe (no Node, no zod), so the same logic runs in the build, the check and the browser.
 */
import type { Role } from '../schemas/common.ts';

/** The little the path logic needs to know about content. */
export interface PathModule {
	id: string;
	audiences: readonly string[];
	lessons: ReadonlyArray<{ id: string; audiences: readonly string[] }>;
}
export interface PathConfig {
	audiences: ReadonlyArray<{ id: Role; modules: 'all' | readonly string[] }>;
	recruiterModules: readonly string[];
}
export interface Learner {
	role: Role;
	/** Shortlists or interviews candidates (clause 7.3). */
	recruiter: boolean;
}

/** True when content tagged with `audiences` is meant for this learner. */
export function isFor(audiences: readonly string[], learner: Learner): boolean {
	return audiences.includes('all') || audiences.includes(learner.role) || (learner.recruiter && audiences.includes('recruiter'));
}

/** Ids of the modules this learner must complete, in course order. */
export function requiredModules(config: PathConfig, modules: readonly PathModule[], learner: Learner): string[] {
	const audience = config.audiences.find((a) => a.id === learner.role);
	const byRole = !audience || audience.modules === 'all' ? modules.map((m) => m.id) : audience.modules;
	return modules
		.filter((m) => (byRole.includes(m.id) && isFor(m.audiences, learner)) || (learner.recruiter && config.recruiterModules.includes(m.id)))
		.map((m) => m.id);
}

/** `module/lesson` keys of the lessons this learner must read within their required modules. */
export function requiredLessons(config: PathConfig, modules: readonly PathModule[], learner: Learner): string[] {
	const required = new Set(requiredModules(config, modules, learner));
	return modules.filter((m) => required.has(m.id)).flatMap((m) => m.lessons.filter((l) => isFor(l.audiences, learner)).map((l) => `${m.id}/${l.id}`));
}
