/**
 * `test` with an `lrs` fixture: one real LRS per Playwright worker (its ports from the worker's
 * index), started the first time a test of that worker asks for it and shared by its later tests.
 * Tests of one file can then run on both workers at once; each LRS serves one test at a time, so a
 * test may still take it down (`stop`/`start`) or make it misbehave (`behave`), provided it puts
 * it back. Tests tell their statements apart by registration.
 */
import { test as base } from '@playwright/test';
import { startLrs, type Lrs } from '../lrs/harness.ts';
import { testPort } from '../ports.ts';

export const test = base.extend<object, { lrs: Lrs }>({
	lrs: [
		async ({}, use, workerInfo) => {
			const lrs = await startLrs(testPort(4480 + workerInfo.parallelIndex * 10));
			await use(lrs);
			await lrs.close();
		},
		{ scope: 'worker', timeout: 120_000 },
	],
});
export { expect } from '@playwright/test';
