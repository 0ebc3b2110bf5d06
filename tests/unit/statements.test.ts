/**
 * Every kind of statement the course makes, checked against Learning Locker's xAPI validator
 * and the specification's rules the validator does not cover.
 */
import validateStatement from '@learninglocker/xapi-validation';
import { describe, expect, it } from 'vitest';
import type { CourseEvent } from '../../src/records/course-events.ts';
import { CMI5, moveOnMet, toAllowed, toDefined, type DefinedKind } from '../../src/records/cmi5.ts';
import { actorFor, buildStatement, isoDuration, uuid, VERBS, type StatementContext } from '../../src/records/statements.ts';

const ctx: StatementContext = {
	iriBase: 'https://learning.reach2.org/xapi/social-media-policy',
	courseTitle: 'Social media training',
	courseVersion: '1.0.0',
	policyVersion: '2',
	actor: actorFor({ name: 'Ada Lovelace', idKind: 'email', id: 'Ada@Example.org' }, 'https://www.reach2.org'),
	registration: uuid(),
	role: 'teaching',
	mode: 'induction',
	moduleTitles: { 'acceptable-use': 'Acceptable use' },
};

const question = {
	moduleId: 'acceptable-use',
	questionId: 'q1',
	setting: 'check' as const,
	prompt: 'Which?',
	options: [
		{ id: 'a', text: 'A' },
		{ id: 'b', text: 'B' },
		{ id: 'c', text: 'C' },
	],
	durationMs: 5300,
};
export const EVERY_EVENT: CourseEvent[] = [
	{ type: 'course.initialized' },
	{ type: 'lesson.experienced', moduleId: 'acceptable-use', lessonId: 'pupils', title: 'Pupils', moduleTitle: 'Acceptable use' },
	{
		type: 'scenario.decided',
		moduleId: 'acceptable-use',
		scenarioId: 'friend',
		scenarioTitle: 'Friend request',
		stepId: 'request',
		prompt: 'What do you do?',
		choices: [
			{ id: 'accept', label: 'Accept' },
			{ id: 'decline', label: 'Decline' },
		],
		choiceId: 'decline',
		durationMs: 4200,
	},
	{
		type: 'scenario.ended',
		moduleId: 'acceptable-use',
		scenarioId: 'friend',
		scenarioTitle: 'Friend request',
		endingId: 'best',
		endingTitle: 'Good',
		verdict: 'best-practice',
		clauses: ['3-5', '3-6'],
		durationMs: 61000,
	},
	{ type: 'question.answered', ...question, kind: 'single', correct: ['a'], response: ['b'], success: false },
	{ type: 'question.answered', ...question, kind: 'multiple', correct: ['a', 'c'], response: ['a', 'c'], success: true },
	{ type: 'question.answered', ...question, kind: 'truefalse', options: [], correct: ['true'], response: ['true'], success: true },
	{ type: 'module.completed', moduleId: 'acceptable-use', title: 'Acceptable use' },
	{ type: 'module.tested-out', moduleId: 'acceptable-use', title: 'Acceptable use' },
	{ type: 'assessment.finished', attemptId: 'a1', correct: 10, total: 12, passMark: 80, passed: true, durationMs: 600000 },
	{ type: 'assessment.finished', attemptId: 'a2', correct: 7, total: 12, passMark: 80, passed: false, durationMs: 600000 },
	{ type: 'policy.acknowledged', policyVersion: '2', policyLabel: 'Version 2: December 2019' },
	{ type: 'course.completed', score: 83, code: 'ABCD-EFGH-JK', durationMs: 3_600_000 },
	{ type: 'course.terminated', durationMs: 3_600_000 },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

describe.each(EVERY_EVENT.map((e) => [e.type + ('kind' in e ? ` (${e.kind})` : '') + ('passed' in e ? (e.passed ? ' passed' : ' failed') : ''), e] as const))(
	'statement for %s',
	(_name, event) => {
		const statement = buildStatement(event, ctx, uuid(), new Date().toISOString());

		it('is valid according to the xAPI validator', () => {
			const warnings = validateStatement(JSON.parse(JSON.stringify(statement))) as Array<{ path: string[]; message: string }>;
			expect(warnings.map((w) => `${w.path.join('.')}: ${w.message}`)).toEqual([]);
		});

		it('follows the specification rules the course relies on', () => {
			expect(statement.id).toMatch(UUID);
			expect(statement.context.registration).toMatch(UUID);
			expect(Date.parse(statement.timestamp)).not.toBeNaN();
			expect(statement.object.id.startsWith(ctx.iriBase)).toBe(true);
			expect(statement.object.definition.name['en-GB']).toBeTruthy();
			expect(statement.context.extensions).toMatchObject({
				'https://learning.reach2.org/xapi/extensions/course-version': '1.0.0',
				'https://learning.reach2.org/xapi/extensions/policy-version': '2',
				'https://learning.reach2.org/xapi/extensions/learner-role': 'teaching',
				'https://learning.reach2.org/xapi/extensions/mode': 'induction',
			});
			if (statement.result?.duration) expect(statement.result.duration).toMatch(DURATION);
			if (statement.result?.score) {
				const { scaled, raw, min, max } = statement.result.score;
				expect(scaled).toBeGreaterThanOrEqual(-1);
				expect(scaled).toBeLessThanOrEqual(1);
				expect(raw).toBeGreaterThanOrEqual(min);
				expect(raw).toBeLessThanOrEqual(max);
			}
			if (statement.object.definition.interactionType === 'choice') {
				const ids = statement.object.definition.choices!.map((c) => c.id);
				for (const id of statement.result!.response!.split('[,]')) expect(ids).toContain(id);
			}
		});
	},
);

/**
 * The verb each event is recorded with, written out as the IRIs the cmi5 and ADL vocabularies
 * publish (not read back from VERBS, which would check the builder against itself).
 */
const ADL = 'http://adlnet.gov/expapi/verbs/';
const VERB_OF: Record<CourseEvent['type'], string> = {
	'course.initialized': `${ADL}initialized`,
	'lesson.experienced': `${ADL}experienced`,
	'scenario.decided': `${ADL}answered`,
	'scenario.ended': `${ADL}completed`,
	'question.answered': `${ADL}answered`,
	'module.completed': `${ADL}completed`,
	'module.tested-out': 'https://w3id.org/xapi/adl/verbs/waived',
	'assessment.finished': `${ADL}passed`,
	'policy.acknowledged': 'http://activitystrea.ms/schema/1.0/accept',
	'course.completed': `${ADL}completed`,
	'course.terminated': `${ADL}terminated`,
};

describe('verbs', () => {
	it.each(EVERY_EVENT.map((e) => [e.type + ('passed' in e ? (e.passed ? ' passed' : ' failed') : ''), e] as const))(
		'%s is recorded with its published verb',
		(_name, event) => {
			const expected = event.type === 'assessment.finished' && !event.passed ? `${ADL}failed` : VERB_OF[event.type];
			expect(buildStatement(event, ctx, uuid(), new Date().toISOString()).verb.id).toBe(expected);
		},
	);
});

describe('the validator', () => {
	it('does catch an invalid statement (so the checks above can fail)', () => {
		const warnings = validateStatement({ actor: { mbox: 'nope' }, verb: { id: 'not an iri' }, object: { id: 'x' }, id: 'bad' }) as unknown[];
		expect(warnings.length).toBeGreaterThan(0);
	});
});

describe('statement details', () => {
	it('uses mbox for an email and an account at the Trust home page for a staff number', () => {
		expect(actorFor({ name: 'A', idKind: 'email', id: ' A@B.org ' }, 'https://www.reach2.org')).toEqual({
			objectType: 'Agent',
			name: 'A',
			mbox: 'mailto:a@b.org',
		});
		expect(actorFor({ name: 'A', idKind: 'staff', id: 'S123' }, 'https://www.reach2.org')).toEqual({
			objectType: 'Agent',
			name: 'A',
			account: { homePage: 'https://www.reach2.org', name: 'S123' },
		});
	});

	it('records question interactions with correctResponsesPattern and the response', () => {
		const s = buildStatement(EVERY_EVENT[5]!, ctx, uuid(), new Date().toISOString());
		expect(s.object.definition).toMatchObject({ interactionType: 'choice', correctResponsesPattern: ['a[,]c'] });
		expect(s.result).toMatchObject({ response: 'a[,]c', success: true });
		const tf = buildStatement(EVERY_EVENT[6]!, ctx, uuid(), new Date().toISOString());
		expect(tf.object.definition).toMatchObject({ interactionType: 'true-false', correctResponsesPattern: ['true'] });
	});

	it('scores the assessment scaled, raw, min and max, and records passed or failed', () => {
		const s = buildStatement(EVERY_EVENT[9]!, ctx, uuid(), new Date().toISOString());
		expect(s.verb.id).toBe(VERBS.passed);
		expect(s.result).toMatchObject({ score: { scaled: 0.8333, raw: 10, min: 0, max: 12 }, success: true });
		expect(buildStatement(EVERY_EVENT[10]!, ctx, uuid(), new Date().toISOString()).verb.id).toBe(VERBS.failed);
	});

	it('formats ISO 8601 durations', () => {
		expect(isoDuration(0)).toBe('PT0S');
		expect(isoDuration(5300)).toBe('PT5.3S');
		expect(isoDuration(61000)).toBe('PT1M1S');
		expect(isoDuration(3_600_000)).toBe('PT1H');
	});
});

describe('cmi5 statements', () => {
	const launch = {
		kind: 'cmi5' as const,
		endpoint: 'https://lrs.example.org/',
		fetchUrl: 'https://lms.example.org/fetch',
		actor: {},
		registration: ctx.registration,
		activityId: 'https://lms.example.org/au/1',
	};
	const data = {
		contextTemplate: {
			contextActivities: {
				grouping: [
					{
						objectType: 'Activity' as const,
						id: 'https://lms.example.org/course',
						definition: { name: { 'en-GB': 'Course' }, type: 'http://adlnet.gov/expapi/activities/course' },
					},
				],
			},
			extensions: { [CMI5.sessionId]: 'session-1' },
		},
		launchMode: 'Normal' as const,
		masteryScore: 0.8,
	};
	const cases: Array<[DefinedKind, CourseEvent]> = [
		['initialized', EVERY_EVENT[0]!],
		['passed', EVERY_EVENT[9]!],
		['failed', EVERY_EVENT[10]!],
		['completed', EVERY_EVENT[12]!],
		['terminated', EVERY_EVENT[13]!],
	];
	it.each(cases)('a defined "%s" statement is valid, about the AU, with the cmi5 category and session id', (kind, event) => {
		const s = toDefined(buildStatement(event, ctx, uuid(), new Date().toISOString()), kind, launch, data);
		expect(validateStatement(JSON.parse(JSON.stringify(s)))).toEqual([]);
		expect(s.object.id).toBe(launch.activityId);
		expect(s.context.contextActivities.category?.map((c) => c.id)).toContain(CMI5.category);
		expect(s.context.extensions[CMI5.sessionId]).toBe('session-1');
		if (kind === 'passed' || kind === 'failed') expect(s.context.extensions[CMI5.masteryScore]).toBe(0.8);
		if (kind === 'passed' || kind === 'completed') expect(s.context.contextActivities.category?.map((c) => c.id)).toContain(CMI5.moveOnCategory);
		if (kind === 'completed') expect(s.result).toMatchObject({ completion: true });
	});

	it('an allowed statement keeps its own object, carries the session id and no cmi5 category', () => {
		const s = toAllowed(buildStatement(EVERY_EVENT[1]!, ctx, uuid(), new Date().toISOString()), data);
		expect(validateStatement(JSON.parse(JSON.stringify(s)))).toEqual([]);
		expect(s.object.id).toContain('/lessons/');
		expect(s.context.extensions[CMI5.sessionId]).toBe('session-1');
		expect(s.context.contextActivities.category).toBeUndefined();
	});
});

describe('cmi5 moveOn', () => {
	it('is met by the defined statements the criterion names', () => {
		const none = { passed: false, completed: false };
		expect(moveOnMet('Passed', { passed: true, completed: false })).toBe(true);
		expect(moveOnMet('Passed', none)).toBe(false);
		expect(moveOnMet('Completed', { passed: true, completed: false })).toBe(false);
		expect(moveOnMet('CompletedAndPassed', { passed: true, completed: false })).toBe(false);
		expect(moveOnMet('CompletedAndPassed', { passed: true, completed: true })).toBe(true);
		expect(moveOnMet('CompletedOrPassed', { passed: false, completed: true })).toBe(true);
		expect(moveOnMet('NotApplicable', none)).toBe(true);
	});
});
