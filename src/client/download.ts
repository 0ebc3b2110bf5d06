/** Saves the training record as a JSON file named with the learner and the date. */

/** Letters that do not decompose into a Latin letter plus accents, spelled the usual English way. */
const SPELLING: Record<string, string> = {
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	ł: 'l',
	đ: 'd',
	ð: 'd',
	þ: 'th',
	ı: 'i',
	...pairs('абвгдезийклмнопрстуфыэіґ', 'abvgdeziyklmnoprstufyeig'),
	ё: 'yo',
	ж: 'zh',
	х: 'kh',
	ц: 'ts',
	ч: 'ch',
	ш: 'sh',
	щ: 'shch',
	ю: 'yu',
	я: 'ya',
	ї: 'yi',
	є: 'ye',
	ъ: '',
	ь: '',
	...pairs('αβγδεζηικλμνξοπρσςτυφω', 'avgdeziiklmnxoprsstyfo'),
	θ: 'th',
	χ: 'ch',
	ψ: 'ps',
};
function pairs(from: string, to: string): Record<string, string> {
	return Object.fromEntries([...from].map((c, i) => [c, to[i]!]));
}

/** Longest learner part of a file name: whole file names stay well under every system's limit. */
const NAME_PART_MAX = 40;

/**
 * The learner's part of a download's file name: Latin letters without accents, Cyrillic and
 * Greek spelled in Latin letters, other scripts kept as they are (every current system accepts
 * them), everything else a hyphen; cut at a word break to at most 40 characters.
 */
export function fileNamePart(name: string | undefined): string {
	const spelled = [...(name ?? '').toLowerCase().replace(/ου/g, 'ou').normalize('NFKD').replace(/\p{M}/gu, '')].map((c) => SPELLING[c] ?? c).join('');
	let part = spelled.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
	if (part.length > NAME_PART_MAX) {
		part = part.slice(0, NAME_PART_MAX + 1);
		const cut = part.lastIndexOf('-');
		part = (cut > NAME_PART_MAX / 2 ? part.slice(0, cut) : part.slice(0, NAME_PART_MAX)).replace(/-$/, '');
	}
	return part || 'learner';
}

export function recordFileName(name: string | undefined, date = new Date()): string {
	return `training-record-social-media-policy-${fileNamePart(name)}-${date.toISOString().slice(0, 10)}.json`;
}

export function downloadRecord(json: string, name: string | undefined): void {
	const blob = new Blob([json], { type: 'application/json' });
	const href = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = href;
	a.download = recordFileName(name);
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(href), 1000);
}
