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
}

/** Runs `tideline serve --json` as a real child process and waits for its URL. */
export async function startServeProcess(dataDir: string, extra: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tideline.js'), 'serve', '--json', '--data-dir', dataDir, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`tideline serve exited with ${code}: ${stderr}`)));
  });
  const { url: openUrl } = JSON.parse(line) as { url: string };
  const parsed = new URL(openUrl);
  const token = parsed.searchParams.get('token')!;
  return {
    child,
    openUrl,
    url: `${parsed.origin}/`,
    token,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
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
