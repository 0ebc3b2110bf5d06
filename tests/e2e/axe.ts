/** One way for every browser test to ask axe-core about the page as it stands. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The rule sets the course is held to: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Every WCAG A/AA violation axe finds on the page (all frames of its origin).
 * Two settings make this 2-3 times faster on a busy 2-core machine (measured: 9-15 s a page
 * became 3-6 s) without changing what is found:
 * - legacy mode runs axe.run() in the page itself; the default runs axe.runPartial() and then
 *   axe.finishRun() in a second, blank page that it opens, injects axe into and closes, which is
 *   only needed for cross-origin frames (the course has none: its CSP allows only its own origin);
 * - resultTypes ['violations'] still runs every rule on every element, but stops axe building
 *   selectors and HTML snippets for every element that passed, which the tests never read.
 */
export async function wcagViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(WCAG_TAGS)
		.setLegacyMode()
		.options({ resultTypes: ['violations'] })
		.analyze();
	return results.violations;
}

/** The violations as short readable lines (rule: elements), for an assertion message. */
export async function wcagViolationLines(page: Page): Promise<string[]> {
	return (await wcagViolations(page)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
