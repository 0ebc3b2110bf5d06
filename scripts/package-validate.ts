/**
 * Validates the packages' manifests with libxml2 (xmllint-wasm) against the official schemas
 * vendored in schemas/lms/ (see its README). Used by the unit and browser tests.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

const SCHEMAS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'lms');
const schema = (path: string) => readFileSync(join(SCHEMAS, path), 'utf8');

/**
 * imscp's extension points validate strictly: one schema that imports the IMS content packaging
 * and ADL namespaces. The IMS metadata schema (imsmd_rootv1p2p1.xsd) is left out: libxml2 rejects
 * its content models as non-deterministic (a known defect of that 2001 file), and the manifest
 * uses no IMS metadata elements, so it has nothing to check.
 */
const SCORM_ROOT = `<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:reach2:scorm12-validation" elementFormDefault="qualified">
  <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
</xsd:schema>`;

/** imsmanifest.xml against IMS CP 1.1.2 and ADLCP 1.2 (SCORM 1.2). */
export function validateScormManifest(xml: string): Promise<XMLValidationResult> {
	return validateXML({
		xml: [{ fileName: 'imsmanifest.xml', contents: xml }],
		schema: [SCORM_ROOT],
		preload: ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'ims_xml.xsd'].map((name) => ({ fileName: name, contents: schema(`scorm12/${name}`) })),
	});
}

/** cmi5.xml against the cmi5 CourseStructure schema. */
export function validateCmi5Structure(xml: string): Promise<XMLValidationResult> {
	return validateXML({ xml: [{ fileName: 'cmi5.xml', contents: xml }], schema: [schema('cmi5/CourseStructure.xsd')] });
}
