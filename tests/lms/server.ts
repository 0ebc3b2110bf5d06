/**
 * Serves the SCORM browser test's "LMS": the harness at /lms-test/, scorm-again's Scorm12API
 * beside it, and the course built for the sub-path /lms-test/course/ (an LMS serves a package
 * from its own folder, on its own origin, and frames it: no frame-blocking headers here).
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';

export const COURSE_PATH = '/lms-test/course/';

export function startLmsServer(port: number, courseDir: string): Promise<Server> {
	const course = sirv(resolve(courseDir), { dev: true, extensions: ['html'] });
	const harness = sirv(resolve('tests/lms'), { dev: true });
	const runtime = sirv(resolve('node_modules/scorm-again/dist'), { dev: true });
	const server = createServer((req, res) => {
		const url = req.url ?? '/';
		const notFound = () => {
			res.statusCode = 404;
			res.end('not found');
		};
		if (url.startsWith(COURSE_PATH)) {
			req.url = url.slice(COURSE_PATH.length - 1);
			return course(req, res, notFound);
		}
		if (url.startsWith('/lms-test/scorm12.min.js')) {
			req.url = '/scorm12.min.js';
			return runtime(req, res, notFound);
		}
		if (url.startsWith('/lms-test/')) {
			req.url = url.slice('/lms-test'.length);
			return harness(req, res, notFound);
		}
		notFound();
	});
	return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}
