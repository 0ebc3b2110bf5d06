/**
 * Module overview pages: the server renders everything a learner needs without script; this
 * fills in their own progress from the stores. The logic is in src/course/module-progress.ts.
 */
import type { ModuleState } from '../course/journey.ts';
import { stepLabel, stepPath } from '../course/module-progress.ts';
import { installApp } from '../stores/app.ts';
import { courseMeta } from '../stores/meta.ts';
import { moduleProgressStore, type ModuleView } from '../stores/module-progress.ts';
import { $profile } from '../stores/profile.ts';
import { withBase } from '../site/urls.ts';

const STATE_LABEL: Record<ModuleState, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	completed: 'Completed',
	'tested-out': 'Tested out',
};
const STATE_TAG: Record<ModuleState, string> = { 'not-started': '', 'in-progress': 'tag--warn', completed: 'tag--ok', 'tested-out': 'tag--ok' };

installApp();
const $panel = document.querySelector<HTMLElement>('[data-module-progress]');
if ($panel) {
	const moduleId = $panel.dataset.moduleProgress!;
	const titleOf = (kind: 'lesson' | 'scenario' | 'module', id: string) =>
		kind === 'module'
			? (courseMeta().modules.find((m) => m.id === id)?.title ?? id)
			: (document.querySelector<HTMLElement>(`[data-${kind}="${CSS.escape(id)}"]`)?.dataset.title ?? id);
	moduleProgressStore(moduleId).subscribe((view) => render($panel, moduleId, view, titleOf));
	// Tells tests (and anyone inspecting) that the learner's own progress is shown.
	$panel.dataset.ready = 'true';
}

/** A status tag: its words carry the meaning; the tick beside them is decoration. */
function tag(text: string, kind: string, tick = false): HTMLSpanElement {
	const span = document.createElement('span');
	span.className = `tag ${kind}`.trim();
	if (tick) {
		const mark = document.createElement('span');
		mark.setAttribute('aria-hidden', 'true');
		mark.textContent = '✓ ';
		span.append(mark);
	}
	span.append(text);
	return span;
}

function show(el: HTMLElement | null, ...content: Array<Node | string>): void {
	if (!el) return;
	el.replaceChildren(...content);
	el.hidden = content.length === 0;
}

function render($panel: HTMLElement, moduleId: string, view: ModuleView, titleOf: (kind: 'lesson' | 'scenario' | 'module', id: string) => string): void {
	const cases = document.querySelectorAll<HTMLElement>('[data-scenario]');
	const lessons = document.querySelectorAll<HTMLElement>('[data-lesson]');
	// Until "Your details" say the learner's role, no lesson is claimed to be off their path.
	const yours = view.known ? view.lessonsForYou : [...lessons].map(($card) => $card.dataset.lesson!);
	const read = view.lessonsRead.filter((id) => yours.includes(id)).length;
	const played = view.casesPlayed.length;
	const summary = [
		`${read} of ${yours.length} ${yours.length === 1 ? 'lesson' : 'lessons'} read`,
		played === 0 ? 'no case played yet' : `${played} ${played === 1 ? 'case' : 'cases'} played`,
		view.check ? 'knowledge check done' : 'knowledge check not done yet',
	].join(' · ');
	show(
		$panel.querySelector('[data-module-state]'),
		'This module: ',
		tag(STATE_LABEL[view.state], STATE_TAG[view.state], view.state === 'completed'),
		` ${summary}.`,
	);

	const role = courseMeta().audiences.find((a) => a.id === $profile.get()?.role);
	const $position = document.querySelector<HTMLElement>('[data-module-position]');
	const $path = $panel.querySelector<HTMLElement>('[data-module-path]');
	if (!view.known) {
		const link = document.createElement('a');
		link.href = withBase('/profile/');
		link.textContent = 'Your details';
		show($path, 'Fill in ', link, ' so the course knows your role and can show where this module sits on your path.');
	} else if (view.position) {
		if ($position) $position.textContent = `Module ${view.position.index} of ${view.position.total} on your path`;
		show($path);
	} else {
		if ($position) $position.textContent = 'Not on your path';
		show($path, `This module is not on your path as ${role?.label ?? 'your role'}. You are welcome to read it.`);
	}

	const $next = $panel.querySelector<HTMLAnchorElement>('[data-module-next]');
	if ($next) {
		$next.href = withBase(stepPath(view.next, moduleId));
		$next.textContent = stepLabel(view.next, view.state, titleOf);
	}

	for (const $card of lessons) {
		const id = $card.dataset.lesson!;
		const status = view.lessonsRead.includes(id) ? tag('Read', 'tag--ok', true) : yours.includes(id) ? tag('Not read yet', '') : tag('Not on your path', '');
		show($card.querySelector('[data-status]'), status);
	}
	for (const $card of cases) {
		const id = $card.dataset.scenario!;
		const found = view.endingsFound[id] ?? 0;
		const endings = found > 0 ? ` ${found} of ${$card.dataset.endings} endings found` : '';
		show($card.querySelector('[data-status]'), view.casesPlayed.includes(id) ? tag('Played', 'tag--ok', true) : tag('Not played yet', ''), endings);
	}
	show(
		document.querySelector('[data-check-status]'),
		view.check ? tag(`Done: ${view.check.correct} of ${view.check.total} right`, 'tag--ok', true) : tag('Not done yet', ''),
	);
}
