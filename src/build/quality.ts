/**
 * The judgement checks the build enforces on top of references and coverage: the verdict
 * rule on every scenario path, item writing (answers not guessable by length, no "all of the
 * above", distinct options) and reading age. `course:check` reports the figures; the build
 * fails on any issue. Node or browser: no file access.
 */
import { checkScenarioVerdicts } from './scenario-checks.ts';
import { checkQuestion, checkScenarioItems, maxLongest } from './items.ts';
import type { ContentIssue, LoadedCourse } from './load.ts';
import { clauseDuties, type DutyStrength } from '../course/policy.ts';
import { combine, MAX_FEEDBACK_GRADE, MAX_SENTENCE_WORDS, measure, type Readability } from './readability.ts';

/** The verdict rule's result for one scenario. */
export interface ScenarioVerdictResult {
	id: string;
	moduleId: string;
	file: string;
	/** Paths from the start to an ending that were checked. */
	paths: number;
	ok: boolean;
	violations: ContentIssue[];
	/** Not errors: where to read the feedback against each path (see VerdictReport.reviewNotes). */
	reviewNotes: ContentIssue[];
}

/** One learner-facing text, and whether it counts as feedback or explanation. */
export interface LearnerText {
	file: string;
	field: string;
	text: string;
	/** Ending feedback and question explanations: the texts held to the grade limit. */
	feedback: boolean;
}

/** Reading-age figures for a module. */
export interface ModuleReadability {
	/** Feedback and explanations taken together: the figure held to grade MAX_FEEDBACK_GRADE. */
	feedback: Readability;
	/** Every learner-facing text of the module taken together. */
	all: Readability;
	/** Sentences over MAX_SENTENCE_WORDS words, anywhere in the module. */
	longSentences: number;
	/** The hardest feedback or explanation texts (highest grade), to start rewriting with. */
	hardest: Array<{ file: string; field: string; grade: number }>;
}

/** Item-writing figures. */
export interface ItemFigures {
	singleChoice: number;
	correctLongest: number;
	/** Scenario steps that offer a choice leading to best practice among others. */
	steps: number;
	bestPracticeLongest: number;
}

export interface ModuleQuality {
	id: string;
	readability: ModuleReadability;
	items: ItemFigures;
	/** Reading-age problems in the module's files (long sentences, feedback grade). */
	readingIssues: ContentIssue[];
	/** Item-writing problems within single items ("all of the above", repeated options). The course-wide longest-answer figures are in CourseQuality.items. */
	itemIssues: ContentIssue[];
	ok: boolean;
}

export interface CourseQuality {
	scenarios: ScenarioVerdictResult[];
	modules: ModuleQuality[];
	/** Course-wide item figures, with the most allowed for each. */
	items: ItemFigures & { maxCorrectLongest: number; maxBestPracticeLongest: number };
	issues: ContentIssue[];
}

type ModuleEntry = LoadedCourse['modules'][number];

/** Every learner-facing text of a module, with the file and field it comes from. */
export function learnerTexts(mod: ModuleEntry): LearnerText[] {
	const out: LearnerText[] = [];
	const add = (file: string, field: string, text: string | undefined, feedback = false) => {
		if (text) out.push({ file, field, text, feedback });
	};
	add(mod.file, 'summary', mod.data.summary);
	add(mod.file, 'whyItMatters', mod.data.whyItMatters);
	for (const lesson of mod.lessons) {
		const d = lesson.data;
		add(lesson.file, 'summary', d.summary);
		d.keyPoints.forEach((p, i) => add(lesson.file, `keyPoints[${i}].text`, p.text));
		d.inPractice.forEach((p, i) => {
			add(lesson.file, `inPractice[${i}].title`, p.title);
			add(lesson.file, `inPractice[${i}].text`, p.text);
		});
		d.unclear.forEach((p, i) => add(lesson.file, `unclear[${i}].text`, p.text));
		add(lesson.file, 'whoToAsk.text', d.whoToAsk?.text);
	}
	for (const scenario of mod.scenarios) {
		const d = scenario.data;
		const f = scenario.file;
		add(f, 'summary', d.summary);
		add(f, 'setting.role', d.setting.role);
		add(f, 'setting.place', d.setting.place);
		add(f, 'setting.situation', d.setting.situation);
		d.steps.forEach((s, i) => {
			add(f, `steps[${i}].text`, s.text);
			s.variants.forEach((v, j) => add(f, `steps[${i}].variants[${j}].text`, v.text));
			add(f, `steps[${i}].prompt`, s.prompt);
			s.choices.forEach((c, j) => {
				add(f, `steps[${i}].choices[${j}].label`, c.label);
				add(f, `steps[${i}].choices[${j}].consequence`, c.consequence);
			});
		});
		d.endings.forEach((e, i) => {
			add(f, `endings[${i}].title`, e.title);
			add(f, `endings[${i}].feedback`, e.feedback, true);
			e.variants.forEach((v, j) => add(f, `endings[${i}].variants[${j}].feedback`, v.feedback, true));
		});
	}
	for (const q of mod.questions) {
		const field = `questions[${q.index}]`;
		add(q.file, `${field}.prompt`, q.data.prompt);
		if (q.data.type !== 'truefalse') q.data.options.forEach((o, i) => add(q.file, `${field}.options[${i}].text`, o.text));
		add(q.file, `${field}.explanation`, q.data.explanation, true);
	}
	return out;
}

/** The strengths of duty each clause states, by id. */
export function dutyLookup(loaded: Pick<LoadedCourse, 'clauses'>): (id: string) => DutyStrength[] | undefined {
	const map = new Map(loaded.clauses.map((c) => [c.id, clauseDuties(c)]));
	return (id) => map.get(id);
}

/** Runs every judgement check on a loaded course. */
export function courseQuality(loaded: LoadedCourse): CourseQuality {
	const issues: ContentIssue[] = [];
	const duties = dutyLookup(loaded);
	const scenarios: ScenarioVerdictResult[] = [];
	const modules: ModuleQuality[] = [];
	const longestQuestions: ContentIssue[] = [];
	const longestSteps: ContentIssue[] = [];
	const total: ItemFigures = { singleChoice: 0, correctLongest: 0, steps: 0, bestPracticeLongest: 0 };

	for (const mod of loaded.modules) {
		const moduleIssues: ContentIssue[] = [];
		const itemIssues: ContentIssue[] = [];
		const readingIssues: ContentIssue[] = [];
		for (const scenario of mod.scenarios) {
			const report = checkScenarioVerdicts(scenario.data, duties);
			const violations = report.problems.map((p) => ({ file: scenario.file, field: p.field, value: p.value, message: p.message }));
			const reviewNotes = report.reviewNotes.map((p) => ({ file: scenario.file, field: p.field, value: p.value, message: p.message }));
			scenarios.push({ id: scenario.id, moduleId: mod.id, file: scenario.file, paths: report.paths, ok: violations.length === 0, violations, reviewNotes });
			moduleIssues.push(...violations);
		}

		const items: ItemFigures = { singleChoice: 0, correctLongest: 0, steps: 0, bestPracticeLongest: 0 };
		for (const q of mod.questions) {
			const field = `questions[${q.index}]`;
			const found = checkQuestion(q.data, field);
			itemIssues.push(...found.problems.map((p) => ({ file: q.file, ...p })));
			if (!found.single) continue;
			items.singleChoice += 1;
			if (found.correctLongest) {
				items.correctLongest += 1;
				const answer = q.data.type === 'single' ? q.data.answer : '';
				longestQuestions.push({
					file: q.file,
					field: `${field}.options`,
					value: answer,
					message: `the correct option of question "${q.data.id}" is the longest`,
				});
			}
		}
		for (const scenario of mod.scenarios) {
			const found = checkScenarioItems(scenario.data);
			itemIssues.push(...found.problems.map((p) => ({ file: scenario.file, ...p })));
			for (const step of found.steps) {
				if (!step.hasBestPractice) continue;
				items.steps += 1;
				if (step.bestPracticeLongest) {
					items.bestPracticeLongest += 1;
					longestSteps.push({
						file: scenario.file,
						field: `steps[${step.stepIndex}].choices`,
						value: step.bestPracticeChoices.join(', '),
						message: `at step "${step.stepId}" the choice leading to best practice has the longest label`,
					});
				}
			}
		}
		for (const key of Object.keys(total) as Array<keyof ItemFigures>) total[key] += items[key];

		const texts = learnerTexts(mod).map((t) => ({ ...t, measured: measure(t.text) }));
		const feedback = combine(texts.filter((t) => t.feedback).map((t) => t.measured));
		let longSentences = 0;
		for (const t of texts) {
			for (const long of t.measured.long) {
				longSentences += 1;
				readingIssues.push({
					file: t.file,
					field: t.field,
					value: long.sentence,
					message: `a sentence of ${long.words} words; learners read at 12-14, so keep every sentence to ${MAX_SENTENCE_WORDS} words or fewer`,
				});
			}
		}
		if (feedback.grade > MAX_FEEDBACK_GRADE) {
			readingIssues.push({
				file: mod.file,
				field: '(feedback and explanations)',
				value: String(feedback.grade),
				message: `module "${mod.id}": its ending feedback and question explanations read at US grade ${feedback.grade} together; the most allowed is ${MAX_FEEDBACK_GRADE} (shorter sentences, shorter words)`,
			});
		}
		const hardest = texts
			.filter((t) => t.feedback)
			.sort((a, b) => b.measured.grade - a.measured.grade)
			.slice(0, 3)
			.map((t) => ({ file: t.file, field: t.field, grade: t.measured.grade }));
		modules.push({
			id: mod.id,
			readability: { feedback, all: combine(texts.map((t) => t.measured)), longSentences, hardest },
			items,
			readingIssues,
			itemIssues,
			ok: moduleIssues.length + itemIssues.length + readingIssues.length === 0,
		});
		issues.push(...moduleIssues, ...itemIssues, ...readingIssues);
	}

	const maxCorrectLongest = maxLongest(total.singleChoice);
	const maxBestPracticeLongest = maxLongest(total.steps);
	if (total.correctLongest > maxCorrectLongest) {
		issues.push(
			...longestQuestions.map((i) => ({
				...i,
				message: `${i.message}: across the course it is the longest in ${total.correctLongest} of ${total.singleChoice} single-choice questions, and at most ${maxCorrectLongest} (1 in 3) may be; give this question distractors of similar length`,
			})),
		);
	}
	if (total.bestPracticeLongest > maxBestPracticeLongest) {
		issues.push(
			...longestSteps.map((i) => ({
				...i,
				message: `${i.message}: across the course that happens at ${total.bestPracticeLongest} of ${total.steps} steps, and at most ${maxBestPracticeLongest} (1 in 3) may; make another choice as long`,
			})),
		);
	}
	return { scenarios, modules, items: { ...total, maxCorrectLongest, maxBestPracticeLongest }, issues };
}
