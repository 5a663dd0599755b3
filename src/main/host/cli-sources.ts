import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { Job } from '../../shared/domain/job';
import { HELPDESKS, isHelpdeskKind, type Source } from '../../shared/domain/source';
import { plural } from '../../shared/plural';

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export interface SourceFlags {
  name?: string;
  'base-url'?: string;
  subdomain?: string;
  domain?: string;
  email?: string;
  region?: string;
  'client-id'?: string;
  bot?: string[];
  automation?: string[];
  every?: string;
  'history-days'?: string;
  'no-sync'?: boolean;
}

export interface SourceIo {
  out(text: string): void;
  err(text: string): void;
  /** The lines a pipe gave on stdin (secrets), read once when needed. */
  stdinLines(): Promise<string[]>;
  env: Record<string, string | undefined>;
}

export class SourceUsageError extends Error {}

const FLAG_OF: Record<string, keyof SourceFlags> = {
  subdomain: 'subdomain',
  domain: 'domain',
  email: 'email',
  region: 'region',
  clientId: 'client-id',
};

/** ZENDESK_API_TOKEN, HELPSCOUT_CLIENT_SECRET…: where each secret may wait in the environment. */
export function secretEnvName(kind: string, field: string): string {
  return `${kind}_${field.replace(/[A-Z]/g, (c) => `_${c}`)}`.toUpperCase();
}

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new SourceUsageError(`--${name} must be a whole number, not "${value}".`);
  return n;
}

function describeSource(s: Source): string {
  const sync = s.sync;
  const head = `${String(s.id).padStart(4)}  ${s.name.padEnd(28)} ${s.kind.padEnd(10)} ${String(s.tickets).padStart(7)} tickets`;
  if (!sync) return head;
  const last = sync.lastSyncAt ? `last sync ${sync.lastSyncAt.slice(0, 16).replace('T', ' ')}` : 'never synced';
  const every = sync.syncEveryMinutes ? `, every ${sync.syncEveryMinutes} min` : '';
  const error = sync.lastError ? `\n        last error: ${sync.lastError}` : '';
  return `${head}  ${last}${every}${sync.enabled ? '' : ' (paused)'}${error}`;
}

/**
 * `tideline source add|list|test|remove`: connect a helpdesk from the command line. Secrets
 * come from the environment (ZENDESK_API_TOKEN…) or stdin, never from the arguments.
 */
export async function sourceCommand(
  call: Call,
  sub: string | undefined,
  args: string[],
  flags: SourceFlags,
  json: boolean,
  io: SourceIo,
): Promise<{ code: number; syncJob?: Job }> {
  const print = (value: unknown, human: () => string) => io.out(json ? JSON.stringify(value, null, 2) : human());
  if (sub === 'list') {
    const list = await call('sources.list', {});
    print(list, () =>
      list.length ? list.map(describeSource).join('\n') : 'No sources yet. Add one: tideline source add zendesk --subdomain … --email …',
    );
    return { code: 0 };
  }
  if (sub === 'test' || sub === 'remove') {
    const id = Number(args[0]);
    if (!Number.isInteger(id) || id <= 0)
      throw new SourceUsageError(`Say which source: tideline source ${sub} <id> (see tideline source list)`);
    if (sub === 'remove') {
      const { removed } = await call('sources.remove', { id });
      print({ removed }, () => `Removed source ${id} and its ${plural(removed, 'ticket', 'en-US')}; its secrets are forgotten.`);
      return { code: 0 };
    }
    const test = await call('sources.test', { id });
    print(test, () =>
      [
        test.summary,
        `Read ${test.sampled} tickets. Authors on the company side:`,
        ...test.authors.map(
          (a) =>
            `  ${(a.name ?? a.id ?? '?').padEnd(28)} ${a.role.padEnd(6)} ${String(a.messages).padStart(4)} messages${a.botReason ? `  ← ${a.role === 'system' ? '' : 'looks like a bot: '}${a.botReason}` : ''}`,
        ),
      ].join('\n'),
    );
    return { code: 0 };
  }
  if (sub !== 'add') throw new SourceUsageError('Use: tideline source add <kind> | list | test <id> | remove <id>');

  const kind = args[0] ?? '';
  if (!isHelpdeskKind(kind)) throw new SourceUsageError(`Say which helpdesk: tideline source add ${Object.keys(HELPDESKS).join('|')} …`);
  const spec = HELPDESKS[kind];
  const fields: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const secretFields = spec.fields.filter((f) => f.type === 'secret');
  let piped: string[] | null = null;
  for (const f of spec.fields) {
    if (f.type !== 'secret') {
      const value = flags[FLAG_OF[f.key]!] as string | undefined;
      if (value) fields[f.key] = value;
      else if (f.required && f.key !== 'region') throw new SourceUsageError(`${spec.label} needs --${FLAG_OF[f.key]} (${f.help})`);
      continue;
    }
    const env = secretEnvName(kind, f.key);
    let value = io.env[env];
    if (!value) {
      piped ??= await io.stdinLines();
      value = piped[secretFields.indexOf(f)];
    }
    if (!value?.trim())
      throw new SourceUsageError(`${spec.label} needs the ${f.label}: set ${env}, or pipe it on stdin (never on the command line).`);
    secrets[f.key] = value.trim();
  }
  if (kind === 'intercom') fields.region ??= 'us';
  const source = await call('sources.add', {
    kind,
    name: flags.name ?? spec.label,
    fields,
    secrets,
    ...(flags['base-url'] ? { baseUrl: flags['base-url'] } : {}),
    ...(flags.bot?.length ? { botIds: flags.bot } : {}),
    ...(flags.automation?.length ? { automationIds: flags.automation } : {}),
    ...(flags.every !== undefined ? { syncEveryMinutes: whole('every', flags.every)! } : {}),
    ...(flags['history-days'] !== undefined ? { historyDays: whole('history-days', flags['history-days'])! } : {}),
    syncNow: !flags['no-sync'],
  });
  if (!json) io.err(`Added ${source.name} (source ${source.id}); its secrets are in the secret store.`);
  const jobs = flags['no-sync'] ? [] : await call('jobs.list', { limit: 5 });
  const syncJob = jobs.find((j) => j.kind === 'sync.source');
  if (!syncJob) print(source, () => `Run "tideline sync --source ${source.id}" to bring its tickets in.`);
  return { code: 0, syncJob };
}
