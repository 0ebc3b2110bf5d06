/** Loads the question pool once per page (the service worker serves it offline). */
import { useEffect, useState } from 'react';
import type { ClientQuestion } from '../assessment/options.ts';
import { withBase } from '../site/urls.ts';

let pending: Promise<ClientQuestion[]> | undefined;

export function loadQuestions(): Promise<ClientQuestion[]> {
	pending ??= fetch(withBase('/course-data/questions.json')).then((r) => {
		if (!r.ok) throw new Error(`questions: ${r.status}`);
		return r.json() as Promise<ClientQuestion[]>;
	});
	pending.catch(() => (pending = undefined)); // let a later call retry
	return pending;
}

/** The pool, or an error message the island can show with a retry. */
export function useQuestions(): { pool: ClientQuestion[] | null; error: string | null; retry: () => void } {
	const [pool, setPool] = useState<ClientQuestion[] | null>(null);
	const [error, setError] = useState<string | null>(null);
	const [attempt, setAttempt] = useState(0);
	useEffect(() => {
		let live = true;
		loadQuestions().then(
			(p) => live && setPool(p),
			() => live && setError('The questions could not be loaded. Check your connection and try again.'),
		);
		return () => {
			live = false;
		};
	}, [attempt]);
	return {
		pool,
		error,
		retry: () => {
			setError(null);
			setAttempt((n) => n + 1);
		},
	};
}
