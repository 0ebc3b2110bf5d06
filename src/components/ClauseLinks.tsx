import { Fragment } from 'react';
import { withBase } from '../site/urls.ts';
/**
 * "Policy: clause 3.5, clause 3.6" with links into the policy reader.
 *
 * Each link opens the clause in a new tab (issue 16, "a way back from clause links"): the lesson,
 * check or case the learner came from stays open where they left it, with any answers in progress,
 * and closing the policy's tab brings them back to that exact place. That also works in the
 * installed app, which has no Back button, and needs no script on the policy reader (a reading page
 * that ships none). Every link says so in its name; the arrow says it to the eye.
 */
export type ClauseRefs = Record<string, { number: string; href: string }>;

export default function ClauseLinks({ ids, refs, label = 'Policy' }: { ids: string[]; refs: ClauseRefs; label?: string }) {
	return (
		<span className="cites">
			{ids.map((id, i) => (
				// Each clause is kept whole on one line, the label with the first, so a phone never
				// leaves "Policy:" alone at the end of a line; lines may break after each comma.
				<Fragment key={id}>
					{i > 0 && ', '}
					<span className="cites__clause">
						{i === 0 && `${label}: `}
						<a href={refs[id]?.href ?? withBase(`/policy/#clause-${id}`)} target="_blank" rel="noopener">
							clause {(refs[id]?.number ?? id).replace(/\.$/, '')}
							<span className="visually-hidden"> (opens in a new tab)</span>
						</a>
					</span>
				</Fragment>
			))}
		</span>
	);
}
