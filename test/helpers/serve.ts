import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  openUrl: string;
  token: string;
  stop(): Promise<void>;
  /** How the process ended on its own, with what it wrote to stderr; null while it runs or once stopped. */
  died(): string | null;
  /** The last of what the process wrote to stderr. */
  stderr(): string;
}

export interface LongRunningCli {
  child: ChildProcess;
  /** The JSON the command printed first. */
  first: unknown;
  stop(): Promise<void>;
  died(): string | null;
  stderr(): string;
}

/** Runs a long-running `tideline` command with --json as a real child process, until its first line. */
export async function startCliProcess(args: string[]): Promise<LongRunningCli> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tideline.js'), ...args, '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`tideline ${args[0]} exited with ${code}: ${stderr}`)));
  });
  let stopped = false;
  return {
    child,
    first: JSON.parse(line),
    async stop() {
      stopped = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    died() {
      if (stopped || (child.exitCode === null && child.signalCode === null)) return null;
      return `tideline ${args[0]} ended by itself (${child.signalCode ?? `exit code ${child.exitCode}`}): ${stderr.slice(-4000) || 'nothing on stderr'}`;
    },
    stderr: () => stderr.slice(-4000),
  };
}

/** Runs `tideline serve --json` as a real child process and waits for its URL. */
export async function startServeProcess(dataDir: string, extra: string[] = []): Promise<ServeProcess> {
  const { child, first, stop, died, stderr } = await startCliProcess(['serve', '--data-dir', dataDir, ...extra]);
  const { url: openUrl } = first as { url: string };
  const parsed = new URL(openUrl);
  return { child, openUrl, url: `${parsed.origin}/`, token: parsed.searchParams.get('token')!, stop, died, stderr };
}

/** Calls a contract method over HTTP with the bearer token. */
export async function invokeHttp(server: { url: string; token: string }, method: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}api/invoke/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return response.json();
}
