/** The learner profile, stored on this device only. */
import { ROLES as ROLE_IDS, type Role } from '../course/roles.ts';
import { expect, versionedAtom } from './storage.ts';

export interface Profile {
	name: string;
	/** How the learner is identified in records: a work email or a staff number. */
	idKind: 'email' | 'staff';
	id: string;
	role: Role;
	/** Shortlists or interviews candidates (clause 7.3). */
	recruiter: boolean;
	updatedAt: string;
}

const ROLES: readonly string[] = ROLE_IDS;

export function validateProfile(value: unknown): Profile | null {
	if (value === null) return null;
	const p = value as Profile;
	expect(typeof p === 'object', 'not an object');
	expect(typeof p.name === 'string' && p.name.trim().length > 0, 'name missing');
	expect(p.idKind === 'email' || p.idKind === 'staff', 'bad id kind');
	expect(typeof p.id === 'string' && p.id.trim().length > 0, 'id missing');
	expect(ROLES.includes(p.role), 'unknown role');
	expect(typeof p.recruiter === 'boolean', 'recruiter flag missing');
	return p;
}

export const $profile = versionedAtom<Profile | null>('profile', null, {
	version: 1,
	validate: validateProfile,
	resetMessage: 'Your saved details (name, role) could not be read, so they were reset. Please enter them again on "Your details". A copy of what was stored is kept in your record download.',
});
