/**
 * Notices at the top of the main content, where they are read first: where the course is
 * keeping data when the browser will not store it, a full storage, data saved by a newer
 * version, and stored messages (e.g. data that was set aside). Plain DOM, like the shell; loaded
 * by the shell only when there is something to say.
 */
import { recordJson } from '../stores/records.ts';
import { downloadRecord } from './download.ts';
import { button } from './dom.ts';
import { $profile } from '../stores/profile.ts';
import { $notices, $olderBuild, storageMode, $storageProblem, dismissNotice } from '../stores/storage.ts';

const download = () => downloadRecord(recordJson(), $profile.get()?.name);

/** A warning box: `alert` for problems the learner must act on now. */
function box(text: string, role: 'alert' | 'status', ...actions: HTMLElement[]): HTMLDivElement {
	const div = document.createElement('div');
	div.className = role === 'alert' ? 'notice notice--bad' : 'notice';
	div.setAttribute('role', role);
	const p = document.createElement('p');
	p.textContent = text;
	div.append(p, ...actions);
	return div;
}

const MODE_TEXT = {
	session:
		'This browser is not letting the course save anything on this device, so your progress and records are kept only until you close this tab. Download your training record before you close it. To keep your progress, allow this site to store data in your browser’s settings.',
	memory:
		'This browser is not letting the course save anything, so nothing you do will be kept: your progress and records are lost when you leave or reload this page. Download your training record before you leave. To keep your progress, allow this site to store data (cookies and site data) in your browser’s settings, then reload.',
} as const;

export function installNotices(): void {
	const $main = document.querySelector('main .wrap');
	const $area = document.createElement('div');
	$area.setAttribute('role', 'region');
	$area.setAttribute('aria-label', 'Notices');
	$area.className = 'no-print';
	$main?.prepend($area);

	function render() {
		$area.replaceChildren();
		const mode = storageMode;
		if (mode !== 'local') $area.append(box(MODE_TEXT[mode], 'alert', button('Download my training record', download)));
		const problem = $storageProblem.get();
		if (problem && mode === 'local') {
			$area.append(
				box(
					`${problem.message} Download your training record now so nothing is lost, then free some space (for example by clearing other sites' data).`,
					'alert',
					button('Download my training record', download),
				),
			);
		}
		if ($olderBuild.get()) {
			$area.append(
				box(
					'Your progress was saved by a newer version of the course than this page. So that nothing is overwritten, what you do on this page is not saved. Reload the page to use the newest version.',
					'alert',
					button('Reload this page', () => location.reload(), ''),
				),
			);
		}
		for (const notice of $notices.get())
			$area.append(
				box(
					notice.text,
					'status',
					button('OK, hide this message', () => dismissNotice(notice.id)),
				),
			);
		$area.hidden = $area.childElementCount === 0;
	}
	for (const store of [$storageProblem, $olderBuild, $notices]) store.listen(render);
	render();
}
