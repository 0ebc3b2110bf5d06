/**
 * One question as a real form control group: a fieldset whose legend is the question, with
 * radios (single, true/false) or checkboxes (multiple response, all-or-nothing: said so).
 */
import { optionsOf, type ClientQuestion } from '../assessment/options.ts';

// Kept here too for the islands that import them from the view.
export { optionsOf, type ClientQuestion };

interface Props {
	question: ClientQuestion;
	/** Option ids in the order to show them. */
	order?: string[];
	value: string[];
	onChange: (value: string[]) => void;
	disabled?: boolean;
	/**
	 * The island's namespace for element ids (e.g. `kc`). Ids are `<prefix>-q-<question>-hint`
	 * and `<prefix>-q-<question>-o-<n>` (n: the option's position in the question): content ids
	 * never appear last, so no option can collide with a hint, another option or another question.
	 */
	idPrefix: string;
	legendPrefix?: string;
	/** After checking: the right option ids, so each option says in words whether it was chosen and whether it is right. */
	marked?: string[];
}

export default function QuestionView({ question, order, value, onChange, disabled, idPrefix, legendPrefix, marked }: Props) {
	const multiple = question.type === 'multiple';
	const base = `${idPrefix}-q-${question.id}`;
	const hintId = `${base}-hint`;
	const all = optionsOf(question);
	return (
		<fieldset aria-describedby={hintId}>
			<legend>
				{legendPrefix && <span className="meta">{legendPrefix} </span>}
				{question.type === 'truefalse' ? `True or false: ${question.prompt}` : question.prompt}
			</legend>
			<span id={hintId} className="hint">
				{multiple ? 'Select all that apply. You need every correct answer, and no wrong ones, to get the mark.' : 'Select one answer.'}
			</span>
			{optionsOf(question, order).map((option) => {
				const id = `${base}-o-${all.findIndex((o) => o.id === option.id)}`;
				const checked = value.includes(option.id);
				return (
					<div className={`option${marked?.includes(option.id) ? ' option--right' : marked && checked ? ' option--wrong' : ''}`} key={option.id}>
						<input
							type={multiple ? 'checkbox' : 'radio'}
							id={id}
							name={base}
							value={option.id}
							checked={checked}
							disabled={disabled}
							onChange={(e) => {
								if (!multiple) onChange([option.id]);
								else onChange(e.target.checked ? [...value, option.id] : value.filter((v) => v !== option.id));
							}}
						/>
						<label htmlFor={id}>
							{option.text}
							{/* Marked in place, in words (not colour alone): the learner's choice and the right answer. */}
							{marked && (checked || marked.includes(option.id)) && (
								<span className="option__mark">
									{[
										checked && 'Your answer',
										marked.includes(option.id) && (checked ? 'right' : 'Right answer'),
										checked && !marked.includes(option.id) && 'not right',
									]
										.filter(Boolean)
										.join(': ')}
								</span>
							)}
						</label>
					</div>
				);
			})}
		</fieldset>
	);
}
