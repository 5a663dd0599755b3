import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import { nativeBindingPath } from '../../src/main/core/db/native';

/** Overwrites pages of the file with garbage, as a failing disk or a stray write would. */
export function overwritePages(file: string, pages: number[]): void {
  const db = new Database(file, { readonly: true, nativeBinding: nativeBindingPath() });
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  for (const page of pages) writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page - 1) * size);
  closeSync(fd);
}

/** The pages that hold one table's rows. */
export function pagesOf(file: string, table: string): number[] {
  const db = new Database(file, { readonly: true, nativeBinding: nativeBindingPath() });
  try {
    return db.prepare(`SELECT pageno FROM dbstat WHERE name = ?`).pluck().all(table) as number[];
  } finally {
    db.close();
  }
}
