/** Learning Locker's xAPI statement validator, however the test runner loads its CommonJS export. */
import validation from '@learninglocker/xapi-validation';

export const validateStatement = ((validation as unknown as { default?: unknown }).default ?? validation) as (s: unknown) => unknown[];

/** The validator's complaints about each statement that has any (empty: all valid). */
export function invalidStatements(statements: unknown[]): Array<{ id: unknown; warnings: unknown[] }> {
	return statements
		.map((s) => ({ id: (s as { id?: unknown }).id, warnings: validateStatement(JSON.parse(JSON.stringify(s))) }))
		.filter((r) => r.warnings.length > 0);
}
