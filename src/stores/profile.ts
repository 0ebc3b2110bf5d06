/** The learner profile, stored on this device only. */
import { computed } from 'nanostores';
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

export const $learner = computed($profile, (p) => (p ? { role: p.role, recruiter: p.recruiter } : null));

/** Checks a profile form; returns messages by field, empty when valid. */
export function profileErrors(input: { name: string; idKind: string; id: string; role: string }): Record<string, string> {
	const errors: Record<string, string> = {};
	if (!input.name.trim()) errors.name = 'Enter your name';
	if (input.idKind === 'email') {
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.id.trim())) errors.id = 'Enter your work email address, like name@example.org';
	} else if (!/^[A-Za-z0-9-]{2,20}$/.test(input.id.trim())) errors.id = 'Enter your staff number: letters and numbers only';
	if (!ROLES.includes(input.role)) errors.role = 'Select your role';
	return errors;
}

export function saveProfile(input: Omit<Profile, 'updatedAt'>): void {
	$profile.set({ ...input, name: input.name.trim(), id: input.id.trim(), updatedAt: new Date().toISOString() });
}
