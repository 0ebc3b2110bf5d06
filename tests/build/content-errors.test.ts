/**
 * Content errors are build errors: a planted mistake in a copy of the fixture course
 * (tests/fixtures/course, with a folder from tests/fixtures/planted/ copied over it) makes both
 * `course:check` and `astro build` fail, naming the file, the field and the bad value. Fixture
 * files, not edits of the real course, so rewording real content cannot quietly unplant a mistake.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
/** An astro build on a shared 2-core machine can take well over the default 20 s. */
const BUILD_BUDGET = 120_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the fixture course with one planted folder copied over it. */
function plant(planted: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'course-fixture-'));
	dirs.push(dir);
	cpSync('tests/fixtures/course', join(dir, 'course'), { recursive: true });
	cpSync(join('tests/fixtures/planted', planted), join(dir, 'course'), { recursive: true });
	return join(dir, 'course');
}

async function check(root: string) {
	return exec(process.execPath, ['--experimental-strip-types', 'scripts/course-check.ts', '--root', root]).then(
		(r) => ({ code: 0, out: r.stdout + r.stderr }),
		(e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }),
	);
}

async function build(root: string) {
	const outDir = mkdtempSync(join(tmpdir(), 'course-out-'));
	dirs.push(outDir);
	return exec(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { env: { ...process.env, COURSE_ROOT: root, COURSE_OUT_DIR: outDir } }).then(
		(r) => ({ code: 0, out: r.stdout + r.stderr }),
		(e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }),
	);
}

describe('a scenario citing clause 3.55 and a duplicate question id', () => {
	const root = plant('unknown-clause-and-duplicate-id');

	it('fails course:check, naming file, field and value for each', async () => {
		const { code, out } = await check(root);
		expect(code).not.toBe(0);
		expect(out).toMatch(/01-example\/scenarios\/news\.yaml › endings\[0\]\.clauses\[0\]: cites clause "3-55", which is not in the policy/);
		expect(out).toMatch(/01-example\/questions\.yaml › questions\[1\]\.id: duplicate question id "ex-share"/);
	});

	it(
		'fails astro build with the same messages',
		async () => {
			const { code, out } = await build(root);
			expect(code).not.toBe(0);
			expect(out).toContain('news.yaml › endings[0].clauses[0]');
			expect(out).toContain('"3-55"');
			expect(out).toMatch(/questions\.yaml › questions\[1\]\.id: duplicate question id "ex-share"/);
		},
		BUILD_BUDGET,
	);
});

describe('scenarios with an unreachable step and a dead end', () => {
	// A step nothing leads to.
	const unreachable = plant('unreachable-step');
	// Both choices at "follow" need the flag "posted", which the "wait" path never sets.
	const deadEnd = plant('dead-end');

	it(
		'fails the check and the build naming the unreachable step',
		async () => {
			const checked = await check(unreachable);
			expect(checked.code).not.toBe(0);
			expect(checked.out).toMatch(/news\.yaml › steps\[1\]: step "orphan-step" can never be reached/);
			const built = await build(unreachable);
			expect(built.code).not.toBe(0);
			expect(built.out).toContain('step "orphan-step" can never be reached');
		},
		BUILD_BUDGET,
	);

	it(
		'fails the check and the build naming the dead-end step',
		async () => {
			const checked = await check(deadEnd);
			expect(checked.code).not.toBe(0);
			expect(checked.out).toMatch(/news\.yaml › steps\[1\]: step "follow" is a dead end/);
			const built = await build(deadEnd);
			expect(built.code).not.toBe(0);
			expect(built.out).toContain('step "follow" is a dead end');
		},
		BUILD_BUDGET,
	);
});
