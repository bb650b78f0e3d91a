/** To the cent, as every figure of the estimate is kept. */
export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Money as the reports write it: `1,234.56 USD`, `0.40 USD`. */
export function formatUsd(value: number): string {
  return `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`;
}

/** A whole-dollar figure for one-line summaries: `~1,235`. */
export function roughUsd(value: number): string {
  return `~${Math.round(value).toLocaleString('en-US')}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
