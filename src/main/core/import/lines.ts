import { open } from 'node:fs/promises';

export interface RawLine {
  /** 1-based. */
  number: number;
  /** The line's bytes without the newline; empty when it was too long to keep. */
  bytes: Buffer;
  /** True when the line was longer than the limit (its bytes were dropped as they came). */
  oversized: boolean;
  /** File offset just past this line's newline: where a resume starts. */
  end: number;
  /** How many double quotes the line holds, long or not (counted only when asked: CSV). */
  quotes: number;
}

const CHUNK = 1 << 20;
const QUOTE = 0x22;

/**
 * Reads a file line by line in constant memory (a line longer than `maxLineBytes` is
 * reported, not kept), from a byte offset, so an interrupted import resumes where it stopped.
 */
export async function* readLines(
  path: string,
  options: { start?: number; firstLine?: number; maxLineBytes: number; countQuotes?: boolean },
): AsyncGenerator<RawLine> {
  const file = await open(path, 'r');
  try {
    let position = options.start ?? 0;
    let number = (options.firstLine ?? 1) - 1;
    let parts: Buffer[] = [];
    let kept = 0;
    let oversized = false;
    let quotes = 0;
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) break;
      let from = 0;
      for (;;) {
        const newline = buffer.indexOf(10, from);
        const stop = newline === -1 || newline >= bytesRead ? bytesRead : newline;
        if (options.countQuotes) quotes += countByte(buffer.subarray(from, stop), QUOTE);
        if (!oversized) {
          if (kept + (stop - from) > options.maxLineBytes) {
            oversized = true;
            parts = [];
          } else {
            parts.push(Buffer.from(buffer.subarray(from, stop)));
            kept += stop - from;
          }
        }
        if (stop === bytesRead) break;
        number++;
        yield { number, bytes: oversized ? Buffer.alloc(0) : stripCr(Buffer.concat(parts)), oversized, end: position + stop + 1, quotes };
        parts = [];
        kept = 0;
        oversized = false;
        quotes = 0;
        from = stop + 1;
      }
      position += bytesRead;
    }
    if (kept > 0 || oversized) {
      number++;
      yield { number, bytes: oversized ? Buffer.alloc(0) : stripCr(Buffer.concat(parts)), oversized, end: position, quotes };
    }
  } finally {
    await file.close();
  }
}

function countByte(bytes: Buffer, byte: number): number {
  let n = 0;
  for (let i = bytes.indexOf(byte); i !== -1; i = bytes.indexOf(byte, i + 1)) n++;
  return n;
}

function stripCr(line: Buffer): Buffer {
  return line.length && line[line.length - 1] === 13 ? line.subarray(0, line.length - 1) : line;
}
