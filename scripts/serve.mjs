/**
 * Serves the built course (dist/) on http://127.0.0.1:PORT (default 4321). Plain Node, no
 * dependencies: a static host in miniature, used by `npm start` and by the browser tests.
 *
 *   node scripts/serve.mjs [--dir dist] [--port 4321] [--host 127.0.0.1]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : fallback;
};
const root = resolve(opt('dir', process.env.SERVE_DIR ?? 'dist'));
const port = Number(opt('port', process.env.PORT ?? 4321));
const host = opt('host', process.env.HOST ?? '127.0.0.1');

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml',
};

if (!existsSync(join(root, 'index.html'))) {
	console.error(`No built course in ${root}: run "npm run build" first.`);
	process.exit(1);
}

function resolveFile(pathname) {
	const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	let file = join(root, safe);
	if (!file.startsWith(root)) return undefined;
	if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
	return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

const server = createServer((req, res) => {
	const { pathname } = new URL(req.url ?? '/', 'http://localhost');
	// /modules/x -> /modules/x/ like a static host with trailing slashes
	if (!extname(pathname) && !pathname.endsWith('/') && resolveFile(`${pathname}/`)) {
		res.writeHead(301, { location: `${pathname}/` });
		return res.end();
	}
	const file = resolveFile(pathname);
	const headers = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'no-referrer',
		// Hashed assets never change; everything else is revalidated so updates are seen.
		'cache-control': pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
	};
	if (!file) {
		res.writeHead(404, { ...headers, 'content-type': TYPES['.html'] });
		return createReadStream(join(root, '404.html')).pipe(res);
	}
	res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
	if (req.method === 'HEAD') return res.end();
	createReadStream(file).pipe(res);
});
server.listen(port, host, () => console.log(`Serving the course from ${root} at http://${host}:${port}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
