import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStoreInfo } from '../../../shared/domain/app';
import { readJsonFile, writeJsonFile } from '../system/json-file';

/** Helpdesk tokens and LLM keys. Never written to SQLite, never sent to the renderer. */
export interface SecretStore {
  info(): SecretStoreInfo;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): boolean;
  list(): string[];
}

/** Turns a value into what is stored on disk and back (Electron plugs in safeStorage). */
export interface SecretCodec {
  encode(value: string): string;
  decode(stored: string): string;
}

const PLAIN: SecretCodec = { encode: (v) => v, decode: (v) => v };

/**
 * Secrets in one JSON file readable by the owner only (mode 0600). With a codec the
 * values are encrypted (the desktop app uses the OS keychain through safeStorage).
 */
export class FileSecretStore implements SecretStore {
  readonly file: string;
  constructor(
    dataDir: string,
    private readonly codec: SecretCodec = PLAIN,
    private readonly description: Omit<SecretStoreInfo, 'location'> = {
      kind: 'file',
      note: 'Readable only by your user account (file mode 0600), not encrypted. The desktop app keeps secrets in the OS keychain instead.',
    },
    fileName = 'secrets.json',
  ) {
    this.file = join(dataDir, fileName);
  }

  info(): SecretStoreInfo {
    return { ...this.description, location: this.file };
  }

  get(name: string): string | undefined {
    const stored = this.read()[name];
    return stored === undefined ? undefined : this.codec.decode(stored);
  }

  set(name: string, value: string): void {
    this.write({ ...this.read(), [name]: this.codec.encode(value) });
  }

  delete(name: string): boolean {
    const all = this.read();
    if (!(name in all)) return false;
    delete all[name];
    this.write(all);
    return true;
  }

  list(): string[] {
    return Object.keys(this.read()).sort();
  }

  /** The file mode, for tests and for Settings to show; null when no secret was stored yet. */
  mode(): number | null {
    return existsSync(this.file) ? statSync(this.file).mode & 0o777 : null;
  }

  private read(): Record<string, string> {
    return readJsonFile<Record<string, string>>(this.file, {});
  }

  private write(all: Record<string, string>): void {
    writeJsonFile(this.file, all, 0o600);
  }
}
