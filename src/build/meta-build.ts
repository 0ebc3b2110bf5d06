/**
 * Builds the client's course facts (src/stores/meta.ts) from the loaded course. The build
 * serves them as the `virtual:course-meta` module, bundled once into the shared app chunk,
 * instead of repeating them in every page's HTML.
 */
import type { CourseMeta } from '../stores/meta.ts';
import type { LoadedCourse } from './load.ts';
import { lessonClauses, majorClauses, previousVersionDiff, scenarioClauses } from './policy-diff.ts';
import { changeTargets } from '../course/refresher.ts';
import { courseTree } from './tree.ts';

/**
 * `allowLoopback` is true only for a build made for the tests (COURSE_LRS_LOOPBACK=1, set by
 * scripts/test.sh), whose LRS listens on 127.0.0.1; production builds refuse loopback LRSs.
 */
export function buildCourseMeta(loaded: LoadedCourse, options: { allowLoopback?: boolean } = {}): CourseMeta {
	const { course, policy, modules } = loaded;
	// A major policy change: the refresher starts from the lessons and cases citing the changed
	// clauses (issue 20). Absent otherwise, so the published course's meta is unchanged.
	const diff = policy.changes ? previousVersionDiff(policy, loaded.root) : null;
	const changed = diff ? majorClauses(diff) : [];
	const policyChange =
		diff && changed.length
			? changeTargets(
					diff.from,
					changed,
					modules.map((m) => ({
						id: m.id,
						lessons: m.lessons.map((l) => ({ id: l.id, title: l.data.title, clauses: lessonClauses(l.data) })),
						scenarios: m.scenarios.map((s) => ({ id: s.id, title: s.data.title, clauses: scenarioClauses(s.data) })),
					})),
				)
			: undefined;
	return {
		title: course.title,
		version: course.version,
		policyVersion: policy.version,
		policyLabel: policy.versionLabel,
		policyDate: policy.versionDate,
		iriBase: course.activityIriBase,
		homePage: course.trust.homePage,
		passMark: course.passMark,
		assessmentQuestions: course.assessment.questionCount,
		refresher: course.refresher,
		audiences: course.audiences.map((a) => ({ id: a.id, label: a.label, modules: a.modules === 'all' ? 'all' : [...a.modules] })),
		recruiterModules: course.recruiterModules,
		policyChanges: course.policyChanges,
		...(policy.changes && !policy.changes.changes.some((c) => c.class === 'major') ? { policySameMeaning: [policy.changes.from] } : {}),
		...(policyChange ? { policyChange } : {}),
		lrs: { allowedOrigins: [...course.lrs.allowedOrigins], allowLoopback: options.allowLoopback ?? false },
		// The pages' tree (./tree.ts): the same order and the same minutes the pages show.
		modules: courseTree(loaded).modules.map((m) => ({
			id: m.id,
			title: m.title,
			minutes: m.minutes,
			audiences: m.audiences,
			// Ids and audiences only: events carry their own titles, and every byte here is in
			// the shared chunk of every interactive page.
			lessons: m.lessons.map((l) => ({ id: l.id, audiences: l.audiences })),
			scenarios: m.scenarios.map((s) => ({ id: s.id, audiences: s.audiences })),
		})),
	};
}
