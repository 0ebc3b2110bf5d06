// Lint rules for the course: typescript-eslint's recommended set, React hooks rules for the islands,
// and the Astro plugin for .astro files. Formatting is prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

export default tseslint.config(
	{
		ignores: [
			'dist/',
			'dist-*/',
			'.astro/',
			'.tmp/',
			'node_modules/',
			'packages/',
			'screenshots/',
			'test-results/',
			'playwright-report/',
			'modules/',
			'tests/fixtures/**/dist/',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommended,
	...astro.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		plugins: { 'react-hooks': reactHooks },
		// The two classic hooks rules. The plugin's React Compiler rules (purity, immutability, ...)
		// assume the compiler, which the course does not use.
		rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
	},
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// The code marks deliberately unused parameters and destructured values with a leading underscore.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
		},
	},
	{
		// Playwright fixtures that use no other fixture are written `async ({}, use) => ...`.
		files: ['tests/**/*.ts'],
		rules: { 'no-empty-pattern': 'off' },
	},
	{
		// CommonJS files (Node --require hooks, tool configs) load with require.
		files: ['**/*.cjs'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
