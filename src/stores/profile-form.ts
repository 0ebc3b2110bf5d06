/** The profile form's checks and save action (the "Your details" page only). */
import { ROLES } from '../course/roles.ts';
import { initializeAttempt } from './app.ts';
import { $profile, type Profile } from './profile.ts';

/** Checks a profile form; returns messages by field, empty when valid. */
export function profileErrors(input: { name: string; idKind: string; id: string; role: string }): Record<string, string> {
	const errors: Record<string, string> = {};
	if (!input.name.trim()) errors.name = 'Enter your name';
	if (input.idKind === 'email') {
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.id.trim())) errors.id = 'Enter your work email address, like name@example.org';
	} else if (!/^[A-Za-z0-9-]{2,20}$/.test(input.id.trim())) errors.id = 'Enter your staff number: letters and numbers only';
	if (!(ROLES as readonly string[]).includes(input.role)) errors.role = 'Select your role';
	return errors;
}

export function saveProfile(input: Omit<Profile, 'updatedAt'>): void {
	$profile.set({ ...input, name: input.name.trim(), id: input.id.trim(), updatedAt: new Date().toISOString() });
	// The learner is known now: the attempt's `initialized` can be made about them (in this tab
	// only, so two open tabs never both make it).
	initializeAttempt();
}
