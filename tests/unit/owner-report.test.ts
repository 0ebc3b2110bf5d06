import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/build/load.ts';
import { ownerReportHtml } from '../../src/build/owner-report.ts';

const loaded = loadCourse(resolve('tests/fixtures/course'));

describe('the printable report for the policy owner', () => {
	it('lists every note with the clauses it concerns quoted as printed', () => {
		const html = ownerReportHtml(loaded, new Date('2026-11-28T12:00:00Z'));
		expect(html).toMatch(/^<!doctype html>/);
		expect(html).toContain('<li id="note-example-note"><p>An example fault for the policy owner.</p>');
		expect(html).toContain('Clauses: 1.1');
		expect(html).toContain('<blockquote><p><strong>1.1</strong> Social media is a term for internet-based communication tools.</p></blockquote>');
		expect(html).toContain('1 notes; generated 2026-11-28');
	});

	it('renders note text inert and loads nothing: no scripts, no external resources', () => {
		const hostile = { ...loaded, policy: { ...loaded.policy, notes: [{ id: 'x', text: '<script>alert(1)</script> & "quotes"', clauses: [] }] } };
		const html = ownerReportHtml(hostile);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
		expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
	});
});
