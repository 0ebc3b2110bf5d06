/**
 * Checks a training record a learner downloaded (a JSON array of the course's statements) before
 * it counts: it must parse, every entry must be a statement of this course, all must be about one
 * person, and every course completion must carry the verification code that the course's own
 * check (`verifyRecordCode`) accepts for the record as it stands. A file
 * that fails any check is reported with every reason and none of its statements is counted.
 */
import type { Statement } from '../records/statements.ts';
import { verifyRecordCode } from '../records/verification.ts';
import type { ReportCourse } from './course-key.ts';
import { personKey } from './identity.ts';

/** What checking a record file found. Its statements are not kept: see readRecordFile. */
export interface RecordFileResult {
	/** The file's name, as chosen. */
	name: string;
	/** True when every check passed and its statements count. */
	ok: boolean;
	/** Every reason it cannot count, in plain words (empty when ok). */
	problems: string[];
	/** How many statements it holds (0 when it cannot count). */
	count: number;
	/** Whose record it is (the report's person key), when ok. */
	person?: string;
}

/**
 * A record file given to a report run: its name, and a way to read its text when the run reaches
 * it. A run reads, checks and folds one file at a time, so hundreds of files (a trust's offline
 * volunteers: 146 MB for 329 people in the 4,000-staff bench) are never in memory together.
 */
export interface RecordFileSource {
	name: string;
	text: () => Promise<string>;
}

function statementProblem(s: unknown, iriBase: string): string | undefined {
	if (!s || typeof s !== 'object') return 'is not an object';
	const x = s as Partial<Statement>;
	if (typeof x.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(x.id)) return 'has no valid id';
	if (!x.actor || typeof x.actor !== 'object' || !('mbox' in x.actor || ('account' in x.actor && x.actor.account && typeof x.actor.account.name === 'string')))
		return 'has no actor';
	if (!x.verb || typeof x.verb.id !== 'string') return 'has no verb';
	if (!x.object || typeof x.object.id !== 'string') return 'has no object';
	if (!x.object.id.startsWith(iriBase)) return 'is not from this course';
	if (typeof x.timestamp !== 'string' || Number.isNaN(Date.parse(x.timestamp))) return 'has no valid timestamp';
	return undefined;
}

/** Checks a record file for the list of chosen files; the statements are dropped. */
export async function checkRecordFile(name: string, text: string, course: ReportCourse): Promise<RecordFileResult> {
	return (await readRecordFile(name, text, course)).result;
}

/** Checks a record file and, when it passes, returns its statements oldest first. */
export async function readRecordFile(name: string, text: string, course: ReportCourse): Promise<{ result: RecordFileResult; statements: Statement[] }> {
	const fail = (...problems: string[]) => ({ result: { name, ok: false, problems, count: 0 }, statements: [] });
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return fail('It is not a training record: it cannot be read as JSON.');
	}
	if (!Array.isArray(data)) return fail('It is not a training record: it should be a list of statements.');
	if (data.length === 0) return fail('It holds no statements.');
	const problems: string[] = [];
	data.forEach((s, i) => {
		const p = statementProblem(s, course.iriBase);
		if (p) problems.push(`Statement ${i + 1} ${p}.`);
	});
	if (problems.length) return fail(...problems.slice(0, 5), ...(problems.length > 5 ? [`…and ${problems.length - 5} more statements with problems.`] : []));
	const statements = data as Statement[];
	const people = new Set(statements.map((s) => personKey(s.actor, course.trustHomePage)));
	if (people.size > 1) problems.push(`It mixes ${people.size} people's records; a training record is about one person.`);
	const { verbs: VERBS, ext: EXT } = course.vocab;
	for (const s of statements) {
		if (s.verb.id !== VERBS.completed || s.object.id !== course.iriBase) continue;
		const code = s.result?.extensions?.[EXT.verification];
		if (typeof code !== 'string') problems.push(`The completion on ${s.timestamp.slice(0, 10)} has no verification code.`);
		// The course's own check (src/records/verification.ts) decides; the report only words it.
		else if (!(await verifyRecordCode(statements, code)).ok)
			problems.push(`The completion on ${s.timestamp.slice(0, 10)} does not match its verification code ${code}: the record was changed after it was made.`);
	}
	if (problems.length) return fail(...problems);
	statements.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
	return { result: { name, ok: true, problems: [], count: statements.length, person: [...people][0] }, statements };
}
