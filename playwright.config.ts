import { defineConfig } from '@playwright/test';
import { testPort } from './tests/ports.ts';

/** Browser tests run on the built site (npm test builds it once) in Debian's Chromium. */
const PORT = Number(process.env.E2E_PORT ?? testPort(4399));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: process.env.CI ? 2 : 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	// npm test ends by naming the spec files that took over a minute, slowest first: where the
	// suite's time goes, on every run (CI included).
	reportSlowTests: { max: 10, threshold: 60_000 },
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		browserName: 'chromium',
		launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
		serviceWorkers: 'block',
		trace: 'off',
	},
	webServer: {
		command: `node scripts/serve.mjs --port ${PORT}`,
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: false,
		timeout: 30_000,
	},
});
