/** Small wording helpers shared by rules and formats. */

/** `a, b, c and 2 more`. */
export function listed(items: readonly string[], limit = 4): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}

/** `1 finding`, `2 findings`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

// One collator for every sort: `a.localeCompare(b)` is defined as this comparison, and looks its
// collator up on every call, which sorting tens of thousands of findings pays for.
const collate = new Intl.Collator().compare;

/** Exactly `a.localeCompare(b)` (the default locale and options), a few times faster. */
export function compareText(a: string, b: string): number {
  // Equal texts collate equal; sorted findings mostly share their rule.
  return a === b ? 0 : collate(a, b);
}
