import { describe, expect, it } from 'vitest';
import { launchActor, parseLaunch } from '../../src/records/launch.ts';

const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
const registration = '4f1c2d9e-1b2a-4c3d-8e9f-0a1b2c3d4e5f';

describe('parseLaunch', () => {
	it('finds no launch without an endpoint', () => {
		expect(parseLaunch('?seed=3')).toBeUndefined();
	});

	it('reads the xAPI launch parameters, normalising the endpoint', () => {
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/xapi', auth: 'Basic abc=', registration, activity_id: 'https://x.org/a', actor: '{"mbox":"mailto:a@b.org"}' }))).toEqual({
			kind: 'xapi', endpoint: 'https://lrs.example.org/xapi/', auth: 'Basic abc=', registration, activityId: 'https://x.org/a', actor: { mbox: 'mailto:a@b.org' },
		});
	});

	it('reads a cmi5 launch, which has a fetch URL instead of credentials', () => {
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/xapi/', fetch: 'https://lms.example.org/fetch/1', registration, activityId: 'https://lms.example.org/au/1', actor: '{"account":{"homePage":"https://lms.example.org","name":"k"}}' }))).toMatchObject({
			kind: 'cmi5', fetchUrl: 'https://lms.example.org/fetch/1', activityId: 'https://lms.example.org/au/1', registration,
		});
	});

	it('explains what is wrong with a bad launch link, in plain words', () => {
		expect(parseLaunch(q({ endpoint: 'not a url', auth: 'x' }))).toEqual({ error: expect.stringContaining('not a web address') });
		expect(parseLaunch(q({ endpoint: 'ftp://lrs.example.org/', auth: 'x' }))).toEqual({ error: expect.stringContaining('http(s)') });
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/' }))).toEqual({ error: expect.stringContaining('no credentials') });
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/', auth: 'x', registration: 'nope' }))).toEqual({ error: expect.stringContaining('UUID') });
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/', fetch: 'https://lms/f', registration }))).toEqual({ error: expect.stringContaining('cmi5') });
		expect(parseLaunch(q({ endpoint: 'https://lrs.example.org/', auth: 'x', actor: '{' }))).toEqual({ error: expect.stringContaining('JSON') });
	});
});

describe('launchActor', () => {
	it('accepts the TinCan-style arrays and account field names', () => {
		expect(launchActor({ name: ['Ada'], mbox: ['a@b.org'] })).toEqual({ name: 'Ada', mbox: 'mailto:a@b.org' });
		expect(launchActor({ account: [{ accountServiceHomePage: 'https://lms.org', accountName: 'ada' }] })).toEqual({ account: { homePage: 'https://lms.org', name: 'ada' } });
		expect(launchActor({ name: 'No id' })).toBeUndefined();
	});
});
