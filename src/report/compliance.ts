/**
 * The compliance view: the staff list joined with what the records show, judged on a given day.
 *
 * Rules (dates are whole UTC days, so a table reads the same all day):
 * - Induction is due `inductionDays` days after the start date. Someone with no completion is
 *   "induction due" up to and including that day, and "induction overdue" from the day after.
 * - A refresher is due `dueAfterMonths` (12) calendar months after the latest completion and
 *   offered from `offerAfterMonths` (11): "current" before the offer day, "due" from the offer day
 *   up to and including the due day, "overdue" from the day after the due day.
 * - Acknowledgement: "current" if the current policy version was ever acknowledged, "older" if
 *   only earlier versions were, "none" otherwise. Every acknowledgement is listed with its version
 *   and latest date (issue 20), so the view shows who has acknowledged which version.
 * - A completion is "self-reported" when it is known only from a learner's downloaded file.
 */
import { addMonths } from './months.ts';
import type { ReportCourse } from './course-key.ts';
import type { Completion, PersonSummary, ReportFold } from './fold.ts';
import { displayId } from './identity.ts';
import type { StaffMember } from './staff.ts';

export interface ComplianceOptions {
	/** The day the report is for, `YYYY-MM-DD`. */
	today: string;
	/** Days after the start date by which induction must be completed. */
	inductionDays: number;
}

export type Status = 'completed' | 'induction-due' | 'induction-overdue';
export type RefresherStatus = 'current' | 'due' | 'overdue';
export type AckStatus = 'current' | 'older' | 'none';

export interface PersonRow {
	name: string;
	id: string;
	academy: string;
	role: string;
	startDate: string;
	status: Status;
	/** Induction due day (for people without a completion). */
	inductionDue: string | undefined;
	lastCompletion: string | undefined;
	lastMode: Completion['mode'] | undefined;
	score: number | undefined;
	selfReported: boolean;
	refresher: RefresherStatus | undefined;
	refresherOffered: string | undefined;
	refresherDue: string | undefined;
	ack: AckStatus;
	/** The newest policy version acknowledged. */
	ackVersion: string | undefined;
	/** Every policy version acknowledged, oldest version first, with the latest day for each. */
	acknowledgements: Acknowledgement[];
	hasRecord: boolean;
}

/** One policy version a person acknowledged, and the (latest) day they did. */
export interface Acknowledgement {
	version: string;
	day: string;
}

export interface NotOnListRow {
	name: string;
	id: string;
	courseRole: string;
	lastCompletion: string | undefined;
	selfReported: boolean;
	ack: AckStatus;
	acknowledgements: Acknowledgement[];
	lastActivity: string;
}

export interface GroupRow {
	academy: string;
	role: string;
	staff: number;
	completed: number;
	/** Completed and refresher not overdue. */
	inDate: number;
	ackCurrent: number;
	/** Whole-number percentage completed. */
	percent: number;
}

export interface ComplianceView {
	today: string;
	policyVersion: string;
	people: PersonRow[];
	byGroup: GroupRow[];
	notOnList: NotOnListRow[];
	totals: {
		staff: number;
		completed: number;
		inductionDue: number;
		inductionOverdue: number;
		refresherDue: number;
		refresherOverdue: number;
		ackCurrent: number;
		ackOlder: number;
		noRecord: number;
		notOnList: number;
		selfReported: number;
	};
}

const day = (iso: string) => iso.slice(0, 10);
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

function latest(p: PersonSummary | undefined): Completion | undefined {
	let best: Completion | undefined;
	for (const c of p?.completions ?? []) if (!best || c.at > best.at) best = c;
	return best;
}

const byVersion = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function ackOf(p: PersonSummary | undefined, current: string): { ack: AckStatus; version: string | undefined; all: Acknowledgement[] } {
	const versions = Object.keys(p?.acknowledged ?? {}).sort(byVersion);
	const all = versions.map((version) => ({ version, day: day(p!.acknowledged[version]!) }));
	if (!versions.length) return { ack: 'none', version: undefined, all };
	return { ack: versions.includes(current) ? 'current' : 'older', version: versions.at(-1), all };
}

/** The refresher status of a completion on `today`. */
export function refresherStatus(
	completedAt: string,
	today: string,
	rule: ReportCourse['refresher'],
): { status: RefresherStatus; offered: string; due: string } {
	const offered = day(addMonths(completedAt, rule.offerAfterMonths).toISOString());
	const due = day(addMonths(completedAt, rule.dueAfterMonths).toISOString());
	return { status: today > due ? 'overdue' : today >= offered ? 'due' : 'current', offered, due };
}

export function complianceView(fold: ReportFold, staff: StaffMember[], course: ReportCourse, options: ComplianceOptions): ComplianceView {
	const { today, inductionDays } = options;
	const onList = new Set(staff.map((s) => s.key));
	const people: PersonRow[] = staff.map((s) => {
		const p = fold.people.get(s.key);
		const last = latest(p);
		const { ack, version, all } = ackOf(p, course.policyVersion);
		const inductionDue = last ? undefined : addDays(s.startDate, inductionDays);
		const refresher = last ? refresherStatus(last.at, today, course.refresher) : undefined;
		return {
			name: s.name,
			id: s.id,
			academy: s.academy,
			role: s.role,
			startDate: s.startDate,
			status: last ? 'completed' : today > inductionDue! ? 'induction-overdue' : 'induction-due',
			inductionDue,
			lastCompletion: last ? day(last.at) : undefined,
			lastMode: last?.mode,
			score: last?.score,
			selfReported: last ? !last.sources.includes('lrs') : false,
			refresher: refresher?.status,
			refresherOffered: refresher?.offered,
			refresherDue: refresher?.due,
			ack,
			ackVersion: version,
			acknowledgements: all,
			hasRecord: Boolean(p),
		};
	});
	const notOnList: NotOnListRow[] = [];
	for (const p of fold.people.values()) {
		if (onList.has(p.key)) continue;
		const last = latest(p);
		const { ack, all } = ackOf(p, course.policyVersion);
		notOnList.push({
			name: p.name,
			id: displayId(p.key),
			courseRole: p.courseRole,
			lastCompletion: last ? day(last.at) : undefined,
			selfReported: last ? !last.sources.includes('lrs') : false,
			ack,
			acknowledgements: all,
			lastActivity: day(p.lastAt),
		});
	}
	notOnList.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
	const groups = new Map<string, GroupRow>();
	for (const r of people) {
		const k = `${r.academy}\u0001${r.role}`;
		let g = groups.get(k);
		if (!g) groups.set(k, (g = { academy: r.academy, role: r.role, staff: 0, completed: 0, inDate: 0, ackCurrent: 0, percent: 0 }));
		g.staff++;
		if (r.status === 'completed') g.completed++;
		if (r.status === 'completed' && r.refresher !== 'overdue') g.inDate++;
		if (r.ack === 'current') g.ackCurrent++;
	}
	const byGroup = [...groups.values()]
		.map((g) => ({ ...g, percent: Math.round((100 * g.completed) / g.staff) }))
		.sort((a, b) => a.academy.localeCompare(b.academy) || a.role.localeCompare(b.role));
	const n = (f: (r: PersonRow) => boolean) => people.filter(f).length;
	return {
		today,
		policyVersion: course.policyVersion,
		people,
		byGroup,
		notOnList,
		totals: {
			staff: people.length,
			completed: n((r) => r.status === 'completed'),
			inductionDue: n((r) => r.status === 'induction-due'),
			inductionOverdue: n((r) => r.status === 'induction-overdue'),
			refresherDue: n((r) => r.refresher === 'due'),
			refresherOverdue: n((r) => r.refresher === 'overdue'),
			ackCurrent: n((r) => r.ack === 'current'),
			ackOlder: n((r) => r.ack === 'older'),
			noRecord: n((r) => !r.hasRecord),
			notOnList: notOnList.length,
			selfReported: n((r) => r.selfReported),
		},
	};
}

/** Finds the completion a certificate's verification code belongs to. */
export function findCertificate(fold: ReportFold, code: string, staff: StaffMember[]) {
	const want = code
		.trim()
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '');
	if (want.length !== 12) return { error: 'A verification code has 12 letters and numbers, like ABCD-EF23-GH45.' } as const;
	const byKey = new Map(staff.map((s) => [s.key, s]));
	for (const p of fold.people.values()) {
		for (const c of p.completions) {
			if (c.code && c.code.replace(/-/g, '') === want) {
				const s = byKey.get(p.key);
				return {
					found: {
						name: s?.name ?? p.name,
						id: displayId(p.key),
						academy: s?.academy,
						completedAt: day(c.at),
						mode: c.mode,
						score: c.score,
						policyVersion: c.policyVersion,
						selfReported: !c.sources.includes('lrs'),
						onList: Boolean(s),
					},
				} as const;
			}
		}
	}
	return { notFound: true } as const;
}

/** The group resolver for the fold: staff list first, else "Not on the staff list" and the course role. */
export function groupResolver(staff: StaffMember[]) {
	const byKey = new Map(staff.map((s) => [s.key, s]));
	return (key: string, courseRole: string) => {
		const s = byKey.get(key);
		return s ? { academy: s.academy, role: s.role } : { academy: NOT_ON_LIST, role: courseRole };
	};
}
export const NOT_ON_LIST = 'Not on the staff list';
