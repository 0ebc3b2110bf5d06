/**
 * The "what would you do" player. Thin: the scenario logic lives in the compiled XState
 * machine (src/scenarios), persistence in nanostores, records in the event bus. The situation
 * and the picture of the case are server-rendered Astro (CaseSituation, CaseMap, passed in as
 * `children`); the player only opens and closes them. The ending, which marks the picture,
 * is CaseEnding, loaded on demand.
 * Accessibility: choices are real buttons; after a choice focus moves, and the page scrolls,
 * to what happened ("You chose ..."); the consequence and outcome are announced through a
 * polite live region; verdicts are words and an icon's shape, never colour alone.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { compileScenario, availableChoices, endingFeedback, findNode, stepText, type ScenarioData } from '../scenarios/machine.ts';
import { replay, restore, type Decision } from '../scenarios/run.ts';
import { VERDICT } from '../scenarios/verdict.ts';
import { installApp } from '../stores/app.ts';
import { emitCourseEvent } from '../stores/events.ts';
import { $progress, recordScenarioEnding } from '../stores/progress.ts';
import { $endingsFound, $scenarioRuns, clearRun, recordEndingFound, saveRun } from '../stores/scenarios.ts';

// The ending (verdict, path, picture of the case) loads on demand: nobody needs it before a
// choice, so it stays out of the page's up-front JavaScript. The first choice starts the fetch.
const loadEnding = () => import('./CaseEnding.tsx');
const CaseEnding = lazy(loadEnding);

interface Props {
	scenario: ScenarioData;
	moduleId: string;
	clauses: Record<string, { number: string; href: string }>;
	next: { href: string; label: string };
	/** The picture of the case (CaseMap.astro), shown after an ending. */
	children?: ReactNode;
}

export default function ScenarioPlayer({ scenario, moduleId, clauses, next, children }: Props) {
	const machine = useMemo(() => compileScenario(scenario), [scenario]);
	// The first render (on the server, and at hydration) is the case's opening step, so the page
	// does not jump when the island wakes; a saved run is restored straight after. `echo` says
	// whether to show what the last decision led to (after a choice, or on a restored run).
	const [state, setState] = useState<{ at: string; flags: string[]; history: Decision[]; echo: boolean; restored: boolean }>({ at: scenario.start, flags: [], history: [], echo: false, restored: false });
	const actorRef = useRef<ReturnType<typeof replay> | null>(null);
	const timing = useRef({ startedAt: Date.now(), stepStartedAt: Date.now() });
	const silent = useRef(false);
	const headingRef = useRef<HTMLHeadingElement>(null);
	const echoRef = useRef<HTMLDivElement>(null);
	const [announcement, setAnnouncement] = useState('');
	// Choices work once the player has woken (it hydrates when the browser is idle).
	const [awake, setAwake] = useState(false);
	// Where focus goes after the next render: what happened (after a choice) or the step (after going back).
	const moveTo = useRef<'echo' | 'heading' | null>(null);

	function attach(actor: ReturnType<typeof replay>, history: Decision[], restored: boolean) {
		actorRef.current?.stop();
		actorRef.current = actor;
		actor.on('scenario.decided', (e) => {
			if (silent.current) return;
			const node = findNode(scenario, e.stepId);
			if (node?.kind !== 'step') return;
			emitCourseEvent({
				type: 'scenario.decided',
				moduleId,
				scenarioId: scenario.id,
				scenarioTitle: scenario.title,
				stepId: e.stepId,
				prompt: node.step.prompt,
				choices: node.step.choices.map((c) => ({ id: c.id, label: c.label })),
				choiceId: e.choiceId,
				durationMs: Date.now() - timing.current.stepStartedAt,
			});
		});
		actor.on('scenario.ended', (e) => {
			if (silent.current) return;
			const ending = scenario.endings.find((x) => x.id === e.endingId)!;
			recordScenarioEnding(scenario.id, e.endingId, e.verdict);
			recordEndingFound(scenario.id, e.endingId);
			emitCourseEvent({
				type: 'scenario.ended',
				moduleId,
				scenarioId: scenario.id,
				scenarioTitle: scenario.title,
				endingId: e.endingId,
				endingTitle: ending.title,
				verdict: e.verdict,
				clauses: e.clauses,
				durationMs: Date.now() - timing.current.startedAt,
			});
		});
		const snap = actor.getSnapshot();
		setState({ at: String(snap.value), flags: snap.context.flags, history, echo: restored, restored });
		setAwake(true);
	}

	useEffect(() => {
		installApp();
		const stored = $scenarioRuns.get()[scenario.id];
		// A run from an earlier attempt (last year's ending) does not count for this one.
		const saved = stored && (!stored.registration || stored.registration === $progress.get().attempt.registration) ? stored : undefined;
		const { actor, history, restored } = restore(scenario, machine, saved);
		if (saved && restored) timing.current = { startedAt: Date.parse(saved.startedAt), stepStartedAt: Date.now() };
		attach(actor, history, restored);
		return () => {
			actorRef.current?.stop();
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [scenario, machine]);

	useEffect(() => {
		// Focus and scroll to what happened (a phone must show the consequence, not the choices
		// below it), or to the step after going back. Not on first load. Smoothness comes from the
		// CSS (scroll-behavior), which reduced motion turns off.
		const el = moveTo.current === 'echo' ? echoRef.current : moveTo.current === 'heading' ? headingRef.current : null;
		moveTo.current = null;
		if (el) {
			el.focus({ preventScroll: true });
			el.scrollIntoView({ block: 'start' });
		}
	}, [state]);

	const node = findNode(scenario, state.at);
	// Read from the store at each render once awake (an ending is recorded before the render
	// that shows it); before that, none, as on the server, so hydration matches.
	const found = awake ? ($endingsFound.get()[scenario.id] ?? []) : [];
	const last = state.history[state.history.length - 1];
	const lastStep = last && findNode(scenario, last.stepId);
	const lastChoice = lastStep?.kind === 'step' ? lastStep.step.choices.find((c) => c.id === last!.choiceId) : undefined;

	function choose(choiceId: string) {
		const actor = actorRef.current;
		if (!actor) return; // not awake yet
		const before = actor.getSnapshot();
		const step = findNode(scenario, String(before.value));
		if (step?.kind !== 'step') return;
		const choice = step.step.choices.find((c) => c.id === choiceId)!;
		actor.send({ type: 'learner.choose', choiceId });
		const after = actor.getSnapshot();
		if (after === before) return;
		void loadEnding();
		// The situation folds away after the first choice, one tap from view, so what happened gets the screen.
		if (!state.history.length) document.getElementById('situation')?.removeAttribute('open');
		const history = [...state.history, { stepId: step.step.id, choiceId }];
		timing.current.stepStartedAt = Date.now();
		moveTo.current = 'echo';
		const nextNode = findNode(scenario, String(after.value));
		// Saved at every step and at the ending too, so a reload shows the ending, not a restart.
		saveRun(scenario.id, { history, snapshot: actor.getPersistedSnapshot(), startedAt: new Date(timing.current.startedAt).toISOString(), stepStartedAt: new Date().toISOString(), registration: $progress.get().attempt.registration });
		setAnnouncement(`You chose: ${choice.label}. ${choice.consequence}${nextNode?.kind === 'ending' ? ` Outcome: ${VERDICT[nextNode.ending.verdict].label}. ${nextNode.ending.title}.` : ''}`);
		setState({ at: String(after.value), flags: after.context.flags, history, echo: true, restored: false });
	}

	/** Rewinds to decision `index` (0 = the first), replaying earlier decisions silently. */
	function rewind(index: number) {
		const history = state.history.slice(0, index);
		silent.current = true;
		const actor = replay(machine, history);
		silent.current = false;
		timing.current = { startedAt: Date.now(), stepStartedAt: Date.now() };
		moveTo.current = 'heading';
		attach(actor, history, false);
		if (history.length > 0) saveRun(scenario.id, { history, snapshot: actor.getPersistedSnapshot(), startedAt: new Date().toISOString(), stepStartedAt: new Date().toISOString(), registration: $progress.get().attempt.registration });
		else clearRun(scenario.id);
		setAnnouncement('You have gone back to an earlier decision.');
	}


	return (
		<div className="scenario">
			<div aria-live="polite" aria-atomic="true" className="visually-hidden">{announcement}</div>
			<p className="meta">{found.length} of {scenario.endings.length} endings found</p>
			{state.restored && state.history.length > 0 && (
				<p className="notice" role="status">Welcome back: you are where you left off.</p>
			)}
			{state.echo && lastChoice && (
				<div className="echo" id="consequence" ref={echoRef} tabIndex={-1}>
					<h2 className="visually-hidden">What happened</h2>
					<p className="echo__chose">You chose: {lastChoice.label}</p>
					<p><strong>What happened:</strong> {lastChoice.consequence}</p>
				</div>
			)}
			{node?.kind === 'step' && (
				<section aria-labelledby="step-heading">
					<h2 id="step-heading" ref={headingRef} tabIndex={-1}>
						Decision {state.history.length + 1}
					</h2>
					<p>{stepText(node.step, state.flags)}</p>
					<h3 id="choices-heading">{node.step.prompt}</h3>
					<ul className="choices" aria-labelledby="choices-heading">
						{availableChoices(node.step, state.flags).map((c) => (
							<li key={c.id}>
								<button type="button" onClick={() => choose(c.id)} data-choice={c.id} disabled={!awake}>{c.label}</button>
							</li>
						))}
					</ul>
				</section>
			)}
			{node?.kind === 'ending' && (
				<Suspense fallback={<p role="status">Loading the outcome…</p>}>
					<CaseEnding ending={node.ending} verdict={VERDICT[node.ending.verdict]} feedback={endingFeedback(node.ending, state.flags)} history={state.history} steps={scenario.steps} found={found} endingCount={scenario.endings.length} clauses={clauses} next={next} rewind={rewind}>
						{children}
					</CaseEnding>
				</Suspense>
			)}
		</div>
	);
}
