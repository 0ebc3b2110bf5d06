/**
 * What the page knows of its offline support, for the status line and My record. The code that
 * registers the service worker and asks for persistent storage (src/client/offline.ts) runs only
 * after the page has loaded, so it is fetched then, not with every page's first script.
 */
import { atom } from 'nanostores';

/** A new version is installed and waiting. */
export const $updateReady = atom<ServiceWorker | null>(null);
/** False when the browser did not promise to keep the course's data. */
export const $persisted = atom<boolean | null>(null);
