/**
 * A question as the client has it (with the module it belongs to), and its options as shown.
 * Pure and browser-safe: the question view, the stores that mark answers and the client's
 * question loader all use it, so none of them imports a component for it.
 */
import type { Question } from '../schemas/question.ts';

export type ClientQuestion = Question & { moduleId: string };

/** The options of a question (True and False for true/false), in `order` when given. */
export function optionsOf(q: Question, order?: string[]): Array<{ id: string; text: string }> {
	const options =
		q.type === 'truefalse'
			? [
					{ id: 'true', text: 'True' },
					{ id: 'false', text: 'False' },
				]
			: q.options;
	if (!order) return options;
	return order.map((id) => options.find((o) => o.id === id)).filter((o): o is { id: string; text: string } => Boolean(o));
}
