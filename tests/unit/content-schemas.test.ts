/**
 * The JSON Schemas authors' editors use for the content YAML (schemas/content/*.schema.json)
 * are generated from the zod schemas the loader validates with: they must be up to date, and
 * every field must carry a description, which the editor shows as inline documentation.
 */
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COURSE_ROOTS, CONTENT_KINDS, SCHEMA_DIR, contentJsonSchema, editorSchemaMap } from '../../scripts/content-schemas.ts';

/** `path: property` for every property, at any depth, whose schema has no description. */
export function undescribed(node: unknown, path = '$'): string[] {
	if (Array.isArray(node)) return node.flatMap((n, i) => undescribed(n, `${path}[${i}]`));
	if (!node || typeof node !== 'object') return [];
	const missing: string[] = [];
	for (const [key, value] of Object.entries(node)) {
		if (key === 'properties' && value && typeof value === 'object') {
			for (const [name, prop] of Object.entries(value)) {
				const d = (prop as { description?: unknown }).description;
				if (typeof d !== 'string' || d.trim() === '') missing.push(`${path}.${name}`);
				missing.push(...undescribed(prop, `${path}.${name}`));
			}
		} else missing.push(...undescribed(value, key === 'items' ? `${path}[]` : path));
	}
	return missing;
}

describe.each(CONTENT_KINDS.map((k) => [k.file, k] as const))('%s', (file, kind) => {
	it('is up to date with the zod schema (run npm run content:schemas)', () => {
		expect(readFileSync(join(SCHEMA_DIR, file), 'utf8')).toBe(contentJsonSchema(kind));
	});

	it('describes every field at every depth', () => {
		expect(undescribed(JSON.parse(contentJsonSchema(kind)))).toEqual([]);
	});
});

describe.each(CONTENT_KINDS.map((k) => [k.file, k] as const))('every content file %s maps to', (_file, kind) => {
	const ajv = new Ajv({ allErrors: true, strict: false });
	addFormats.default(ajv);
	const validate = ajv.compile(JSON.parse(contentJsonSchema(kind)));
	const files = COURSE_ROOTS.flatMap((root) => kind.files.flatMap((f) => globSync(`${root}/${f}`))).sort();

	it('matches files in the real course', () => {
		expect(files.filter((f) => f.startsWith('modules/')).length).toBeGreaterThan(0);
	});

	// An editor must not flag valid content: the schema accepts every file the loader accepts.
	it.each(files)('%s is valid', (file) => {
		const ok = validate(parse(readFileSync(file, 'utf8')));
		expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
	});
});

describe('lesson.schema.json in an editor', () => {
	it('flags a misspelt field and a missing one, naming them', () => {
		const ajv = new Ajv({ allErrors: true, strict: false });
		const validate = ajv.compile(JSON.parse(contentJsonSchema(CONTENT_KINDS.find((k) => k.file === 'lesson.schema.json')!)));
		expect(validate({ title: 'T', summary: 'S', minutes: 2, keyPoint: [] })).toBe(false);
		expect(validate.errors!.map((e) => e.params)).toEqual(expect.arrayContaining([{ missingProperty: 'keyPoints' }, { additionalProperty: 'keyPoint' }]));
	});
});

describe('.vscode/settings.json', () => {
	it('maps every content schema to its files for the YAML language server', () => {
		const settings = JSON.parse(readFileSync('.vscode/settings.json', 'utf8')) as Record<string, unknown>;
		expect(settings['yaml.schemas']).toEqual(editorSchemaMap());
	});
});

describe('undescribed', () => {
	it('finds a nested property with no description', () => {
		const schema = {
			type: 'object',
			properties: { a: { description: 'A.', type: 'array', items: { type: 'object', properties: { b: { type: 'string' } } } } },
		};
		expect(undescribed(schema)).toEqual(['$.a[].b']);
	});
});
