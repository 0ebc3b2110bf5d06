/**
 * A horizontal bar chart drawn as plain SVG. No chart library: a bar chart is a few rectangles,
 * so this costs about 1 KB instead of tens of KB, needs no extra code on the report page's
 * strict CSP, and prints and scales cleanly. The chart is an image with a text summary for
 * assistive technology; the table that follows it is its full alternative.
 */
export interface Bar {
	label: string;
	value: number;
	suffix: string;
}

export function BarChart({ title, description, bars, max }: { title: string; description: string; bars: Bar[]; max?: number }) {
	const top = max ?? Math.max(1, ...bars.map((b) => b.value));
	const row = 28;
	const labelWidth = 300;
	const width = 640;
	const plot = width - labelWidth - 60;
	const height = bars.length * row + 8;
	const summary = bars.map((b) => `${b.label}: ${b.value}${b.suffix}`).join('; ');
	return (
		<figure className="chart">
			<figcaption>
				<strong>{title}</strong>
				<span className="hint"> {description}</span>
			</figcaption>
			{bars.length === 0 ? (
				<p>No answers yet.</p>
			) : (
				<svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`${title}. ${summary}`} preserveAspectRatio="xMinYMin meet">
					{bars.map((b, i) => {
						const y = i * row + 4;
						const w = Math.max(1, (b.value / top) * plot);
						return (
							<g key={b.label}>
								<text x={labelWidth - 8} y={y + row / 2 + 1} textAnchor="end" dominantBaseline="middle" className="chart-label">
									{b.label.length > 42 ? `${b.label.slice(0, 41)}…` : b.label}
								</text>
								<rect x={labelWidth} y={y + 4} width={w} height={row - 10} className="chart-bar" />
								<text x={labelWidth + w + 6} y={y + row / 2 + 1} dominantBaseline="middle" className="chart-value">
									{b.value}
									{b.suffix}
								</text>
							</g>
						);
					})}
				</svg>
			)}
		</figure>
	);
}
