/**
 * Wires the client: the records listener, launch handling and sync, and the course's
 * `initialized` statement once per attempt. Every island and the app shell call installApp();
 * it is idempotent.
 */
import { moduleState } from '../course/journey.ts';
import type { Learner } from '../course/paths.ts';
import { courseMeta } from './meta.ts';
import { emitCourseEvent } from './event-bus.ts';
import { $learner, $profile } from './profile.ts';
import { $progress, ensureAttempt, isLocalChange, markModuleCompleted, update } from './progress.ts';
import { $launchKind, installRecorder } from './records.ts';

let done = false;
export function installApp(): void {
	if (done || typeof window === 'undefined') return;
	done = true;
	installRecorder();
	const meta = courseMeta();
	ensureAttempt(meta.version, meta.policyVersion);
	// A new learner's `initialized` waits for "Your details" (saveProfile makes it then); a
	// launched tab's waits for the launch (./sync.ts), whose registration may start a new
	// attempt and whose cmi5 session needs its own (issue 14.3).
	initializeAttempt();
	// Only the tab that acted decides a module is complete: progress arriving from another
	// tab is that tab's business (issue 14.1: otherwise every open tab sent `completed`).
	$progress.listen(() => {
		if (isLocalChange()) completeModules();
	});
	completeModules();
}

/**
 * Makes the attempt's `initialized` statement, once, as soon as the learner is known (their
 * details are saved; a launched tab's is made by ./sync.ts once the launch names them). Before that, a statement would carry an
 * anonymous device actor, and a learner's record must be about one actor.
 */
export function initializeAttempt(): void {
	const attempt = $progress.get().attempt;
	if (attempt.initializedAt || attempt.completed) return;
	if ($launchKind.get() || !$profile.get()) return;
	update((p) => ({ ...p, attempt: { ...p.attempt, initializedAt: new Date().toISOString() } }));
	emitCourseEvent({ type: 'course.initialized' });
}

/** The learner's role for path logic, now (see $learner for a component to follow it). */
export function currentLearner(): Learner {
	return $learner.get();
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
