/**
 * `npm run content:schemas [-- --check]`
 *
 * Writes a JSON Schema for each kind of content YAML to `schemas/content/`, generated from the
 * zod schemas the loader validates with (`z.toJSONSchema`), so an author's editor completes and
 * checks fields and shows each field's description (the script also keeps `yaml.schemas` in `.vscode/settings.json`, which maps files to schemas).
 * `--check` writes nothing and exits non-zero when a committed schema is out of date; the unit
 * test `tests/unit/content-schemas.test.ts` does the same check in `npm test`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CourseSchema } from '../src/schemas/course.ts';
import { LessonSchema } from '../src/schemas/lesson.ts';
import { ModuleSchema } from '../src/schemas/module.ts';
import { PolicySchema } from '../src/schemas/policy.ts';
import { QuestionPoolSchema } from '../src/schemas/question.ts';
import { ScenarioSchema } from '../src/schemas/scenario.ts';

/** Where the generated schemas live, relative to the repository root. */
export const SCHEMA_DIR = 'schemas/content';

/**
 * Each content file kind: its schema file, zod schema, and where its files sit in a course
 * folder (globs relative to `modules/` or a fixture course such as `tests/fixtures/course/`).
 */
export const CONTENT_KINDS = [
	{ file: 'course.schema.json', schema: CourseSchema, title: 'Course configuration (modules/course.yaml)', files: ['course.yaml'] },
	{ file: 'module.schema.json', schema: ModuleSchema, title: 'Module (modules/NN-<id>/module.yaml)', files: ['*/module.yaml'] },
	{ file: 'lesson.schema.json', schema: LessonSchema, title: 'Lesson (modules/NN-<module>/lessons/NN-<id>.yaml)', files: ['*/lessons/*.yaml'] },
	{ file: 'scenario.schema.json', schema: ScenarioSchema, title: 'Scenario (modules/NN-<module>/scenarios/<id>.yaml)', files: ['*/scenarios/*.yaml'] },
	{ file: 'questions.schema.json', schema: QuestionPoolSchema, title: 'Question pool (modules/NN-<module>/questions.yaml)', files: ['*/questions.yaml'] },
	{
		file: 'policy.schema.json',
		schema: PolicySchema,
		title: 'Policy transcription (modules/policy/social-media-policy.yaml)',
		files: ['policy/social-media-policy.yaml', 'policy/versions/*.yaml'],
	},
] as const;

/** Course folders whose YAML an editor should check: the real course and the test fixtures. */
export const COURSE_ROOTS = ['modules', 'tests/fixtures/*', 'tests/fixtures/planted/*'] as const;

/**
 * The `yaml.schemas` setting for `.vscode/settings.json` (the YAML language server of VS Code
 * and other editors): schema file -> the content files it describes.
 */
export function editorSchemaMap(): Record<string, string[]> {
	return Object.fromEntries(CONTENT_KINDS.map((k) => [`./${SCHEMA_DIR}/${k.file}`, COURSE_ROOTS.flatMap((root) => k.files.map((f) => `${root}/${f}`))]));
}

/**
 * The JSON Schema text for one content kind: draft-07, which editors' YAML language servers
 * read. `io: 'input'` because authors write the input:
 * fields with a default are optional. Refinements (e.g. "an https origin only") cannot be
 * expressed in JSON Schema; `course:check` still enforces them.
 */
export function contentJsonSchema(kind: (typeof CONTENT_KINDS)[number]): string {
	const json = z.toJSONSchema(kind.schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
	return JSON.stringify({ ...json, title: kind.title }, null, '\t') + '\n';
}

function main(root: string, check: boolean) {
	const stale: string[] = [];
	for (const kind of CONTENT_KINDS) {
		const path = join(root, SCHEMA_DIR, kind.file);
		const text = contentJsonSchema(kind);
		let current = '';
		try {
			current = readFileSync(path, 'utf8');
		} catch {
			// Missing counts as out of date.
		}
		if (current === text) continue;
		stale.push(`${SCHEMA_DIR}/${kind.file}`);
		if (!check) writeFileSync(path, text);
	}
	const settingsPath = join(root, '.vscode', 'settings.json');
	let settings: Record<string, unknown> = {};
	try {
		settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;
	} catch {
		// Missing or unreadable: written afresh below.
	}
	if (JSON.stringify(settings['yaml.schemas']) !== JSON.stringify(editorSchemaMap())) {
		stale.push('.vscode/settings.json (yaml.schemas)');
		if (!check) {
			mkdirSync(join(root, '.vscode'), { recursive: true });
			writeFileSync(settingsPath, JSON.stringify({ ...settings, 'yaml.schemas': editorSchemaMap() }, null, '\t') + '\n');
		}
	}
	if (check && stale.length > 0) {
		console.error(`Out of date (run npm run content:schemas): ${stale.join(', ')}`);
		process.exitCode = 1;
	} else
		console.log(check ? 'Content JSON Schemas are up to date.' : stale.length ? `Wrote ${stale.join(', ')}` : 'Content JSON Schemas were already up to date.');
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) main(process.cwd(), process.argv.includes('--check'));
