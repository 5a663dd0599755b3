import type { SafeStorage } from 'electron';
import { FileSecretStore, type SecretStore } from '../core/secrets/store';

/**
 * Secrets encrypted with the OS keychain (Keychain, DPAPI, libsecret / kwallet) through
 * safeStorage. Where no keychain is available, falls back to the owner-only file and says so.
 */
export function createSecretStore(dataDir: string, safeStorage: SafeStorage): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) return new FileSecretStore(dataDir);
  return new FileSecretStore(
    dataDir,
    {
      encode: (value) => safeStorage.encryptString(value).toString('base64'),
      decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
    },
    { kind: 'os-keychain', note: 'Encrypted with your operating system keychain; the file alone does not reveal them.' },
    'secrets.keychain.json',
  );
}
