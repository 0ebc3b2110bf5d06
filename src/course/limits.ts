/**
 * Lengths the course holds free text to. Kept apart from the checks (./profile-checks.ts) so
 * that the stores every page loads can import a number without the form's checks coming too.
 */

/** Longest name the course keeps: it is carried in every statement and on the certificate. */
export const NAME_MAX = 100;
