/**
 * Lesson pages: a lesson counts as read ("experienced") when the learner reaches its end
 * (the continue button scrolls into view) or presses continue. No framework: a few lines.
 */
import { installApp } from '../stores/app.ts';
import { markLessonRead } from '../stores/progress.ts';

installApp();
const $button = document.querySelector<HTMLAnchorElement>('[data-lesson-done]');
if ($button) {
	const [moduleId, lessonId] = $button.dataset.lessonDone!.split('/') as [string, string];
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
