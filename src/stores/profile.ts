/** The learner profile, stored on this device only. */
import { computed } from 'nanostores';
import type { Learner } from '../course/paths.ts';
import { ROLES as ROLE_IDS, type Role } from '../course/roles.ts';
import { expect, versionedAtom } from './storage.ts';

export interface Profile {
	/** As it appears on the certificate and in every statement; at most NAME_MAX characters. */
	name: string;
	/** How the learner is identified in records: a work email or a staff number. */
	idKind: 'email' | 'staff';
	/** The email address (at most 254 characters) or staff number (2 to 20 characters). */
	id: string;
	role: Role;
	/** Shortlists or interviews candidates (clause 7.3). */
	recruiter: boolean;
	updatedAt: string;
}

/**
 * Longest name accepted. The name travels in every statement, so an unbounded one would fill
 * the device's storage (a 100,000-character name filled it after 51 records).
 */
import { NAME_MAX } from '../course/limits.ts';

export { NAME_MAX };
const ROLES: readonly string[] = ROLE_IDS;

export function validateProfile(value: unknown): Profile | null {
	if (value === null) return null;
	const p = value as Profile;
	expect(typeof p === 'object', 'not an object');
	expect(typeof p.name === 'string' && p.name.trim().length > 0, 'name missing');
	expect(p.name.length <= NAME_MAX, 'name too long');
	expect(p.idKind === 'email' || p.idKind === 'staff', 'bad id kind');
	// The form checks the address fully; here, enough that no markup or huge value gets through.
	expect(typeof p.id === 'string' && /^[^\s<>"'`]{2,254}$/.test(p.id), 'id not valid');
	expect(ROLES.includes(p.role), 'unknown role');
	expect(typeof p.recruiter === 'boolean', 'recruiter flag missing');
	return p;
}

export const $profile = versionedAtom<Profile | null>('profile', null, {
	version: 1,
	validate: validateProfile,
	resetMessage:
		'Your saved details (name, role) could not be read, so they were reset. Please enter them again on "Your details". A copy of what was stored is kept in your record download.',
});

/**
 * The learner for path logic (which modules, lessons and cases are theirs), derived from the
 * profile; without a profile, only content for everyone is required.
 */
export const $learner = computed($profile, (profile): Learner =>
	profile ? { role: profile.role, recruiter: profile.recruiter } : { role: 'unknown' as Role, recruiter: false },
);
