import { describe, expect, it } from 'vitest';
import { combine, MAX_SENTENCE_WORDS, measure, splitSentences, words } from '../../src/build/readability.ts';

describe('splitSentences', () => {
	it('ends sentences at . ! ? and … followed by a space', () => {
		expect(splitSentences('You wait. Is that right? No! Then…  you act.')).toEqual(['You wait.', 'Is that right?', 'No!', 'Then…  you act.']);
	});

	it('keeps a quotation, full stops and all, inside the sentence that quotes it', () => {
		expect(splitSentences('Clause 3.10 says concerns "must immediately be raised. Where necessary, management should seek advice." So you act.')).toEqual([
			'Clause 3.10 says concerns "must immediately be raised. Where necessary, management should seek advice."',
			'So you act.',
		]);
		expect(splitSentences('Her comment says: “scared. dont tell.” You see it at 9pm.')).toEqual([
			'Her comment says: “scared. dont tell.”',
			'You see it at 9pm.',
		]);
	});

	it('does not end a sentence at a clause number, an abbreviation or an initial', () => {
		expect(splitSentences('See clauses 3.10 and 1.2. for the rule, e.g. on a trip with Mr. Okafor and J. Singh.')).toEqual([
			'See clauses 3.10 and 1.2. for the rule, e.g. on a trip with Mr. Okafor and J. Singh.',
		]);
	});

	it('ends a sentence at a line break', () => {
		expect(splitSentences('First line\nSecond line')).toEqual(['First line', 'Second line']);
	});
});

describe('measure', () => {
	it('counts words with apostrophes and hyphens as one', () => {
		expect(words("Don't tell the Year-5 class.")).toEqual(["Don't", 'tell', 'the', 'Year-5', 'class']);
	});

	it('gives a low grade for short plain sentences and a high one for long, many-syllabled ones', () => {
		const plain = measure('You see a post. You tell your line manager. She thanks you.');
		const dense = measure(
			'Organisational considerations regarding confidentiality necessitate comprehensive deliberation concerning communication methodologies, notwithstanding individual preferences.',
		);
		expect(plain.grade).toBeLessThan(3);
		expect(dense.grade).toBeGreaterThan(16);
	});

	it(`flags every sentence over ${MAX_SENTENCE_WORDS} words, and only those`, () => {
		const long = `Now ${Array.from({ length: 35 }, () => 'word').join(' ')}.`;
		const limit = `Then ${Array.from({ length: 34 }, () => 'word').join(' ')}.`;
		expect(measure(`${limit} ${long}`).long).toEqual([{ words: 36, sentence: long }]);
		expect(measure(limit).long).toEqual([]);
	});

	it('combines texts by their counts (a words-weighted whole, not a mean of grades)', () => {
		const a = measure('You see it.');
		const b = measure('The consequences of publication are considerable.');
		const both = combine([a, b]);
		expect(both.words).toBe(a.words + b.words);
		expect(both.sentences).toBe(2);
		expect(both.grade).toBe(measure('You see it. The consequences of publication are considerable.').grade);
	});
});
