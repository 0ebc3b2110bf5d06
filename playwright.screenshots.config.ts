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
	timeout: 600_000,
	projects: [
		{ name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
		{ name: 'phone', use: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } },
	],
});
