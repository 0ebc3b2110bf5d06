/**
 * Wakes the client (records listener, launch, sync) and reports when the island may show the
 * learner's own state. Until then, islands render what the server rendered, so hydration
 * matches and the page does not jump.
 */
import { useEffect, useState } from 'react';
import { installApp } from '../stores/app.ts';

export function useAppReady(onReady?: () => void): boolean {
	const [ready, setReady] = useState(false);
	useEffect(() => {
		installApp();
		onReady?.();
		setReady(true);
		// Runs once per island mount; onReady is read at that moment.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);
	return ready;
}
