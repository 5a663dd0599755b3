import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { Workspace } from '../../shared/domain/workspace';
import { createEngine, type EngineHandle } from '../core';
import { resolveDataDir } from '../core/paths';
import { ensureRendererBuilt, rendererDir } from './renderer-build';
import { startBrowserServer } from './http';

const USAGE = `Tideline — a knowledge base that learns from your team's replies.

Usage: tideline <command> [options]

Commands:
  serve [--port N] [--no-build]  Open Tideline in your browser (browser mode, 127.0.0.1 only);
                                 builds the interface first when it is missing or out of date
  status                         The data folder, the current workspace and what it holds
  workspace list                 List workspaces
  workspace create <name>        Create a workspace and switch to it (--no-use to stay)
  workspace use <id>             Switch to a workspace
  help                           Show this help

Global options:
  --data-dir <dir>               Where workspaces live (default: the OS app-data folder,
                                 or TIDELINE_DATA_DIR)
  --json                         Print machine-readable JSON
`;

class UsageError extends Error {}

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const consoleIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs one CLI command; returns the process exit code. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        'no-use': { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (!command || command === 'help' || values.help) {
    io.out(USAGE);
    return 0;
  }

  const handle = createEngine({ dataDir: resolveDataDir(values['data-dir']), host: 'cli' });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const envelope = await handle.engine.dispatch(method, input);
    if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message);
    return envelope.result as MethodOutput<M>;
  };
  const print = (value: unknown, human: () => string) => io.out(values.json ? JSON.stringify(value, null, 2) : human());

  try {
    switch (command) {
      case 'serve':
        return await serve(handle, { port: values.port, json: values.json, build: !values['no-build'] }, io);
      case 'status': {
        const info = await call('app.info', {});
        const current = (await call('workspace.list', {})).find((w) => w.active);
        const status = current ? await call('workspace.status', {}) : null;
        print({ info, status }, () => describeStatus(info.dataDir, info.secretStore.location, status));
        return 0;
      }
      case 'workspace': {
        const [sub, arg] = rest;
        if (sub === 'list' || sub === undefined) {
          const list = await call('workspace.list', {});
          print(list, () => describeWorkspaces(list));
          return 0;
        }
        if (sub === 'create') {
          if (!arg) throw new UsageError('Give the new workspace a name: tideline workspace create "Acme support"');
          const ws = await call('workspace.create', { name: arg, use: !values['no-use'] });
          print(ws, () => `Created workspace "${ws.name}" (id ${ws.id})${ws.active ? ' and switched to it' : ''}.`);
          return 0;
        }
        if (sub === 'use') {
          if (!arg) throw new UsageError('Say which workspace: tideline workspace use <id> (see tideline workspace list)');
          const ws = await call('workspace.use', { id: arg });
          print(ws, () => `Now using "${ws.name}" (${ws.id}).`);
          return 0;
        }
        throw new UsageError(`Unknown workspace command "${sub}". Use list, create or use.`);
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\nRun "tideline help" for the commands.`);
      return 2;
    }
    if (error instanceof AppError) {
      io.err(values.json ? JSON.stringify({ error: { code: error.code, message: error.message } }) : `Error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    if (command !== 'serve') await handle.close();
  }
}

function describeStatus(dataDir: string, secrets: string, status: Awaited<MethodOutput<'workspace.status'>> | null): string {
  const lines = [`Data folder: ${dataDir}`, `Secrets:     ${secrets}`];
  if (!status) {
    lines.push('Workspace:   none yet — create one with: tideline workspace create "<name>"');
    return lines.join('\n');
  }
  const c = status.counts;
  lines.push(
    `Workspace:   ${status.workspace.name} (${status.workspace.id})`,
    `File:        ${status.file} (schema ${status.schemaVersion}, SQLite ${status.sqliteVersion}, sqlite-vec ${status.vecVersion})`,
    `Holds:       ${c.sources} sources, ${c.tickets} tickets (${c.handovers} handovers), ${c.drafts} open drafts, ${c.articles} articles`,
  );
  return lines.join('\n');
}

function describeWorkspaces(list: Workspace[]): string {
  if (!list.length) return 'No workspaces yet. Create one with: tideline workspace create "<name>"';
  return list
    .map((w) => `${w.active ? '*' : ' '} ${w.id.padEnd(24)} ${w.name}${w.problem ? `  (cannot open: ${w.problem})` : ''}`)
    .join('\n');
}

async function serve(handle: EngineHandle, flags: { port: string | undefined; json: boolean; build: boolean }, io: Io): Promise<number> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${flags.port}".`);
  if (flags.build) await ensureRendererBuilt((line) => io.err(line));
  const server = await startBrowserServer({ engine: handle.engine, port, staticDir: rendererDir() });
  if (flags.json) io.out(JSON.stringify({ url: server.openUrl, port: server.port, dataDir: handle.dataDir }));
  else {
    io.out(`Tideline is running in browser mode for ${handle.dataDir}`);
    io.out(`Open: ${server.openUrl}`);
    io.out('Only this computer can connect (127.0.0.1), and only with the token in that link. Press Ctrl+C to stop.');
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await handle.close();
  return 0;
}
