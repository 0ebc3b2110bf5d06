/**
 * Offline support in the page: registers the service worker, tells the learner when a new
 * version is ready (they choose when to reload; progress and unsent records live in
 * localStorage, which an update does not touch), and asks for persistent storage. Loaded by
 * ./shell.ts after the page has loaded; the state it sets lives in src/stores/offline.ts.
 */
import { BASE, PACKAGED, withBase } from '../site/urls.ts';
import { $persisted, $updateReady } from '../stores/offline.ts';

export async function registerServiceWorker(): Promise<void> {
	// Inside an LMS package the LMS serves and frames the course: a worker there would outlive
	// the package's revision folder and offer updates the LMS controls (issue 18).
	if (PACKAGED || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
	// When a new version takes over (the learner chose "Update now" in this tab or another),
	// every open tab reloads into it, so no tab of the old build keeps writing over the new one.
	// A page the worker only starts controlling on first install keeps going: same build.
	if (navigator.serviceWorker.controller) navigator.serviceWorker.addEventListener('controllerchange', reloadOnce);
	try {
		// The worker and its scope follow the base path, so a course in a sub-folder of a host
		// controls only its own pages.
		const registration = await navigator.serviceWorker.register(withBase('/sw.js'), { scope: BASE });
		const watch = (worker: ServiceWorker | null) => {
			if (!worker) return;
			const check = () => {
				// Only an update if a previous version controls the page.
				if (worker.state === 'installed' && navigator.serviceWorker.controller) $updateReady.set(worker);
			};
			worker.addEventListener('statechange', check);
			check();
		};
		watch(registration.waiting);
		registration.addEventListener('updatefound', () => watch(registration.installing));
		// Look for a new version on each visit (the browser also checks on navigation).
		void registration.update().catch(() => undefined);
	} catch {
		/* no offline support in this browser; everything else still works */
	}
}

let reloading = false;
function reloadOnce() {
	if (reloading) return;
	reloading = true;
	location.reload();
}

/** Switches to the waiting version; every open tab reloads once it has taken over. */
export function applyUpdate(): void {
	const worker = $updateReady.get();
	if (!worker) return;
	navigator.serviceWorker.addEventListener('controllerchange', reloadOnce);
	worker.postMessage({ type: 'SKIP_WAITING' });
}

export async function requestPersistence(): Promise<void> {
	try {
		if (!navigator.storage?.persist) return;
		const already = await navigator.storage.persisted();
		$persisted.set(already || (await navigator.storage.persist()));
	} catch {
		$persisted.set(false);
	}
}
