export type ThemePreference = 'system' | 'light' | 'dark';

export type HostKind = 'electron' | 'browser' | 'cli';

export interface SecretStoreInfo {
  kind: 'os-keychain' | 'file';
  /** Where the secrets are kept, in words a person can check. */
  location: string;
  /** One sentence on how well they are protected. */
  note: string;
}

export interface AppInfo {
  version: string;
  host: HostKind;
  dataDir: string;
  schemaVersion: number;
  secretStore: SecretStoreInfo;
  preferences: Preferences;
}

export interface Preferences {
  theme: ThemePreference;
}
