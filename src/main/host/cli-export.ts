import { resolve } from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import {
  EXPORT_KINDS,
  EXPORT_TARGETS,
  isFileExport,
  type ExportKind,
  type ExportRecord,
  type ExportTarget,
} from '../../shared/domain/export';
import type { Job } from '../../shared/domain/job';
import { secretEnvName, SourceUsageError } from './cli-sources';
import { plural } from '../../shared/plural';

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export interface ExportFlags {
  target?: string;
  out?: string;
  name?: string;
  'base-url'?: string;
  set?: string[];
  article?: string[];
  overwrite?: string[];
  'dry-run'?: boolean;
}

export interface ExportIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

const ids = (flag: string, values: string[] | undefined) =>
  values?.map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new SourceUsageError(`--${flag} takes an article id, not "${v}".`);
    return n;
  });

const isKind = (k: string): k is ExportKind => (EXPORT_KINDS as readonly string[]).includes(k);

/** `--target 3`, `--target zendesk` (the only Zendesk target) or `--target markdown --out DIR` (made on first use). */
async function findTarget(call: Call, flags: ExportFlags, json: boolean, io: ExportIo): Promise<ExportTarget> {
  const wanted = flags.target;
  if (!wanted)
    throw new SourceUsageError(
      `Say where with --target: markdown, html or json with --out DIR, or a help-center target (see tideline export targets).`,
    );
  const targets = await call('exports.targets', {});
  if (/^\d+$/.test(wanted)) {
    const byId = targets.find((t) => t.id === Number(wanted));
    if (!byId) throw new SourceUsageError(`There is no export target ${wanted}; see tideline export targets.`);
    return byId;
  }
  if (!isKind(wanted)) throw new SourceUsageError(`--target is an id or one of ${EXPORT_KINDS.join(', ')}.`);
  if (isFileExport(wanted)) {
    if (!flags.out) throw new SourceUsageError(`Say which folder: tideline export --target ${wanted} --out DIR`);
    const folder = resolve(flags.out);
    const same = targets.find((t) => t.kind === wanted && t.config.folder === folder);
    if (same) return same;
    const made = await call('exports.addTarget', {
      kind: wanted,
      name: flags.name ?? `${EXPORT_TARGETS[wanted].label} ${folder}`,
      fields: { folder },
      isDefault: false,
    });
    if (!json) io.err(`Added the export target ${made.id}: ${made.name}.`);
    return made;
  }
  const ofKind = targets.filter((t) => t.kind === wanted);
  if (ofKind.length === 1) return ofKind[0]!;
  throw new SourceUsageError(
    ofKind.length
      ? `There are ${ofKind.length} ${EXPORT_TARGETS[wanted].label} targets: give its id with --target.`
      : `No ${EXPORT_TARGETS[wanted].label} target yet: add one with tideline export add ${wanted} --set key=value…`,
  );
}

function describeRecord(r: ExportRecord): string {
  const head = `${String(r.articleId).padStart(5)}  ${r.status.padEnd(8)} ${r.title}`;
  if (r.status === 'done') return `${head}\n         ${r.externalUrl ?? ''}`;
  if (r.status === 'conflict')
    return `${head}\n         edited in the help center since the last export: re-run with --overwrite ${r.articleId} to replace it`;
  if (r.status === 'pending')
    return `${head}\n         waiting to retry${r.nextAttemptAt ? ` at ${r.nextAttemptAt.slice(11, 16)} UTC` : ''}: ${r.error ?? ''}`;
  return `${head}\n         ${r.error ?? ''}`;
}

/**
 * `tideline export`: preview or run an export of the knowledge base, list targets, add a
 * help-center target (secrets from the environment: ZENDESK_API_TOKEN…), and print each
 * article's result with its link.
 */
export async function exportCommand(
  call: Call,
  sub: string | undefined,
  flags: ExportFlags,
  json: boolean,
  io: ExportIo,
  follow: (job: Job) => Promise<number>,
): Promise<number> {
  const print = (value: unknown, human: () => string) => io.out(json ? JSON.stringify(value, null, 2) : human());
  if (sub === 'targets') {
    const targets = await call('exports.targets', {});
    print(targets, () =>
      targets.length
        ? targets
            .map(
              (t) =>
                `${String(t.id).padStart(4)}  ${t.name.padEnd(36)} ${t.kind.padEnd(10)} ${t.counts.done} exported${t.counts.pending ? `, ${t.counts.pending} queued` : ''}${t.counts.failed ? `, ${t.counts.failed} failed` : ''}${t.counts.conflict ? `, ${t.counts.conflict} edited there` : ''}${t.isDefault ? '  (Publish goes here)' : ''}`,
            )
            .join('\n')
        : 'No export targets yet. Try: tideline export --target markdown --out ./kb',
    );
    return 0;
  }
  if (sub === 'add') {
    const kind = flags.target;
    if (!kind || !isKind(kind) || isFileExport(kind))
      throw new SourceUsageError(
        'Use: tideline export add --target zendesk|intercom|freshdesk|helpscout --set key=value… (see the README for each key)',
      );
    const spec = EXPORT_TARGETS[kind];
    const fields: Record<string, string> = {};
    for (const pair of flags.set ?? []) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new SourceUsageError(`--set takes key=value, not "${pair}".`);
      fields[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const secrets: Record<string, string> = {};
    for (const f of spec.fields.filter((x) => x.type === 'secret')) {
      const env = secretEnvName(kind, f.key);
      const value = io.env[env]?.trim();
      if (!value) throw new SourceUsageError(`${spec.label} needs the ${f.label}: set ${env} (never on the command line).`);
      secrets[f.key] = value;
    }
    const target = await call('exports.addTarget', {
      kind,
      name: flags.name ?? spec.label,
      fields,
      secrets,
      ...(flags['base-url'] ? { baseUrl: flags['base-url'] } : {}),
    });
    print(target, () => `Added the export target ${target.id}: ${target.name}. Its secret is in the secret store.`);
    return 0;
  }
  if (sub !== undefined && sub !== 'run')
    throw new SourceUsageError(`Unknown export command "${sub}". Use: tideline export [--dry-run] --target …, export targets, export add.`);

  const target = await findTarget(call, flags, json, io);
  const articleIds = ids('article', flags.article);
  const plan = await call('exports.preview', { targetId: target.id, ...(articleIds ? { articleIds } : {}) });
  if (flags['dry-run']) {
    print(plan, () =>
      plan.length
        ? plan.map((p) => `${String(p.articleId).padStart(5)}  ${p.action.padEnd(7)} ${p.title}  (${p.reason})`).join('\n')
        : 'The knowledge base has no articles yet.',
    );
    return 0;
  }
  const overwrite = ids('overwrite', flags.overwrite);
  const { queued, job } = await call('exports.run', {
    targetId: target.id,
    ...(articleIds ? { articleIds } : {}),
    ...(overwrite ? { overwrite } : {}),
  });
  if (!job) {
    print({ queued: 0, plan }, () => `Nothing to export to ${target.name}: every article is up to date there.`);
    return 0;
  }
  if (!json) io.err(`Exporting ${plural(queued, 'article', 'en-US')} to ${target.name}…`);
  const code = await follow(job);
  const records = await call('exports.records', {
    targetId: target.id,
    articleIds: plan.filter((p) => p.action !== 'skip' || overwrite?.includes(p.articleId)).map((p) => p.articleId),
  });
  print(records, () => records.map(describeRecord).join('\n'));
  return records.some((r) => r.status === 'failed' || r.status === 'conflict') ? 1 : code;
}
