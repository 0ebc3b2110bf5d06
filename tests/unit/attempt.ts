/** An induction attempt with nothing done yet, for the unit tests and the stored data of storage-faults.spec; `over` sets what the test needs. */
import type { Attempt } from '../../src/course/journey.ts';

export const attempt = (over: Partial<Attempt> = {}): Attempt => ({
	registration: 'r',
	mode: 'induction',
	startedAt: '2026-01-01T00:00:00Z',
	courseVersion: '1.0.0',
	policyVersion: '2',
	lessons: {},
	scenarios: {},
	checks: {},
	testedOut: {},
	modulesCompleted: {},
	...over,
});
