/**
 * Every port a test listens on, shifted by TEST_PORT_OFFSET so that several checkouts of the
 * project (e.g. git worktrees) can run their browser tests on one machine at the same time.
 */
export const PORT_OFFSET = Number(process.env.TEST_PORT_OFFSET ?? 0);

/** The port `base` moved by the offset. */
export function testPort(base: number): number {
	return base + PORT_OFFSET;
}
