/**
 * The staff list: who *should* have completed. A CSV with a header row naming the columns
 * (name; email or staff number; academy; role; start date). Every row that cannot be used is
 * reported with its row number and why; none is dropped silently.
 */
import type { ReportCourse } from './course-key.ts';
import { readCsv } from './csv.ts';
import { personKeyForId } from './identity.ts';

export interface StaffMember {
	/** Row in the file (the header is row 1), for messages. */
	row: number;
	name: string;
	/** The email or staff number as given. */
	id: string;
	/** `email:<address>` or `staff:<number>`: how statements' actors are matched. */
	key: string;
	academy: string;
	/** An audience id from the course (teaching, support, ...). */
	role: string;
	/** Start date, `YYYY-MM-DD`. */
	startDate: string;
}

export interface RowError {
	row: number;
	message: string;
}

export interface StaffList {
	staff: StaffMember[];
	errors: RowError[];
}

const HEADERS: Record<'name' | 'id' | 'academy' | 'role' | 'startDate', RegExp> = {
	name: /^(full\s*)?name$/i,
	id: /^(email( address)?|staff (number|no\.?|id)|email or staff (number|no\.?)|id)$/i,
	academy: /^(academy|school)$/i,
	role: /^(role|staff role|audience)$/i,
	startDate: /^(start( date)?|date started|started)$/i,
};

/** `YYYY-MM-DD` or the UK `DD/MM/YYYY`; a real calendar date, or undefined. */
export function parseDate(text: string): string | undefined {
	const t = text.trim();
	let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
	let y: number, mo: number, d: number;
	if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
	else return undefined;
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
	return date.toISOString().slice(0, 10);
}

/** Parses a staff list CSV against the course's roles (ids or labels, any case). */
export function parseStaffCsv(text: string, course: Pick<ReportCourse, 'roles'>): StaffList {
	const errors: RowError[] = [];
	const staff: StaffMember[] = [];
	const parsed = readCsv(text);
	if (parsed.unterminatedQuoteAt)
		errors.push({
			row: parsed.unterminatedQuoteAt,
			message: 'a quoted field starts here and is never closed ("), so this row and everything after it cannot be read',
		});
	const rows = parsed.rows.map((r) => r.cells);
	if (rows.length === 0 && errors.length) return { staff, errors };
	if (rows.length === 0) return { staff, errors: [{ row: 1, message: 'The file is empty: it needs a header row and one row per person.' }] };
	const header = rows[0]!.map((h) => h.trim());
	const col = {} as Record<keyof typeof HEADERS, number>;
	const missing: string[] = [];
	for (const [field, re] of Object.entries(HEADERS) as Array<[keyof typeof HEADERS, RegExp]>) {
		const i = header.findIndex((h) => re.test(h));
		if (i < 0) missing.push({ name: 'name', id: 'email or staff number', academy: 'academy', role: 'role', startDate: 'start date' }[field]);
		col[field] = i;
	}
	if (missing.length)
		return {
			staff,
			errors: [
				{
					row: 1,
					message: `The header row has no column for: ${missing.join(', ')}. Expected columns: name, email or staff number, academy, role, start date.`,
				},
			],
		};
	const roleOf = new Map<string, string>();
	for (const r of course.roles) {
		roleOf.set(r.id.toLowerCase(), r.id);
		roleOf.set(r.label.toLowerCase(), r.id);
	}
	const seen = new Map<string, number>();
	// Rows are numbered by the file line they start on, as a spreadsheet shows them.
	for (let i = 1; i < rows.length; i++) {
		const cells = rows[i]!;
		const row = parsed.rows[i]!.line;
		const get = (f: keyof typeof HEADERS) => (cells[col[f]] ?? '').trim();
		const problems: string[] = [];
		const name = get('name');
		const id = get('id');
		const academy = get('academy');
		const roleText = get('role');
		const startText = get('startDate');
		if (!name) problems.push('the name is missing');
		let key: string | undefined;
		if (!id) problems.push('the email or staff number is missing');
		else {
			key = personKeyForId(id);
			if (!key) problems.push(`"${id}" is neither an email address nor a staff number`);
		}
		if (!academy) problems.push('the academy is missing');
		const role = roleOf.get(roleText.toLowerCase());
		if (!roleText) problems.push('the role is missing');
		else if (!role) problems.push(`the role "${roleText}" is not one of: ${course.roles.map((r) => r.label).join(', ')}`);
		const startDate = parseDate(startText);
		if (!startText) problems.push('the start date is missing');
		else if (!startDate) problems.push(`the start date "${startText}" is not a date (use YYYY-MM-DD or DD/MM/YYYY)`);
		if (key && seen.has(key)) problems.push(`${id} is already on row ${seen.get(key)}`);
		if (problems.length) {
			errors.push({ row, message: problems.join('; ') });
			continue;
		}
		seen.set(key!, row);
		staff.push({ row, name, id, key: key!, academy, role: role!, startDate: startDate! });
	}
	errors.sort((a, b) => a.row - b.row);
	return { staff, errors };
}
