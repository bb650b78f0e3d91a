/**
 * Where a SARIF result points: a Terraform address has no source line, so results point at the
 * line that declares it in the stack's Terraform JSON (cdk.tf.json), found by a single scan of
 * the text for the keys near the top (`resource` > type > name), and at file URIs relative to
 * the repository root the way GitHub code scanning resolves them (`%SRCROOT%`).
 */
import type { ArtifactLocation } from 'sarif';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The base id GitHub code scanning resolves against the checkout of the repository. */
export const SOURCE_ROOT_ID = '%SRCROOT%';

/** Lines of the object keys of a JSON text, up to a depth; first occurrence wins. */
export interface JsonKeyLines {
  /** 1-based line of the key at this path from the root object (`['resource', 'aws_s3_bucket', 'Data']`). */
  lineOf(path: readonly string[]): number | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const COLON = 0x3a;

interface Container {
  readonly isObject: boolean;
  /** Keys from the root to this container; undefined once an array is on the way (its items have no key). */
  readonly path: readonly string[] | undefined;
}

/**
 * Indexes the keys of objects nested at most `maxDepth` deep. Does not validate the JSON: on
 * text that is not JSON it finds fewer keys, never throws.
 */
export function jsonKeyLines(text: string, maxDepth = 3): JsonKeyLines {
  const lines = new Map<string, number>();
  const containers: Container[] = [];
  let line = 1;
  let pendingKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE) {
      line++;
    } else if (code === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (end < text.length && text.charCodeAt(end) !== QUOTE) {
        if (text.charCodeAt(end) === BACKSLASH) {
          escaped = true;
          end++;
        }
        end++;
      }
      const parent = containers[containers.length - 1];
      if (parent?.isObject && parent.path && containers.length <= maxDepth && isFollowedByColon(text, end + 1)) {
        const key = decodeKey(text.slice(i, end + 1), escaped);
        if (key !== undefined) {
          const id = [...parent.path, key].join('\u0000');
          if (!lines.has(id)) lines.set(id, line);
          pendingKey = key;
        }
      } else {
        pendingKey = undefined;
      }
      i = end;
    } else if (text[i] === '{' || text[i] === '[') {
      const parent = containers[containers.length - 1];
      const path = parent === undefined ? [] : parent.isObject && parent.path && pendingKey !== undefined ? [...parent.path, pendingKey] : undefined;
      containers.push({ isObject: text[i] === '{', path });
      pendingKey = undefined;
    } else if (text[i] === '}' || text[i] === ']') {
      containers.pop();
    }
  }
  return { lineOf: (path) => lines.get(path.join('\u0000')) };
}

function isFollowedByColon(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return text.charCodeAt(i) === COLON;
}

function decodeKey(quoted: string, escaped: boolean): string | undefined {
  if (!escaped) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

/**
 * The key path that declares an address in a root module's Terraform JSON, or undefined when it
 * cannot be declared there (an address inside a module). Instance keys (`[0]`, `["a"]`) are
 * dropped: `count` and `for_each` declare every instance once.
 */
export function configurationKeyPath(address: string): readonly string[] | undefined {
  const declared = address.replace(/\[[^\]]*\]$/, '');
  if (declared.startsWith('module.')) return undefined;
  const parts = declared.split('.');
  if (parts.length === 2 && parts[0] === 'output') return ['output', parts[1]];
  if (parts.length === 3 && parts[0] === 'data') return ['data', parts[1], parts[2]];
  if (parts.length === 2) return ['resource', parts[0], parts[1]];
  return undefined;
}

/** Finds the line declaring each address in one Terraform JSON text (the text is scanned once). */
export function configurationLines(text: string): (address: string) => number | undefined {
  const keys = jsonKeyLines(text);
  return (address) => {
    const path = configurationKeyPath(address);
    return path ? keys.lineOf(path) : undefined;
  };
}

/**
 * A file (a path as given, relative to the current directory) as a SARIF artifact location:
 * relative to the repository root with `%SRCROOT%` (what code scanning needs to show the file),
 * or an absolute `file:` URI for a file outside it.
 */
export function artifactLocation(path: string, sourceRoot: string): ArtifactLocation {
  const absolute = resolve(path);
  const fromRoot = relative(resolve(sourceRoot), absolute);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) return { uri: pathToFileURL(absolute).href };
  return { uri: fromRoot.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT_ID };
}
