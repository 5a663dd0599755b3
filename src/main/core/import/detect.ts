import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';

/** JSONL or CSV: by extension, else by the first visible character. */
export function detectFormat(path: string, name = path): 'jsonl' | 'csv' {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, 512, 0);
    const first = head
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()[0];
    return first === '{' ? 'jsonl' : 'csv';
  } finally {
    closeSync(fd);
  }
}
