import { withBase } from '../site/urls.ts';
/** "Policy: clause 3.5, clause 3.6" with links into the policy reader. */
export type ClauseRefs = Record<string, { number: string; href: string }>;

export default function ClauseLinks({ ids, refs, label = 'Policy' }: { ids: string[]; refs: ClauseRefs; label?: string }) {
	return (
		<span className="cites">
			{label}:{' '}
			{ids.map((id, i) => (
				<span key={id}>
					{i > 0 && ', '}
					<a href={refs[id]?.href ?? withBase(`/policy/#clause-${id}`)}>clause {(refs[id]?.number ?? id).replace(/\.$/, '')}</a>
				</span>
			))}
		</span>
	);
}
