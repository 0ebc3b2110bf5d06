/**
 * The launch link's parameters are taken out of the address bar and kept for this tab before
 * anything else happens on the page: an inline script in the <head> of every interactive page
 * (src/layouts/Base.astro) runs this, synchronously, before the body is shown.
 *
 * Why inline and first: on a slow connection the page is readable (and "My record" clickable)
 * long before the app's scripts arrive; a launch read by those scripts was lost whenever the
 * learner moved on first (issue 14.2). And the credentials (`auth`, the one-time cmi5 `fetch`
 * URL) must leave the address bar before anything is validated, so a refused launch leaves no
 * secret behind (issue 21.2). Validation happens later, in src/stores/sync.ts.
 *
 * The script itself is in ./launch-capture-script.ts (build-time only, so no page bundles it).
 */

/** sessionStorage key for the raw, not yet validated launch parameters. */
export const LAUNCH_RAW_KEY = 'policy-course:launch-raw';

/** Every query parameter a launch link may carry (xAPI "tincan" launch and cmi5). */
export const LAUNCH_PARAMS = ['endpoint', 'auth', 'actor', 'registration', 'activity_id', 'activityId', 'fetch'] as const;

/** The raw launch captured on this page or an earlier page of this tab, if any. */
export function capturedLaunch(): Record<string, string> | undefined {
	try {
		return JSON.parse(sessionStorage.getItem(LAUNCH_RAW_KEY) ?? 'null') ?? undefined;
	} catch {
		return undefined; // unavailable or unreadable
	}
}
