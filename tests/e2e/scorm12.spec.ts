/**
 * The SCORM 1.2 package's runtime in a browser, against a test page that plays the LMS with
 * scorm-again's Scorm12API (tests/lms/): the SCORM package itself (packages/scorm12.zip) is
 * unzipped, served from a sub-path and launched through lms/scorm12/index.html in a frame, as an
 * LMS does. Learners act through the UI.
 * The harness refuses suspend_data over 4,096 characters and other strings over 255, which
 * scorm-again itself would accept.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { expect, test, type Browser, type Frame, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { testPort } from '../ports.ts';
import { COURSE_PATH, startLmsServer } from '../lms/server.ts';
import { decodeSuspendData } from '../../src/lms/scorm12/suspend.ts';
import { completeModule, course, pathOf, takeAssessment } from './helpers.ts';

const PORT = testPort(4460);
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** The SCORM package npm run package made: what an LMS is given. */
const ZIP = resolve('packages', 'scorm12.zip');
/** Where the package is unzipped (or an unzipped package given in SCORM_COURSE_DIR). */
const DIR = process.env.SCORM_COURSE_DIR ?? resolve('.tmp', 'scorm12-e2e');
const LEARNER = { role: 'teaching' as const, recruiter: false };
const STUDENT = { student_id: 'jo.smith@reach2.org', student_name: 'Smith, Jo' };

interface Lms {
	calls: Array<{ name: string; args: string[]; result: string }>;
	violations: Array<{ element: string; length: number }>;
	stored: Record<string, string>;
	finished: boolean;
}

function newest(dir: string): number {
	let t = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return t;
}

let server: Server;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	test.setTimeout(600_000);
	if (!process.env.SCORM_COURSE_DIR) {
		// The zip npm test made (npm run package); made here when missing or older than the sources.
		if (!existsSync(ZIP) || statSync(ZIP).mtimeMs < Math.max(newest('src'), newest('modules'))) {
			execFileSync(process.execPath, ['--experimental-strip-types', 'scripts/package.ts'], { stdio: 'inherit' });
		}
		// Unzipped as an LMS does, and served from the sub-path /lms-test/course/.
		rmSync(DIR, { recursive: true, force: true });
		for (const [name, data] of Object.entries(unzipSync(readFileSync(ZIP)))) {
			if (name.endsWith('/')) continue;
			mkdirSync(dirname(join(DIR, name)), { recursive: true });
			writeFileSync(join(DIR, name), data);
		}
	}
	// What an LMS is given: the package's manifest is there, and no service worker.
	expect(existsSync(join(DIR, 'imsmanifest.xml')), `${DIR} is not an unzipped SCORM package`).toBe(true);
	expect(existsSync(join(DIR, 'sw.js'))).toBe(false);
	server = await startLmsServer(PORT, DIR);
});
test.afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** Opens the LMS harness, which launches the SCO with the cmi data the LMS kept. */
async function launch(page: Page, cmi: Record<string, unknown>): Promise<Frame> {
	await page.addInitScript((l) => ((window as unknown as { __launch: unknown }).__launch = l), { cmi, sco: `${COURSE_PATH}lms/scorm12/index.html` });
	await page.goto(`${ORIGIN}/lms-test/scorm12-harness.html`);
	const handle = await page.locator('#sco').contentFrame().locator('#course-frame').elementHandle();
	const frame = (await handle!.contentFrame())!;
	await expect.poll(() => frame.url()).toContain(COURSE_PATH);
	return frame;
}

/** The course frame, as the shared helpers expect a page: `goto('/x/')` opens the course's /x/ in the frame. */
function asPage(frame: Frame): Page {
	return new Proxy(frame, {
		get(target, prop) {
			if (prop === 'goto') return (path: string) => target.goto(`${ORIGIN}${COURSE_PATH}${path.replace(/^\//, '')}`);
			const value = (target as unknown as Record<PropertyKey, unknown>)[prop];
			return typeof value === 'function' ? value.bind(target) : value;
		},
	}) as unknown as Page;
}

const lms = (page: Page) => page.evaluate(() => (window as unknown as { __lms: Lms }).__lms);

/** The LMS closes the SCO (as when the learner leaves the activity): its page is hidden and unloaded. */
async function closeSco(page: Page): Promise<Lms> {
	await page.evaluate(() => ((document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank'));
	await expect.poll(async () => (await lms(page)).finished).toBe(true);
	return lms(page);
}

/** "Your details" offers the LMS's name and id; the learner picks their role and saves. */
async function confirmDetails(frame: Frame): Promise<void> {
	await expect(frame.getByLabel('Your name')).toHaveValue('Jo Smith');
	await expect(frame.getByLabel('Work email address', { exact: true })).toHaveValue('jo.smith@reach2.org');
	await frame.getByRole('radio', { name: /^Teaching staff/ }).check();
	await frame.getByRole('button', { name: 'Save my details' }).click();
	await expect(frame.getByText('Your details are saved on this device')).toBeVisible();
}

/** The progress an LMS holds in cmi.suspend_data, decoded with the dictionary the package's launch page carries. */
function keptByLms(suspendData: string) {
	const html = readFileSync(join(DIR, 'lms', 'scorm12', 'index.html'), 'utf8');
	const json = /<script id="suspend-dictionary" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
	expect(json, 'the launch page carries its suspend_data dictionary').toBeTruthy();
	return decodeSuspendData(suspendData, JSON.parse(json!) as string);
}

const status = async (page: Page) => (await lms(page)).stored['cmi.core.lesson_status'];

test('a learner completes the path, fails, retakes and passes: the LMS ends with passed, the score and the session time', async ({ page }) => {
	test.setTimeout(600_000);
	const frame = await launch(page, { core: { ...STUDENT, lesson_status: 'not attempted', entry: 'ab-initio' } });
	const learner = asPage(frame);
	await confirmDetails(frame);
	await expect.poll(() => status(page)).toBe('incomplete');

	for (const id of pathOf(LEARNER).required) await completeModule(learner, id, LEARNER.role);
	await expect.poll(() => status(page)).toBe('completed');

	await takeAssessment(learner, false);
	await expect(frame.getByRole('heading', { name: /^You did not pass this time/ })).toBeVisible();
	await expect.poll(() => status(page)).toBe('failed');
	expect(Number((await lms(page)).stored['cmi.core.score.raw'])).toBeLessThan(80);

	await takeAssessment(learner, true);
	await expect(frame.getByRole('heading', { name: /^You passed/ })).toBeVisible();
	await expect.poll(() => status(page)).toBe('passed');

	const end = await closeSco(page);
	const names = end.calls.map((c) => c.name);
	expect(names.filter((n) => n === 'LMSInitialize')).toHaveLength(1);
	expect(names.filter((n) => n === 'LMSFinish')).toHaveLength(1);
	expect(names.at(-1)).toBe('LMSFinish'); // nothing after the session ended
	expect(end.stored['cmi.core.lesson_status']).toBe('passed');
	const score = Number(end.stored['cmi.core.score.raw']);
	expect(score).toBeGreaterThanOrEqual(80);
	expect(score).toBeLessThanOrEqual(100);
	expect(end.stored['cmi.core.score.min']).toBe('0');
	expect(end.stored['cmi.core.score.max']).toBe('100');
	expect(end.stored['cmi.core.session_time']).toMatch(/^\d{4}:\d\d:\d\d\.\d\d$/);
	expect(end.stored['cmi.core.session_time']).not.toBe('0000:00:00.00');
	expect(end.stored['cmi.core.exit']).toBe('');
	expect(end.violations).toEqual([]);
});

test("a relaunch on a new device with the LMS's stored data resumes where the learner left off", async ({ page, browser }) => {
	test.setTimeout(300_000);
	// Once it has opened the course, the launch page must report with the code it has: it once
	// loaded the join of two windows' progress on demand, and while that chunk was slow it reported
	// stale progress to the LMS. Here the code it asks for after opening the course never arrives.
	let opened = false;
	await page.route('**/*', (route) => {
		const request = route.request();
		if (request.resourceType() === 'document' && request.url().includes(COURSE_PATH) && !request.url().includes('/lms/scorm12/')) opened = true;
		const fromLaunchPage = request.frame().url().includes('/lms/scorm12/');
		return opened && fromLaunchPage && request.resourceType() === 'script' ? new Promise<void>(() => {}) : route.continue();
	});
	const frame = await launch(page, { core: { ...STUDENT, lesson_status: 'not attempted', entry: 'ab-initio' } });
	await confirmDetails(frame);
	const first = pathOf(LEARNER).required[0]!;
	await completeModule(asPage(frame), first, LEARNER.role);
	const lessonsRead = course.modules.find((m) => m.id === first)!.lessons.filter((l) => pathOf(LEARNER).lessonFor(first, l.id)).length;
	const onDevice = await frame.evaluate(() => JSON.parse(localStorage.getItem('policy-course:progress')!).data);
	expect(onDevice.attempt.checks[first], 'the check result is saved on the device').toBeTruthy();
	const end = await closeSco(page);
	expect(end.stored['cmi.core.exit']).toBe('suspend');
	expect(end.stored['cmi.suspend_data']!.length).toBeLessThanOrEqual(4096);
	expect(end.violations).toEqual([]);
	// What the LMS kept when the SCO closed: everything the device had.
	const lmsKept = keptByLms(end.stored['cmi.suspend_data']!);
	expect(lmsKept?.attempt.checks[first], 'the LMS holds the check result').toEqual(onDevice.attempt.checks[first]);
	expect(Object.keys(lmsKept!.attempt.lessons).sort()).toEqual(Object.keys(onDevice.attempt.lessons).sort());
	expect(Object.keys(lmsKept!.attempt.scenarios).sort()).toEqual(Object.keys(onDevice.attempt.scenarios).sort());

	// Another browser: nothing on the device, only what the LMS kept.
	const other = await (browser as Browser).newContext({ serviceWorkers: 'block' });
	const page2 = await other.newPage();
	const kept = {
		...STUDENT,
		lesson_status: end.stored['cmi.core.lesson_status'],
		lesson_location: end.stored['cmi.core.lesson_location'] ?? '',
		entry: 'resume',
	};
	const frame2 = await launch(page2, { core: kept, suspend_data: end.stored['cmi.suspend_data'] });
	await confirmDetails(frame2);
	await frame2.goto(`${ORIGIN}${COURSE_PATH}`);
	const next = frame2.getByTestId('next-step');
	const secondTitle = course.modules.find((m) => m.id === pathOf(LEARNER).required[1])!.data.title;
	await expect(next).toHaveText(`Continue: ${secondTitle}`);
	const progress = await frame2.evaluate(() => JSON.parse(localStorage.getItem('policy-course:progress')!).data);
	expect(Object.keys(progress.attempt.lessons).filter((k: string) => k.startsWith(`${first}/`))).toHaveLength(lessonsRead);
	expect(progress.attempt.checks[first]).toBeTruthy();
	await other.close();
});
