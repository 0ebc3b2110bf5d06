/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, commas and line breaks inside
 * quotes, CRLF or LF, a byte-order mark). Papaparse is CommonJS: bundling it into the report
 * page made the bundler's runtime chunk, which every learner island page shares, grow by half a
 * kilobyte; this keeps learners' bundles byte-for-byte unchanged.
 */
export interface CsvResult {
	/** Rows of cells, with the 1-based line each row starts on. */
	rows: Array<{ line: number; cells: string[] }>;
	/** Set when a quoted field is never closed: the line it opened on. */
	unterminatedQuoteAt?: number;
}

export function readCsv(text: string): CsvResult {
	const src = text.replace(/^\uFEFF/, '');
	const rows: CsvResult['rows'] = [];
	let cells: string[] = [];
	let cell = '';
	let line = 1;
	let rowLine = 1;
	let quoted = false;
	let quoteLine = 0;
	const endRow = () => {
		cells.push(cell);
		if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: rowLine, cells });
		cells = [];
		cell = '';
	};
	for (let i = 0; i < src.length; i++) {
		const ch = src[i]!;
		if (quoted) {
			if (ch === '"') {
				if (src[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else {
				if (ch === '\n') line++;
				cell += ch;
			}
		} else if (ch === '"' && cell.trim() === '') {
			quoted = true;
			quoteLine = line;
			cell = '';
		} else if (ch === ',') {
			cells.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && src[i + 1] === '\n') i++;
			endRow();
			line++;
			rowLine = line;
		} else cell += ch;
	}
	if (quoted) return { rows, unterminatedQuoteAt: quoteLine };
	if (cell !== '' || cells.length) endRow();
	return { rows };
}
