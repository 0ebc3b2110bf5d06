/**
 * The import rules that keep the layers of src/ apart (docs/architecture.md draws them).
 * Checked by tests/unit/architecture.test.ts in `npm test`, and by `npm run lint:imports`.
 *
 *   schemas  <-  domain (course, scenarios, assessment, records, report, site/urls)
 *            <-  stores  <-  components, client, lms  <-  islands  <-  pages, layouts (.astro)
 *   build/ (Node only: content loading, checks, Astro integrations, budgets) may use schemas and
 *   domain; nothing that runs in a browser may import it.
 *
 * A rule names what may NOT be imported, so a new folder is free until it needs a rule.
 */
const DOMAIN = '^src/(course|scenarios|assessment|records|report)/|^src/site/urls\\.ts$';
const BROWSER = '^src/(course|scenarios|assessment|records|report|stores|components|islands|client|lms)/|^src/site/urls\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-cycles',
			comment: 'Modules that import each other cannot be understood, tested or loaded one at a time.',
			severity: 'error',
			from: { path: '^src/' },
			to: { circular: true },
		},
		{
			name: 'schemas-stand-alone',
			comment: 'A schema describes content; it may use other schemas and zod, never the code that uses it.',
			severity: 'error',
			from: { path: '^src/schemas/' },
			to: { path: '^src/', pathNot: '^src/schemas/' },
		},
		{
			name: 'domain-is-pure',
			comment: 'Domain logic is plain TypeScript that runs anywhere: it must not reach up into stores, UI, browser glue or build code.',
			severity: 'error',
			from: { path: DOMAIN },
			to: { path: '^src/(stores|components|islands|client|lms|build|pages|layouts)/|^src/site/content\\.ts$' },
		},
		{
			name: 'stores-below-ui',
			comment: 'Stores hold state and its actions; the UI reads them, never the other way round.',
			severity: 'error',
			from: { path: '^src/stores/' },
			to: { path: '^src/(components|islands|client|lms|build|pages|layouts)/|^src/site/content\\.ts$' },
		},
		{
			name: 'components-only-from-ui',
			comment: 'Components are imported by islands, other components and Astro pages only.',
			severity: 'error',
			from: { pathNot: '^src/(components|islands|pages|layouts)/' },
			to: { path: '^src/components/' },
		},
		{
			name: 'islands-only-from-pages',
			comment: 'An island is a page-level entry point.',
			severity: 'error',
			from: { pathNot: '^src/(pages|layouts)/' },
			to: { path: '^src/islands/' },
		},
		{
			name: 'no-event-bus-in-ui',
			comment: 'Components and islands call store actions; only stores emit course events.',
			severity: 'error',
			from: { path: '^src/(components|islands)/' },
			to: { path: '^src/stores/event-bus\\.ts$' },
		},
		{
			name: 'node-only-stays-in-node',
			comment: 'src/build/ reads files and runs at build time; browser code importing it would break or bloat the bundle.',
			severity: 'error',
			from: { path: BROWSER },
			to: { path: '^src/build/' },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '^src/env\\.d\\.ts$' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mjs', '.js'] },
	},
};
