/**
 * One module's progress as its overview page shows it (src/course/module-progress.ts), derived
 * from the stored progress, the learner's role and the endings found; it follows changes made
 * in another tab too.
 */
import { computed } from 'nanostores';
import { moduleProgress, type ModuleProgress } from '../course/module-progress.ts';
import { courseMeta } from './meta.ts';
import { $learner, $profile } from './profile.ts';
import { $progress, passedAssessment } from './progress.ts';
import { $endingsFound } from './scenarios.ts';

export interface ModuleView extends ModuleProgress {
	/** False until "Your details" are saved: the learner's path is not known yet. */
	known: boolean;
}

export function moduleProgressStore(moduleId: string) {
	return computed([$progress, $learner, $profile, $endingsFound], (progress, learner, profile, endings): ModuleView => {
		const meta = courseMeta();
		return {
			...moduleProgress(meta, meta.modules, moduleId, progress.attempt, learner, endings, Boolean(passedAssessment(progress))),
			known: profile !== null,
		};
	});
}
