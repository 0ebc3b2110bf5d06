// Preloaded into the LRS only when the harness is asked for a slow clock (the report bench at
// full size). Learning Locker's in-memory statement service pages `more` with a cursor that
// compares its ids, version-1 UUIDs, as strings, while it sorts by `stored`. A v1 UUID starts with
// the low 32 bits of a count of 100 ns ticks, which wraps every 429.5 s, so statements stored
// across a wrap sort after ones with larger ids and `more` paging skips or repeats them (seen in
// the bench: 29,367 of 34,961 read back, no error). Loading half a million statements takes far
// longer than 429.5 s. Here the service's clock starts just after a wrap and runs LRS_CLOCK_RATE
// times real speed, so a load that takes up to 429.5 s / rate never crosses one. Only the clock
// changes: the service's work, and so the figures the bench measures, are the same.
const rate = Number(process.env.LRS_CLOCK_RATE);
if (rate > 0 && rate < 1) {
	const RealDate = Date;
	const realNow = () => RealDate.now();
	const WRAP_MS = 2 ** 32 / 10_000; // 2^32 ticks of 100 ns
	const UUID_EPOCH_MS = 12_219_292_800_000; // 1582-10-15 to 1970-01-01, as uuid v1 counts
	const start = realNow();
	const sinceWrap = (start + UUID_EPOCH_MS) % WRAP_MS;
	const origin = start - sinceWrap + 1_000; // one second after the last wrap
	const now = () => Math.floor(origin + (realNow() - start) * rate);
	globalThis.Date = class SlowDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(now());
			else super(...args);
		}
		static now() {
			return now();
		}
	};
}
