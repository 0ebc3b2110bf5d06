/**
 * The learner as a launching LMS named them (SCORM 1.2 cmi.core.student_name/student_id),
 * left by the SCO wrapper (./scorm12/wrapper.ts) for "Your details" to offer. Tiny on purpose:
 * the profile page imports it.
 */
export const LMS_LEARNER_KEY = 'policy-course:lms-learner';

export interface LmsLearner {
	name: string;
	idKind: 'email' | 'staff';
	id: string;
}

/** The LMS's learner for this tab, or null (not launched by an LMS, or unreadable). */
export function lmsLearner(): LmsLearner | null {
	try {
		const v = JSON.parse(sessionStorage.getItem(LMS_LEARNER_KEY) ?? 'null') as LmsLearner | null;
		return v && typeof v.name === 'string' && typeof v.id === 'string' && (v.idKind === 'email' || v.idKind === 'staff') ? v : null;
	} catch {
		return null;
	}
}
