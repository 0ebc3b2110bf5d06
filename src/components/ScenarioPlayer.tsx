/**
 * The "what would you do" player. Thin: the scenario logic lives in the compiled XState
 * machine (src/scenarios), the run (choose, rewind, save, records) in the scenario session
 * store (src/stores/scenario-session.ts). The situation
 * and the picture of the case are server-rendered Astro (CaseSituation, CaseMap, passed in as
 * `children`); the player only opens and closes them. The ending, which marks the picture,
 * is CaseEnding, loaded on demand.
 * Accessibility: choices are real buttons; after a choice focus moves, and the page scrolls,
 * to what happened ("You chose ..."); the consequence and outcome are announced through a
 * polite live region; verdicts are words and an icon's shape, never colour alone.
 */
import { useStore } from '@nanostores/react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { availableChoices, endingFeedback, findNode, stepText, type ScenarioData } from '../scenarios/steps.ts';
import { atom } from 'nanostores';
import { VERDICT } from '../scenarios/verdict.ts';
import { installApp } from '../stores/app.ts';
import type { ScenarioSession, SessionState } from '../stores/scenario-session.ts';
import { $endingsFound } from '../stores/scenarios.ts';

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
	// The session (src/stores/scenario-session.ts) runs the case; this island shows it. Until it
	// has loaded (on the server, at hydration) the island shows the case's opening step, so the
	// page does not jump when it wakes; a saved run is restored straight after. The session
	// loads on demand, when the island wakes, so it is not part of the page's up-front JavaScript.
	const opening = useMemo(() => atom<SessionState>({ at: scenario.start, flags: [], history: [], echo: false, restored: false, awake: false }), [scenario]);
	const [session, setSession] = useState<ScenarioSession | null>(null);
	const [failed, setFailed] = useState(false);
	const state = useStore(session?.$state ?? opening);
	const endingsFound = useStore($endingsFound);
	const headingRef = useRef<HTMLHeadingElement>(null);
	const echoRef = useRef<HTMLDivElement>(null);
	const [announcement, setAnnouncement] = useState('');
	// Where focus goes after the next render: what happened (after a choice) or the step (after going back).
	const moveTo = useRef<'echo' | 'heading' | null>(null);

	useEffect(() => {
		installApp();
		let live = true;
		let started: ScenarioSession | undefined;
		import('../stores/scenario-session.ts')
			.then(({ createScenarioSession }) => {
				if (!live) return;
				started = createScenarioSession(scenario, moduleId);
				started.start();
				setSession(started);
			})
			.catch(() => setFailed(true));
		return () => {
			live = false;
			started?.stop();
		};
	}, [scenario, moduleId]);

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
	// None before the session wakes, as on the server, so hydration matches.
	const found = state.awake ? (endingsFound[scenario.id] ?? []) : [];
	const last = state.history[state.history.length - 1];
	const lastStep = last && findNode(scenario, last.stepId);
	const lastChoice = lastStep?.kind === 'step' ? lastStep.step.choices.find((c) => c.id === last!.choiceId) : undefined;

	function choose(choiceId: string) {
		moveTo.current = 'echo';
		const made = session?.choose(choiceId);
		if (!made) {
			moveTo.current = null;
			return;
		}
		void loadEnding();
		// The situation folds away after the first choice, one tap from view, so what happened gets the screen.
		if (made.first) document.getElementById('situation')?.removeAttribute('open');
		const { choice, ending } = made;
		setAnnouncement(`You chose: ${choice.label}. ${choice.consequence}${ending ? ` Outcome: ${VERDICT[ending.verdict].label}. ${ending.title}.` : ''}`);
	}

	/** Goes back to decision `index` (0 = the first). */
	function rewind(index: number) {
		moveTo.current = 'heading';
		session?.rewind(index);
		setAnnouncement('You have gone back to an earlier decision.');
	}

	return (
		<div className="scenario">
			<div aria-live="polite" aria-atomic="true" className="visually-hidden">
				{announcement}
			</div>
			<p className="meta">
				{found.length} of {scenario.endings.length} endings found
			</p>
			{failed && (
				<p className="notice notice--bad" role="alert">
					This case could not load. Check your connection and reload the page.
				</p>
			)}
			{state.restored && state.history.length > 0 && (
				<p className="notice" role="status">
					Welcome back: you are where you left off.
				</p>
			)}
			{state.echo && lastChoice && (
				<div className="echo" id="consequence" ref={echoRef} tabIndex={-1}>
					<h2 className="visually-hidden">What happened</h2>
					<p className="echo__chose">You chose: {lastChoice.label}</p>
					<p>
						<strong>What happened:</strong> {lastChoice.consequence}
					</p>
				</div>
			)}
			{node?.kind === 'step' && (
				<section aria-labelledby="step-heading">
					{/* Told as a story, not a form ("Decision 1" read like one: learner-experience review):
					    the opening step is the moment itself, each later one what happens next. The
					    count stays in the heading's name for screen readers moving by headings. */}
					<h2
						id="step-heading"
						ref={headingRef}
						tabIndex={-1}
						aria-label={`${state.history.length ? 'What happens next' : 'The moment'}, decision ${state.history.length + 1}`}
					>
						{state.history.length ? 'What happens next' : 'The moment'}
					</h2>
					<p>{stepText(node.step, state.flags)}</p>
					<h3 id="choices-heading">{node.step.prompt}</h3>
					<ul className="choices" aria-labelledby="choices-heading">
						{availableChoices(node.step, state.flags).map((c) => (
							<li key={c.id}>
								<button type="button" onClick={() => choose(c.id)} data-choice={c.id} disabled={!state.awake}>
									{c.label}
								</button>
							</li>
						))}
					</ul>
				</section>
			)}
			{node?.kind === 'ending' && (
				<Suspense fallback={<p role="status">Loading the outcome…</p>}>
					<CaseEnding
						ending={node.ending}
						verdict={VERDICT[node.ending.verdict]}
						feedback={endingFeedback(node.ending, state.flags)}
						history={state.history}
						steps={scenario.steps}
						found={found}
						endingCount={scenario.endings.length}
						clauses={clauses}
						next={next}
						rewind={rewind}
					>
						{children}
					</CaseEnding>
				</Suspense>
			)}
		</div>
	);
}
