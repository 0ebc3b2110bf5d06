/**
 * `npm run package`: the LMS packages. Builds the course once for "any folder" (COURSE_PACKAGE=1:
 * a placeholder base, no service worker), makes every address in the HTML and CSS relative, and
 * zips the result twice: `scorm12.zip` (imsmanifest.xml, one SCO launched at
 * lms/scorm12/index.html) and `cmi5.zip` (cmi5.xml, one AU: the course home page).
 *
 * An LMS unpacks a package into a folder it chooses, and changes it on every upload (Moodle:
 * /pluginfile.php/<context>/mod_scorm/content/<revision>/), so nothing in the package may name
 * its own folder. Code finds its chunks from import.meta.url (astro.config.mjs) and the base
 * from the page's `<meta name="course-base">` (src/site/urls.ts).
 *
 *   node --experimental-strip-types scripts/package.ts [--out packages] [--no-build]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Zippable, zipSync } from 'fflate';
import { loadCourse } from '../src/build/load.ts';
import { indexFile } from '../src/site/urls.ts';
import { CMI5_LAUNCH, SCORM12_SCHEMAS, cmi5CourseStructure, scormManifest } from './package-manifests.ts';

/** The build's placeholder base; keep in step with PACKAGE_BASE in astro.config.mjs. */
export const PACKAGE_BASE = '/__course_base__/';
const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_DIR = join(PROJECT, 'schemas', 'lms', 'scorm12');

/** Files the package leaves out: the offline machinery an LMS frame must not have. */
const LEFT_OUT = [/^sw\.js$/, /^manifest\.webmanifest$/, /^offline\//];

export interface PackageOptions {
	/** Where the zips go (default `packages/`, next to `dist/`). */
	outDir?: string;
	/** The package build's folder (default `.tmp/package-build/`). */
	buildDir?: string;
	/** The course folder (default `modules/`). */
	courseRoot?: string;
	/** Reuse an existing package build in buildDir instead of running `astro build`. */
	skipBuild?: boolean;
}

export interface PackageResult {
	scorm12: string;
	cmi5: string;
	/** The relative build the zips were made from (unpacked, for tests). */
	buildDir: string;
	files: number;
	bytes: { scorm12: number; cmi5: number };
}

function walk(dir: string, root = dir): string[] {
	return readdirSync(dir)
		.flatMap((name) => {
			const abs = join(dir, name);
			return statSync(abs).isDirectory() ? walk(abs, root) : [relative(root, abs).split(sep).join('/')];
		})
		.sort();
}

/**
 * Rewrites one HTML page for any folder: placeholder addresses become relative to the page
 * (folder addresses get index.html), the manifest link goes, and a `course-base` meta tag tells
 * the page's scripts where the package root is. Inline scripts and styles are left byte for
 * byte: the Content Security Policy holds their hashes.
 */
export function relativiseHtml(html: string, file: string): string {
	const depth = file.split('/').length - 1;
	const up = '../'.repeat(depth);
	for (const block of html.match(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g) ?? []) {
		if (!/\ssrc=/.test(block) && block.includes(PACKAGE_BASE))
			throw new Error(`${file}: an inline script or style names the base; it cannot be rewritten without breaking its CSP hash`);
	}
	const out = html
		.replace(/<link rel="manifest"[^>]*>/g, '')
		.replace(new RegExp(`${PACKAGE_BASE}([^"'\\s<>&)]*)`, 'g'), (_m, rest: string) => up + indexFile(rest))
		.replace(/<head>(<meta charset="[^"]*">)?/, (head) => `${head}<meta name="course-base" content="${up || './'}">`);
	if (out.includes(PACKAGE_BASE)) throw new Error(`${file}: an address with the placeholder base is left`);
	return out;
}

/** Makes the package build folder relative, in place. Returns its file list. */
export function relativise(buildDir: string): string[] {
	for (const file of walk(buildDir)) {
		const abs = join(buildDir, file);
		if (LEFT_OUT.some((re) => re.test(file))) {
			rmSync(abs);
			continue;
		}
		if (file.endsWith('.html')) writeFileSync(abs, relativiseHtml(readFileSync(abs, 'utf8'), file));
		else if (file.endsWith('.css')) {
			// Stylesheets live in _astro/: one level below the package root.
			const css = readFileSync(abs, 'utf8');
			if (css.includes(PACKAGE_BASE)) writeFileSync(abs, css.replaceAll(PACKAGE_BASE, '../'.repeat(file.split('/').length - 1)));
		}
	}
	for (const dir of ['offline']) rmSync(join(buildDir, dir), { recursive: true, force: true });
	return walk(buildDir);
}

function zip(buildDir: string, files: readonly string[], extra: Record<string, string>): Uint8Array {
	const entries: Zippable = {};
	// Already-compressed images gain nothing from deflate: stored as they are.
	for (const f of files) entries[f] = [readFileSync(join(buildDir, f)), { level: /\.(png|jpe?g|webp|woff2?)$/.test(f) ? 0 : 9 }];
	for (const [name, text] of Object.entries(extra)) entries[name] = new TextEncoder().encode(text);
	// A fixed date: the same course makes the same zip.
	return zipSync(entries, { level: 9, mtime: new Date('2020-01-01T00:00:00Z') });
}

export async function buildPackages(options: PackageOptions = {}): Promise<PackageResult> {
	const outDir = resolve(PROJECT, options.outDir ?? 'packages');
	const buildDir = resolve(PROJECT, options.buildDir ?? '.tmp/package-build');
	const courseRoot = resolve(PROJECT, options.courseRoot ?? 'modules');
	const { course } = loadCourse(courseRoot, { cwd: PROJECT });

	if (!options.skipBuild) {
		rmSync(buildDir, { recursive: true, force: true });
		const astro = join(PROJECT, 'node_modules', '.bin', 'astro');
		const run = spawnSync(astro, ['build'], {
			cwd: PROJECT,
			env: { ...process.env, COURSE_PACKAGE: '1', COURSE_OUT_DIR: buildDir, COURSE_ROOT: courseRoot },
			encoding: 'utf8',
		});
		if (run.status !== 0) throw new Error(`astro build failed:\n${run.stdout}\n${run.stderr}`);
	}
	const files = relativise(buildDir);
	if (!files.includes(CMI5_LAUNCH)) throw new Error(`the course home page ${CMI5_LAUNCH} is missing from the build`);

	const schemas = Object.fromEntries(SCORM12_SCHEMAS.map((name) => [name, readFileSync(join(SCHEMA_DIR, name), 'utf8')]));
	const manifest = scormManifest(course, [...files, ...SCORM12_SCHEMAS]);
	const scorm = zip(buildDir, files, { 'imsmanifest.xml': manifest, ...schemas });
	const cmi5 = zip(buildDir, files, { 'cmi5.xml': cmi5CourseStructure(course) });

	mkdirSync(outDir, { recursive: true });
	const result: PackageResult = {
		scorm12: join(outDir, 'scorm12.zip'),
		cmi5: join(outDir, 'cmi5.zip'),
		buildDir,
		files: files.length,
		bytes: { scorm12: scorm.byteLength, cmi5: cmi5.byteLength },
	};
	writeFileSync(result.scorm12, scorm);
	writeFileSync(result.cmi5, cmi5);
	return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
	const started = performance.now();
	const result = await buildPackages({ outDir: out, skipBuild: args.includes('--no-build') });
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
	console.log(
		`${relative(process.cwd(), result.scorm12)} (${kb(result.bytes.scorm12)}) and ${relative(process.cwd(), result.cmi5)} (${kb(result.bytes.cmi5)}): ${result.files} files each, made in ${seconds} s`,
	);
	if (!existsSync(result.scorm12)) process.exit(1);
}
