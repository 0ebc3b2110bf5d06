/**
 * cmi5: the course as an Assignable Unit (AU) launched by an LMS. The launch gives `endpoint`,
 * `fetch`, `actor`, `registration` and `activityId`; the AU POSTs to `fetch` once for its
 * auth token (kept for this tab, reused on reload), reads LMS.LaunchData from the State API,
 * and sends the cmi5 defined statements in order (initialized first, terminated last, at
 * most one passed and one completed per registration) using the LMS's context template.
 */
import type { Activity, Statement } from './statements.ts';

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
	if (kind === 'passed' || kind === 'completed') categories.push({ objectType: 'Activity', id: CMI5.moveOnCategory });
	const extensions: Record<string, unknown> = { ...statement.context.extensions, ...data.contextTemplate.extensions };
	if ((kind === 'passed' || kind === 'failed') && data.masteryScore !== undefined) extensions[CMI5.masteryScore] = data.masteryScore;
	const result = statement.result ? { ...statement.result } : {};
	if (kind === 'passed' || kind === 'failed') delete result.completion; // cmi5: completion belongs to "completed"
	if (kind === 'completed') {
		delete result.success;
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
	const response = await fetch(launch.fetchUrl, { method: 'POST' });
	const body = (await response.json().catch(() => ({}))) as { 'auth-token'?: string; 'error-text'?: string };
	if (!response.ok || !body['auth-token']) throw new Error(body['error-text'] ?? `The learning system did not give the course a token (${response.status}).`);
	cache.setItem(key, body['auth-token']);
	return body['auth-token'];
}

export async function fetchLaunchData(launch: Cmi5Launch, auth: string): Promise<LaunchData> {
	const params = new URLSearchParams({ stateId: 'LMS.LaunchData', activityId: launch.activityId, agent: JSON.stringify(launch.actor), registration: launch.registration });
	const response = await fetch(`${launch.endpoint}activities/state?${params}`, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
	if (!response.ok) throw new Error(`The learning system's launch data could not be read (${response.status}).`);
	const data = (await response.json()) as LaunchData;
	if (!data.contextTemplate || !data.launchMode) throw new Error('The learning system\'s launch data is incomplete.');
	return data;
}

/**
 * Whether the LMS's moveOn criterion is met by the defined statements already sent: the AU
 * uses it to tell the learner when they may finish and return to their learning system.
 */
export function moveOnMet(moveOn: LaunchData['moveOn'], sent: { passed: boolean; completed: boolean }): boolean {
	switch (moveOn) {
		case 'Passed': return sent.passed;
		case 'Completed': return sent.completed;
		case 'CompletedAndPassed': return sent.passed && sent.completed;
		case 'CompletedOrPassed': return sent.passed || sent.completed;
		default: return true; // NotApplicable, or not given
	}
}
