/**
 * Thin islands (issue 17): components show state and call store actions; they never announce
 * course events themselves. The event bus (src/stores/event-bus.ts) is for stores, whose actions
 * are unit-tested (tests/unit/stores.test.ts, tests/unit/scenario-session.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const UI = ['src/components', 'src/islands'];

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : /\.(tsx?|astro)$/.test(e.name) ? [join(dir, e.name)] : [],
	);
}

describe('thin islands', () => {
	it('no component or island imports the event bus or emits course events', () => {
		const offenders = UI.flatMap(files).filter((f) => {
			const text = readFileSync(f, 'utf8');
			return (
				/from\s+['"][./]*\/?stores\/event-bus\.ts['"]/.test(text.replace(/from\s+['"][^'"]*records\/course-events\.ts['"]/g, '')) ||
				/\bemitCourseEvent\b/.test(text)
			);
		});
		expect(offenders).toEqual([]);
	});
});
