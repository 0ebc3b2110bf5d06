/**
 * How each verdict is shown: words first, then an icon whose shape differs (tick, exclamation
 * mark, cross), then colour. Words and shape survive forced-colours mode and greyscale print;
 * colour alone never carries the verdict. Shared by the player and the picture of the case.
 */
import type { Verdict } from '../schemas/scenario.ts';

// What each verdict means is said once, server-rendered, in the page's verdict legend.
export const VERDICT: Record<Verdict, { label: string; icon: string; className: string }> = {
	'best-practice': { label: 'Best practice', icon: '✓', className: 'ok' },
	risky: { label: 'Risky', icon: '!', className: 'warn' },
	breach: { label: 'Breach of the policy', icon: '✕', className: 'bad' },
};
