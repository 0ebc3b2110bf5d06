/**
 * Calendar-month arithmetic for the refresher rule. The same rule as the learner's dashboard
 * (addMonths in src/course/refresher.ts; a unit test holds the two equal): kept here so the
 * report page does not import the learner's modules and change their shared bundles.
 */
export function addMonths(iso: string, months: number): Date {
	const d = new Date(iso);
	const day = d.getUTCDate();
	const out = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()));
	const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
	out.setUTCDate(Math.min(day, last));
	return out;
}
