/**
 * The app shell on every interactive page: a status line (online or offline, records sent or
 * waiting, any problem), notices about reset or unsaved data (./notices.ts), the "update available" prompt,
 * and the request for persistent storage. Plain DOM: no framework on the shell.
 */
import { installApp } from '../stores/app.ts';
import { $cmi5, $launchError, $launchKind, $lrs, $lrsConsent, $recordCounts, $sync } from '../stores/records.ts';
import { $notices, $olderBuild, storageMode, $storageProblem } from '../stores/storage.ts';
import { $updateReady } from '../stores/offline.ts';
import { button } from './dom.ts';

installApp();

const $bar = document.getElementById('app-status');
const $network = document.getElementById('status-network');
const $records = document.getElementById('status-records');
const $actions = document.getElementById('status-actions');

function render() {
	if (!$bar || !$network || !$records || !$actions) return;
	const online = navigator.onLine;
	$network.textContent = online ? '' : 'You are offline. Your progress and records are saved on this device.';
	$network.hidden = online;
	const counts = $recordCounts.get();
	// A launched tab's status (sending, waiting, consent, cmi5) comes from ./launch-ui.ts,
	// loaded only then: learners without an LRS never download it.
	const launched = Boolean($launchKind.get() || $lrs.get() || $lrsConsent.get());
	if (launched && !launchUi) {
		void import('./launch-ui.ts').then((m) => {
			launchUi = m;
			render();
		});
	}
	let text = launched ? (launchUi?.statusText(counts, $sync.get(), online) ?? 'Connecting…') : ($launchError.get() ?? 'Your records are kept on this device.');
	if (counts.rejected > 0) text += ` ${counts.rejected} record${counts.rejected === 1 ? ' was' : 's were'} refused by the record store: see My record.`;
	$records.textContent = text;
	$actions.replaceChildren();
	launchUi?.renderLaunchActions($actions, render, button);
	if ($updateReady.get()) {
		const p = document.createElement('p');
		p.setAttribute('role', 'status');
		p.textContent = 'A new version of the course is ready. Your progress and records are kept when you update.';
		$actions.append(
			p,
			button('Update now', () => void import('./offline.ts').then((offline) => offline.applyUpdate()), ''),
		);
	}
}

// Notices load only when there is something to say: most visits have none, and every
// interactive page carries this shell.
let noticesShown = false;
function showNotices() {
	if (noticesShown || (storageMode === 'local' && !$storageProblem.get() && !$olderBuild.get() && !$notices.get().length)) return;
	noticesShown = true;
	void import('./notices.ts').then((m) => m.installNotices());
}
for (const store of [$storageProblem, $olderBuild, $notices]) store.listen(showNotices);
showNotices();

let launchUi: typeof import('./launch-ui.ts') | undefined;
for (const store of [$recordCounts, $sync, $launchKind, $launchError, $lrs, $lrsConsent, $cmi5, $updateReady]) store.listen(render);
window.addEventListener('online', render);
window.addEventListener('offline', render);
render();
// After the page has loaded (web.dev's advice for service workers): on a first visit the worker
// downloads the whole course for offline use, which should not compete with the page's own files
// and hydration on a phone.
const whenLoaded = (run: () => void) => (document.readyState === 'complete' ? run() : window.addEventListener('load', run, { once: true }));
// The registration code itself is fetched then too: no page needs it for its first paint.
whenLoaded(
	() =>
		void import('./offline.ts').then((offline) => {
			void offline.registerServiceWorker();
			void offline.requestPersistence();
		}),
);
