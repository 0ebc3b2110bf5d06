/**
 * Everything that happens in the course that HR may need as proof. Stores emit these;
 * the recorder turns each into one xAPI statement. Each event carries the text the
 * statement's activity definition needs, so the records layer needs no content lookups.
 */
export type CourseEvent =
	| { type: 'course.initialized' }
	| { type: 'course.terminated'; durationMs: number }
	| { type: 'lesson.experienced'; moduleId: string; lessonId: string; title: string; moduleTitle: string }
	| {
			type: 'scenario.decided';
			moduleId: string;
			scenarioId: string;
			scenarioTitle: string;
			stepId: string;
			prompt: string;
			choices: Array<{ id: string; label: string }>;
			choiceId: string;
			durationMs: number;
	  }
	| {
			type: 'scenario.ended';
			moduleId: string;
			scenarioId: string;
			scenarioTitle: string;
			endingId: string;
			endingTitle: string;
			verdict: 'best-practice' | 'risky' | 'breach';
			clauses: string[];
			durationMs: number;
	  }
	| {
			type: 'question.answered';
			moduleId: string;
			questionId: string;
			/** Where it was asked. */
			setting: 'check' | 'assessment' | 'pre-check';
			kind: 'single' | 'multiple' | 'truefalse';
			prompt: string;
			options: Array<{ id: string; text: string }>;
			correct: string[];
			response: string[];
			success: boolean;
			durationMs: number;
	  }
	| { type: 'module.completed'; moduleId: string; title: string }
	| { type: 'module.tested-out'; moduleId: string; title: string }
	| {
			type: 'assessment.finished';
			attemptId: string;
			correct: number;
			total: number;
			passMark: number;
			passed: boolean;
			durationMs: number;
	  }
	| { type: 'policy.acknowledged'; policyVersion: string; policyLabel: string }
	| { type: 'course.completed'; score: number; code: string; durationMs: number };
