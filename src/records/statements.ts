/**
 * Pure xAPI statement builders (xAPI 1.0.3, written to stay valid under 2.0 / IEEE 9274.1.1).
 *
 * Verbs come from the ADL vocabulary (http://adlnet.gov/expapi/verbs/…), the ADL cmi5 verbs
 * (https://w3id.org/xapi/adl/verbs/waived for "tested out") and the xAPI registry's Activity
 * Streams verb "accept" for the policy acknowledgement. See docs/xapi.md.
 */
import type { CourseEvent } from './course-events.ts';

export const VERBS = {
	initialized: 'http://adlnet.gov/expapi/verbs/initialized',
	terminated: 'http://adlnet.gov/expapi/verbs/terminated',
	experienced: 'http://adlnet.gov/expapi/verbs/experienced',
	answered: 'http://adlnet.gov/expapi/verbs/answered',
	completed: 'http://adlnet.gov/expapi/verbs/completed',
	passed: 'http://adlnet.gov/expapi/verbs/passed',
	failed: 'http://adlnet.gov/expapi/verbs/failed',
	waived: 'https://w3id.org/xapi/adl/verbs/waived',
	accepted: 'http://activitystrea.ms/schema/1.0/accept',
} as const;

export const ACTIVITY_TYPES = {
	course: 'http://adlnet.gov/expapi/activities/course',
	module: 'http://adlnet.gov/expapi/activities/module',
	lesson: 'http://adlnet.gov/expapi/activities/lesson',
	scenario: 'http://adlnet.gov/expapi/activities/simulation',
	question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
	assessment: 'http://adlnet.gov/expapi/activities/assessment',
	policy: 'http://activitystrea.ms/schema/1.0/file',
} as const;

/** Context extensions: the course version, policy version, learner role and mode. */
export const EXT = {
	courseVersion: 'https://learning.reach2.org/xapi/extensions/course-version',
	policyVersion: 'https://learning.reach2.org/xapi/extensions/policy-version',
	role: 'https://learning.reach2.org/xapi/extensions/learner-role',
	mode: 'https://learning.reach2.org/xapi/extensions/mode',
	verdict: 'https://learning.reach2.org/xapi/extensions/verdict',
	clauses: 'https://learning.reach2.org/xapi/extensions/policy-clauses',
	setting: 'https://learning.reach2.org/xapi/extensions/question-setting',
	cmi5Reason: 'https://w3id.org/xapi/cmi5/result/extensions/reason',
	verification: 'https://learning.reach2.org/xapi/extensions/certificate-code',
	/** The course score in per cent, where `result.score` is not allowed (cmi5 `completed`). */
	courseScore: 'https://learning.reach2.org/xapi/extensions/course-score',
} as const;

export type Actor = { objectType: 'Agent'; name?: string; mbox: string } | { objectType: 'Agent'; name?: string; account: { homePage: string; name: string } };

export interface Activity {
	objectType: 'Activity';
	id: string;
	definition: {
		name: Record<string, string>;
		description?: Record<string, string>;
		type: string;
		interactionType?: 'choice' | 'true-false';
		correctResponsesPattern?: string[];
		choices?: Array<{ id: string; description: Record<string, string> }>;
	};
}

export interface Statement {
	id: string;
	actor: Actor;
	verb: { id: string; display: Record<string, string> };
	object: Activity;
	result?: {
		score?: { scaled: number; raw: number; min: number; max: number };
		success?: boolean;
		completion?: boolean;
		response?: string;
		duration?: string;
		extensions?: Record<string, unknown>;
	};
	context: {
		registration: string;
		contextActivities: {
			parent?: Activity[];
			grouping?: Activity[];
			category?: Array<{ objectType: 'Activity'; id: string; definition?: Activity['definition'] }>;
		};
		extensions: Record<string, unknown>;
		language: string;
	};
	timestamp: string;
	version?: string;
}

/** What every statement needs besides its event. */
export interface StatementContext {
	/** Activity IRI base from the course configuration. */
	iriBase: string;
	courseTitle: string;
	courseVersion: string;
	policyVersion: string;
	actor: Actor;
	registration: string;
	role: string;
	mode: 'induction' | 'refresher';
	/** Module titles by id, for parent activities. */
	moduleTitles: Record<string, string>;
}

const en = (text: string) => ({ 'en-GB': text });

/** ISO 8601 duration with up to two decimals of seconds, e.g. `PT1M5.25S`. */
export function isoDuration(ms: number): string {
	const total = Math.max(0, Math.round(ms / 10) / 100);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = Math.round((total % 60) * 100) / 100;
	return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

export function courseActivity(ctx: StatementContext): Activity {
	return {
		objectType: 'Activity',
		id: ctx.iriBase,
		definition: { name: en(ctx.courseTitle), description: en('REAch2 Academy Trust Social Media Policy training'), type: ACTIVITY_TYPES.course },
	};
}

function moduleActivity(ctx: StatementContext, moduleId: string, title = ctx.moduleTitles[moduleId] ?? moduleId): Activity {
	return { objectType: 'Activity', id: `${ctx.iriBase}/modules/${moduleId}`, definition: { name: en(title), type: ACTIVITY_TYPES.module } };
}

function verb(id: keyof typeof VERBS) {
	return { id: VERBS[id], display: { 'en-GB': id, 'en-US': id } };
}

/**
 * Builds the statement for one event. `id` and `timestamp` are made once, by the caller, when
 * the event happens, and never again: a retry resends the same statement, so an LRS stores it
 * once.
 */
export function buildStatement(event: CourseEvent, ctx: StatementContext, id: string, timestamp: string): Statement {
	const course = courseActivity(ctx);
	const base = (v: Statement['verb'], object: Activity, parent: Activity[] = [], result?: Statement['result']): Statement => ({
		id,
		actor: ctx.actor,
		verb: v,
		object,
		...(result ? { result } : {}),
		context: {
			registration: ctx.registration,
			// Grouping: the course, for everything but the course itself. (A cmi5 launch adds the
			// LMS's context template later: src/records/cmi5.ts.)
			contextActivities: { ...(parent.length ? { parent } : {}), ...(object.id === course.id ? {} : { grouping: [course] }) },
			extensions: {
				[EXT.courseVersion]: ctx.courseVersion,
				[EXT.policyVersion]: ctx.policyVersion,
				[EXT.role]: ctx.role,
				[EXT.mode]: ctx.mode,
			},
			language: 'en-GB',
		},
		timestamp,
	});
	switch (event.type) {
		case 'course.initialized':
			return base(verb('initialized'), course);
		case 'course.terminated':
			return base(verb('terminated'), course, [], { duration: isoDuration(event.durationMs) });
		case 'lesson.experienced':
			return base(
				verb('experienced'),
				{
					objectType: 'Activity',
					id: `${ctx.iriBase}/modules/${event.moduleId}/lessons/${event.lessonId}`,
					definition: { name: en(event.title), type: ACTIVITY_TYPES.lesson },
				},
				[moduleActivity(ctx, event.moduleId, event.moduleTitle)],
			);
		case 'scenario.decided': {
			const scenarioIri = `${ctx.iriBase}/scenarios/${event.scenarioId}`;
			return base(
				verb('answered'),
				{
					objectType: 'Activity',
					id: `${scenarioIri}/steps/${event.stepId}`,
					definition: {
						name: en(`${event.scenarioTitle}: ${event.prompt}`),
						description: en(event.prompt),
						type: ACTIVITY_TYPES.question,
						interactionType: 'choice',
						choices: event.choices.map((c) => ({ id: c.id, description: en(c.label) })),
					},
				},
				[{ objectType: 'Activity', id: scenarioIri, definition: { name: en(event.scenarioTitle), type: ACTIVITY_TYPES.scenario } }],
				{ response: event.choiceId, duration: isoDuration(event.durationMs) },
			);
		}
		case 'scenario.ended':
			return base(
				verb('completed'),
				{
					objectType: 'Activity',
					id: `${ctx.iriBase}/scenarios/${event.scenarioId}`,
					definition: { name: en(event.scenarioTitle), type: ACTIVITY_TYPES.scenario },
				},
				[moduleActivity(ctx, event.moduleId)],
				{
					completion: true,
					success: event.verdict === 'best-practice',
					response: event.endingId,
					duration: isoDuration(event.durationMs),
					extensions: { [EXT.verdict]: event.verdict, [EXT.clauses]: event.clauses },
				},
			);
		case 'question.answered':
			return base(
				verb('answered'),
				{
					objectType: 'Activity',
					id: `${ctx.iriBase}/questions/${event.questionId}`,
					definition: {
						name: en(event.prompt),
						type: ACTIVITY_TYPES.question,
						...(event.kind === 'truefalse'
							? { interactionType: 'true-false' as const, correctResponsesPattern: event.correct.slice(0, 1) }
							: {
									interactionType: 'choice' as const,
									correctResponsesPattern: [event.correct.join('[,]')],
									choices: event.options.map((o) => ({ id: o.id, description: en(o.text) })),
								}),
					},
				},
				[moduleActivity(ctx, event.moduleId)],
				{
					response: event.response.join('[,]'),
					success: event.success,
					duration: isoDuration(event.durationMs),
					extensions: { [EXT.setting]: event.setting },
				},
			);
		case 'module.completed':
			return base(verb('completed'), moduleActivity(ctx, event.moduleId, event.title), [course], { completion: true });
		case 'module.tested-out':
			return base(verb('waived'), moduleActivity(ctx, event.moduleId, event.title), [course], {
				completion: true,
				success: true,
				extensions: { [EXT.cmi5Reason]: 'Tested Out' },
			});
		case 'assessment.finished': {
			const scaled = event.total === 0 ? 0 : Math.round((event.correct / event.total) * 10000) / 10000;
			return base(
				event.passed ? verb('passed') : verb('failed'),
				{
					objectType: 'Activity',
					id: `${ctx.iriBase}/assessment`,
					definition: { name: en('Final assessment'), description: en(`Pass mark ${event.passMark}%`), type: ACTIVITY_TYPES.assessment },
				},
				[course],
				{ score: { scaled, raw: event.correct, min: 0, max: event.total }, success: event.passed, completion: true, duration: isoDuration(event.durationMs) },
			);
		}
		case 'policy.acknowledged':
			return base(
				verb('accepted'),
				{
					objectType: 'Activity',
					id: `${ctx.iriBase}/policy/v${event.policyVersion}`,
					definition: {
						name: en(`Social Media Policy, ${event.policyLabel}`),
						description: en('I confirm I have read and understood the Social Media Policy.'),
						type: ACTIVITY_TYPES.policy,
					},
				},
				[course],
				{ completion: true, extensions: { [EXT.policyVersion]: event.policyVersion } },
			);
		case 'course.completed':
			return base(verb('completed'), course, [], {
				completion: true,
				success: true,
				score: { scaled: event.score / 100, raw: event.score, min: 0, max: 100 },
				duration: isoDuration(event.durationMs),
				extensions: { [EXT.verification]: event.code },
			});
	}
}

/** The actor for a learner profile: `mbox` for an email, else an account at the Trust's home page. */
export function actorFor(profile: { name: string; idKind: 'email' | 'staff'; id: string }, homePage: string): Actor {
	return profile.idKind === 'email'
		? { objectType: 'Agent', name: profile.name, mbox: `mailto:${profile.id.trim().toLowerCase()}` }
		: { objectType: 'Agent', name: profile.name, account: { homePage, name: profile.id.trim() } };
}

/** Statements sort in the order they were made: by timestamp, then id. */
export function byTime(a: Pick<Statement, 'timestamp' | 'id'>, b: Pick<Statement, 'timestamp' | 'id'>): number {
	return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A random (version 4) UUID. */
export function uuid(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6]! & 0x0f) | 0x40;
	b[8] = (b[8]! & 0x3f) | 0x80;
	const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
