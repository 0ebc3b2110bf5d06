/**
 * A real Learning Record Store for the tests: Learning Locker's statement service
 * (`xapi-statements`, in memory), pinned to 127.0.0.1, behind a small gate that checks the
 * credentials (the service itself accepts any), answers CORS, and can be taken down and
 * brought back to simulate an LRS that is unreachable for a while.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Lrs {
	/** The endpoint to launch the course with (with trailing slash). */
	endpoint: string;
	/** The Authorization header value the gate accepts. */
	auth: string;
	/** Every statement the LRS holds. */
	statements(): Promise<Array<{ id: string; verb: { id: string }; object: { id: string }; context?: { registration?: string } }>>;
	/**
	 * Sets up a cmi5 launch as an LMS would: LMS.LaunchData in the State API and a one-time
	 * fetch URL for the auth token. Returns the fetch URL.
	 */
	cmi5(registration: string, launchData: Record<string, unknown>): string;
	/**
	 * How the gate treats statement requests from now on: `delayMs` holds each POST that long
	 * (a slow LRS); `fail` answers the next `count` POSTs with `status` and, if given, a
	 * `Retry-After` of that many seconds.
	 */
	behave(options: { delayMs?: number; fail?: { status: number; count: number; retryAfter?: number } }): void;
	/** Every statement POST the gate saw: when, and how it answered. */
	posts: Array<{ at: number; status: number }>;
	/** Close the gate: connections are refused, as if the LRS were down. */
	stop(): Promise<void>;
	/** Open the gate again on the same port. */
	start(): Promise<void>;
	/** Shut everything down. */
	close(): Promise<void>;
}

/** Resolves once `url` answers (any status below 500); throws after `ms`. Used for every local server the tests and benches start. */
export async function waitFor(url: string, ms: number) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		try {
			const r = await fetch(url);
			if (r.status < 500) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`Nothing answered at ${url} within ${ms / 1000} s`);
}

export interface LrsOptions {
	/**
	 * Runs the service's clock at this fraction of real speed (0 < rate < 1), starting just after
	 * its ids wrap, so that `more` paging stays correct for a load lasting up to 429.5 s / rate.
	 * Only the report bench at full size needs it: see tests/lrs/slow-clock.cjs.
	 */
	clockRate?: number;
	/** The service's heap limit in MB (it holds every statement in memory: about 3 KB each). */
	heapMb?: number;
}

export async function startLrs(port: number, user = 'course', password = 'secret', options: LrsOptions = {}): Promise<Lrs> {
	const internal = port + 1;
	const dir = mkdtempSync(join(tmpdir(), 'lrs-'));
	const preload = [
		...(options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : []),
		'-r',
		resolve('tests/lrs/loopback.cjs'),
		...(options.clockRate ? ['-r', resolve('tests/lrs/slow-clock.cjs')] : []),
	];
	const child: ChildProcess = spawn(process.execPath, [...preload, resolve('node_modules/xapi-statements/dist/index.js')], {
		env: {
			...process.env,
			...(options.clockRate ? { LRS_CLOCK_RATE: String(options.clockRate) } : {}),
			MODELS_REPO: 'memory',
			STORAGE_REPO: 'local',
			AUTH_REPO: 'test',
			EVENTS_REPO: 'test',
			EXPRESS_PORT: String(internal),
			FS_LOCAL_STORAGE_DIR: join(dir, 'storage'),
			EXPRESS_MORGAN_DIRECTORY: join(dir, 'access-logs'),
			WINSTON_CONSOLE_LEVEL: 'error',
			NODE_NO_WARNINGS: '1',
		},
		cwd: dir,
		// Its logs are noise here; a failure to start is reported by waitFor().
		stdio: 'ignore',
	});
	// Up to a minute: it answers in ~5 s on a busy 2-core machine, but took over 20 s with three
	// starting at once under a load of 18 (waitFor returns as soon as it answers). One that never
	// answers is stopped, not left holding its port for the next run. (Node's fetch refuses some
	// ports outright, e.g. 5060/5061: a TEST_PORT_OFFSET that lands a port there fails here.)
	await waitFor(`http://127.0.0.1:${internal}/xAPI/about`, 60_000).catch((e: unknown) => {
		child.kill();
		throw e;
	});
	const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

	let gate: Server | undefined;
	const behaviour: { delayMs?: number; fail?: { status: number; count: number; retryAfter?: number } } = {};
	const posts: Array<{ at: number; status: number }> = [];
	// The LMS side of cmi5, which the statement service does not provide.
	const launchData = new Map<string, string>();
	const fetchIds = new Map<string, boolean>(); // id -> used
	const cors = (origin: string | undefined) => ({
		'access-control-allow-origin': origin ?? '*',
		'access-control-allow-headers': 'Authorization, Content-Type, X-Experience-API-Version',
		'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
		'access-control-expose-headers': 'X-Experience-API-Version, Retry-After',
	});
	const open = () =>
		new Promise<void>((done) => {
			gate = createServer((req, res) => {
				if (req.method === 'OPTIONS') {
					res.writeHead(204, cors(req.headers.origin));
					return res.end();
				}
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				if (req.method === 'POST' && url.pathname.startsWith('/fetch/')) {
					const id = url.pathname.slice('/fetch/'.length);
					const used = fetchIds.get(id);
					res.writeHead(used === false ? 200 : 400, { ...cors(req.headers.origin), 'content-type': 'application/json' });
					if (used === false) fetchIds.set(id, true);
					return res.end(
						JSON.stringify(
							used === false ? { 'auth-token': auth.slice('Basic '.length) } : { 'error-code': '1', 'error-text': 'This fetch URL has already been used.' },
						),
					);
				}
				if (req.headers.authorization !== auth) {
					res.writeHead(401, { ...cors(req.headers.origin), 'content-type': 'application/json' });
					return res.end(JSON.stringify({ message: 'Unauthorised' }));
				}
				if (url.pathname === '/xAPI/activities/state' && url.searchParams.get('stateId') === 'LMS.LaunchData') {
					const data = launchData.get(url.searchParams.get('registration') ?? '');
					res.writeHead(data ? 200 : 404, { ...cors(req.headers.origin), 'content-type': 'application/json' });
					return res.end(data ?? '');
				}
				if (req.method === 'POST' && url.pathname === '/xAPI/statements' && behaviour.fail && behaviour.fail.count > 0) {
					behaviour.fail.count--;
					posts.push({ at: Date.now(), status: behaviour.fail.status });
					res.writeHead(behaviour.fail.status, {
						...cors(req.headers.origin),
						...(behaviour.fail.retryAfter !== undefined ? { 'retry-after': String(behaviour.fail.retryAfter) } : {}),
					});
					return res.end();
				}
				const delay = req.method === 'POST' && url.pathname === '/xAPI/statements' ? (behaviour.delayMs ?? 0) : 0;
				setTimeout(() => forward(req, res, url), delay);
				return undefined;
			});
			gate.listen(port, '127.0.0.1', () => done());
		});
	const forward = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => {
		const upstream = request({ host: '127.0.0.1', port: internal, path: req.url, method: req.method, headers: req.headers }, (up) => {
			const headers = { ...up.headers, ...cors(req.headers.origin) };
			delete headers['access-control-allow-credentials'];
			if (req.method === 'POST' && url.pathname === '/xAPI/statements') posts.push({ at: Date.now(), status: up.statusCode ?? 502 });
			res.writeHead(up.statusCode ?? 502, headers);
			up.pipe(res);
		});
		upstream.on('error', () => {
			res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	};
	await open();

	return {
		endpoint: `http://127.0.0.1:${port}/xAPI/`,
		auth,
		async statements() {
			const out: Array<{ id: string; verb: { id: string }; object: { id: string } }> = [];
			let next: string | undefined = `/xAPI/statements?limit=500`;
			while (next) {
				const r = await fetch(`http://127.0.0.1:${internal}${next}`, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
				const body = (await r.json()) as { statements: typeof out; more?: string };
				out.push(...body.statements);
				next = body.more || undefined;
			}
			return out;
		},
		behave(options) {
			Object.assign(behaviour, { delayMs: undefined, fail: undefined }, options);
		},
		posts,
		cmi5(registration, data) {
			launchData.set(registration, JSON.stringify(data));
			const id = crypto.randomUUID();
			fetchIds.set(id, false);
			return `http://127.0.0.1:${port}/fetch/${id}`;
		},
		stop: () =>
			new Promise<void>((done) => {
				if (!gate) return done();
				gate.closeAllConnections();
				gate.close(() => done());
				gate = undefined;
			}),
		start: () => (gate ? Promise.resolve() : open()),
		async close() {
			if (gate) {
				gate.closeAllConnections();
				await new Promise((r) => gate!.close(r));
			}
			child.kill();
		},
	};
}
