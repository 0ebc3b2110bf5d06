import { describe, expect, it } from 'vitest';
import { drawQuestions, seededRandom, shuffle, shuffleOptions } from '../../src/assessment/draw.ts';
import { hasPassed, isCorrect, markAttempt, percent } from '../../src/assessment/score.ts';
import type { Question } from '../../src/schemas/question.ts';

const base = { explanation: 'Because.', clauses: ['3-5'], audiences: ['all'] as ['all'] };
const single = (id: string, moduleId: string) => ({
	...base,
	id,
	moduleId,
	type: 'single' as const,
	prompt: id,
	options: [
		{ id: 'a', text: 'A' },
		{ id: 'b', text: 'B' },
		{ id: 'c', text: 'C' },
	],
	answer: 'a',
});
const pool = ['m1', 'm2', 'm3'].flatMap((m) => Array.from({ length: 6 }, (_, i) => single(`${m}-q${i}`, m)));

describe('drawQuestions', () => {
	it('is reproducible for a seed and different for another', () => {
		const a = drawQuestions(pool, { count: 6, modules: ['m1', 'm2', 'm3'], seed: 42 });
		expect(drawQuestions(pool, { count: 6, modules: ['m1', 'm2', 'm3'], seed: 42 })).toEqual(a);
		expect(drawQuestions(pool, { count: 6, modules: ['m1', 'm2', 'm3'], seed: 43 }).map((q) => q.id)).not.toEqual(a.map((q) => q.id));
	});

	it('draws at least one question from every module on the path, never repeating one', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const drawn = drawQuestions(pool, { count: 4, modules: ['m1', 'm2', 'm3'], seed });
			expect(new Set(drawn.map((q) => q.moduleId))).toEqual(new Set(['m1', 'm2', 'm3']));
			expect(new Set(drawn.map((q) => q.id)).size).toBe(drawn.length);
			expect(drawn).toHaveLength(4);
		}
	});

	it('only draws from modules on the path', () => {
		const drawn = drawQuestions(pool, { count: 10, modules: ['m1', 'm2'], seed: 7 });
		expect(drawn.every((q) => q.moduleId !== 'm3')).toBe(true);
	});

	it('gives the whole pool when the pool is smaller than the count', () => {
		const small = pool.slice(0, 3);
		const drawn = drawQuestions(small, { count: 12, modules: ['m1'], seed: 5 });
		expect(drawn.map((q) => q.id).sort()).toEqual(small.map((q) => q.id).sort());
	});

	it('prefers questions not seen last time, and uses seen ones only when it must', () => {
		const seen = new Set(pool.filter((q) => !q.id.endsWith('q0')).map((q) => q.id)); // 3 unseen in all
		const drawn = drawQuestions(pool, { count: 3, modules: ['m1', 'm2', 'm3'], seed: 9, avoid: seen });
		expect(drawn.every((q) => !seen.has(q.id))).toBe(true);
		const more = drawQuestions(pool, { count: 5, modules: ['m1', 'm2', 'm3'], seed: 9, avoid: seen });
		expect(more.filter((q) => !seen.has(q.id))).toHaveLength(3);
	});

	it('shuffles option order reproducibly, with every option present', () => {
		const orders = shuffleOptions(pool.slice(0, 5), 11);
		expect(shuffleOptions(pool.slice(0, 5), 11)).toEqual(orders);
		for (const order of Object.values(orders)) expect([...order].sort()).toEqual(['a', 'b', 'c']);
		expect(shuffle([1, 2, 3, 4, 5], seededRandom(1)).sort()).toEqual([1, 2, 3, 4, 5]);
	});
});

describe('scoring', () => {
	const multiple: Question = {
		...base,
		id: 'm',
		type: 'multiple',
		prompt: 'p',
		options: [
			{ id: 'a', text: 'A' },
			{ id: 'b', text: 'B' },
			{ id: 'c', text: 'C' },
			{ id: 'd', text: 'D' },
		],
		answer: ['a', 'c'],
	};
	const tf: Question = { ...base, id: 't', type: 'truefalse', prompt: 'p', answer: false };

	it('marks multiple response all-or-nothing: partial or extra answers score nothing', () => {
		expect(isCorrect(multiple, ['c', 'a'])).toBe(true);
		expect(isCorrect(multiple, ['a'])).toBe(false);
		expect(isCorrect(multiple, ['a', 'c', 'd'])).toBe(false);
		expect(isCorrect(multiple, [])).toBe(false);
	});

	it('marks single choice and true/false', () => {
		expect(isCorrect(single('x', 'm1'), ['a'])).toBe(true);
		expect(isCorrect(single('x', 'm1'), ['b'])).toBe(false);
		expect(isCorrect(tf, ['false'])).toBe(true);
		expect(isCorrect(tf, ['true'])).toBe(false);
		expect(isCorrect(tf, undefined)).toBe(false);
	});

	it('passes at exactly the pass mark and fails one question below it', () => {
		expect(hasPassed(8, 10, 80)).toBe(true);
		expect(hasPassed(7, 10, 80)).toBe(false);
		// 12 questions at 80%: 9.6 needed, so 10 passes and 9 fails.
		expect(hasPassed(10, 12, 80)).toBe(true);
		expect(hasPassed(9, 12, 80)).toBe(false);
		expect(hasPassed(0, 0, 80)).toBe(false);
		expect(percent(9, 12)).toBe(75);
	});

	it('marks an attempt with per-module strengths and the modules to revisit', () => {
		const qs = [single('q1', 'm1'), single('q2', 'm1'), single('q3', 'm2')];
		const result = markAttempt(qs, { q1: ['a'], q2: ['b'], q3: ['a'] }, 80);
		expect(result).toMatchObject({ correct: 2, total: 3, percent: 66, passed: false, byModule: { m1: [1, 2], m2: [1, 1] }, revisit: ['m1'] });
	});
});
