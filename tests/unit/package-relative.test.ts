/**
 * The package build's rewrite (scripts/package.ts): pages built with a placeholder base work
 * from any folder an LMS unpacks them into, and name files, never folders.
 */
import { describe, expect, it } from 'vitest';
import { PACKAGE_BASE, relativiseHtml } from '../../scripts/package.ts';

const page = (body: string, head = '') =>
	`<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">${head}<link rel="manifest" href="${PACKAGE_BASE}manifest.webmanifest"></head><body>${body}</body></html>`;

describe('relativiseHtml', () => {
	it('makes addresses relative to the page and gives folder addresses their index.html', () => {
		const html = relativiseHtml(
			page(
				`<a href="${PACKAGE_BASE}">Home</a><a href="${PACKAGE_BASE}policy/#clause-5-5">5.5</a><link rel="stylesheet" href="${PACKAGE_BASE}_astro/Base.css"><a href="${PACKAGE_BASE}help/?x=1">Help</a>`,
			),
			'modules/overview/index.html',
		);
		expect(html).toContain('href="../../index.html"');
		expect(html).toContain('href="../../policy/index.html#clause-5-5"');
		expect(html).toContain('href="../../_astro/Base.css"');
		expect(html).toContain('href="../../help/index.html?x=1"');
		expect(html).not.toContain(PACKAGE_BASE);
	});

	it('tells the page where the package root is, right after the character set', () => {
		expect(relativiseHtml(page(''), 'index.html')).toContain('<meta charset="utf-8"><meta name="course-base" content="./">');
		expect(relativiseHtml(page(''), 'lms/scorm12/index.html')).toContain('<meta name="course-base" content="../../">');
	});

	it('drops the web app manifest link: no install or offline prompts inside an LMS', () => {
		expect(relativiseHtml(page(''), 'index.html')).not.toContain('rel="manifest"');
	});

	it('rewrites island props (HTML-escaped JSON) too', () => {
		const html = relativiseHtml(
			page(`<astro-island props="{&quot;href&quot;:[0,&quot;${PACKAGE_BASE}records/&quot;]}"></astro-island>`),
			'certificate/index.html',
		);
		expect(html).toContain('&quot;../records/index.html&quot;');
	});

	it('refuses to change an inline script, whose hash the Content Security Policy holds', () => {
		expect(() => relativiseHtml(page(`<script>fetch("${PACKAGE_BASE}x.json")</script>`), 'index.html')).toThrow(/CSP hash/);
	});
});
