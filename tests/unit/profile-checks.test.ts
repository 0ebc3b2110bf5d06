/** The profile form refuses markup, over-long values and hidden direction controls. */
import { describe, expect, it } from 'vitest';
import { fileNamePart, recordFileName } from '../../src/client/download.ts';
import { cleanName, isEmailAddress, profileErrors } from '../../src/course/profile-checks.ts';

const form = { name: 'Priya Shah', idKind: 'email', id: 'priya.shah@example.org', role: 'teaching' };

describe('email address check', () => {
	it.each(['priya.shah@example.org', "o'neil+training@school.sch.uk", 'a@b.co'])('accepts %s', (email) => expect(isEmailAddress(email)).toBe(true));
	it.each([
		'"><img src=x onerror=alert(1)>@x.io',
		'<b>@x.io',
		'a b@x.io',
		'a@x',
		'a@-x.io',
		'@x.io',
		'a@x..io',
		`${'a'.repeat(65)}@x.io`,
		`a@${'x'.repeat(250)}.io`,
	])('refuses %s', (email) => expect(isEmailAddress(email)).toBe(false));
	it('the form says what is wrong', () => {
		expect(profileErrors({ ...form, id: '"><img src=x>@x.io' }).id).toBe('Enter your work email address, like name@example.org');
	});
});

describe('names', () => {
	it('strips direction overrides and other hidden controls, keeping the letters', () => {
		expect(cleanName('Ali\u202Egnp.exe')).toBe('Alignp.exe');
		expect(cleanName('  Zoë \u2066Ødegård\u2069\n ')).toBe('Zoë Ødegård');
		expect(cleanName('محمد\u200f علي')).toBe('محمد علي');
	});
	it('refuses a name over 100 characters with a clear message, and an empty one', () => {
		expect(profileErrors({ ...form, name: 'a'.repeat(100) }).name).toBeUndefined();
		expect(profileErrors({ ...form, name: 'a'.repeat(100_000) }).name).toBe('Your name must be 100 characters or fewer (it is 100000)');
		expect(profileErrors({ ...form, name: '\u202E\u202C ' }).name).toBe('Enter your name');
	});
});

describe('download file names', () => {
	it.each([
		['Zoë Ødegård-Łukasz', 'zoe-odegard-lukasz'],
		['Марія Шевченко', 'mariya-shevchenko'],
		['Γιώργος Παπαδόπουλος', 'giorgos-papadopoulos'],
		['王小明', '王小明'],
		['\u202Egnp.exe', 'gnp-exe'],
		['!!!', 'learner'],
		[undefined, 'learner'],
	])('%s -> %s', (name, part) => expect(fileNamePart(name)).toBe(part));

	it('a very long name is cut at a word break, so the browser accepts the file name', () => {
		expect(fileNamePart('Jean-Baptiste Alexandre Maximilien de la Fontaine-Beaumont')).toBe('jean-baptiste-alexandre-maximilien-de-la');
		const long = recordFileName('x'.repeat(300), new Date('2026-03-01T10:00:00Z'));
		expect(long).toBe(`training-record-social-media-policy-${'x'.repeat(40)}-2026-03-01.json`);
	});
});
