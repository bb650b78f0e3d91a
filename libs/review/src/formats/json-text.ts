/**
 * `JSON.stringify(value, null, 2)`, written a piece at a time: big arrays and objects are opened
 * here, everything small is stringified whole and indented to its depth. Meant for the plain data
 * the formats build (objects, arrays, strings, numbers, booleans, null; `undefined` in an object is
 * left out and in an array written as null, as JSON.stringify does).
 */
import type { TextSink } from './text-sink';

const INDENT = '  ';

/** Arrays and objects of at most this many entries are stringified whole: opening small ones only costs calls. */
const SMALL = 16;

export function writePrettyJson(value: unknown, sink: TextSink, depth = 0): void {
  if (!isOpenable(value) || size(value) <= SMALL) {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    // JSON text holds no line break inside a string: each one starts a line, to be indented to this depth.
    sink(depth === 0 || !text.includes('\n') ? text : text.replace(/\n/g, `\n${INDENT.repeat(depth)}`));
    return;
  }
  const next = `\n${INDENT.repeat(depth + 1)}`;
  const close = `\n${INDENT.repeat(depth)}`;
  if (Array.isArray(value)) {
    sink('[');
    for (let index = 0; index < value.length; index++) {
      sink(index === 0 ? next : `,${next}`);
      const item: unknown = value[index];
      if (isUnwritable(item)) sink('null');
      else writePrettyJson(item, sink, depth + 1);
    }
    sink(`${close}]`);
    return;
  }
  let written = 0;
  for (const [key, item] of Object.entries(value)) {
    if (isUnwritable(item)) continue;
    sink(`${written === 0 ? `{${next}` : `,${next}`}${JSON.stringify(key)}: `);
    writePrettyJson(item, sink, depth + 1);
    written++;
  }
  sink(written === 0 ? '{}' : `${close}}`);
}

/** Values with no JSON text: left out of an object, null in an array. */
function isUnwritable(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** An array or plain object, which this writer opens itself; anything else (and a `toJSON`) is left to JSON.stringify. */
function isOpenable(value: unknown): value is object {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function size(value: object): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}
