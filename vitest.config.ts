import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/content/**/*.test.ts', 'tests/build/**/*.test.ts'],
		testTimeout: 20_000,
		// Build tests run `astro build` on fixture courses: give them time, and keep them apart
		// from each other's output folders.
		hookTimeout: 120_000,
	},
});
