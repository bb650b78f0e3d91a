/**
 * Turns the bytes of an input file into text. Plans reach the review from Windows too, where
 * PowerShell's `terraform show -json plan > plan.json` writes UTF-16LE with a byte-order mark,
 * and people pass the binary planfile itself; both get a clear answer instead of "not JSON".
 */
import { isAscii } from 'node:buffer';
import { inputErrors } from '../errors';

/** A saved planfile is a zip archive: local file header `PK\x03\x04`. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function decodeText(bytes: Buffer, source: string): string {
  if (ZIP_MAGIC.every((byte, index) => bytes[index] === byte)) throw inputErrors.binaryPlanfile(source);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be(bytes.subarray(2));
  // JSON starts with an ASCII character, so UTF-16 without a mark shows as a zero byte beside it.
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return bytes.toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return utf16be(bytes);
  return utf8(bytes);
}

/**
 * The text of UTF-8 bytes. ASCII, as most plans are, reads the same as Latin-1, which Node keeps
 * outside V8's heap when it is big: a 50 MB plan's text then does not count towards the heap V8
 * lets grow before it collects, and peak memory no longer depends on whether a collection ran
 * just before or just after the parse that drops it (50 MB either way, seen on the benchmark).
 */
function utf8(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function utf16be(bytes: Buffer): string {
  // Node decodes only little-endian UTF-16: swap each pair of bytes (a copy, the input is left alone).
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  swapped.swap16();
  return swapped.toString('utf16le');
}
