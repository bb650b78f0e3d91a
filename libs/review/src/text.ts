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
