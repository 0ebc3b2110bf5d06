/**
 * The checks on a learner's details (name, email or staff number, role): pure, so the form,
 * the stores and the tests share them.
 */
import { NAME_MAX } from './limits.ts';
import { ROLES } from './roles.ts';

export { NAME_MAX };

/**
 * Direction overrides and isolates (which can make "gnp.exe" display as "exe.png"), other
 * invisible controls, and line breaks: never part of a name.
 */
const INVISIBLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** A name as the course stores and shows it: no hidden controls, single spaces, trimmed. */
export function cleanName(name: string): string {
	return name.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Longest email address a mail system accepts (RFC 5321: 254 in all, 64 before the @). */
export const EMAIL_MAX = 254;

/**
 * An email address a mail system would deliver to: the HTML standard's "valid email address"
 * with a dotted domain. Refuses quotes, angle brackets and spaces, so markup never passes.
 */
export function isEmailAddress(value: string): boolean {
	if (value.length > EMAIL_MAX || value.indexOf('@') > 64) return false;
	return /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(value);
}

export const isStaffNumber = (value: string): boolean => /^[A-Za-z0-9-]{2,20}$/.test(value);

/** Checks a profile form; returns messages by field, empty when valid. */
export function profileErrors(input: { name: string; idKind: string; id: string; role: string }): Record<string, string> {
	const errors: Record<string, string> = {};
	const name = cleanName(input.name);
	const id = input.id.trim();
	if (!name) errors.name = 'Enter your name';
	else if (name.length > NAME_MAX) errors.name = `Your name must be ${NAME_MAX} characters or fewer (it is ${name.length})`;
	if (input.idKind === 'email') {
		if (id.length > EMAIL_MAX) errors.id = `Your email address must be ${EMAIL_MAX} characters or fewer`;
		else if (!isEmailAddress(id)) errors.id = 'Enter your work email address, like name@example.org';
	} else if (!isStaffNumber(id)) errors.id = 'Enter your staff number: 2 to 20 letters, numbers or hyphens';
	if (!(ROLES as readonly string[]).includes(input.role)) errors.role = 'Select your role';
	return errors;
}
