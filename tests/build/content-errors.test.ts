/**
 * Content errors are build errors: a planted mistake in a copy of the real course makes both
 * `course:check` and `astro build` fail, naming the file, the field and the bad value.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
/** An astro build on a shared 2-core machine can take well over the default 20 s. */
const BUILD_BUDGET = 120_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of modules/ with edits applied to some files. */
function plant(edits: Record<string, (text: string) => string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'course-fixture-'));
	dirs.push(dir);
	cpSync('modules', join(dir, 'modules'), { recursive: true });
	for (const [file, edit] of Object.entries(edits)) {
		const path = join(dir, 'modules', file);
		writeFileSync(path, edit(readFileSync(path, 'utf8')));
	}
	return join(dir, 'modules');
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

const SCENARIO = '03-acceptable-use/scenarios/pupil-friend-request.yaml';
const QUESTIONS = '05-personal-use/questions.yaml';

describe('a scenario citing clause 3.55 and a duplicate question id', () => {
	const root = plant({
		[SCENARIO]: (t) => t.replace('clauses: ["3-5", "3-6"]', 'clauses: ["3-55", "3-6"]'),
		[QUESTIONS]: (t) => t.replace(/- id: (pu-[a-z0-9-]+)\n([\s\S]*?)- id: pu-[a-z0-9-]+\n/, '- id: $1\n$2- id: $1\n'),
	});

	it('fails course:check, naming file, field and value for each', async () => {
		const { code, out } = await check(root);
		expect(code).not.toBe(0);
		expect(out).toMatch(/modules\/03-acceptable-use\/scenarios\/pupil-friend-request\.yaml › endings\[\d+\]\.clauses\[0\]: cites clause "3-55", which is not in the policy/);
		expect(out).toMatch(/modules\/05-personal-use\/questions\.yaml › questions\[\d+\]\.id: duplicate question id "pu-[a-z0-9-]+"/);
	});

	it('fails astro build with the same messages', async () => {
		const { code, out } = await build(root);
		expect(code).not.toBe(0);
		expect(out).toContain('pupil-friend-request.yaml › endings[');
		expect(out).toContain('"3-55"');
		expect(out).toMatch(/questions\.yaml › questions\[\d+\]\.id: duplicate question id/);
	}, BUILD_BUDGET);
});

describe('scenarios with an unreachable step and a dead end', () => {
	const root = plant({
		// A step nothing leads to.
		[SCENARIO]: (t) => t.replace('endings:\n', '  - id: orphan-step\n    text: "Nobody gets here."\n    choices:\n      - { id: a, label: "A", consequence: "A.", next: best-boundary }\n      - { id: b, label: "B", consequence: "B.", next: cautious }\nendings:\n'),
	});
	// Every choice at "message" needs a flag that the "accept now" path no longer sets.
	const deadEnd = plant({
		[SCENARIO]: (t) =>
			t
				.replace('        label: "Don\'t reply on your personal account', '        if: [accepted]\n        label: "Don\'t reply on your personal account')
				.replace('        label: "Reply privately to reassure her', '        if: [accepted]\n        label: "Reply privately to reassure her')
				.replace(/      - id: accept-now\n        label: "Accept it now so she isn't upset"\n        consequence: "You accept the request on your phone at break time."\n        set: \[accepted\]\n/, '      - id: accept-now\n        label: "Accept it now so she isn\'t upset"\n        consequence: "You accept the request on your phone at break time."\n'),
	});

	it('fails the check and the build naming the unreachable step', async () => {
		const checked = await check(root);
		expect(checked.code).not.toBe(0);
		expect(checked.out).toMatch(/pupil-friend-request\.yaml › steps\[\d+\]: step "orphan-step" can never be reached/);
		const built = await build(root);
		expect(built.code).not.toBe(0);
		expect(built.out).toContain('step "orphan-step" can never be reached');
	}, BUILD_BUDGET);

	it('fails the check and the build naming the dead-end step', async () => {
		const checked = await check(deadEnd);
		expect(checked.code).not.toBe(0);
		expect(checked.out).toMatch(/pupil-friend-request\.yaml › steps\[\d+\]: step "message" is a dead end/);
		const built = await build(deadEnd);
		expect(built.code).not.toBe(0);
		expect(built.out).toContain('step "message" is a dead end');
	}, BUILD_BUDGET);
});
