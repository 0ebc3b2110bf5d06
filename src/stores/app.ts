/**
 * Wires the client: the records listener, launch handling and sync, and the course's
 * `initialized` statement once per attempt. Every island and the app shell call installApp();
 * it is idempotent.
 */
import { moduleState } from '../course/journey.ts';
import type { Learner } from '../course/paths.ts';
import type { Role } from '../schemas/common.ts';
import { courseMeta } from './meta.ts';
import { emitCourseEvent } from './events.ts';
import { $profile } from './profile.ts';
import { $progress, ensureAttempt, markModuleCompleted } from './progress.ts';
import { installRecorder } from './records.ts';

let done = false;
export function installApp(): void {
	if (done || typeof window === 'undefined') return;
	done = true;
	installRecorder();
	const meta = courseMeta();
	const attempt = ensureAttempt(meta.version, meta.policyVersion);
	if (!attempt.initializedAt) {
		$progress.set({ ...$progress.get(), attempt: { ...attempt, initializedAt: new Date().toISOString() } });
		emitCourseEvent({ type: 'course.initialized' });
	}
	$progress.listen(completeModules);
	completeModules();
}

/** The learner's role for path logic; without a profile, only content for everyone is required. */
export function currentLearner(): Learner {
	const profile = $profile.get();
	return profile ? { role: profile.role, recruiter: profile.recruiter } : { role: 'unknown' as Role, recruiter: false };
}

/** Marks modules complete as soon as their lessons, a case and the check are done. */
function completeModules(): void {
	const meta = courseMeta();
	const attempt = $progress.get().attempt;
	for (const mod of meta.modules) {
		if (attempt.modulesCompleted[mod.id] || attempt.testedOut[mod.id]) continue;
		if (moduleState(mod, attempt, currentLearner()) === 'completed') markModuleCompleted(mod.id, mod.title);
	}
}
