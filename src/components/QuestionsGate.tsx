/** Shows a loading line or a retryable error until the question pool is there. */
import type { ReactNode } from 'react';
import { useQuestions } from '../client/questions.ts';
import type { ClientQuestion } from './QuestionView.tsx';

export default function QuestionsGate({ children, fallback }: { children: (pool: ClientQuestion[]) => ReactNode; fallback?: ReactNode }) {
	const { pool, error, retry } = useQuestions();
	if (error)
		return (
			<div className="notice notice--bad" role="alert">
				<p>{error}</p>
				<button type="button" onClick={retry}>
					Try again
				</button>
			</div>
		);
	if (!pool) return <>{fallback ?? <p role="status">Loading the questions…</p>}</>;
	return <>{children(pool)}</>;
}
