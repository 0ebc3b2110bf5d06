/**
 * The app shell on every interactive page: a status line (online or offline, records sent or
 * waiting, any problem), notices about reset or unsaved data (./notices.ts), the "update available" prompt,
 * and the request for persistent storage. Plain DOM: no framework on the shell.
 */
import { installApp } from '../stores/app.ts';
import { emitCourseEvent } from '../stores/events.ts';
import { $cmi5, $launchError, $launchKind, $lrs, $recordCounts, $sync, syncNow } from '../stores/records.ts';
import { $notices, $olderBuild, storageMode, $storageProblem } from '../stores/storage.ts';
import { $updateReady, applyUpdate, registerServiceWorker, requestPersistence } from './offline.ts';

installApp();

const $bar = document.getElementById('app-status');
const $network = document.getElementById('status-network');
const $records = document.getElementById('status-records');
const $actions = document.getElementById('status-actions');

function button(label: string, onClick: () => void, className = 'secondary'): HTMLButtonElement {
	const b = document.createElement('button');
	b.type = 'button';
	b.className = className;
	b.textContent = label;
	b.addEventListener('click', onClick);
	return b;
}

function render() {
	if (!$bar || !$network || !$records || !$actions) return;
	const online = navigator.onLine;
	$network.textContent = online ? '' : 'You are offline. Your progress and records are saved on this device.';
	$network.hidden = online;
	const counts = $recordCounts.get();
	const sync = $sync.get();
	let text: string;
	if ($launchKind.get() === 'cmi5' && !$lrs.get() && !$launchError.get()) {
		text = 'Connecting to your learning system…';
	} else if (!$lrs.get()) {
		text = $launchError.get() ? `Records could not be set up to send: ${$launchError.get()} They are kept on this device.` : 'Your records are kept on this device.';
	} else if (sync.kind === 'auth') {
		text = 'The learning record store refused the course’s credentials, so records cannot be sent. They are kept on this device: reopen the course from your learning system, or download your record.';
	} else if (counts.waiting > 0) {
		text = `${counts.waiting} record${counts.waiting === 1 ? '' : 's'} waiting to send${sync.kind === 'offline' || !online ? ' when you are back online' : sync.kind === 'retry' ? ' (the record store is not answering; trying again shortly)' : ''}.`;
	} else {
		text = 'All records sent.';
	}
	if (counts.rejected > 0) text += ` ${counts.rejected} record${counts.rejected === 1 ? ' was' : 's were'} refused by the record store: see My record.`;
	$records.textContent = text;
	$actions.replaceChildren();
	if ($lrs.get() && counts.waiting > 0 && online && sync.kind !== 'sending') $actions.append(button('Send now', () => void syncNow()));
	const cmi5 = $cmi5.get();
	if (cmi5) {
		// cmi5: the learner ends the session; `terminated` is sent last, then back to the LMS.
		const finish = async () => {
			if (!$cmi5.get()?.terminated) emitCourseEvent({ type: 'course.terminated', durationMs: Date.now() - sessionStart });
			await syncNow();
			if (cmi5.returnURL) location.href = cmi5.returnURL;
			else render();
		};
		if (cmi5.terminated) {
			const p = document.createElement('p');
			p.textContent = 'You have finished this session.';
			$actions.append(p);
			if (cmi5.returnURL) {
				const a = document.createElement('a');
				a.href = cmi5.returnURL;
				a.textContent = 'Return to your learning system';
				a.className = 'button';
				$actions.append(a);
			}
		} else {
			if (cmi5.moveOnMet && cmi5.moveOn && cmi5.moveOn !== 'NotApplicable') {
				const p = document.createElement('p');
				p.textContent = 'You have done what your learning system asks of this course.';
				$actions.append(p);
			}
			$actions.append(button('Finish and return to your learning system', () => void finish()));
		}
	}
	if ($updateReady.get()) {
		const p = document.createElement('p');
		p.setAttribute('role', 'status');
		p.textContent = 'A new version of the course is ready. Your progress and records are kept when you update.';
		$actions.append(p, button('Update now', applyUpdate, ''));
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

const sessionStart = Date.now();
for (const store of [$recordCounts, $sync, $launchKind, $launchError, $lrs, $cmi5, $updateReady]) store.listen(render);
window.addEventListener('online', render);
window.addEventListener('offline', render);
render();
void registerServiceWorker();
void requestPersistence();
