/**
 * The SCORM 1.2 runtime as a transport (../../records/transport.ts), the same shape as the LRS
 * and cmi5 connections: `start` is LMSInitialize with what the LMS kept, `send` reports where
 * the learner is (committing at once when the status changed, or when asked), `finish` is
 * LMSFinish. SCORM's API is synchronous, so each call has happened by the time it returns
 * (the wrapper relies on that on pagehide); a refused call is a `rejected` delivery carrying
 * the LMS's own error code and text, never retried blindly.
 */
import type { Progress } from '../../stores/progress.ts';
import type { Delivery, Opening, Transport } from '../../records/transport.ts';
import type { LmsStart, Scorm12Runtime } from './runtime.ts';

/** One report of where the learner is. */
export interface Scorm12Report {
	progress: Progress;
	/** Every module on the learner's path is done. */
	done: boolean;
	/** The course page, relative to the course root. */
	location?: string;
	/** Commit even if the status did not change (the page is being hidden). */
	commit?: boolean;
}

export type Scorm12Transport = Transport<Scorm12Report, LmsStart>;

export function scorm12Transport(runtime: Scorm12Runtime): Scorm12Transport {
	const errors = () => runtime.session.errors;
	/** What the calls since `before` came to. */
	const outcome = (before: number, ok: boolean): Delivery => {
		const error = errors().length > before ? errors().at(-1)! : undefined;
		if (!error && ok) return { kind: 'accepted' };
		return {
			kind: 'rejected',
			status: Number(error?.code) || 0,
			message: error ? `${error.call}: ${error.code} ${error.message}`.trim() : 'The learning system refused the call.',
		};
	};
	return {
		kind: 'scorm12',
		async start(): Promise<Opening<LmsStart>> {
			const started = runtime.start();
			if (started) return { kind: 'open', session: started };
			const error = errors().at(-1);
			return {
				kind: 'refused',
				message: 'Your learning system did not start this session, so it will not record it. Your progress is still saved on this device.',
				...(error ? { detail: `${error.call}: ${error.code} ${error.message} ${error.diagnostic}`.trim() } : {}),
			};
		},
		async send(batch) {
			const before = errors().length;
			let ok = true;
			for (const report of batch) {
				// A new status (completed, passed, failed) is committed at once: it must not wait for the learner to leave.
				if (runtime.report(report.progress, report.done, report.location) || report.commit) ok = runtime.commit() && ok;
			}
			return outcome(before, ok);
		},
		async finish() {
			const before = errors().length;
			return outcome(before, runtime.finish());
		},
	};
}
