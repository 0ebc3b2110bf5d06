import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * `npm run screenshots`: pictures of every page type and case state at 1280x800 and 375x740
 * into screenshots/ (git-ignored), for reviewing the learner's experience. Not part of npm test.
 */
export default defineConfig({
	...base,
	testDir: 'tests/screenshots',
	testMatch: /.*\.shot\.ts$/,
	workers: 1,
	timeout: 300_000,
	projects: [
		// A missing control fails in 15 s rather than waiting out the test.
		{ name: 'desktop', use: { ...base.use, viewport: { width: 1280, height: 800 }, actionTimeout: 15_000 } },
		{ name: 'phone', use: { ...base.use, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, actionTimeout: 15_000 } },
	],
});
