/**
 * One report table: caption, sortable columns (buttons in the headers, with aria-sort), the
 * page's filters applied, CSV export of exactly the rows shown by the filters, and long tables
 * cut to their first rows until "Show all" (printing shows what is on screen).
 */
import { useMemo, useState } from 'react';
import { toCsv, type Table } from '../../report/tables.ts';

export interface Filters {
	academy: string;
	/** A role id; tables show role labels. */
	role: string;
	text: string;
}

const FIRST_ROWS = 25;

export function DataTable({ table, filters, roleLabel }: { table: Table; filters: Filters; roleLabel: (id: string) => string }) {
	const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
	const [all, setAll] = useState(false);
	const has = (k: string) => table.columns.some((c) => c.key === k);
	const rows = useMemo(() => {
		const text = filters.text.trim().toLowerCase();
		let out = table.rows.filter(
			(r) =>
				(!filters.academy || !has('academy') || r.academy === filters.academy) &&
				(!filters.role || !has('role') || r.role === roleLabel(filters.role)) &&
				(!text || !has('name') || `${r.name} ${r.id}`.toLowerCase().includes(text)),
		);
		if (sort) {
			const numeric = table.columns.find((c) => c.key === sort.key)?.numeric;
			out = [...out].sort((a, b) => {
				const x = a[sort.key] ?? '';
				const y = b[sort.key] ?? '';
				const d = numeric ? Number(x === '' ? -1 : x) - Number(y === '' ? -1 : y) : String(x).localeCompare(String(y), 'en-GB', { numeric: true });
				return d * sort.dir;
			});
		}
		return out;
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [table, filters, sort]);
	const shown = all ? rows : rows.slice(0, FIRST_ROWS);
	const id = `table-${table.id}`;

	function exportCsv() {
		const blob = new Blob([toCsv({ ...table, rows })], { type: 'text/csv' });
		const href = URL.createObjectURL(blob);
		const a = document.createElement('a');
		a.href = href;
		a.download = `${table.id}.csv`;
		document.body.append(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(href), 1000);
	}

	return (
		<div className="report-table" data-table={table.id}>
			<h3 id={`${id}-title`}>{table.title}</h3>
			<p className="table-count" id={`${id}-count`}>
				{rows.length === table.rows.length
					? `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`
					: `${rows.length} of ${table.rows.length} rows match the filters`}
				{shown.length < rows.length ? `; the first ${shown.length} are shown` : ''}.
			</p>
			<div className="no-print table-actions">
				<button type="button" className="secondary" onClick={exportCsv}>
					Download as CSV<span className="visually-hidden">: {table.title}</span>
				</button>
				{shown.length < rows.length && (
					<button type="button" className="secondary" onClick={() => setAll(true)}>
						Show all {rows.length} rows<span className="visually-hidden"> of {table.title}</span>
					</button>
				)}
			</div>
			{rows.length > 0 ? (
				<div className="table-scroll" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
					<table id={id} aria-describedby={`${id}-count`}>
						<caption className="visually-hidden">{table.title}</caption>
						<thead>
							<tr>
								{table.columns.map((c) => (
									<th
										key={c.key}
										scope="col"
										aria-sort={sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
										className={c.numeric ? 'num' : undefined}
									>
										<button
											type="button"
											className="sort"
											onClick={() => setSort(sort?.key === c.key ? { key: c.key, dir: sort.dir === 1 ? -1 : 1 } : { key: c.key, dir: 1 })}
										>
											{c.label}
											<span aria-hidden="true">{sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
										</button>
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{shown.map((r, i) => (
								<tr key={i}>
									{table.columns.map((c) => (
										<td key={c.key} className={c.numeric ? 'num' : undefined}>
											{r[c.key] ?? ''}
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : (
				<p className="empty">None.</p>
			)}
		</div>
	);
}
