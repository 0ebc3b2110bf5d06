import { afterEach, describe, expect, it, vi } from 'vitest';
import { emitCourseEvent, onCourseEvent, usedTimestamp } from '../../src/stores/event-bus.ts';

describe('event timestamps', () => {
	afterEach(() => vi.useRealTimers());
	it('stamp every event after a time already given to a statement outside the bus, even within one millisecond', () => {
		vi.useFakeTimers({ now: Date.parse('2026-11-29T10:00:00.000Z') });
		const stamps: string[] = [];
		const stop = onCourseEvent((_, at) => stamps.push(at));
		// A cmi5 session's `initialized` is recorded directly at this millisecond; the pass reported
		// at the session's start follows in the same millisecond.
		usedTimestamp('2026-11-29T10:00:00.000Z');
		emitCourseEvent({ type: 'course.initialized' });
		usedTimestamp('2026-11-29T10:00:00.005Z');
		emitCourseEvent({ type: 'course.initialized' });
		stop();
		expect(stamps).toEqual(['2026-11-29T10:00:00.001Z', '2026-11-29T10:00:00.006Z']);
	});
});
