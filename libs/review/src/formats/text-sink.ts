/**
 * Writing a report a piece at a time: the formats of a big plan are tens of megabytes, and a
 * report built as one string before it is written costs that string and every piece it was joined
 * from at once. A sink takes pieces in order; concatenated, they are the format's text.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** Takes the next piece of a text. */
export type TextSink = (piece: string) => void;

/** Takes the next line of a text whose lines are joined by `\n` (the last one is not followed by one). */
export type LineSink = (line: string) => void;

/** A LineSink that hands its lines, with the line breaks between them, to a TextSink. */
export function linesTo(sink: TextSink): LineSink {
  let first = true;
  return (line) => {
    if (!first) sink('\n');
    sink(line);
    first = false;
  };
}

/** The pieces a writer gives, joined: what the same writer writes to a file. */
export function collect(write: (sink: TextSink) => void): string {
  const pieces: string[] = [];
  write((piece) => pieces.push(piece));
  return pieces.join('');
}

/** Characters gathered as text before they are encoded: few calls to the encoder, and still a small string (dropped young). */
const PENDING_CHARACTERS = 16 * 1024;

/**
 * Bytes encoded before each write to the file. Gathered text is encoded straight into one buffer
 * of this size: no big chunk of text is made (it would live in V8's old space until a full GC).
 */
const CHUNK_BYTES = 64 * 1024;

/**
 * Writes a text to a file (created or truncated, as `writeFileSync` does) as its writer gives it:
 * the whole text never exists at once. Throws what `openSync` or `writeSync` throw.
 */
export function writeTextFile(path: string, write: (sink: TextSink) => void): void {
  const fd = openSync(path, 'w');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let used = 0;
    let pending = '';
    const writeAll = (bytes: Buffer, length: number) => {
      for (let offset = 0; offset < length;) offset += writeSync(fd, bytes, offset, length - offset);
    };
    const encode = () => {
      const length = Buffer.byteLength(pending, 'utf8');
      if (used + length > CHUNK_BYTES) {
        writeAll(buffer, used);
        used = 0;
      }
      if (length > CHUNK_BYTES) writeAll(Buffer.from(pending, 'utf8'), length);
      else used += buffer.write(pending, used, 'utf8');
      pending = '';
    };
    write((piece) => {
      pending += piece;
      if (pending.length >= PENDING_CHARACTERS) encode();
    });
    encode();
    writeAll(buffer, used);
  } finally {
    closeSync(fd);
  }
}
