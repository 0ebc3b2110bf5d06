/**
 * Questions follow the same audience rules as lessons (role and the recruiter flag): for each
 * path, no knowledge check, final assessment or refresher pre-check can ask a question outside
 * it, whatever the seed.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawQuestions, questionsFor } from '../../src/assessment/draw.ts';
import { pathModules } from '../../src/build/coverage.ts';
import { loadCourse } from '../../src/build/load.ts';
import { isFor, requiredModules, type Learner } from '../../src/course/paths.ts';

const loaded = loadCourse(resolve('modules'));
const modules = pathModules(loaded);
const config = loaded.course;
const pool = loaded.modules.flatMap((m) => m.questions.map((q) => ({ ...q.data, moduleId: m.id })));
const { knowledgeCheck, assessment, refresher } = config;

const learners: Array<[string, Learner]> = [
	['governor', { role: 'governor', recruiter: false }],
	['contractor', { role: 'contractor', recruiter: false }],
	['teacher', { role: 'teaching', recruiter: false }],
	['governor who shortlists', { role: 'governor', recruiter: true }],
];
/** Seeds as the pages make them: `?seed=` values from 1, and random 32-bit ones. */
const SEEDS = [...Array.from({ length: 1500 }, (_, i) => i + 1), ...Array.from({ length: 500 }, (_, i) => Math.imul(i + 1, 2654435761) >>> 0 || 1), 0xffffffff];

/** On the path: the module is required and the question is for this learner. */
function onPath(learner: Learner) {
	const required = new Set(requiredModules(config, modules, learner));
	return (q: (typeof pool)[number]) => required.has(q.moduleId) && isFor(q.audiences, learner);
}

describe("questions follow the learner's path", () => {
	it('tags every question about PPA time like the PPA lesson (teachers and trainees)', () => {
		const ppaLesson = loaded.modules.flatMap((m) => m.lessons).find((l) => l.id === 'ppa-time')!;
		const aboutPpa = pool.filter((q) => /\bPPA\b/.test([q.prompt, ...(q.type === 'truefalse' ? [] : q.options.map((o) => o.text))].join(' ')));
		expect(aboutPpa.length).toBeGreaterThan(0);
		for (const q of aboutPpa) expect([...q.audiences].sort(), q.id).toEqual([...ppaLesson.data.audiences].sort());
	});

	for (const [name, learner] of learners) {
		const inPath = onPath(learner);
		const required = requiredModules(config, modules, learner);
		const eligible = questionsFor(pool, learner);

		it(`${name}: the pool they can be asked holds only questions on their path, and all of them`, () => {
			expect(eligible.filter((q) => !inPath(q) && required.includes(q.moduleId))).toEqual([]);
			expect(
				eligible
					.filter((q) => required.includes(q.moduleId))
					.map((q) => q.id)
					.sort(),
			).toEqual(
				pool
					.filter(inPath)
					.map((q) => q.id)
					.sort(),
			);
			if (learner.role !== 'teaching') expect(eligible.map((q) => q.id)).not.toContain('pu-ppa-time');
		});

		it(`${name}: knowledge checks over ${SEEDS.length} seeds per module ask nothing outside the path`, () => {
			for (const moduleId of required) {
				const forCheck = questionsFor(pool, learner, moduleId);
				const seen = new Set<string>();
				for (const seed of SEEDS) {
					const drawn = drawQuestions(forCheck, { count: knowledgeCheck.questionCount, modules: [moduleId], seed });
					expect(drawn.length).toBe(Math.min(knowledgeCheck.questionCount, pool.filter((q) => q.moduleId === moduleId && inPath(q)).length));
					for (const q of drawn) {
						expect(inPath(q), `${moduleId} seed ${seed}: ${q.id}`).toBe(true);
						seen.add(q.id);
					}
				}
				// The seeds reach the whole of the module's path pool: the test is not vacuous.
				expect([...seen].sort()).toEqual(
					pool
						.filter((q) => q.moduleId === moduleId && inPath(q))
						.map((q) => q.id)
						.sort(),
				);
			}
		});

		it(`${name}: the final assessment and the refresher pre-check over ${SEEDS.length} seeds ask nothing outside the path`, () => {
			const seen = new Set<string>();
			for (const seed of SEEDS) {
				const drawn = drawQuestions(eligible, { count: assessment.questionCount, modules: required, seed });
				expect(drawn).toHaveLength(assessment.questionCount);
				for (const q of drawn) {
					expect(inPath(q), `assessment seed ${seed}: ${q.id}`).toBe(true);
					seen.add(q.id);
				}
				for (const [i, moduleId] of required.entries()) {
					for (const q of drawQuestions(eligible, { count: refresher.preCheckQuestions, modules: [moduleId], seed: seed + i })) {
						expect(inPath(q), `pre-check seed ${seed}: ${q.id}`).toBe(true);
					}
				}
			}
			expect(seen.size).toBe(pool.filter(inPath).length);
		});
	}

	it('lets someone browse a module not on their path with its own questions', () => {
		const learner: Learner = { role: 'governor', recruiter: false };
		const browsing = questionsFor(pool, learner, 'recruitment-and-equality').filter((q) => q.moduleId === 'recruitment-and-equality');
		expect(browsing.length).toBe(pool.filter((q) => q.moduleId === 'recruitment-and-equality').length);
		// ...but never in the assessment.
		expect(questionsFor(pool, learner).some((q) => q.moduleId === 'recruitment-and-equality')).toBe(false);
	});
});
