/**
 * Every question, as one static JSON file: the assessment, the refresher and the knowledge
 * checks load it (and the service worker precaches it), instead of each page carrying the pool.
 */
import type { APIRoute } from 'astro';
import { getSite } from '../../site/content.ts';

export const GET: APIRoute = async () => {
	const site = await getSite();
	return new Response(JSON.stringify(site.questions.map(({ file: _file, ...q }) => q)), { headers: { 'content-type': 'application/json' } });
};
