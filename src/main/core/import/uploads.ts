import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';

const ID = /^[a-f0-9]{24}$/;

/** Deletes an upload's file and the note of its original name, once it has been imported. */
export function removeUpload(path: string): void {
  for (const file of [path, `${path}.name`]) if (existsSync(file)) unlinkSync(file);
}
const STALE_MS = 24 * 3600 * 1000;

/**
 * Files the interface sends for import, written in chunks to the data folder (the same in
 * the desktop app and browser mode), so the import job can stream them from disk.
 */
export class Uploads {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'uploads');
  }

  begin(name: string): { id: string } {
    mkdirSync(this.dir, { recursive: true });
    this.removeStale();
    const id = randomBytes(12).toString('hex');
    writeFileSync(this.pathOf(id), '');
    writeFileSync(`${this.pathOf(id)}.name`, name);
    return { id };
  }

  /** Appends a chunk at `offset`; a chunk sent again after a retry is ignored. */
  append(id: string, offset: number, data: Buffer): { size: number } {
    const path = this.existing(id);
    const size = statSync(path).size;
    if (offset + data.length <= size) return { size };
    if (offset !== size) throw new AppError('CONFLICT', `The upload expected bytes from ${size}, got ${offset}.`);
    appendFileSync(path, data);
    return { size: size + data.length };
  }

  existing(id: string): string {
    const path = this.pathOf(id);
    if (!existsSync(path)) throw new AppError('NOT_FOUND', 'That upload is gone; choose the file again.');
    return path;
  }

  originalName(id: string): string {
    const file = `${this.pathOf(id)}.name`;
    return existsSync(file) ? readFileSync(file, 'utf8') : id;
  }

  private pathOf(id: string): string {
    if (!ID.test(id)) throw new AppError('VALIDATION', 'Not an upload id.');
    return join(this.dir, id);
  }

  /** Uploads abandoned mid-way (a closed window) are cleared after a day. */
  private removeStale(): void {
    for (const file of readdirSync(this.dir)) {
      const path = join(this.dir, file);
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    }
  }
}
