/**
 * The refresher's state as pages show it (offered, due, why), derived from the record: a module
 * of its own so the home page does not load the refresher's pre-check flow with it.
 */
import { computed } from 'nanostores';
import { refresherState, type PolicyChangeTargets } from '../course/refresher.ts';
import { courseMeta } from './meta.ts';
import { $progress } from './progress.ts';

/**
 * The refresher as of now, judged on the last completion: offered, due, and why (a year has
 * passed, or the policy changed). `targets` are the changed clauses and the lessons and cases
 * citing them when the policy changed in meaning (issue 20), which the refresher covers first.
 */
export const $refresher = computed($progress, (p) => {
	const meta = courseMeta();
	const last = p.history[p.history.length - 1];
	const state = refresherState(last, new Date(), meta.refresher, {
		courseVersion: meta.version,
		policyVersion: meta.policyVersion,
		policySameMeaning: meta.policySameMeaning,
	});
	const targets: PolicyChangeTargets | undefined = state.reasons.includes('policy-version') ? meta.policyChange : undefined;
	return { ...state, last, targets };
});
