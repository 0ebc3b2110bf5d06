/**
 * The course's side of a SCORM 1.2 session, as the wrapper page runs it: start (read who the
 * learner is and what the LMS kept), report progress (only values that changed, so the LMS is
 * not flooded), commit, finish with the session time. Pure over the API: tested with
 * scorm-again's LMS-side implementation in tests/unit/scorm12-runtime.test.ts.
 */
import { moduleState, type JourneyModule } from '../../course/journey.ts';
import { requiredModules, type Learner, type PathConfig } from '../../course/paths.ts';
import type { Progress } from '../../stores/progress.ts';
import type { LmsLearner } from '../learner.ts';
import type { Scorm12Api } from './api.ts';
import { displayName, exitValue, lessonLocation, lessonStatus, score, timespan } from './cmi.ts';
import { Scorm12Session } from './session.ts';
import { decodeSuspendData, encodeSuspendData } from './suspend.ts';

export interface LmsStart {
	learner: LmsLearner | null;
	/** Progress the LMS kept from an earlier session (null on a first launch or if unreadable). */
	resume: Progress | null;
	/** The page the learner was on, relative to the course root ('' if none). */
	location: string;
}

/** True when every module on the learner's path is completed or tested out. */
export function pathDone(config: PathConfig, modules: readonly JourneyModule[], p: Progress, learner: Learner): boolean {
	const required = requiredModules(config, modules, learner);
	return (
		required.length > 0 &&
		required.every((id) => {
			const mod = modules.find((m) => m.id === id)!;
			const state = moduleState(mod, p.attempt, learner);
			return state === 'completed' || state === 'tested-out';
		})
	);
}

/** The LMS's student_id as a profile id: an email address or a staff number; null if neither fits. */
export function learnerOf(studentName: string, studentId: string): LmsLearner | null {
	const id = studentId.trim();
	const name = displayName(studentName);
	if (!name || !/^[^\s<>"'`]{2,254}$/.test(id)) return null;
	return { name, id, idKind: id.includes('@') ? 'email' : 'staff' };
}

export class Scorm12Runtime {
	readonly session: Scorm12Session;
	private readonly sent = new Map<string, string>();
	private startedAt = 0;
	/** The last suspend_data that fitted, kept if a later state ever would not. */
	private suspend = '';

	constructor(
		api: Scorm12Api,
		private readonly dictionary: string,
		private readonly now: () => number = () => Date.now(),
	) {
		this.session = new Scorm12Session(api);
	}

	/** LMSInitialize and read the learner, location and suspend_data; null if the LMS refused to start. */
	start(): LmsStart | null {
		if (!this.session.initialize()) return null;
		this.startedAt = this.now();
		const status = this.session.get('cmi.core.lesson_status');
		// A first launch: the SCO says it has begun, so the LMS shows "incomplete", not "not attempted".
		if (status === 'not attempted' || status === '') this.set('cmi.core.lesson_status', 'incomplete');
		else this.sent.set('cmi.core.lesson_status', status);
		const data = this.session.get('cmi.suspend_data');
		this.suspend = data;
		return {
			learner: learnerOf(this.session.get('cmi.core.student_name'), this.session.get('cmi.core.student_id')),
			resume: data ? decodeSuspendData(data, this.dictionary) : null,
			location: this.session.get('cmi.core.lesson_location'),
		};
	}

	/** Tells the LMS where the learner is: status, score, exit, suspend_data and location. True when the status changed. */
	report(p: Progress, done: boolean, location?: string): boolean {
		if (this.session.state !== 'running') return false;
		const before = this.sent.get('cmi.core.lesson_status');
		const status = lessonStatus(p, done);
		const points = score(p);
		// Score before status: an LMS with a mastery score judges pass or fail from the raw score.
		if (points) {
			this.set('cmi.core.score.min', points.min);
			this.set('cmi.core.score.max', points.max);
			this.set('cmi.core.score.raw', points.raw);
		}
		// A pass is never taken back within a session.
		if (this.sent.get('cmi.core.lesson_status') !== 'passed') this.set('cmi.core.lesson_status', status);
		this.set('cmi.core.exit', exitValue(this.sent.get('cmi.core.lesson_status') === 'passed' ? 'passed' : status));
		try {
			this.suspend = encodeSuspendData(p, this.dictionary);
		} catch {
			// Kept: the last state that fitted. Local progress on this device is unaffected.
		}
		if (this.suspend) this.set('cmi.suspend_data', this.suspend);
		if (location !== undefined) this.set('cmi.core.lesson_location', lessonLocation(location));
		return this.sent.get('cmi.core.lesson_status') !== before;
	}

	commit(): boolean {
		return this.session.commit();
	}

	/** Sets the session time and ends the session (LMSFinish also commits). */
	finish(): boolean {
		if (this.session.state !== 'running') return false;
		this.session.set('cmi.core.session_time', timespan(this.now() - this.startedAt));
		return this.session.finish();
	}

	private set(element: string, value: string): void {
		if (this.sent.get(element) === value) return;
		if (this.session.set(element, value)) this.sent.set(element, value);
	}
}
