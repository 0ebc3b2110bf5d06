/**
 * The judgement checks are build errors. A small fixture course (tests/fixtures/course) passes
 * every check; each planted file (tests/fixtures/planted/<case>/) breaks exactly one rule, and
 * both `course:check` and `astro build` must then fail naming the file and the field:
 * a best-practice ending after a must-level breach, a biased question pool, an over-long sentence.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the fixture course with one planted case copied over it. */
function course(planted?: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'planted-'));
	dirs.push(dir);
	cpSync('tests/fixtures/course', join(dir, 'course'), { recursive: true });
	if (planted) cpSync(join('tests/fixtures/planted', planted), join(dir, 'course'), { recursive: true });
	return join(dir, 'course');
}

async function check(root: string, ...extra: string[]) {
	return exec(process.execPath, ['--experimental-strip-types', 'scripts/course-check.ts', '--root', root, ...extra]).then(
		(r) => ({ code: 0, out: r.stdout + r.stderr }),
		(e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }),
	);
}

async function build(root: string) {
	const outDir = mkdtempSync(join(tmpdir(), 'planted-out-'));
	dirs.push(outDir);
	const env: NodeJS.ProcessEnv = { ...process.env, COURSE_ROOT: root, COURSE_OUT_DIR: outDir };
	delete env.COURSE_QUALITY; // the default build enforces everything
	return exec(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { env }).then(
		(r) => ({ code: 0, out: r.stdout + r.stderr }),
		(e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }),
	);
}

const CASES = [
	{
		name: 'a best-practice ending reached after a must-level breach',
		planted: 'best-practice-after-breach',
		expected:
			/01-example\/scenarios\/news\.yaml › endings\[0\]\.verdict: best-practice ending "good" is reached by path ask:post > later:delete, which breaches clause 3-4 \(must\)/,
	},
	{
		name: 'a biased pool: the correct option is the longest in 2 of 3 single-choice questions',
		planted: 'biased-pool',
		expected:
			/01-example\/questions\.yaml › questions\[1\]\.options: the correct option of question "ex-phone" is the longest: across the course it is the longest in 2 of 3/,
	},
	{
		name: 'a sentence over 35 words',
		planted: 'long-sentence',
		expected: /01-example\/lessons\/01-basics\.yaml › keyPoints\[0\]\.text: a sentence of 46 words/,
	},
];

describe('the clean fixture course', () => {
	it('passes course:check, so each planted file is the only fault', async () => {
		const { code, out } = await check(course());
		expect(out).toContain('No errors.');
		expect(code).toBe(0);
	});

	it('reports the verdict rule per scenario and readability and item figures per module in --json', async () => {
		const { code, out } = await check(course(), '--json');
		expect(code).toBe(0);
		const report = JSON.parse(out);
		expect(report.scenarios).toEqual([expect.objectContaining({ id: 'news', verdictRule: 'pass', paths: 3, violations: [] })]);
		expect(report.modules[0].readability).toMatchObject({ maxFeedbackGrade: 8, longSentences: 0, maxSentenceWords: 35 });
		expect(report.modules[0].items).toEqual({ singleChoice: 3, correctLongest: 1, steps: 1, bestPracticeLongest: 0 });
		expect(report.items).toMatchObject({ maxCorrectLongest: 1, maxBestPracticeLongest: 0 });
	});
});

describe.each(CASES)('planted: $name', ({ planted, expected }) => {
	const root = course(planted);

	it('fails course:check, naming the file and field', async () => {
		const { code, out } = await check(root);
		expect(code).not.toBe(0);
		expect(out).toMatch(expected);
	});

	it('fails astro build with the same message', async () => {
		const { code, out } = await build(root);
		expect(code).not.toBe(0);
		expect(out).toMatch(expected);
	}, 120_000);
});
