/**
 * How the course was launched. Without launch parameters it works fully with local records
 * only. With `endpoint` and `auth` (the widely used xAPI launch) it sends statements to that
 * LRS. Credentials come only from the launch URL, are kept in this tab's sessionStorage (never
 * localStorage, never the build) and leave the address bar before anything else happens
 * (./launch-capture.ts).
 *
 * A launch is refused, with a plain message, unless its addresses are ones the deployment
 * allows: https (http only for a loopback LRS, and loopback only in a build made for tests),
 * no user name or password in the address, an origin from the course configuration's
 * `lrs.allowedOrigins` when that list is set, and an `auth` value without line breaks.
 */
import type { Cmi5Launch } from './cmi5.ts';
import type { Actor } from './statements.ts';

export interface LrsLaunch {
	kind: 'xapi';
	/** LRS endpoint, with a trailing slash. */
	endpoint: string;
	/** The Authorization header value, e.g. `Basic abc=`. */
	auth: string;
	actor?: unknown;
	registration?: string;
	/** The LMS's activity id for the course (`activity_id`), used in `grouping`. */
	activityId?: string;
}

/** Which LRS addresses this build accepts (from the course configuration and the build). */
export interface LrsPolicy {
	/** Origins (scheme://host[:port]) an LRS or cmi5 fetch URL may have; empty: any https origin. */
	allowedOrigins: readonly string[];
	/** True only in builds made for the tests (COURSE_LRS_LOOPBACK=1): allows http://127.0.0.1 etc. */
	allowLoopback: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(url: URL): boolean {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks one address the course would talk to (the LRS endpoint or the cmi5 fetch URL).
 * Returns the parsed URL, or the plain-words reason it is refused.
 */
export function checkAddress(value: string, what: string, policy: LrsPolicy): URL | { error: string } {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return { error: `The launch link has ${what} that is not a web address.` };
	}
	if (!/^https?:$/.test(url.protocol)) return { error: `The launch link's ${what} must be an https address.` };
	if (url.username || url.password)
		return {
			error: `The launch link puts a user name or password inside ${what}. The course does not accept that: ask your learning system's administrator for a corrected link.`,
		};
	const loopback = isLoopback(url);
	if (loopback && !policy.allowLoopback) return { error: `The launch link's ${what} is on this computer (${url.host}), which this course does not accept.` };
	if (url.protocol === 'http:' && !loopback)
		return { error: `The launch link's ${what} is not secure (http, not https), so the course will not send records there.` };
	if (policy.allowedOrigins.length && !policy.allowedOrigins.includes(url.origin) && !(loopback && policy.allowLoopback)) {
		return { error: `The launch link's ${what} (${url.host}) is not one this course is set up to send records to.` };
	}
	return url;
}

/** Header values must not contain line breaks or other control characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Reads launch parameters. Returns undefined when there are none. */
export function parseLaunch(params: URLSearchParams | Record<string, string>, policy: LrsPolicy): LrsLaunch | Cmi5Launch | { error: string } | undefined {
	const get = (key: string): string | null => (params instanceof URLSearchParams ? params.get(key) : (params[key] ?? null));
	const endpoint = get('endpoint');
	if (!endpoint) return get('auth') || get('fetch') ? { error: 'The launch link gives no LRS endpoint.' } : undefined;
	const url = checkAddress(endpoint, 'LRS endpoint', policy);
	if ('error' in url) return url;
	const base = url.href.endsWith('/') ? url.href : `${url.href}/`;
	// cmi5: the LMS gives a fetch URL for the token instead of credentials.
	const fetchUrl = get('fetch');
	if (fetchUrl) {
		const fetchChecked = checkAddress(fetchUrl, 'token address (fetch)', policy);
		if ('error' in fetchChecked) return fetchChecked;
		const activityId = get('activityId');
		const registration = get('registration');
		const actor = get('actor');
		if (!activityId || !registration || !actor) return { error: 'The cmi5 launch link is missing its activityId, registration or actor.' };
		if (!UUID.test(registration)) return { error: 'The launch link has a registration that is not a UUID.' };
		try {
			const parsed = JSON.parse(actor) as unknown;
			if (!launchActor(parsed)) return { error: 'The launch link names no learner the course can use (actor).' };
			return { kind: 'cmi5', endpoint: base, fetchUrl: fetchChecked.href, activityId, registration, actor: parsed };
		} catch {
			return { error: 'The launch link has an actor that is not valid JSON.' };
		}
	}
	const auth = get('auth');
	if (!auth) return { error: 'The launch link names an LRS but gives no credentials (auth).' };
	if (CONTROL.test(auth)) return { error: 'The launch link has credentials (auth) with line breaks or other hidden characters, so they cannot be used.' };
	let actor: unknown;
	const rawActor = get('actor');
	if (rawActor) {
		try {
			actor = JSON.parse(rawActor);
		} catch {
			return { error: 'The launch link has an actor that is not valid JSON.' };
		}
	}
	const registration = get('registration') ?? undefined;
	if (registration && !UUID.test(registration)) return { error: 'The launch link has a registration that is not a UUID.' };
	const activityId = get('activity_id') ?? undefined;
	if (activityId !== undefined) {
		try {
			new URL(activityId);
		} catch {
			return { error: 'The launch link has an activity_id that is not an IRI.' };
		}
	}
	return { kind: 'xapi', endpoint: base, auth, actor, registration, activityId };
}

/** The origins an LRS launch will talk to, for the learner's consent. */
export function launchOrigins(launch: LrsLaunch | Cmi5Launch): string[] {
	const origins = [new URL(launch.endpoint).origin];
	if (launch.kind === 'cmi5') origins.push(new URL(launch.fetchUrl).origin);
	return [...new Set(origins)];
}

/**
 * The launch's learner as an xAPI Agent, or undefined when it names no identifier the course can
 * use. Tincan launches send `mbox` and `name` as arrays and the account as
 * `accountServiceHomePage`/`accountName`; an mbox is preferred over an account.
 */
export function launchActor(actor: unknown): Actor | undefined {
	if (!actor || typeof actor !== 'object') return undefined;
	const a = actor as Record<string, unknown>;
	const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
	const name = first(a.name);
	const mbox = first(a.mbox);
	const account = first(a.account) as Record<string, unknown> | undefined;
	const named = typeof name === 'string' ? { name } : {};
	if (typeof mbox === 'string') return { objectType: 'Agent', ...named, mbox: mbox.startsWith('mailto:') ? mbox : `mailto:${mbox}` };
	if (account && typeof account === 'object') {
		const homePage = account.homePage ?? account.accountServiceHomePage;
		const accName = account.name ?? account.accountName;
		if (typeof homePage === 'string' && typeof accName === 'string') return { objectType: 'Agent', ...named, account: { homePage, name: accName } };
	}
	return undefined;
}
