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
 * The script's SHA-256 is added to the CSP's script-src by astro.config.mjs, which imports
 * the same string, so the two cannot drift apart.
 */

/** sessionStorage key for the raw, not yet validated launch parameters. */
export const LAUNCH_RAW_KEY = 'policy-course:launch-raw';

/** Every query parameter a launch link may carry (xAPI "tincan" launch and cmi5). */
export const LAUNCH_PARAMS = ['endpoint', 'auth', 'actor', 'registration', 'activity_id', 'activityId', 'fetch'] as const;

/**
 * ES5 on purpose (it runs before anything else, in any browser). If sessionStorage is not
 * available the parameters are kept on `window.__courseLaunch` for this page only.
 */
export const LAUNCH_CAPTURE_SCRIPT = `(function(){try{var q=new URLSearchParams(location.search),k=${JSON.stringify(LAUNCH_PARAMS)},o={},n=0;for(var i=0;i<k.length;i++){if(q.has(k[i])){o[k[i]]=q.get(k[i]);q.delete(k[i]);n++}}if(!n)return;window.__courseLaunch=o;try{sessionStorage.setItem(${JSON.stringify(LAUNCH_RAW_KEY)},JSON.stringify(o))}catch(e){}var s=q.toString();history.replaceState(history.state,'',location.pathname+(s?'?'+s:'')+location.hash)}catch(e){}})();`;

/** The raw launch captured on this page or an earlier page of this tab, if any. */
export function capturedLaunch(): Record<string, string> | undefined {
	try {
		const raw = sessionStorage.getItem(LAUNCH_RAW_KEY);
		if (raw) return JSON.parse(raw) as Record<string, string>;
	} catch {
		/* unavailable or unreadable: fall back to this page's copy */
	}
	return (globalThis as { __courseLaunch?: Record<string, string> }).__courseLaunch;
}

/** Forgets the raw launch once it has been validated (kept or refused). */
export function clearCapturedLaunch(): void {
	try { sessionStorage.removeItem(LAUNCH_RAW_KEY); } catch { /* unavailable */ }
	delete (globalThis as { __courseLaunch?: unknown }).__courseLaunch;
}
