import { join, resolve } from 'node:path';
import { DEFAULT_TEAM_PORT, startTeamServer } from '../core/team/server';

/** `tideline team-server`: runs the team server until Ctrl+C. Returns the exit code. */
export async function teamServerCommand(
  flags: { port?: string; host?: string; data?: string; redis?: string; dataDir: string; json: boolean },
  io: { out(text: string): void },
  stopped: Promise<void> = new Promise((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  }),
): Promise<number> {
  const port = flags.port === undefined ? DEFAULT_TEAM_PORT : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`--port must be a number from 0 to 65535, not "${flags.port}".`);
  if (flags.redis !== undefined && !/^rediss?:\/\/[^/]/.test(flags.redis))
    throw new RangeError(`--redis must be a Redis address such as redis://127.0.0.1:6379, not "${flags.redis}".`);
  const folder = resolve(flags.data ?? join(flags.dataDir, 'team-server'));
  const server = await startTeamServer({ dataDir: folder, port, host: flags.host, redis: flags.redis });
  const loopback = server.host === '127.0.0.1' || server.host === '::1' || server.host === 'localhost';
  const redis = flags.redis && withoutPassword(flags.redis);
  if (flags.json) io.out(JSON.stringify({ url: server.url, port: server.port, host: server.host, data: folder, redis: redis ?? null }));
  else {
    io.out(`Tideline team server at ${server.url}, keeping its data in ${folder}`);
    if (redis) io.out(`Relaying edits to and from the other processes on this data folder through Redis at ${redis}.`);
    io.out(
      loopback
        ? 'Only this computer can connect. For your team, run it with --host 0.0.0.0 behind a TLS reverse proxy (see the README, "Review as a team").'
        : `Listening on ${server.host}: put it behind a TLS reverse proxy so invites and edits travel encrypted (wss://).`,
    );
    io.out('Share a workspace from Settings → Team or with: tideline team share --server <address>. Press Ctrl+C to stop.');
  }
  await stopped;
  await server.close();
  return 0;
}

function withoutPassword(address: string): string {
  const url = new URL(address);
  if (url.password) url.password = '***';
  return url.toString();
}
