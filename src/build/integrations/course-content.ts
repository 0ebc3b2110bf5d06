import { resolve } from 'node:path';
import type { AstroIntegration } from 'astro';
import { ContentError } from '../load.ts';
import { validateCourse } from '../validate.ts';
import { buildCourseMeta } from '../meta-build.ts';
import { keepLoadedCourse } from '../loaded.ts';

/**
 * Fails the build on any content error, naming file, field and value: a broken reference,
 * an unreachable scenario step or an uncovered rule clause never reaches learners.
 * The course root can be overridden with COURSE_ROOT (the tests build fixture courses), and
 * COURSE_COVERAGE=warn lets an author preview a draft whose coverage is not yet complete, and
 * COURSE_QUALITY=warn one whose verdicts, items or reading age do not yet pass. Neither is ever
 * set by default: the normal build enforces everything.
 */
export default function courseContent(options: { root: string }): AstroIntegration {
	return {
		name: 'course-content',
		hooks: {
			'astro:config:setup': ({ logger, updateConfig }) => {
				const root = resolve(process.env.COURSE_ROOT ?? options.root);
				try {
					const loaded = validateCourse(root, {
						onCoverageGap:
							process.env.COURSE_COVERAGE === 'warn'
								? (gaps) => logger.warn(`COURSE_COVERAGE=warn: ${gaps.length} coverage gaps ignored for this draft build`)
								: undefined,
						onQualityIssues:
							process.env.COURSE_QUALITY === 'warn'
								? (issues) =>
										logger.warn(
											`COURSE_QUALITY=warn: ${issues.length} verdict-rule, item-writing and reading-age problems ignored for this draft build (run npm run course:check)`,
										)
								: undefined,
					});
					// The pages read this same validated course (src/site/content.ts): one load, one order.
					keepLoadedCourse(loaded, root);
					logger.info(`course content OK: ${loaded.modules.length} modules from ${root}`);
					const meta = JSON.stringify(buildCourseMeta(loaded, { allowLoopback: process.env.COURSE_LRS_LOOPBACK === '1' }));
					updateConfig({
						vite: {
							plugins: [
								{
									name: 'course-meta',
									resolveId: (id: string) => (id === 'virtual:course-meta' ? '\0virtual:course-meta' : undefined),
									load: (id: string) => (id === '\0virtual:course-meta' ? `export default ${meta};` : undefined),
								},
							],
						},
					});
				} catch (error) {
					if (error instanceof ContentError) {
						logger.error(error.message);
						throw new Error(`Course content is invalid (${error.issues.length} errors); see above.\n${error.message}`, { cause: error });
					}
					throw error;
				}
			},
		},
	};
}
