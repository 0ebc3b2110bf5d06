/**
 * SCORM 1.2 API discovery (RTE 1.2, section 3.3.6.1): the LMS puts an object named `API` on
 * one of the windows above the SCO. We climb `window.parent` up to the spec's limit, then the
 * opener's chain, as the ADL sample code does. Cross-origin frames throw on access: a window we
 * cannot read is treated as having no API, never as an error.
 */

/** The eight functions of the SCORM 1.2 run-time API. Every argument and result is a string. */
export interface Scorm12Api {
	LMSInitialize(arg: ''): string;
	LMSFinish(arg: ''): string;
	LMSGetValue(element: string): string;
	LMSSetValue(element: string, value: string): string;
	LMSCommit(arg: ''): string;
	LMSGetLastError(): string;
	LMSGetErrorString(code: string): string;
	LMSGetDiagnostic(code: string): string;
}

/** The windows the search reads: only `API`, `parent` and `opener`. */
export interface ApiWindow {
	API?: unknown;
	parent: ApiWindow | null;
	opener?: ApiWindow | null;
}

/** The ADL sample algorithm gives up after this many parents (it guards against endless loops). */
export const MAX_PARENTS = 7;

function apiOf(win: ApiWindow): Scorm12Api | null {
	try {
		const api = win.API as Partial<Scorm12Api> | undefined;
		return api && typeof api.LMSInitialize === 'function' && typeof api.LMSSetValue === 'function' ? (api as Scorm12Api) : null;
	} catch {
		return null; // a cross-origin window
	}
}

/** The API on `win` or one of its parents (at most MAX_PARENTS steps up), or null. */
function searchParents(win: ApiWindow): Scorm12Api | null {
	let current: ApiWindow = win;
	for (let steps = 0; ; steps++) {
		const api = apiOf(current);
		if (api) return api;
		let parent: ApiWindow | null;
		try {
			parent = current.parent;
		} catch {
			return null;
		}
		if (!parent || parent === current || steps >= MAX_PARENTS) return null;
		current = parent;
	}
}

/**
 * Finds the LMS's API: this window and its parents, then the window that opened the top one
 * (an LMS that launches the SCO in a new window) and its parents.
 */
export function findApi(win: ApiWindow): Scorm12Api | null {
	const found = searchParents(win);
	if (found) return found;
	let opener: ApiWindow | null | undefined;
	try {
		let top: ApiWindow = win;
		for (let i = 0; i < MAX_PARENTS && top.parent && top.parent !== top; i++) top = top.parent;
		opener = top.opener ?? win.opener;
	} catch {
		return null;
	}
	return opener ? searchParents(opener) : null;
}
