/**
 * Reading age of learner-facing text, measured with the maintained `flesch-kincaid` formula
 * and `syllable` counter. Pure: no file access, so content authors can run it on a draft
 * (`node --experimental-strip-types -e "..."`) and the tests can pin its behaviour.
 *
 * How text is cut into sentences (documented in docs/content-brief.md, "Reading age"):
 * - a sentence ends at `.`, `!`, `?` or `…` (one or more, with any closing quote or bracket)
 *   followed by white space, or at the end of the text, or at a line break;
 * - a full stop does not end a sentence inside a quotation ("..." or “...”): a quoted
 *   sentence stays part of the sentence that quotes it, so the policy's own words are
 *   measured with the words around them (keep quotations short); a quotation that ends with
 *   its own full stop ends the quoting sentence when a capital letter follows;
 * - a full stop after a common abbreviation (e.g., i.e., eg, etc., Mr, Mrs, Ms, Dr, St, No,
 *   vs) or an initial, or inside a number or clause number (3.10, 1.2.), does not end one.
 * Words are runs of letters or digits (apostrophes and hyphens join: "don't", "Year-5").
 */
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/** The longest sentence learners should meet, in words. */
export const MAX_SENTENCE_WORDS = 35;
/** The highest average US grade allowed for a module's feedback and explanations (UK reading age about 13-14). */
export const MAX_FEEDBACK_GRADE = 8;

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'eg', 'ie', 'etc', 'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'vs', 'approx', 'cf']);
const OPEN_QUOTES = new Set(['“']);
const CLOSE_QUOTES = new Set(['”']);
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The words of a text, as the readability figures count them. */
export function words(text: string): string[] {
	return text.match(WORD) ?? [];
}

/** Splits text into sentences (see the module comment for the rules). */
export function splitSentences(text: string): string[] {
	const out: string[] = [];
	let start = 0;
	let inStraight = false;
	let curly = 0;
	const push = (end: number) => {
		const s = text.slice(start, end).trim();
		if (words(s).length > 0) out.push(s);
		start = end;
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		const closing = (ch === '"' && inStraight) || (CLOSE_QUOTES.has(ch) && curly === 1);
		if (ch === '"') inStraight = !inStraight;
		else if (OPEN_QUOTES.has(ch)) curly += 1;
		else if (CLOSE_QUOTES.has(ch)) curly = Math.max(0, curly - 1);
		else if (ch === '\n') {
			if (!inStraight && curly === 0) push(i);
			continue;
		}
		if (inStraight || curly > 0) continue;
		// A quotation that ends with its own full stop ends the quoting sentence too, when a
		// new sentence (a capital letter) follows: `She said "Stop." Then she left.`
		if (closing && /[.!?…]/.test(text[i - 1] ?? '') && /^\s+[\p{Lu}"“]/u.test(text.slice(i + 1))) {
			push(i + 1);
			continue;
		}
		if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
		// Take the whole run of end marks and closing quotes or brackets.
		let end = i + 1;
		while (end < text.length && /[.!?…"”’')\]]/.test(text[end]!)) end += 1;
		if (end < text.length && !/\s/.test(text[end]!)) continue; // 3.10, e.g.x, "word."word
		if (ch === '.') {
			const before = /([\p{L}.]+)$/u.exec(text.slice(start, i))?.[1]?.toLowerCase() ?? '';
			if (ABBREVIATIONS.has(before) || ABBREVIATIONS.has(before.replace(/\.$/, ''))) continue;
			if (/^\p{Lu}$/u.test(text.slice(i - 1, i)) && (i < 2 || /\s/.test(text[i - 2]!))) continue; // an initial: "J. Smith"
		}
		if (ch === '.' || ch === '…') {
			// A following lower-case word means the sentence goes on ("approx. five", "Then… you act").
			const next = /^[^\S\n]+(\S)/.exec(text.slice(end))?.[1];
			if (next && /\p{Ll}/u.test(next)) continue;
		}
		push(end);
		i = end - 1;
	}
	push(text.length);
	return out;
}

/** The figures for one text or a set of texts. */
export interface Readability {
	sentences: number;
	words: number;
	syllables: number;
	/** US school grade (Flesch-Kincaid); 0 when there are no words. */
	grade: number;
}

/** Adds up counts and works out the Flesch-Kincaid grade of the whole. */
export function combine(parts: readonly Readability[]): Readability {
	const sentences = parts.reduce((n, p) => n + p.sentences, 0);
	const wordCount = parts.reduce((n, p) => n + p.words, 0);
	const syllables = parts.reduce((n, p) => n + p.syllables, 0);
	const grade = wordCount === 0 ? 0 : fleschKincaid({ sentence: sentences, word: wordCount, syllable: syllables });
	return { sentences, words: wordCount, syllables, grade: Math.round(grade * 10) / 10 };
}

/** A sentence over the word limit. */
export interface LongSentence {
	words: number;
	sentence: string;
}

/** Readability of one text, with any sentence over `maxWords`. */
export function measure(text: string, maxWords = MAX_SENTENCE_WORDS): Readability & { long: LongSentence[] } {
	const sentences = splitSentences(text);
	const all = words(text);
	const syllables = all.reduce((n, w) => n + Math.max(1, syllable(w)), 0);
	const long = sentences.map((sentence) => ({ sentence, words: words(sentence).length })).filter((s) => s.words > maxWords);
	return { ...combine([{ sentences: sentences.length, words: all.length, syllables, grade: 0 }]), long };
}
