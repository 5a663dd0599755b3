import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { Engine } from '../app';
import type { JobService } from '../jobs/handlers';
import { detectFormat } from './detect';
import type { ImportParams } from './job';
import { Uploads } from './uploads';

export function registerImportHandlers(engine: Engine, jobs: JobService, dataDir: string): void {
  const uploads = new Uploads(dataDir);
  engine.register('uploads.begin', ({ name }) => uploads.begin(name));
  engine.register('uploads.append', ({ id, offset, data }) => uploads.append(id, offset, Buffer.from(data, 'base64')));
  engine.register('import.start', ({ upload, path, format, source }) => {
    let params: ImportParams;
    if (upload) {
      const file = uploads.existing(upload);
      const name = uploads.originalName(upload);
      params = {
        path: file,
        displayName: name,
        format: format === 'auto' ? detectFormat(file, name) : format,
        sourceName: source,
        removeWhenDone: true,
      };
    } else {
      const file = resolve(path!);
      if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('NOT_FOUND', `There is no file at ${file}.`);
      params = {
        path: file,
        displayName: basename(file),
        format: format === 'auto' ? detectFormat(file) : format,
        sourceName: source,
        removeWhenDone: false,
      };
    }
    return jobs.runner().start('import.file', params);
  });
}
