/**
 * The preset dictionary for compressing suspend_data (./suspend.ts): every id the learner's
 * progress can hold, in the JSON shapes it appears in, so the first mention of an id costs a
 * few bits instead of its length. Built from the course content at build time (the wrapper page
 * carries it) and, identically, in tests: ids are sorted, so the input's order does not matter.
 */
export interface DictionarySource {
	modules: ReadonlyArray<{
		id: string;
		lessons: ReadonlyArray<{ id: string }>;
		scenarios: ReadonlyArray<{ id: string; endings: ReadonlyArray<{ id: string }> }>;
		questions: ReadonlyArray<{ id: string; options?: ReadonlyArray<{ id: string }> }>;
	}>;
}

const sorted = (list: Iterable<string>) => [...new Set(list)].sort();

export function suspendDictionary(source: DictionarySource): string {
	const mods = [...source.modules].sort((a, b) => a.id.localeCompare(b.id));
	const parts: string[] = [
		'{"attempt":{"registration":"","mode":"induction","refresher","startedAt":"","courseVersion":"","policyVersion":"","initializedAt":"~',
		'"preCheck":{"at":"~","results":{"acknowledged":{"at":"~","completed":{"at":"~","score":,"code":"',
		'"history":[{"completedAt":"~","seenQuestions":["',
		'"assessment":{"finished":[{"id":"","seed":,"questionIds":["","optionOrder":{"answers":{"finishedAt":"~","correct":,"total":,"passed":true,false,"byModule":{"savedAt":"~","view":{"kind":"question","index":review","confirm"',
		'"current":{"questionIds":{"answers":{"startedAt":"~"',
		'"verdict":"breach"},"verdict":"risky"},"verdict":"best-practice"},"endingId":"',
		'"checks":{"testedOut":{"modulesCompleted":{"correct":4,"total":4},"',
	];
	for (const m of mods) {
		parts.push(sorted(m.questions.flatMap((q) => (q.options ?? []).map((o) => `"${o.id}"`))).join(','));
		parts.push(sorted(m.questions.map((q) => `"${q.id}":["`)).join(''));
		parts.push(sorted(m.scenarios.map((s) => `"${s.id}":{"endingId":"${sorted(s.endings.map((e) => e.id)).join('","')}"`)).join(''));
		parts.push(sorted(m.lessons.map((l) => `"${m.id}/${l.id}":"~`)).join(''));
		parts.push(`"${m.id}":`);
	}
	parts.push('"lessons":{"scenarios":{"checks":{"testedOut":{"modulesCompleted":{');
	// deflate looks back at most 32 KiB: keep the most recent (most useful) end.
	return parts.join('').slice(-32_000);
}
