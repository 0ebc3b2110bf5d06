/**
 * The parts of the status line a launched tab needs (loaded by ./shell.ts only then): the
 * question before records go to a record store the learner has not used here (issue 21.1),
 * and the cmi5 session's "Finish", which leaves only once `terminated` is delivered (14.4).
 */
import { $cmi5, $launchError, $lrs, $lrsConsent, $recordCounts, $sync, type SyncState } from '../stores/records.ts';
// sync.ts is reached only by dynamic import (here and in stores/records.ts): a static import beside
// records.ts's dynamic one made the bundler wrap it in a namespace helper that every page then loaded.
const sync = () => import('../stores/sync.ts');

const sessionStart = Date.now();
let finishing: null | 'sending' | 'failed' = null;

/** The status line of a launched tab. */
export function statusText(counts: ReturnType<typeof $recordCounts.get>, sync: SyncState, online: boolean): string {
	if ($lrsConsent.get()) return 'Nothing has been sent yet.';
	if ($launchError.get()) return $launchError.get()!;
	if (!$lrs.get()) return 'Connecting to your learning system…';
	if (sync.kind === 'auth')
		return 'The learning record store refused the course’s credentials, so records cannot be sent. They are kept on this device: reopen the course from your learning system, or download your record.';
	if (!counts.waiting) return 'All records sent.';
	// Say which it is: the learner's connection, or the record store (issue 14.6).
	const why =
		!online || sync.kind === 'offline'
			? ' when you are back online'
			: sync.kind === 'unreachable'
				? ' (the record store cannot be reached at the moment; trying again shortly)'
				: sync.kind === 'retry'
					? ' (the record store is busy or not answering; trying again shortly)'
					: '';
	return `${counts.waiting} record${counts.waiting === 1 ? '' : 's'} waiting to send${why}.`;
}

type Button = (label: string, onClick: () => void, className?: string) => HTMLButtonElement;

export function renderLaunchActions($actions: HTMLElement, render: () => void, button: Button): void {
	const consent = $lrsConsent.get();
	if (consent) {
		// A launch naming a record store this learner has not used here: ask first (issue 21.1).
		const box = document.createElement('div');
		box.className = 'notice';
		box.setAttribute('role', 'alert');
		const p = document.createElement('p');
		p.textContent = 'This link asks the course to send your training records (with your name and progress) to:';
		const list = document.createElement('ul');
		for (const origin of consent.origins) {
			const li = document.createElement('li');
			const strong = document.createElement('strong');
			strong.textContent = new URL(origin).host;
			li.append(strong);
			list.append(li);
		}
		const advice = document.createElement('p');
		advice.textContent =
			'Only agree if this is your organisation’s learning system. If you are not sure, choose “Keep my records on this device” and ask your manager or HR.';
		box.append(
			p,
			list,
			advice,
			button('Send my records there', () => consent.answer(true), ''),
			button('Keep my records on this device', () => consent.answer(false)),
		);
		$actions.append(box);
	}
	if ($lrs.get() && $recordCounts.get().waiting > 0 && navigator.onLine && $sync.get().kind !== 'sending')
		$actions.append(button('Send now', () => void sync().then((module) => module.syncNow())));
	const cmi5 = $cmi5.get();
	if (cmi5) {
		// cmi5: the learner ends the session; `terminated` is sent last, then back to the LMS,
		// only once the LRS has it (issue 14.4).
		const finish = async () => {
			finishing = 'sending';
			render();
			const delivered = await (await sync()).finishSession(Date.now() - sessionStart);
			finishing = delivered ? null : 'failed';
			if (delivered && cmi5.returnURL) location.href = cmi5.returnURL;
			else render();
		};
		if (cmi5.passPending && !cmi5.terminated) {
			const p = document.createElement('p');
			p.textContent =
				'You passed. Your learning system counts one result each time you open the course, and this time it already has your earlier result. Finish, then open the course again from your learning system: your pass will be sent to it then.';
			$actions.append(p);
		}
		if (finishing === 'sending') {
			const p = document.createElement('p');
			p.setAttribute('role', 'status');
			p.textContent = 'Finishing: sending the end of this session to your learning system…';
			$actions.append(p);
		} else if (cmi5.terminated && finishing !== 'failed') {
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
			if (finishing === 'failed') {
				const p = document.createElement('p');
				p.setAttribute('role', 'alert');
				p.textContent =
					'Your learning system has not received the end of this session yet. Your records are kept on this device. Try again when you are online.';
				$actions.append(p);
			} else if (cmi5.moveOnMet && cmi5.moveOn && cmi5.moveOn !== 'NotApplicable') {
				const p = document.createElement('p');
				p.textContent = 'You have done what your learning system asks of this course.';
				$actions.append(p);
			}
			$actions.append(button(finishing === 'failed' ? 'Try again to finish and return' : 'Finish and return to your learning system', () => void finish()));
		}
	}
}
