/**
 * The course's event bus: stores announce what happened ("changes"), the records listener
 * reacts by writing statements ("reaction"). UI code never writes records directly.
 */
import type { CourseEvent } from '../records/events.ts';

type Listener = (event: CourseEvent, at: string) => void;
const listeners = new Set<Listener>();

export function onCourseEvent(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

export function emitCourseEvent(event: CourseEvent): void {
	const at = new Date().toISOString();
	for (const listener of listeners) listener(event, at);
}
