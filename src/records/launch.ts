/**
 * How the course was launched. Without launch parameters it works fully with local records
 * only. With `endpoint` and `auth` (the widely used xAPI launch) it sends statements to that
 * LRS. Credentials come only from the launch URL, are kept in this tab's sessionStorage (never
 * localStorage, never the build) and are removed from the address bar at once.
 */
import type { Cmi5Launch } from './cmi5.ts';

export interface LrsLaunch {
	kind: 'xapi';
	/** LRS endpoint, with a trailing slash. */
	endpoint: string;
	/** The Authorization header value, e.g. `Basic abc=`. */
	auth: string;
	actor?: unknown;
	registration?: string;
	activityId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads launch parameters from a query string. Returns undefined when there are none. */
export function parseLaunch(search: string): LrsLaunch | Cmi5Launch | { error: string } | undefined {
	const params = new URLSearchParams(search);
	const endpoint = params.get('endpoint');
	if (!endpoint) return undefined;
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return { error: 'The launch link has an LRS endpoint that is not a web address.' };
	}
	if (!/^https?:$/.test(url.protocol)) return { error: 'The LRS endpoint must be an http(s) address.' };
	const base = url.href.endsWith('/') ? url.href : `${url.href}/`;
	// cmi5: the LMS gives a fetch URL for the token instead of credentials.
	const fetchUrl = params.get('fetch');
	if (fetchUrl) {
		const activityId = params.get('activityId');
		const registration = params.get('registration');
		const actor = params.get('actor');
		if (!activityId || !registration || !actor) return { error: 'The cmi5 launch link is missing its activityId, registration or actor.' };
		if (!UUID.test(registration)) return { error: 'The launch link has a registration that is not a UUID.' };
		try {
			return { kind: 'cmi5', endpoint: base, fetchUrl, activityId, registration, actor: JSON.parse(actor) };
		} catch {
			return { error: 'The launch link has an actor that is not valid JSON.' };
		}
	}
	const auth = params.get('auth');
	if (!auth) return { error: 'The launch link names an LRS but gives no credentials (auth).' };
	let actor: unknown;
	const rawActor = params.get('actor');
	if (rawActor) {
		try {
			actor = JSON.parse(rawActor);
		} catch {
			return { error: 'The launch link has an actor that is not valid JSON.' };
		}
	}
	const registration = params.get('registration') ?? undefined;
	if (registration && !UUID.test(registration)) return { error: 'The launch link has a registration that is not a UUID.' };
	return {
		kind: 'xapi',
		endpoint: base,
		auth,
		actor,
		registration,
		activityId: params.get('activity_id') ?? undefined,
	};
}

/** Normalises a launch actor (tincan launches send `mbox` and `name` as arrays). */
export function launchActor(actor: unknown): { name?: string; mbox?: string; account?: { homePage: string; name: string } } | undefined {
	if (!actor || typeof actor !== 'object') return undefined;
	const a = actor as Record<string, unknown>;
	const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
	const name = first(a.name);
	const mbox = first(a.mbox);
	const account = first(a.account) as Record<string, unknown> | undefined;
	const out: { name?: string; mbox?: string; account?: { homePage: string; name: string } } = {};
	if (typeof name === 'string') out.name = name;
	if (typeof mbox === 'string') out.mbox = mbox.startsWith('mailto:') ? mbox : `mailto:${mbox}`;
	if (account && typeof account === 'object') {
		const homePage = account.homePage ?? account.accountServiceHomePage;
		const accName = account.name ?? account.accountName;
		if (typeof homePage === 'string' && typeof accName === 'string') out.account = { homePage, name: accName };
	}
	return out.mbox || out.account ? out : undefined;
}
