/** To the cent, as every figure of the estimate is kept. */
export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

// One formatter each, made once: `toLocaleString` builds a new one per call (about 8 µs), which a
// report with a cost line per resource of a 66,000-change plan paid half a second for. Same output:
// `toLocaleString(locales, options)` is defined as formatting with `new Intl.NumberFormat(locales, options)`.
const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const WHOLE = new Intl.NumberFormat('en-US');

/** Money as the reports write it: `1,234.56 USD`, `0.40 USD`. */
export function formatUsd(value: number): string {
  return `${CENTS.format(value)} USD`;
}

/** A whole-dollar figure for one-line summaries: `~1,235`. */
export function roughUsd(value: number): string {
  return `~${WHOLE.format(Math.round(value))}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
