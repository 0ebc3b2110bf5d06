/**
 * Lesson pages: a lesson counts as read ("experienced") when the learner reaches its end
 * (the continue button scrolls into view) or presses continue. No framework: a few lines.
 */
import { isFor } from '../course/paths.ts';
import { $profile } from '../stores/profile.ts';
import { currentLearner, installApp } from '../stores/app.ts';
import { markLessonRead } from '../stores/progress.ts';

installApp();
const $button = document.querySelector<HTMLAnchorElement>('[data-lesson-done]');
if ($button) {
	const [moduleId, lessonId] = $button.dataset.lessonDone!.split('/') as [string, string];
	// "Next" skips lessons and cases not on this learner's path (a governor skips PPA time),
	// unless they are browsing a module that is not on their path at all.
	const learner = currentLearner();
	const moduleFor = ($button.dataset.moduleAudiences ?? 'all').split(' ');
	if ($profile.get() && isFor(moduleFor, learner)) {
		const candidates = JSON.parse($button.dataset.next ?? '[]') as Array<[string, string, string]>;
		const next = candidates.find(([, , audiences]) => isFor(audiences.split(' '), learner));
		if (next) {
			$button.href = next[0];
			$button.textContent = next[1];
		}
	}
	const done = () => markLessonRead(moduleId, lessonId, $button.dataset.lessonTitle ?? lessonId, $button.dataset.moduleTitle ?? moduleId);
	$button.addEventListener('click', done);
	// Tells tests (and anyone inspecting) that the page is listening.
	$button.dataset.ready = 'true';
	if ('IntersectionObserver' in window) {
		const observer = new IntersectionObserver((entries) => {
			if (entries.some((e) => e.isIntersecting)) {
				done();
				observer.disconnect();
			}
		});
		observer.observe($button);
	}
}
