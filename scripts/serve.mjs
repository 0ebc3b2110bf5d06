/**
 * Serves the built course (dist/) on http://127.0.0.1:PORT (default 4321), used by `npm start`,
 * the browser tests and the bench. The files are served by `sirv` (a maintained static server);
 * this script adds what a careful host adds: the security headers the README recommends, a
 * `400` for a request it cannot decode (instead of crashing), trailing-slash redirects, and
 * gzip compression of text responses (`compression`, the maintained middleware), which every
 * static host applies and without which a phone on a slow network waits ~3 times as long for
 * the pages, the stylesheet and the scripts (Lighthouse measures through this server).
 *
 *   node scripts/serve.mjs [--dir dist] [--port 4321] [--host 127.0.0.1]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import compression from 'compression';
import sirv from 'sirv';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : fallback;
};
const root = resolve(opt('dir', process.env.SERVE_DIR ?? 'dist'));
const port = Number(opt('port', process.env.PORT ?? 4321));
const host = opt('host', process.env.HOST ?? '127.0.0.1');

if (!existsSync(join(root, 'index.html'))) {
	console.error(`No built course in ${root}: run "npm run build" first.`);
	process.exit(1);
}

/**
 * Sent with every response. The pages carry their full Content-Security-Policy in a meta tag
 * (with script hashes Astro computes); `frame-ancestors` only works as a header, so it is sent
 * here. Two policies both apply, so this header narrows the meta policy and never loosens it.
 * The same set is listed for hosts in the README ("Publishing").
 */
const SECURITY_HEADERS = {
	'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
	'X-Frame-Options': 'DENY',
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * How long a browser may keep each response. Pages may hold a launch link's details in the
 * address bar the moment they load, so they are never stored (`no-store`); hashed assets
 * never change; everything else (the service worker, manifest, icons) is revalidated.
 */
function cacheControl(pathname, file) {
	if (pathname.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
	if (file.endsWith('.html')) return 'no-store';
	return 'no-cache';
}

// `dev: true` makes sirv look at the disk on each request instead of listing the folder once at
// start: a test deploys a changed build into a folder that is already being served.
const files = sirv(root, {
	dev: true,
	etag: true,
	extensions: ['html'],
	setHeaders(res, pathname) {
		const file = extname(pathname) ? pathname : `${pathname.replace(/\/?$/, '/')}index.html`;
		res.setHeader('Cache-Control', cacheControl(pathname, file));
	},
});

function isDirectory(pathname) {
	try {
		const abs = resolve(join(root, pathname));
		return abs.startsWith(root) && statSync(abs).isDirectory() && existsSync(join(abs, 'index.html'));
	} catch {
		return false;
	}
}

function notFound(req, res) {
	res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
	if (req.method === 'HEAD') return res.end();
	createReadStream(join(root, '404.html'))
		.on('error', () => res.end('Not found'))
		.pipe(res);
}

const compress = compression();

const server = createServer((req, res) => {
	compress(req, res, () => serve(req, res));
});

function serve(req, res) {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	let pathname;
	try {
		// One malformed request (e.g. `GET /%E0%A4%A`) gets a 400; the server keeps serving.
		pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
		if (pathname.includes('\0')) throw new URIError('NUL in path');
	} catch {
		res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
		return res.end('Bad request: the address could not be read.');
	}
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
		return res.end('Method not allowed.');
	}
	// /modules/x -> /modules/x/ like a static host with trailing slashes (Astro's `trailingSlash`).
	if (!extname(pathname) && !pathname.endsWith('/') && isDirectory(pathname)) {
		const { search } = new URL(req.url ?? '/', 'http://localhost');
		res.writeHead(301, { Location: `${encodeURI(pathname)}/${search}`, 'Cache-Control': 'no-store' });
		return res.end();
	}
	files(req, res, () => notFound(req, res));
}

server.on('clientError', (_error, socket) => {
	// A request Node itself cannot parse: answer 400 and keep serving everyone else.
	if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
});

server.listen(port, host, () => console.log(`Serving the course from ${root} at http://${host}:${port}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
