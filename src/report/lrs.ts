/**
 * Reads the course's statements from any conformant LRS with the standard Statements API:
 * `GET statements?activity=<course IRI>&related_activities=true&ascending=true`, then follows
 * `more` page by page. Each page is handed to the caller and dropped, so a trust of any size
 * is read in constant memory. Credentials live only in the arguments of this call.
 */
import type { AnyStatement } from './fold.ts';

export interface LrsConnection {
	/** The LRS endpoint, e.g. `https://lrs.example.org/xAPI/`. */
	endpoint: string;
	/** The full Authorization header value (`Basic …`). */
	auth: string;
}

/**
 * Statements asked for per page. Larger pages mean fewer requests, and an LRS that finds each page
 * by filtering and sorting what it holds (Learning Locker's in-memory service does) does that work
 * once per page; 5,000 statements (a few MB of JSON) is still one small page to hold. An LRS with a
 * lower cap simply sends fewer and a `more` link (xAPI 1.0.3: the `limit` is a maximum).
 */
export const PAGE_SIZE = 5000;

export class LrsError extends Error {}

/** `Basic base64(key:secret)` from a key and secret typed in. */
export function basicAuth(key: string, secret: string): string {
	const bytes = new TextEncoder().encode(`${key}:${secret}`);
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return `Basic ${btoa(bin)}`;
}

/** Checks an endpoint typed in: an absolute http(s) URL, ending in a slash. */
export function normaliseEndpoint(text: string): string {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		throw new LrsError('The LRS address is not a web address. It looks like https://lrs.example.org/xAPI/');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new LrsError('The LRS address must start with https://');
	if (url.search || url.hash) throw new LrsError('The LRS address should not have a ? or # part.');
	return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * Streams every statement about the course (and its lessons, cases and questions) to `onPage`,
 * oldest first. Returns the number of statements read.
 */
export async function readStatements(
	conn: LrsConnection,
	activity: string,
	onPage: (statements: AnyStatement[]) => void | Promise<void>,
	options: { limit?: number; fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<number> {
	const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
	const endpoint = normaliseEndpoint(conn.endpoint);
	const params = new URLSearchParams({ activity, related_activities: 'true', ascending: 'true', limit: String(options.limit ?? PAGE_SIZE), format: 'exact' });
	let next: string | undefined = new URL(`statements?${params}`, endpoint).href;
	let total = 0;
	while (next) {
		let response: Response;
		try {
			response = await doFetch(next, {
				headers: { Authorization: conn.auth, 'X-Experience-API-Version': '1.0.3', Accept: 'application/json' },
				signal: options.signal,
				credentials: 'omit',
				cache: 'no-store',
				referrerPolicy: 'no-referrer',
			});
		} catch (error) {
			if ((error as Error).name === 'AbortError') throw error;
			throw new LrsError('The LRS could not be reached. Check the address, and that this page is allowed to read from it (CORS).');
		}
		if (response.status === 401 || response.status === 403)
			throw new LrsError('The LRS refused the key and secret. Check them, and that they may read statements.');
		if (!response.ok) throw new LrsError(`The LRS answered with an error (${response.status}).`);
		let body: { statements?: AnyStatement[]; more?: string };
		try {
			body = (await response.json()) as typeof body;
		} catch {
			throw new LrsError('The LRS sent something that is not a statement list.');
		}
		if (!Array.isArray(body.statements)) throw new LrsError('The LRS sent something that is not a statement list.');
		total += body.statements.length;
		await onPage(body.statements);
		// `more` is relative to the LRS's host (xAPI 1.0.3, 2.1.4): resolve it against the endpoint.
		next = body.more ? new URL(body.more, endpoint).href : undefined;
	}
	return total;
}
