/** The profile form's save action (the "Your details" page only); its checks are pure, in course/profile-checks.ts. */
import { cleanName } from '../course/profile-checks.ts';
import { adoptPlaceholderRecords } from './adopt.ts';
import { initializeAttempt } from './app.ts';
import { $profile, type Profile } from './profile.ts';
import { PREFIX, savedWhere } from './storage.ts';

/**
 * Saves the profile; says where it went: `device` (saved), `tab` (kept until the tab closes,
 * because the browser refuses to store data) or `page` (not saved: storage full or refused).
 */
export function saveProfile(input: Omit<Profile, 'updatedAt'>): 'device' | 'tab' | 'page' {
	$profile.set({ ...input, name: cleanName(input.name), id: input.id.trim(), updatedAt: new Date().toISOString() });
	// The learner is known now: the attempt's `initialized` can be made about them (in this tab
	// only, so two open tabs never both make it).
	initializeAttempt();
	adoptPlaceholderRecords();
	return savedWhere(`${PREFIX}profile`);
}
