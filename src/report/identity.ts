/**
 * Who a statement is about, as one comparable key: `email:<address>` for an `mbox`, or
 * `staff:<number>` for an account at the Trust's home page (see actorFor in
 * src/records/statements.ts). Other accounts (the anonymous device accounts the course uses
 * before a learner gives their details) keep their home page so they never match a staff number.
 */
import type { Actor } from '../records/statements.ts';

export function personKey(actor: Actor, trustHomePage: string): string {
	if ('mbox' in actor)
		return `email:${actor.mbox
			.replace(/^mailto:/i, '')
			.trim()
			.toLowerCase()}`;
	return actor.account.homePage === trustHomePage ? `staff:${actor.account.name.trim()}` : `account:${actor.account.homePage}|${actor.account.name}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STAFF_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;

/** The key for an email address or staff number typed in a staff list; undefined if neither. */
export function personKeyForId(id: string): string | undefined {
	const t = id.trim();
	if (EMAIL.test(t)) return `email:${t.toLowerCase()}`;
	if (STAFF_NUMBER.test(t)) return `staff:${t}`;
	return undefined;
}

/** How a key reads in a table: the address or number alone. */
export function displayId(key: string): string {
	return key.replace(/^(email|staff):/, '').replace(/^account:[^|]*\|/, 'device ');
}
