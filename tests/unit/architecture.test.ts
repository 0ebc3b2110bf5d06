/**
 * The layers of src/ stay apart: no import cycles (type-only ones included) and no upward imports.
 * The rules, each with the reason for it, are in .dependency-cruiser.cjs; docs/architecture.md
 * draws the layers. A failure names the rule, the importing file and the imported one.
 */
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

async function cruiseSrc(): Promise<ICruiseResult> {
	const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
	const tsConfig = extractTSConfig('tsconfig.json');
	const { output } = await cruise(['src'], { ...options, validate: true }, {}, { tsConfig });
	return output as ICruiseResult;
}

describe('architecture', () => {
	it('src/ has no import cycles and no upward imports', async () => {
		const result = await cruiseSrc();
		const violations = result.summary.violations.map(
			(v) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`,
		);
		expect(violations).toEqual([]);
		// The rules ran over the real tree, not an empty one.
		expect(result.modules.filter((m) => m.source.startsWith('src/')).length).toBeGreaterThan(100);
	}, 120_000);
});
