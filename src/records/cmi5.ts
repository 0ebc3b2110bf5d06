/**
 * cmi5: the course as an Assignable Unit (AU) launched by an LMS. The launch gives `endpoint`,
 * `fetch`, `actor`, `registration` and `activityId`; the AU POSTs to `fetch` once for its
 * auth token (kept for this tab, reused on reload), reads LMS.LaunchData from the State API,
 * and sends the cmi5 defined statements in order (initialized first, terminated last, at
 * most one passed and one completed per registration) using the LMS's context template.
 */
import { deliveryOf, type Opening, type Transport } from './transport.ts';
import { fetchSender } from './outbox.ts';
import { EXT, type Activity, type Statement } from './statements.ts';

export const CMI5 = {
	category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
	moveOnCategory: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
	sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
	masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
} as const;

export interface Cmi5Launch {
	kind: 'cmi5';
	endpoint: string;
	fetchUrl: string;
	actor: unknown;
	registration: string;
	activityId: string;
}

/** LMS.LaunchData, as the LMS writes it to the State API. */
export interface LaunchData {
	contextTemplate: { contextActivities?: Statement['context']['contextActivities']; extensions?: Record<string, unknown> };
	launchMode: 'Normal' | 'Browse' | 'Review';
	launchMethod?: string;
	moveOn?: 'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';
	masteryScore?: number;
	returnURL?: string;
	launchParameters?: string;
}

/** The defined verbs an AU sends. */
export type DefinedKind = 'initialized' | 'passed' | 'failed' | 'completed' | 'terminated';

/**
 * Turns one of the course's own statements into the cmi5 defined statement: the AU is the
 * object, the context is the LMS's template plus the cmi5 (and moveOn) categories.
 */
export function toDefined(statement: Statement, kind: DefinedKind, launch: Cmi5Launch, data: LaunchData): Statement {
	const au: Activity = { objectType: 'Activity', id: launch.activityId, definition: statement.object.definition };
	const categories: Array<{ objectType: 'Activity'; id: string }> = [{ objectType: 'Activity', id: CMI5.category }];
	// moveOn: the statements the LMS weighs for moveOn (cmi5 9.6.2.2), failed included.
	if (kind === 'passed' || kind === 'failed' || kind === 'completed') categories.push({ objectType: 'Activity', id: CMI5.moveOnCategory });
	const extensions: Record<string, unknown> = { ...statement.context.extensions, ...data.contextTemplate.extensions };
	if ((kind === 'passed' || kind === 'failed') && data.masteryScore !== undefined) extensions[CMI5.masteryScore] = data.masteryScore;
	const result = statement.result ? { ...statement.result } : {};
	if (kind === 'passed' || kind === 'failed') delete result.completion; // cmi5: completion belongs to "completed"
	if (kind === 'completed') {
		delete result.success;
		// cmi5: no score in "completed"; the course score stays in the record (the verification
		// code covers it) as an extension.
		if (result.score) result.extensions = { ...result.extensions, [EXT.courseScore]: result.score.raw };
		delete result.score;
	}
	return {
		...statement,
		object: au,
		...(Object.keys(result).length ? { result } : {}),
		context: {
			...statement.context,
			contextActivities: {
				...data.contextTemplate.contextActivities,
				category: [...(data.contextTemplate.contextActivities?.category ?? []), ...categories],
			},
			extensions,
		},
	};
}

/** Allowed (non-defined) statements carry the template's context (session id) too, but no cmi5 category. */
export function toAllowed(statement: Statement, data: LaunchData): Statement {
	const template = data.contextTemplate.contextActivities ?? {};
	return {
		...statement,
		context: {
			...statement.context,
			contextActivities: {
				...statement.context.contextActivities,
				grouping: [...(template.grouping ?? []), ...(statement.context.contextActivities.grouping ?? [])],
			},
			extensions: { ...statement.context.extensions, ...data.contextTemplate.extensions },
		},
	};
}

/** Gets the auth token: from this tab's cache, else by POSTing to the fetch URL (once). */
export async function fetchToken(launch: Cmi5Launch, cache: Pick<Storage, 'getItem' | 'setItem'>): Promise<string> {
	const key = `policy-course:cmi5-token:${launch.registration}`;
	const cached = cache.getItem(key);
	if (cached) return cached;
	const response = await fetch(launch.fetchUrl, { method: 'POST' }).catch(() => undefined);
	const body = ((await response?.json().catch(() => ({}))) ?? {}) as { 'auth-token'?: unknown; 'error-text'?: unknown };
	const token = body['auth-token'];
	// A token goes into a header: control characters (line breaks above all) are refused.
	// eslint-disable-next-line no-control-regex
	if (!response?.ok || typeof token !== 'string' || !token || /[\u0000-\u001f\u007f]/.test(token)) {
		const said = typeof body['error-text'] === 'string' ? ` It said: "${body['error-text'].slice(0, 300)}"` : '';
		throw new LaunchProblem(
			'Your learning system did not let the course connect, so your records are kept on this device only. Open the course again from your learning system; the details are on My record.',
			`The token request (fetch URL) ${response ? `was answered with ${response.status}` : 'got no answer'}.${said}`,
		);
	}
	cache.setItem(key, token);
	return token;
}

/**
 * A problem with what the LMS sent. `message` is the course's own fixed wording for the
 * learner; `detail` is what the LMS said or what exactly was wrong, shown on "My record" only
 * (never word for word on every page: issue 21.3).
 */
export class LaunchProblem extends Error {
	constructor(
		message: string,
		readonly detail: string,
	) {
		super(message);
	}
}

const SETTINGS = 'Your learning system sent launch settings the course cannot use, so your records are kept on this device only. The details are on My record.';
const MODES = ['Normal', 'Browse', 'Review'];
const MOVE_ON = ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'];

/**
 * Checks every LMS.LaunchData field the course uses (cmi5 section 10): the context template
 * with its session id, launchMode, moveOn, masteryScore (a number from 0 to 1) and returnURL
 * (an http(s) address, resolved against the course's own address when relative).
 */
export function validateLaunchData(raw: unknown, base: string): LaunchData {
	const bad = (detail: string) => new LaunchProblem(SETTINGS, `LMS.LaunchData: ${detail}`);
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('not a JSON object.');
	const d = raw as Record<string, unknown>;
	const template = d.contextTemplate as LaunchData['contextTemplate'] | undefined;
	if (!template || typeof template !== 'object') throw bad('contextTemplate is missing.');
	const sessionId = template.extensions?.[CMI5.sessionId];
	if (typeof sessionId !== 'string' || !sessionId) throw bad('contextTemplate has no session id.');
	if (template.contextActivities !== undefined && (typeof template.contextActivities !== 'object' || template.contextActivities === null))
		throw bad('contextTemplate.contextActivities is not an object.');
	if (typeof d.launchMode !== 'string' || !MODES.includes(d.launchMode))
		throw bad(`launchMode ${JSON.stringify(d.launchMode)} is not Normal, Browse or Review.`);
	if (d.moveOn !== undefined && (typeof d.moveOn !== 'string' || !MOVE_ON.includes(d.moveOn)))
		throw bad(`moveOn ${JSON.stringify(d.moveOn)} is not a cmi5 moveOn value.`);
	if (d.masteryScore !== undefined && (typeof d.masteryScore !== 'number' || !Number.isFinite(d.masteryScore) || d.masteryScore < 0 || d.masteryScore > 1)) {
		throw bad(`masteryScore ${JSON.stringify(d.masteryScore)} is not a number from 0 to 1.`);
	}
	let returnURL: string | undefined;
	if (d.returnURL !== undefined) {
		let url: URL | undefined;
		try {
			url = typeof d.returnURL === 'string' ? new URL(d.returnURL, base) : undefined;
		} catch {
			url = undefined;
		}
		if (!url || !/^https?:$/.test(url.protocol)) throw bad(`returnURL ${JSON.stringify(String(d.returnURL).slice(0, 100))} is not an http(s) address.`);
		returnURL = url.href;
	}
	if (d.launchParameters !== undefined && typeof d.launchParameters !== 'string') throw bad('launchParameters is not text.');
	return {
		contextTemplate: template,
		launchMode: d.launchMode as LaunchData['launchMode'],
		...(typeof d.launchMethod === 'string' ? { launchMethod: d.launchMethod } : {}),
		...(d.moveOn !== undefined ? { moveOn: d.moveOn as LaunchData['moveOn'] } : {}),
		...(d.masteryScore !== undefined ? { masteryScore: d.masteryScore as number } : {}),
		...(returnURL ? { returnURL } : {}),
		...(typeof d.launchParameters === 'string' ? { launchParameters: d.launchParameters } : {}),
	};
}

export async function fetchLaunchData(launch: Cmi5Launch, auth: string, base: string): Promise<LaunchData> {
	const params = new URLSearchParams({
		stateId: 'LMS.LaunchData',
		activityId: launch.activityId,
		agent: JSON.stringify(launch.actor),
		registration: launch.registration,
	});
	const response = await fetch(`${launch.endpoint}activities/state?${params}`, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
	if (!response.ok)
		throw new LaunchProblem(
			'The course could not read its settings from your learning system, so your records are kept on this device only. The details are on My record.',
			`LMS.LaunchData could not be read: the LRS answered ${response.status}.`,
		);
	return validateLaunchData(await response.json().catch(() => undefined), base);
}

/** The session id the LMS gave this launch. */
export function sessionIdOf(data: LaunchData): string {
	return String(data.contextTemplate.extensions?.[CMI5.sessionId] ?? '');
}

/**
 * Whether the LMS's moveOn criterion is met by the defined statements already sent: the AU
 * uses it to tell the learner when they may finish and return to their learning system.
 */
export function moveOnMet(moveOn: LaunchData['moveOn'], sent: { passed: boolean; completed: boolean }): boolean {
	switch (moveOn) {
		case 'Passed':
			return sent.passed;
		case 'Completed':
			return sent.completed;
		case 'CompletedAndPassed':
			return sent.passed && sent.completed;
		case 'CompletedOrPassed':
			return sent.passed || sent.completed;
		default:
			return true; // NotApplicable, or not given
	}
}

/** What opening a cmi5 session gives: the token's Authorization header and LMS.LaunchData. */
export interface Cmi5Session {
	auth: string;
	data: LaunchData;
}

/** The cmi5 LMS as a transport, with its two opening steps exposed for the connection machine. */
export interface Cmi5Transport extends Transport<Statement, Cmi5Session> {
	/** The Authorization header from the token (fetched once per registration and tab). */
	token(): Promise<string>;
	/** LMS.LaunchData, checked, read with that header. */
	launchData(auth: string): Promise<LaunchData>;
}

/**
 * A cmi5 launch as a transport: opening fetches the token then LaunchData (throwing
 * `LaunchProblem`s become a refused opening); statements go to the LMS's LRS with the token.
 */
export function cmi5Transport(launch: Cmi5Launch, cache: Pick<Storage, 'getItem' | 'setItem'>, base: string): Cmi5Transport {
	let auth: string | undefined;
	const transport: Cmi5Transport = {
		kind: 'cmi5',
		token: async () => (auth = `Basic ${await fetchToken(launch, cache)}`),
		launchData: (header) => fetchLaunchData(launch, header, base),
		async start(): Promise<Opening<Cmi5Session>> {
			try {
				const header = await transport.token();
				return { kind: 'open', session: { auth: header, data: await transport.launchData(header) } };
			} catch (error) {
				return { kind: 'refused', ...openingProblem(error) };
			}
		},
		async send(batch) {
			if (!auth) return { kind: 'auth', status: 0, message: 'No cmi5 token yet.' };
			return deliveryOf(await fetchSender(launch.endpoint, auth)([...batch]));
		},
		// After `terminated` the AU must not use the token again (cmi5 9.3.8): forget it here.
		finish: async () => {
			auth = undefined;
			return { kind: 'accepted' };
		},
	};
	return transport;
}

/** The learner-facing wording and the detail for a failed cmi5 opening step. */
export function openingProblem(error: unknown): { message: string; detail: string } {
	const p = error as Error & { detail?: string };
	return p.detail
		? { message: p.message, detail: p.detail }
		: {
				message: 'The course could not connect to your learning system, so your records are kept on this device only. The details are on My record.',
				detail: p.message,
			};
}
