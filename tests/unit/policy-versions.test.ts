/**
 * Policy versions (issue 20): the fixture's fictional Version 3 compared with its Version 2
 * lists every change with the author's class and a word-level diff; content citing a changed
 * clause is flagged and the check fails until the author lists it as reviewed; a minor-only
 * change asks nothing of learners.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError, loadCourse } from '../../src/build/load.ts';
import { diffPolicies, needsNewAcknowledgement, versionCheck } from '../../src/build/policy-diff.ts';
import { refresherState } from '../../src/course/refresher.ts';
import { PolicySchema, type Policy } from '../../src/schemas/policy.ts';

const FIXTURE = 'tests/fixtures/course-v3';
const POLICY = 'policy/social-media-policy.yaml';
const exec = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const readPolicy = (file: string): Policy => PolicySchema.parse(parse(readFileSync(file, 'utf8')));
const v2 = () => readPolicy(join(FIXTURE, 'policy/versions/2.yaml'));
const v3 = () => readPolicy(join(FIXTURE, POLICY));

/** A copy of the Version 3 fixture course with its policy file edited. */
function copyWith(edit: (policyText: string) => string): string {
	const dir = mkdtempSync(join(tmpdir(), 'course-v3-'));
	dirs.push(dir);
	cpSync(FIXTURE, dir, { recursive: true });
	const file = join(dir, POLICY);
	writeFileSync(file, edit(readFileSync(file, 'utf8')));
	return dir;
}

describe('the version diff report', () => {
	it('lists every change from Version 2 to Version 3 with its kind and class', () => {
		const result = versionCheck(loadCourse(FIXTURE));
		expect(result?.issues).toEqual([]);
		const summary = result!.diff.changes.map((c) => [c.clause, c.kind, c.class]);
		expect(summary).toEqual([
			['1-1', 'reworded', 'minor'],
			['1-2', 'reworded', 'major'],
			['3-5', 'added', 'major'],
			['5-2', 'reworded', 'major'],
		]);
		expect(result!.diff).toMatchObject({ from: '2', to: '3' });
	});

	it('gives a word-level diff of a reworded clause (the changed strength: should -> must)', () => {
		const change = diffPolicies(v2(), v3()).changes.find((c) => c.clause === '5-2')!;
		expect(change.words.filter((w) => w.removed).map((w) => w.value.trim())).toEqual(['should']);
		expect(change.words.filter((w) => w.added).map((w) => w.value.trim())).toEqual(['must']);
		expect(change.oldText).toContain('should not use personal phone numbers');
	});

	it('reports a removed clause and a change the author has not classed', () => {
		const next = v3();
		next.sections = next.sections.filter((s) => s.id !== '5-0');
		const diff = diffPolicies(v2(), next);
		expect(diff.changes.find((c) => c.clause === '5-2')).toMatchObject({ kind: 'removed', newText: null });
		next.changes!.changes = next.changes!.changes.filter((c) => c.clause !== '3-5');
		expect(diffPolicies(v2(), next).issues.map((i) => i.value)).toContain('3-5');
	});

	it('matches a renumbered clause through previousId rather than calling it removed and added', () => {
		const next = v3();
		const clause = next.sections.find((s) => s.id === '3-0')!.clauses.find((c) => c.id === '3-4')!;
		Object.assign(clause, { id: '3-6', number: '3.6', previousId: '3-4' });
		const diff = diffPolicies(v2(), next);
		expect(diff.changes.some((c) => c.clause === '3-6' || c.clause === '3-4')).toBe(false);
	});
});

describe('content citing a changed clause', () => {
	it('is listed for review with the clauses it cites', () => {
		const review = versionCheck(loadCourse(FIXTURE))!.review;
		expect(review.map((r) => [r.key, r.clauses.sort(), r.reviewed])).toEqual([
			['lesson:example/basics', ['3-5', '5-2'], true],
			['scenario:news', ['5-2'], true],
			['question:ex-phone', ['5-2'], true],
			['question:ex-friends', ['3-5'], true],
		]);
	});

	it('fails loading (and so the build) while an item is not reviewed', () => {
		const root = copyWith((t) => t.replace('    - "scenario:news"\n', ''));
		expect(() => loadCourse(root)).toThrow(ContentError);
		expect(() => loadCourse(root)).toThrow(/cites changed clause\(s\) 5-2 .*add "scenario:news" to changes.reviewed/);
	});

	it('fails course:check on the command line, then passes once reviewed', async () => {
		const run = (root: string) =>
			exec(process.execPath, ['--experimental-strip-types', 'scripts/course-check.ts', '--root', root]).then(
				(r) => ({ code: 0, out: r.stdout + r.stderr }),
				(e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }),
			);
		const bad = await run(copyWith((t) => t.replace('    - "question:ex-phone"\n', '')));
		expect(bad.code).not.toBe(0);
		expect(bad.out).toMatch(/questions\.yaml › clauses: cites changed clause\(s\) 5-2/);
		const good = await run(FIXTURE);
		expect(good.code).toBe(0);
		expect(good.out).toMatch(/major\s+added\s+3\.5\s+3-5/);
		expect(good.out).toMatch(/minor\s+reworded\s+1\.1\s+1-1/);
	});
});

describe('what learners are asked', () => {
	it('a major change asks for a new acknowledgement; a minor-only change asks nothing', () => {
		expect(needsNewAcknowledgement(diffPolicies(v2(), v3()))).toBe(true);
		// Version 3 with only its minor rewording of 1.1: the other clauses as in Version 2.
		const minorOnly = v2();
		minorOnly.version = '3';
		minorOnly.sections[0]!.clauses[0]!.text = 'Social media is the term for internet-based communication tools.';
		minorOnly.changes = { from: '2', changes: [{ clause: '1-1', class: 'minor', summary: 'Same meaning.' }], reviewed: [] };
		const diff = diffPolicies(v2(), minorOnly);
		expect(diff.issues).toEqual([]);
		expect(diff.changes).toHaveLength(1);
		expect(needsNewAcknowledgement(diff)).toBe(false);
	});

	it('a learner who completed under Version 2 is asked again only when Version 3 makes a major change', () => {
		const last = { completedAt: '2026-10-01T09:00:00Z', score: 100, code: 'x', courseVersion: '1.0.0', policyVersion: '2' } as Parameters<
			typeof refresherState
		>[0];
		const config = { offerAfterMonths: 11, dueAfterMonths: 12 };
		const now = new Date('2026-11-01T09:00:00Z');
		expect(refresherState(last, now, config, { courseVersion: '1.0.0', policyVersion: '3' }).reasons).toEqual(['policy-version']);
		const minorOnly = refresherState(last, now, config, { courseVersion: '1.0.0', policyVersion: '3', policySameMeaning: ['2'] });
		expect(minorOnly).toMatchObject({ offered: false, reasons: [] });
	});
});
