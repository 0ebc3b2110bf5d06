/**
 * The learner's progress in cmi.suspend_data, which SCORM 1.2 limits to 4,096 characters
 * (CMIString4096), so a learner can resume on another device through the LMS.
 *
 * Encoding: "1" + dictionary tag + "." + base64url(deflate-raw(JSON, preset dictionary)).
 * - Only what the course reads back is kept, so the size is bounded whatever the learner does
 *   (see resumable()). Older history stays on the device and in the learner's statements.
 * - Times become signed seconds (base 36) from the attempt's start, prefixed "~".
 * - Ids are compressed against a preset deflate dictionary of every id in the course (module,
 *   lesson, case, ending, question and option ids: ./dictionary.ts), which the wrapper page
 *   carries. The tag names the dictionary: suspend_data written by a build with other
 *   content is not decoded (the learner's progress on the device is still used).
 * The worst case for the real course content is tested in tests/unit/scorm12-suspend.test.ts.
 * Decoding validates every element as stored progress is (../../stores/shapes.ts).
 */
import { deflateSync, inflateSync } from 'fflate';

// The browser's own UTF-8 codec (fflate's strToU8/strFromU8 carry a fallback for browsers without one).
const utf8 = (text: string) => new TextEncoder().encode(text);
import type { Progress } from '../../stores/progress.ts';
import { validateProgressShape } from '../../stores/shapes.ts';

/** SCORM 1.2's limit for cmi.suspend_data. */
export const SUSPEND_DATA_MAX = 4096;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;

/**
 * The part of the learner's progress worth carrying to another device: the current attempt;
 * the assessment in progress; of this attempt's finished assessments the latest (its answers
 * are reviewed) and the latest pass, as a result only (status, score and the next draw read
 * those); the latest completed attempt (refresher timing, questions to avoid); the refresher
 * pre-check in progress. Knowledge checks part-way through start again (their results are in
 * the attempt).
 */
export function resumable(p: Progress): Progress {
	const since = p.attempt.startedAt;
	const thisAttempt = p.assessment.finished.filter((a) => a.startedAt >= since);
	const last = thisAttempt.at(-1);
	const passed = [...thisAttempt].reverse().find((a) => a.passed);
	const finished = [];
	if (passed && passed !== last) {
		const { view: _v, savedAt: _s, ...result } = passed;
		finished.push({ ...result, optionOrder: {}, answers: {} });
	}
	if (last) {
		const { view: _v, ...rest } = last;
		finished.push(rest);
	}
	const out: Progress = { attempt: p.attempt, history: p.history.slice(-1), assessment: { finished } };
	if (p.assessment.current) out.assessment.current = p.assessment.current;
	if (p.preCheck) out.preCheck = p.preCheck;
	return out;
}

/** A short tag of the dictionary (FNV-1a), so data compressed against other content is not misread. */
export function dictionaryTag(dictionary: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < dictionary.length; i++) h = Math.imul(h ^ dictionary.charCodeAt(i), 0x01000193) >>> 0;
	return h.toString(36).slice(0, 4).padStart(4, '0');
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** cmi.suspend_data for this progress: plain ASCII. Throws a RangeError past SUSPEND_DATA_MAX (the caller keeps the last one that fitted). */
export function encodeSuspendData(p: Progress, dictionary: string): string {
	const base = Math.floor(Date.parse(p.attempt.startedAt) / 1000) || 0;
	const json = JSON.stringify(resumable(p), (key, value: unknown) => {
		if (typeof value !== 'string') return value;
		if (key !== 'startedAt' || value !== p.attempt.startedAt) {
			if (ISO.test(value)) {
				const ms = Date.parse(value);
				const s = Math.floor(ms / 1000) - base;
				const frac = ms % 1000;
				return `~${s.toString(36)}${frac ? `.${frac}` : ''}`;
			}
		}
		return value.startsWith('~') ? `~${value}` : value;
	});
	const bytes = deflateSync(utf8(json), { level: 9, dictionary: utf8(dictionary) });
	const text = `1${dictionaryTag(dictionary)}.${toBase64Url(bytes)}`;
	if (text.length > SUSPEND_DATA_MAX) throw new RangeError(`suspend_data would be ${text.length} characters (limit ${SUSPEND_DATA_MAX})`);
	return text;
}

/** The progress in cmi.suspend_data, or null when it is empty, from other content or another format, or malformed. */
export function decodeSuspendData(text: string, dictionary: string): Progress | null {
	const prefix = `1${dictionaryTag(dictionary)}.`;
	if (!text.startsWith(prefix)) return null;
	try {
		const json = new TextDecoder('utf-8', { fatal: true }).decode(inflateSync(fromBase64Url(text.slice(prefix.length)), { dictionary: utf8(dictionary) }));
		const raw = JSON.parse(json) as { attempt?: { startedAt?: unknown } };
		const base = Math.floor(Date.parse(String(raw?.attempt?.startedAt)) / 1000) || 0;
		const value = JSON.parse(json, (_key, v: unknown) => {
			if (typeof v !== 'string' || !v.startsWith('~')) return v;
			if (v.startsWith('~~')) return v.slice(1);
			const [s, frac = '0'] = v.slice(1).split('.');
			return new Date((parseInt(s!, 36) + base) * 1000 + Number(frac)).toISOString();
		});
		return validateProgressShape(value, () => {});
	} catch {
		return null;
	}
}
