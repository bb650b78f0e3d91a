/**
 * Three-valued (Kleene) logic for evaluating policies: a part of a statement either matches,
 * does not, or cannot be decided (with the reasons why). `false` wins an AND and `true` an OR
 * even when other parts are undecided, so an undecidable detail only matters where it could
 * change the outcome.
 */

export interface Unknown {
  readonly unknown: readonly string[];
}

export type Truth = boolean | Unknown;

export function unknown(reason: string): Unknown {
  return { unknown: [reason] };
}

export function isUnknown(value: Truth): value is Unknown {
  return typeof value !== 'boolean';
}

/** AND over lazily computed parts: stops at the first `false`. */
export function all<T>(items: Iterable<T>, test: (item: T) => Truth): Truth {
  const reasons: string[] = [];
  for (const item of items) {
    const value = test(item);
    if (value === false) return false;
    if (value !== true) reasons.push(...value.unknown);
  }
  return reasons.length > 0 ? { unknown: dedupe(reasons) } : true;
}

/** OR over lazily computed parts: stops at the first `true`. */
export function any<T>(items: Iterable<T>, test: (item: T) => Truth): Truth {
  const reasons: string[] = [];
  for (const item of items) {
    const value = test(item);
    if (value === true) return true;
    if (value !== false) reasons.push(...value.unknown);
  }
  return reasons.length > 0 ? { unknown: dedupe(reasons) } : false;
}

export function not(value: Truth): Truth {
  return typeof value === 'boolean' ? !value : value;
}

function dedupe(reasons: string[]): string[] {
  return [...new Set(reasons)];
}
