/**
 * Records made before the learner gave their details (a lesson read on a first visit) carry
 * the device's placeholder actor. A learner's record must be about one person (issue 13.4),
 * so once the details are saved, those records, which were never sent anywhere, are filed
 * again under the learner. Loaded only by the "Your details" page.
 */
import { currentActor, putRecord, readAllRecords } from './records.ts';

/** The placeholder actor's account lives under `<iri base>/devices`. */
const isPlaceholder = (actor: unknown): boolean => {
	const account = (actor as { account?: { homePage?: unknown } } | undefined)?.account;
	return typeof account?.homePage === 'string' && account.homePage.endsWith('/devices');
};

/** Re-files this device's unsent placeholder records under the learner now known; returns how many. */
export function adoptPlaceholderRecords(): number {
	const actor = currentActor();
	if (isPlaceholder(actor)) return 0;
	let adopted = 0;
	for (const entry of readAllRecords()) {
		// Only records that never left the device: a sent statement is immutable.
		if (entry.status !== 'local' || !isPlaceholder(entry.statement.actor)) continue;
		putRecord({ ...entry, statement: { ...entry.statement, actor } });
		adopted++;
	}
	return adopted;
}
