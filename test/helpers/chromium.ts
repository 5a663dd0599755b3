// Finds a Chromium for the end-to-end tests and the board bench, and installs one the platform's
// way when there is none, so `npm test` needs no step of its own on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';

export interface FoundBrowser {
  path: string;
  /** Where it came from, for the message a person reads. */
  source: string;
}

const SYSTEM_BROWSERS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: [
    `${process.env['PROGRAMFILES'] ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

/** CHROMIUM_PATH first, then Playwright's own browsers, then a system Chromium or Chrome. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): FoundBrowser | null {
  const chosen = env['CHROMIUM_PATH'];
  if (chosen) {
    if (!exists(chosen)) throw new Error(`CHROMIUM_PATH is set to ${chosen}, which does not exist.`);
    return { path: chosen, source: 'CHROMIUM_PATH' };
  }
  const playwrights = chromium.executablePath();
  if (playwrights && exists(playwrights)) return { path: playwrights, source: "Playwright's own Chromium" };
  for (const path of SYSTEM_BROWSERS[process.platform] ?? []) {
    if (exists(path)) return { path, source: 'the system browser' };
  }
  return null;
}

/** The executable for launchOptions: undefined lets Playwright report its own missing-browser message. */
export const chromiumPath = (): string | undefined => findChromium()?.path;

/** Debian and Ubuntu (and their derivatives) install Chromium with apt-get. */
function isDebianLike(): boolean {
  if (process.platform !== 'linux' || !existsSync('/etc/os-release')) return false;
  const release = readFileSync('/etc/os-release', 'utf8');
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
}

/** Runs a command; its output shows only when it fails (a package manager's log is long). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32' });
  if (result.status === 0) return true;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
  console.error(`${command} ${args.join(' ')} failed${result.error ? `: ${result.error.message}` : ''}\n${output}`);
  return false;
}

/** Installs Chromium the platform's way; says what it does before doing it. */
function installChromium(): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isDebianLike() && isRoot) {
    console.log('No Chromium found for the end-to-end tests: installing Debian\'s "chromium" package with apt-get (once).');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], env) && run('apt-get', ['install', '-y', '-qq', 'chromium'], env) && findChromium()) return;
    console.log("apt-get could not install chromium; trying Playwright's installer instead.");
  }
  console.log(
    'No Chromium found for the end-to-end tests: installing Playwright\'s Chromium with "npx playwright install chromium" (once).',
  );
  if (!run('npx', ['playwright', 'install', 'chromium'])) {
    throw new Error(
      'Could not install a Chromium for the end-to-end tests. Install Chromium or Chrome, or set CHROMIUM_PATH to one, and run npm test again.',
    );
  }
}

/** Returns the browser the tests will use, installing one first when the machine has none. */
export function ensureChromium(): FoundBrowser {
  const found = findChromium() ?? (installChromium(), findChromium());
  if (!found) throw new Error('Chromium was installed but cannot be found; set CHROMIUM_PATH to its executable.');
  return found;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const found = ensureChromium();
    console.log(`End-to-end tests run in ${found.path} (${found.source}).`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
