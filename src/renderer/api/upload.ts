import type { Job } from '../../shared/domain/job';
import { api } from '.';

const CHUNK = 4 * 1024 * 1024;

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Sends a file to the engine in 4 MB chunks (the same way in the desktop app and in browser
 * mode), then starts the import job. `onProgress` gets the share uploaded so far.
 */
export async function uploadAndImport(file: File, onProgress?: (fraction: number) => void): Promise<Job> {
  const { id } = await api.invoke('uploads.begin', { name: file.name });
  for (let offset = 0; offset < file.size; offset += CHUNK) {
    const data = await base64Of(file.slice(offset, offset + CHUNK));
    await api.invoke('uploads.append', { id, offset, data });
    onProgress?.(Math.min(1, (offset + CHUNK) / file.size));
  }
  return api.invoke('import.start', { upload: id });
}
