/** Saves the training record as a JSON file named with the learner and the date. */
export function recordFileName(name: string | undefined, date = new Date()): string {
	const who = (name ?? 'learner').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'learner';
	return `training-record-social-media-policy-${who}-${date.toISOString().slice(0, 10)}.json`;
}

export function downloadRecord(json: string, name: string | undefined): void {
	const blob = new Blob([json], { type: 'application/json' });
	const href = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = href;
	a.download = recordFileName(name);
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(href), 1000);
}
