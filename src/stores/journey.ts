/**
 * The learner's journey, derived: which modules their path requires, each module's state,
 * what is still open and where to go next. Follows the progress and the learner's role, so
 * an island showing it re-renders when either changes (another tab included).
 */
import { computed } from 'nanostores';
import { summarise, type JourneySummary } from '../course/summary.ts';
import { courseMeta } from './meta.ts';
import { $learner } from './profile.ts';
import { $progress, passedAssessment } from './progress.ts';

export interface Journey extends JourneySummary {
	/** Required modules neither completed nor tested out, in course order. */
	outstanding: string[];
}

export const $journey = computed([$progress, $learner], (progress, learner): Journey => {
	const meta = courseMeta();
	const summary = summarise(meta, meta.modules, progress.attempt, learner, Boolean(passedAssessment(progress)));
	return { ...summary, outstanding: summary.required.filter((id) => summary.states[id] !== 'completed' && summary.states[id] !== 'tested-out') };
});
