/**
 * The two LMS manifests, made from the course configuration (modules/course.yaml): SCORM 1.2's
 * imsmanifest.xml and cmi5's cmi5.xml. Pure functions: scripts/package.ts writes them into the
 * zips, tests/unit/package-manifests.test.ts validates them against the official XSDs.
 */
import type { Course } from '../src/schemas/course.ts';

/** The SCO's launch page inside the package (src/pages/lms/scorm12.astro). */
export const SCORM_LAUNCH = 'lms/scorm12/index.html';
/** The cmi5 AU: the course home page, which reads the cmi5 launch parameters. */
export const CMI5_LAUNCH = 'index.html';
/** The official SCORM 1.2 schema files, shipped at the package root as ADL's conformance rules ask. */
export const SCORM12_SCHEMAS = ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'] as const;

/** What the manifests need from the course configuration. */
export type PackageCourse = Pick<Course, 'title' | 'description' | 'version' | 'activityIriBase' | 'passMark'>;

function xml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `1.4.2` -> `1`: identifiers change only with a major version, so an LMS treats a minor update as the same course. */
export function majorVersion(course: Pick<Course, 'version'>): string {
	return course.version.split('.')[0]!;
}

/**
 * The package identifier: an XML ID (letters, digits, `-`, `.`), from the last part of the
 * course's activity IRI and its major version, e.g. `social-media-policy-v1`. Moodle and other
 * LMSs match a re-uploaded package to the course by it.
 */
export function scormIdentifier(course: Pick<Course, 'activityIriBase' | 'version'>): string {
	const slug = new URL(course.activityIriBase).pathname.split('/').filter(Boolean).pop() ?? 'course';
	const safe = slug.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[^A-Za-z]+/, '');
	return `${safe || 'course'}-v${majorVersion(course)}`;
}

/**
 * imsmanifest.xml for SCORM 1.2: one organisation, one item, one SCO. `files` are the package's
 * files (paths relative to its root, `/`-separated); the launch page must be one of them.
 */
export function scormManifest(course: PackageCourse, files: readonly string[]): string {
	if (!files.includes(SCORM_LAUNCH)) throw new Error(`The SCO launch page ${SCORM_LAUNCH} is not in the package (src/pages/lms/scorm12.astro builds it).`);
	const id = scormIdentifier(course);
	const title = xml(course.title);
	const list = [...files]
		.sort()
		.map((f) => `      <file href="${xml(f)}"/>`)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<!-- ${xml(course.title)}, course version ${xml(course.version)}. Made by npm run package (scripts/package.ts) from modules/course.yaml. -->
<manifest identifier="${id}" version="${xml(course.version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>
        <!-- The pass mark (passMark in modules/course.yaml): a raw score at or above it is "passed". -->
        <adlcp:masteryscore>${course.passMark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormtype="sco" href="${SCORM_LAUNCH}">
${list}
    </resource>
  </resources>
</manifest>
`;
}

/** The cmi5 course and AU IRIs: stable per major version, under the course's activity IRI. */
export function cmi5Ids(course: Pick<Course, 'activityIriBase' | 'version'>): { course: string; au: string } {
	const root = `${course.activityIriBase}/cmi5/v${majorVersion(course)}`;
	return { course: root, au: `${root}/au` };
}

/** cmi5.xml: one course, one AU (the course home page, which reads the launch parameters). */
export function cmi5CourseStructure(course: PackageCourse): string {
	const ids = cmi5Ids(course);
	const title = `<langstring lang="en-GB">${xml(course.title)}</langstring>`;
	const description = `<langstring lang="en-GB">${xml(course.description)}</langstring>`;
	return `<?xml version="1.0" encoding="UTF-8"?>
<!-- ${xml(course.title)}, course version ${xml(course.version)}. Made by npm run package (scripts/package.ts) from modules/course.yaml. -->
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${xml(ids.course)}">
    <title>${title}</title>
    <description>${description}</description>
  </course>
  <!--
    moveOn CompletedAndPassed: the LMS counts the course satisfied when the learner has finished
    the path and passed the assessment. masteryScore is the pass mark as a fraction (cmi5 scores
    are 0..1). launchMethod OwnWindow: the course is several pages that use the whole window
    (zoom to 200%, 320 px screens), and on exit it sends the learner back by moving its own
    window to the LMS's returnURL, which inside an LMS frame would nest the LMS in itself.
  -->
  <au id="${xml(ids.au)}" moveOn="CompletedAndPassed" masteryScore="${(course.passMark / 100).toString()}" launchMethod="OwnWindow">
    <title>${title}</title>
    <description>${description}</description>
    <url>${CMI5_LAUNCH}</url>
  </au>
</courseStructure>
`;
}
