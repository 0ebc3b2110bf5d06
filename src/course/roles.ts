/** The roles the policy names (clause 2.2) as the course's audiences; the list lives with the schemas. */
import { ROLES } from '../schemas/roles.ts';
export { ROLES };
export type Role = (typeof ROLES)[number];
