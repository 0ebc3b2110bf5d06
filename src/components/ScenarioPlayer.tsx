/**
 * The "what would you do" player. Thin: the scenario logic lives in the compiled XState
 * machine (src/scenarios), persistence in a nanostore, records in the event bus.
 * Accessibility: choices are real buttons; focus moves to each new step's heading; the
 * consequence and outcome are announced through a polite live region; verdicts are words,
 * not colours.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { compileScenario, availableChoices, endingFeedback, findNode, stepText, type ScenarioData } from '../scenarios/machine.ts';
import { replay, restore, type Decision } from '../scenarios/run.ts';
import { installApp } from '../stores/app.ts';
import { emitCourseEvent } from '../stores/events.ts';
import { $progress, recordScenarioEnding } from '../stores/progress.ts';
import { $scenarioRuns, clearRun, saveRun } from '../stores/scenarios.ts';

interface Props {
	scenario: ScenarioData;
	moduleId: string;
	clauses: Record<string, { number: string; href: string }>;
	next: { href: string; label: string };
}

const VERDICT: Record<string, { label: string; className: string; summary: string }> = {
	'best-practice': { label: 'Best practice', className: 'ok', summary: 'This is what the policy asks of you.' },
	risky: { label: 'Risky', className: 'warn', summary: 'Not the best choice: it puts you, pupils or the Trust at risk.' },
	breach: { label: 'Breach of the policy', className: 'bad', summary: 'This goes against the policy.' },
};

export default function ScenarioPlayer({ scenario, moduleId, clauses, next }: Props) {
	const machine = useMemo(() => compileScenario(scenario), [scenario]);
	// The first render (on the server, and at hydration) is the case's opening step, so the page
	// does not jump when the island wakes; a saved run is restored straight after.
	const [state, setState] = useState<{ at: string; flags: string[]; history: Decision[]; consequence?: string; restored: boolean }>({ at: scenario.start, flags: [], history: [], restored: false });
	const actorRef = useRef<ReturnType<typeof replay> | null>(null);
	const timing = useRef({ startedAt: Date.now(), stepStartedAt: Date.now() });
	const silent = useRef(false);
	const headingRef = useRef<HTMLHeadingElement>(null);
	const [announcement, setAnnouncement] = useState('');
	// Choices work once the player has woken (it hydrates when the browser is idle).
	const [awake, setAwake] = useState(false);
	const moved = useRef(false);

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
		setState({ at: String(snap.value), flags: snap.context.flags, history, consequence: restored ? lastConsequence(history) : undefined, restored });
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

	// Move focus to the new step's heading after each decision (not on first load).
	useEffect(() => {
		if (moved.current) headingRef.current?.focus();
	}, [state?.at, state?.history.length]);

	const node = findNode(scenario, state.at);

	/** What the last decision led to, shown again when a saved run is restored. */
	function lastConsequence(history: Decision[]): string | undefined {
		const d = history[history.length - 1];
		if (!d) return undefined;
		const step = findNode(scenario, d.stepId);
		return step?.kind === 'step' ? step.step.choices.find((c) => c.id === d.choiceId)?.consequence : undefined;
	}

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
		const history = [...state!.history, { stepId: step.step.id, choiceId }];
		timing.current.stepStartedAt = Date.now();
		moved.current = true;
		const nextNode = findNode(scenario, String(after.value));
		// Saved at every step and at the ending too, so a reload shows the ending, not a restart.
		saveRun(scenario.id, { history, snapshot: actor.getPersistedSnapshot(), startedAt: new Date(timing.current.startedAt).toISOString(), stepStartedAt: new Date().toISOString(), registration: $progress.get().attempt.registration });
		setAnnouncement(nextNode?.kind === 'ending' ? `${choice.consequence} Outcome: ${VERDICT[nextNode.ending.verdict]!.label}. ${nextNode.ending.title}.` : choice.consequence);
		setState({ at: String(after.value), flags: after.context.flags, history, consequence: choice.consequence, restored: false });
	}

	/** Rewinds to decision `index` (0 = the first), replaying earlier decisions silently. */
	function rewind(index: number) {
		const history = state!.history.slice(0, index);
		silent.current = true;
		const actor = replay(machine, history);
		silent.current = false;
		timing.current = { startedAt: Date.now(), stepStartedAt: Date.now() };
		moved.current = true;
		attach(actor, history, false);
		if (history.length > 0) saveRun(scenario.id, { history, snapshot: actor.getPersistedSnapshot(), startedAt: new Date().toISOString(), stepStartedAt: new Date().toISOString(), registration: $progress.get().attempt.registration });
		else clearRun(scenario.id);
		setAnnouncement('You have gone back to an earlier decision.');
	}

	const pathSummary = state.history.map((d) => {
		const s = findNode(scenario, d.stepId);
		const label = s?.kind === 'step' ? s.step.choices.find((c) => c.id === d.choiceId)?.label : d.choiceId;
		return { ...d, label: label ?? d.choiceId, prompt: s?.kind === 'step' ? s.step.prompt : '' };
	});

	return (
		<div className="scenario">
			<div aria-live="polite" aria-atomic="true" className="visually-hidden">{announcement}</div>
			{/* The situation stays in view at every decision, so a resumed case shows it too. */}
			{node?.kind === 'step' && (
				<div className="panel">
					<h2>The situation</h2>
					<p><strong>Who you are:</strong> {scenario.setting.role}</p>
					<p><strong>Where:</strong> {scenario.setting.place}</p>
					<p><strong>What has happened:</strong> {scenario.setting.situation}</p>
				</div>
			)}
			{state.restored && state.history.length > 0 && (
				<p className="notice" role="status">Welcome back: you are where you left off.</p>
			)}
			{state.consequence && (
				<div className="panel">
					<h2 className="visually-hidden">What happened</h2>
					<p><strong>What happened:</strong> {state.consequence}</p>
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
				<section aria-labelledby="step-heading">
					<h2 id="step-heading" ref={headingRef} tabIndex={-1}>
						Outcome: {node.ending.title}
					</h2>
					<div className={`panel panel--${VERDICT[node.ending.verdict]!.className === 'warn' ? 'unclear' : VERDICT[node.ending.verdict]!.className}`}>
						<p>
							<span className={`tag tag--${VERDICT[node.ending.verdict]!.className}`}>{VERDICT[node.ending.verdict]!.label}</span>{' '}
							{VERDICT[node.ending.verdict]!.summary}
						</p>
						<p>{endingFeedback(node.ending, state.flags)}</p>
						<p className="cites">
							What the policy says:{' '}
							{node.ending.clauses.map((id, i) => (
								<span key={id}>
									{i > 0 && ', '}
									<a href={clauses[id]?.href}>clause {clauses[id]?.number.replace(/\.$/, '')}</a>
								</span>
							))}
						</p>
					</div>
					<h3>Your path</h3>
					<ol>
						{pathSummary.map((d) => (
							<li key={d.stepId}>You chose: {d.label}</li>
						))}
					</ol>
					<h3>Try a different choice</h3>
					<ul className="choices">
						{pathSummary.map((d, i) => (
							<li key={d.stepId}>
								<button type="button" className="secondary" onClick={() => rewind(i)}>
									Go back to decision {i + 1} (you chose: {d.label})
								</button>
							</li>
						))}
					</ul>
					<p>
						<a className="button" href={next.href}>{next.label}</a>
					</p>
				</section>
			)}
		</div>
	);
}
