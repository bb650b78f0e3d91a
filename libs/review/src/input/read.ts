/** Reads a file as JSON, turning every way it can fail into one ReviewInputError line naming the file. */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { inputErrors } from '../errors';
import { decodeText } from './encoding';

export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw inputErrors.unreadable(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
}

/** The file's text, decoded as UTF-8 or, by its byte-order mark, UTF-16 (what PowerShell's `>` writes). */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw inputErrors.missing(path);
    throw inputErrors.unreadable(path, code ?? (error as Error).message);
  }
  return decodeText(bytes, path);
}

export function readJsonFile(path: string): unknown {
  return parseJsonText(readText(path), path);
}

export function parseJsonText(text: string, source: string): unknown {
  // A BOM is what some Windows editors add; JSON.parse rejects it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw inputErrors.empty(source);
  try {
    return JSON.parse(body);
  } catch (error) {
    throw inputErrors.notJson(source, jsonErrorDetail((error as Error).message, body));
  }
}

/**
 * V8's message without the snippet of the input it quotes (a state file may hold secrets), and
 * with the position turned into a line and column a person can go to.
 */
export function jsonErrorDetail(message: string, text: string): string {
  if (/Unexpected end of JSON input/i.test(message)) return 'it ends unexpectedly; was it truncated?';
  const withoutSnippet = message.replace(/,\s*(?:\.\.\.)?".*is not valid JSON\s*$/s, '').replace(/\s+(?:in JSON\s+)?at position \d+.*$/s, '');
  const position = /at position (\d+)/.exec(message);
  const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
  return `${withoutSnippet.trim() || 'invalid JSON'}${where}`;
}

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
