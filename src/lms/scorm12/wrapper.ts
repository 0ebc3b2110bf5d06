/**
 * The SCO's launch page (lms/scorm12/index.html). A SCORM 1.2 SCO initialises and finishes
 * once per session, but the course is many pages, so this page holds the session and shows
 * the course in a same-origin frame. Course pages never talk to the LMS: they save progress
 * on the device as always, and this page hears it (the storage event) and reports it.
 * It commits when hidden and finishes on pagehide (browsers are retiring `unload`).
 */
import { courseMeta } from '../../stores/meta.ts';
import { $profile } from '../../stores/profile.ts';
import { $progress, type Progress } from '../../stores/progress.ts';
import { mergeProgress } from '../../stores/progress-merge.ts';
import { BASE, withBase } from '../../site/urls.ts';
import { LMS_LEARNER_KEY } from '../learner.ts';
import { findApi } from './api.ts';
import { pathDone, Scorm12Runtime } from './runtime.ts';
import { scorm12Transport } from './transport.ts';

/** Nothing done yet on this device: a resume from the LMS replaces it rather than joining it. */
function untouched(p: Progress): boolean {
	const a = p.attempt;
	return (
		!a.initializedAt &&
		!a.completed &&
		p.history.length === 0 &&
		p.assessment.finished.length === 0 &&
		!p.assessment.current &&
		[a.lessons, a.scenarios, a.checks, a.testedOut, a.modulesCompleted].every((m) => Object.keys(m).length === 0)
	);
}

/** A course page address relative to the course root, or '' for anything else (the LMS's value is not trusted). */
export function safeLocation(location: string): string {
	return /^(?:[a-z0-9-]+\/)*$/.test(location) ? location : '';
}

function show(status: HTMLElement, text: string): void {
	status.textContent = text;
	status.hidden = false;
}

export async function startWrapper(): Promise<void> {
	const frame = document.querySelector<HTMLIFrameElement>('#course-frame')!;
	const status = document.querySelector<HTMLElement>('#lms-status')!;
	const dictionary = JSON.parse(document.querySelector('#suspend-dictionary')!.textContent ?? '""') as string;
	const api = findApi(window);
	const runtime = api ? new Scorm12Runtime(api, dictionary) : null;
	// The LMS is reached through the same Transport shape as an LRS or a cmi5 LMS (../../records/transport.ts).
	const transport = runtime ? scorm12Transport(runtime) : null;
	const opening = transport ? await transport.start() : null;
	const start = opening?.kind === 'open' ? opening.session : null;
	if (!api) {
		// Opened outside a learning system (e.g. this page of the published site): nothing to hold a
		// session for, and the site refuses to be framed, so offer the course itself instead.
		show(status, 'Your learning system could not be found, so it will not record this session. Your progress is still saved on this device.');
		const link = document.createElement('a');
		link.href = withBase('/');
		link.textContent = 'Open the course';
		status.append(' ', link);
		frame.hidden = true;
		return;
	}
	if (!start) show(status, 'Your learning system did not start this session, so it will not record it. Your progress is still saved on this device.');

	if (start?.learner) {
		// For "Your details" to offer (sessionStorage: this tab only; the frame shares it).
		try {
			sessionStorage.setItem(LMS_LEARNER_KEY, JSON.stringify(start.learner));
		} catch {
			// Storage refused: the learner types their name on "Your details" as usual.
		}
	}
	if (start?.resume) {
		const local = $progress.get();
		$progress.set(untouched(local) ? start.resume : mergeProgress(local, start.resume));
	}

	const meta = courseMeta();
	let location = safeLocation(start?.location ?? '');
	// Reports where the learner is; the transport's calls to the LMS happen before this returns.
	const report = (commit = false) => {
		if (!transport || !start) return; // no session: nothing to report to
		const profile = $profile.get();
		const learner = profile ? { role: profile.role, recruiter: profile.recruiter } : { role: 'unknown' as never, recruiter: false };
		void transport.send([{ progress: $progress.get(), done: pathDone(meta, meta.modules, $progress.get(), learner), location, commit }]).then((delivery) => {
			if (delivery.kind !== 'accepted') show(status, 'Your learning system refused part of your progress. It is still saved on this device.');
		});
	};
	// Progress saved by the course pages in the frame arrives here through the storage event.
	$progress.listen(() => report());
	$profile.listen(() => report());
	frame.addEventListener('load', () => {
		try {
			const path = frame.contentWindow?.location.pathname ?? '';
			if (path.startsWith(BASE)) location = safeLocation(path.slice(BASE.length));
		} catch {
			// Not a course page (cross-origin): keep the last location.
		}
		report();
	});
	// A new learner starts on "Your details"; a returning one where they left off.
	frame.src = withBase(`/${$profile.get() ? location : 'profile/'}`);
	report(true);

	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'hidden') report(true);
	});
	window.addEventListener('pagehide', () => {
		if (!transport) return;
		report();
		void transport.finish();
	});
}
