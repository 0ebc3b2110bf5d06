/**
 * What the learner sees at the end of a case: the verdict banner, the feedback with its
 * clauses, the path taken (the text alternative of the picture), the picture of the case
 * marked with that path, the way back to each decision, and the next step.
 *
 * Loaded on demand (ScenarioPlayer imports it with `lazy`, and starts fetching it at the first
 * choice), because nobody needs it before an ending: that keeps it out of the scenario page's
 * up-front JavaScript budget (src/build/analyse.ts counts only what loads with the page).
 * It imports nothing but React: what it needs from the machine comes in as props, so the
 * player's own code is not split into a shared chunk (which costs more gzipped bytes than it saves).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { ScenarioData } from '../scenarios/machine.ts';
import type { Decision } from '../scenarios/run.ts';
import type { VERDICT } from '../scenarios/verdict.ts';

type Ending = ScenarioData['endings'][number];

export interface CaseEndingProps {
	ending: Ending;
	/** How this ending's verdict is shown (words, icon, class). */
	verdict: (typeof VERDICT)[keyof typeof VERDICT];
	/** The ending's feedback for the learner's flags. */
	feedback: string;
	/** The decisions that led here. */
	history: Decision[];
	/** The case's steps, to name each choice taken. */
	steps: ScenarioData['steps'];
	/** Ending ids the learner has reached in this case, in any attempt. */
	found: string[];
	endingCount: number;
	clauses: Record<string, { number: string; href: string }>;
	next: { href: string; label: string };
	rewind: (index: number) => void;
	/** The server-drawn picture of the case (CaseMap.astro). */
	children?: ReactNode;
}

export default function CaseEnding({ ending, verdict, feedback, history, steps, found, endingCount, clauses, next, rewind, children }: CaseEndingProps) {
	const mapRef = useRef<HTMLDivElement>(null);
	const path = history.map((d) => ({ ...d, label: steps.find((s) => s.id === d.stepId)?.choices.find((c) => c.id === d.choiceId)?.label ?? d.choiceId }));

	useEffect(() => {
		// Mark the learner's path and the endings found on the server-drawn picture: only
		// attributes change; the words they point at (aria-describedby) are in CaseMap.astro.
		const map = mapRef.current;
		if (!map) return;
		const taken = new Set(history.map((d) => `${d.stepId}:${d.choiceId}`));
		const visited = new Set([...history.map((d) => d.stepId), ending.id]);
		map.querySelectorAll<SVGElement>('[data-edge]').forEach((e) => e.toggleAttribute('data-path', taken.has(e.dataset.edge!)));
		map.querySelectorAll<SVGElement>('[data-node]').forEach((n) => {
			const id = n.dataset.node!;
			const ids = [visited.has(id) && 'map-path', id === ending.id && 'map-here', found.includes(id) && 'map-found'].filter(Boolean).join(' ');
			if (ids) n.setAttribute('aria-describedby', ids);
			else n.removeAttribute('aria-describedby');
		});
	}, [history, found, ending.id]);

	return (
		<section aria-labelledby="step-heading">
			<div className={`verdict verdict--${verdict.className}`}>
				<span className="verdict__icon" aria-hidden="true">
					{verdict.icon}
				</span>
				<div>
					<p className="verdict__label">{verdict.label}</p>
					<h2 id="step-heading" tabIndex={-1}>
						Outcome: {ending.title}
					</h2>
				</div>
			</div>
			<p>{feedback}</p>
			<p className="cites">
				What the policy says:{' '}
				{ending.clauses.map((id, i) => (
					<span key={id}>
						{i > 0 && ', '}
						<a href={clauses[id]?.href}>clause {clauses[id]?.number.replace(/\.$/, '')}</a>
					</span>
				))}
			</p>
			<h3>Your path</h3>
			{/* The text alternative of the picture below: the path taken, then the endings found. */}
			<ol className="path" id="case-path">
				{path.map((d, i) => (
					<li key={d.stepId}>
						Decision {i + 1}: <span>You chose: {d.label}</span>
					</li>
				))}
				<li>
					Ending: {ending.title} ({verdict.label})
				</li>
			</ol>
			<p>
				{found.length} of {endingCount} endings found: the picture below colours each one.
			</p>
			<div ref={mapRef}>{children}</div>
			<h3>Try a different choice</h3>
			<ul className="choices">
				{path.map((d, i) => (
					<li key={d.stepId}>
						<button type="button" className="secondary" onClick={() => rewind(i)}>
							Go back to decision {i + 1} (you chose: {d.label})
						</button>
					</li>
				))}
			</ul>
			<p>
				<a className="button" href={next.href}>
					{next.label}
				</a>
			</p>
		</section>
	);
}
