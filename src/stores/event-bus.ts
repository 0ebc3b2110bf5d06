/**
 * The course's event bus: stores announce what happened ("changes"), the records listener
 * reacts by writing statements ("reaction"). UI code never writes records directly.
 */
import type { CourseEvent } from '../records/course-events.ts';

type Listener = (event: CourseEvent, at: string) => void;
const listeners = new Set<Listener>();

export function onCourseEvent(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

let last = 0;

export function emitCourseEvent(event: CourseEvent): void {
	// Timestamps strictly increase, so statements sort in the order they happened
	// (cmi5 needs "terminated" after "completed", even within one millisecond).
	last = Math.max(Date.now(), last + 1);
	const at = new Date(last).toISOString();
	for (const listener of listeners) listener(event, at);
}

/**
 * Counts a statement's time as used, so every event emitted later is stamped after it: the
 * records call it for every statement they make, including those timed outside the bus (a cmi5
 * session's `initialized`, put before anything queued). Without
 * this, `initialized` and a pass reported at the same session's start could share a millisecond,
 * and an LMS could not tell which came first (a CI run found them in the wrong order).
 */
export function usedTimestamp(at: string): void {
	last = Math.max(last, Date.parse(at));
}
