/**
 * The LMS manifests (scripts/package-manifests.ts) made from the real course configuration,
 * validated with libxml2 (xmllint-wasm) against the official schemas vendored in schemas/lms/.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/build/load.ts';
import { validateCmi5Structure, validateScormManifest } from '../../scripts/package-validate.ts';
import { SCORM_LAUNCH, cmi5CourseStructure, cmi5Ids, scormIdentifier, scormManifest } from '../../scripts/package-manifests.ts';

const { course } = loadCourse('modules');
const FILES = ['index.html', SCORM_LAUNCH, 'modules/overview/index.html', '_astro/Base.css'];
const validateScorm = validateScormManifest;
const validateCmi5 = validateCmi5Structure;

describe('SCORM 1.2 imsmanifest.xml', () => {
	it('is valid against the official SCORM 1.2 schemas (IMS CP 1.1.2, ADLCP 1.2)', async () => {
		const result = await validateScorm(scormManifest(course, FILES));
		expect(result.errors).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it('fails validation when the manifest breaks the schema (the check can fail)', async () => {
		const broken = scormManifest(course, FILES).replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"');
		const result = await validateScorm(broken);
		expect(result.valid).toBe(false);
		expect(result.errors.map((e) => e.message).join('\n')).toMatch(/scormtype/);
	});

	it('describes one SCO launched at the SCORM page, with the pass mark as mastery score', () => {
		const xml = scormManifest(course, FILES);
		expect(xml).toContain('<schemaversion>1.2</schemaversion>');
		expect(xml.match(/adlcp:scormtype="sco"/g)).toHaveLength(1);
		expect(xml).toContain(`href="${SCORM_LAUNCH}"`);
		expect(xml).toContain(`<adlcp:masteryscore>${course.passMark}</adlcp:masteryscore>`);
		for (const f of FILES) expect(xml).toContain(`<file href="${f}"/>`);
	});

	it('refuses a package without the SCO launch page', () => {
		expect(() => scormManifest(course, ['index.html'])).toThrow(SCORM_LAUNCH);
	});

	it('keeps its identifier across minor versions and changes it with a major version', () => {
		expect(scormIdentifier({ ...course, version: '1.0.0' })).toBe(scormIdentifier({ ...course, version: '1.7.3' }));
		expect(scormIdentifier({ ...course, version: '2.0.0' })).not.toBe(scormIdentifier({ ...course, version: '1.0.0' }));
		expect(scormIdentifier(course)).toMatch(/^[A-Za-z][A-Za-z0-9.-]*$/);
	});
});

describe('cmi5.xml', () => {
	it('is valid against the cmi5 CourseStructure schema', async () => {
		const result = await validateCmi5(cmi5CourseStructure(course));
		expect(result.errors).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it('fails validation with a mastery score outside 0..1 (the check can fail)', async () => {
		const broken = cmi5CourseStructure(course).replace(/masteryScore="[^"]*"/, 'masteryScore="80"');
		expect((await validateCmi5(broken)).valid).toBe(false);
	});

	it('has one AU at the course home page, moveOn and the pass mark as a 0..1 mastery score', () => {
		const xml = cmi5CourseStructure(course);
		expect(xml.match(/<au /g)).toHaveLength(1);
		expect(xml).toContain('<url>index.html</url>');
		expect(xml).toContain('moveOn="CompletedAndPassed"');
		expect(xml).toContain(`masteryScore="${course.passMark / 100}"`);
		expect(xml).toContain(`id="${cmi5Ids(course).au}"`);
	});
});
