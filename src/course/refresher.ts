/** When the annual refresher is offered and due. Pure and client-safe. */
import type { CompletedAttempt } from './journey.ts';

/** Adds whole calendar months to a date (clamping to the month's end). */
export function addMonths(iso: string, months: number): Date {
	const d = new Date(iso);
	const day = d.getUTCDate();
	const out = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()));
	const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
	out.setUTCDate(Math.min(day, last));
	return out;
}

export interface RefresherState {
	/** True when the home page should offer the refresher. */
	offered: boolean;
	/** Why: time has passed, or the course or policy version changed. */
	reasons: Array<'time' | 'course-version' | 'policy-version'>;
	/** When the refresher is due (completion + dueAfterMonths), if the course was completed. */
	dueDate?: string;
	/** When it will be offered. */
	offerDate?: string;
	/** True once the due date has passed without a newer completion. */
	overdue: boolean;
}

/** When the learner's last completion makes a refresher offered and due. */
export function refresherState(
	last: CompletedAttempt | undefined,
	now: Date,
	config: { offerAfterMonths: number; dueAfterMonths: number },
	current: { courseVersion: string; policyVersion: string; policySameMeaning?: string[] },
): RefresherState {
	if (!last) return { offered: false, reasons: [], overdue: false };
	const offerDate = addMonths(last.completedAt, config.offerAfterMonths);
	const dueDate = addMonths(last.completedAt, config.dueAfterMonths);
	const reasons: RefresherState['reasons'] = [];
	if (now >= offerDate) reasons.push('time');
	if (last.courseVersion !== current.courseVersion) reasons.push('course-version');
	// A version that changed only wording (minor changes, issue 20) asks nothing of learners.
	if (last.policyVersion !== current.policyVersion && !current.policySameMeaning?.includes(last.policyVersion)) reasons.push('policy-version');
	return { offered: reasons.length > 0, reasons, dueDate: dueDate.toISOString(), offerDate: offerDate.toISOString(), overdue: now >= dueDate };
}
