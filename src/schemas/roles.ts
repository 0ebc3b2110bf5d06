/**
 * The roles the policy names (clause 2.2) as the course's audiences. Kept free of zod so
 * client code can use it (through src/course/roles.ts) without shipping the schema library.
 */
export const ROLES = ['teaching', 'support', 'central', 'governor', 'volunteer', 'contractor', 'trainee'] as const;
