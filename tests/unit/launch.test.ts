import { describe, expect, it } from 'vitest';
import { launchActor, parseLaunch, type LrsPolicy } from '../../src/records/launch.ts';

const q = (params: Record<string, string>) => new URLSearchParams(params);
const registration = '4f1c2d9e-1b2a-4c3d-8e9f-0a1b2c3d4e5f';
const open: LrsPolicy = { allowedOrigins: [], allowLoopback: false };
const tests: LrsPolicy = { allowedOrigins: [], allowLoopback: true };

describe('parseLaunch', () => {
	it('finds no launch without an endpoint', () => {
		expect(parseLaunch(q({ seed: '3' }), open)).toBeUndefined();
	});

	it('reads the xAPI launch parameters, normalising the endpoint', () => {
		expect(
			parseLaunch(
				q({ endpoint: 'https://lrs.example.org/xapi', auth: 'Basic abc=', registration, activity_id: 'https://x.org/a', actor: '{"mbox":"mailto:a@b.org"}' }),
				open,
			),
		).toEqual({
			kind: 'xapi',
			endpoint: 'https://lrs.example.org/xapi/',
			auth: 'Basic abc=',
			registration,
			activityId: 'https://x.org/a',
			actor: { mbox: 'mailto:a@b.org' },
		});
	});

	it('reads the captured parameters as a plain object too', () => {
		expect(parseLaunch({ endpoint: 'https://lrs.example.org/xapi/', auth: 'Basic abc=' }, open)).toMatchObject({
			kind: 'xapi',
			endpoint: 'https://lrs.example.org/xapi/',
		});
	});

	it('reads a cmi5 launch, which has a fetch URL instead of credentials', () => {
		expect(
			parseLaunch(
				q({
					endpoint: 'https://lrs.example.org/xapi/',
					fetch: 'https://lms.example.org/fetch/1',
					registration,
					activityId: 'https://lms.example.org/au/1',
					actor: '{"account":{"homePage":"https://lms.example.org","name":"k"}}',
				}),
				open,
			),
		).toMatchObject({
			kind: 'cmi5',
			fetchUrl: 'https://lms.example.org/fetch/1',
			activityId: 'https://lms.example.org/au/1',
			registration,
		});
	});

	it('explains what is wrong with a bad launch link, in plain words', () => {
		expect(parseLaunch(q({ endpoint: 'not a url', auth: 'x' }), open)).toEqual({ error: expect.stringContaining('not a web address') });
		expect(parseLaunch(q({ endpoint: 'ftp://lrs.example.org/', auth: 'x' }), open)).toEqual({ error: expect.stringContaining('https') });
		expect(parseLaunch(q({ endpoint: 'javascript:alert(1)//', auth: 'x' }), open)).toEqual({ error: expect.stringContaining('https') });
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/' }), open)).toEqual({ error: expect.stringContaining('no credentials') });
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/', auth: 'x', registration: 'nope' }), open)).toEqual({ error: expect.stringContaining('UUID') });
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/', fetch: 'https://lms/f', registration }), open)).toEqual({
			error: expect.stringContaining('cmi5'),
		});
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/', auth: 'x', actor: '{' }), open)).toEqual({ error: expect.stringContaining('JSON') });
	});

	it('refuses an http endpoint that is not loopback, credentials in the address, and auth with line breaks (issue 21.10)', () => {
		expect(parseLaunch(q({ endpoint: 'http://lrs.example.org/xapi/', auth: 'Basic abc=' }), tests)).toEqual({ error: expect.stringContaining('not secure') });
		expect(parseLaunch(q({ endpoint: 'https://user:pass@lrs.example.org/xapi/', auth: 'Basic abc=' }), open)).toEqual({
			error: expect.stringContaining('user name or password'),
		});
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/xapi/', auth: 'Basic abc=\r\nX-Evil: 1' }), open)).toEqual({
			error: expect.stringContaining('line breaks'),
		});
		expect(
			parseLaunch(
				q({
					endpoint: 'https://lrs.example.org/xapi/',
					fetch: 'http://lms.example.org/f',
					registration,
					activityId: 'https://a/1',
					actor: '{"account":{"homePage":"https://l","name":"k"}}',
				}),
				open,
			),
		).toEqual({ error: expect.stringContaining('not secure') });
	});

	it('allows a loopback LRS only in a build made for the tests', () => {
		const link = q({ endpoint: 'http://127.0.0.1:4480/xAPI/', auth: 'Basic abc=' });
		expect(parseLaunch(link, open)).toEqual({ error: expect.stringContaining('on this computer') });
		expect(parseLaunch(q({ endpoint: 'https://localhost/xAPI/', auth: 'Basic abc=' }), open)).toEqual({ error: expect.stringContaining('on this computer') });
		expect(parseLaunch(link, tests)).toMatchObject({ kind: 'xapi', endpoint: 'http://127.0.0.1:4480/xAPI/' });
	});

	it('accepts only the origins the course configuration allows, when it lists any', () => {
		const policy: LrsPolicy = { allowedOrigins: ['https://lrs.reach2.org'], allowLoopback: false };
		expect(parseLaunch(q({ endpoint: 'https://lrs.reach2.org/xapi/', auth: 'Basic abc=' }), policy)).toMatchObject({ kind: 'xapi' });
		expect(parseLaunch(q({ endpoint: 'https://evil.example/xapi/', auth: 'Basic abc=' }), policy)).toEqual({
			error: expect.stringContaining('not one this course is set up to send records to'),
		});
	});
});

describe('launchActor', () => {
	it('accepts the TinCan-style arrays and account field names', () => {
		expect(launchActor({ name: ['Ada'], mbox: ['a@b.org'] })).toEqual({ objectType: 'Agent', name: 'Ada', mbox: 'mailto:a@b.org' });
		expect(launchActor({ account: [{ accountServiceHomePage: 'https://lms.org', accountName: 'ada' }] })).toEqual({
			objectType: 'Agent',
			account: { homePage: 'https://lms.org', name: 'ada' },
		});
		// One identifier only: an mbox is preferred over an account.
		expect(launchActor({ mbox: 'a@b.org', account: { homePage: 'https://lms.org', name: 'ada' } })).toEqual({ objectType: 'Agent', mbox: 'mailto:a@b.org' });
		expect(launchActor({ name: 'No id' })).toBeUndefined();
	});
});
