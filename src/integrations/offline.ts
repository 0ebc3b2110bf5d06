import type { AstroIntegration } from 'astro';

/** Placeholder replaced when the service worker lands. */
export default function offline(): AstroIntegration {
	return { name: 'offline', hooks: {} };
}
