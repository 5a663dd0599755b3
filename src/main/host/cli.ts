import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { AppError } from '../../shared/api/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import { isJobActive, jobFraction, type Job } from '../../shared/domain/job';
import { modelLabel, otherLanguagesAdvice, type EmbeddingConfig, type EmbeddingStatus } from '../../shared/domain/embedding';
import { reasonLines, reasonText, type ImportSummary } from '../../shared/domain/ticket';
import { rederivedMessage, type AutomaticBackup, type BackupList, type Workspace } from '../../shared/domain/workspace';
import { DAMAGED } from '../core/db/failures';
import { writeDemoFile } from '../core/demo/file';
import { DEMO_DEFAULTS } from '../core/demo/generator';
import { simulate } from '../core/demo/simulate';
import { MAX_ISSUES_KEPT } from '../core/import/job';
import { formatDashboard, formatDraft, formatEgress, formatSimulation } from './cli-format';
import { exportCommand } from './cli-export';
import { sourceCommand, SourceUsageError } from './cli-sources';
import { createEngine, type EngineHandle } from '../core';
import { toApiError } from '../core/app';
import { resolveDataDir } from '../core/paths';
import { ensureRendererBuilt, rendererDir } from './renderer-build';
import { startBrowserServer } from './http';
import { teamServerCommand } from './cli-team-server';
import { teamCommand, TeamUsageError } from './cli-team';
import { plural } from '../../shared/plural';

const USAGE = `Tideline — a knowledge base that learns from your team's replies.

Usage: tideline <command> [options]

Commands:
  serve [--port N] [--no-build]  Open Tideline in your browser (browser mode, 127.0.0.1 only);
                                 builds the interface first when it is missing or out of date
  team share --server URL [--name N]
                                 Share the workspace's review board through a team server;
                                 prints the invite (shown once; --json gives {"invite": …})
  team join <invite> [--name N]  Join a team: a new workspace fills with the shared board
  team status | remove <member> | leave
                                 The team and who is online; remove a member (the secret
                                 changes, a new invite is printed); stop sharing here
  team assign <draft id>... --to me|nobody|MEMBER
                                 Give shared cards to a member of the team, or to nobody
  team-server [--port N] [--host ADDR] [--data DIR] [--redis URL]
                                 Run the server a team shares review through (port 4870,
                                 127.0.0.1 unless --host; data in <data folder>/team-server;
                                 --redis: several processes on one --data folder share the load)
  status                         The data folder, the current workspace and what it holds
  workspace list                 List workspaces
  workspace create <name>        Create a workspace and switch to it (--no-use to stay)
  workspace use <id>             Switch to a workspace
  workspace backup <file> [--workspace W]
                                 A consistent copy of the workspace, even while it syncs
  workspace restore <file> --name N [--no-use]
                                 A new workspace from a backup file
  workspace delete <id> --yes    Delete a workspace and everything in it
  workspace check [--workspace W]
                                 SQLite's full integrity check of the workspace, now
  workspace backups [--workspace W] [--folder DIR | --default-folder]
                                 The automatic backups (daily, before migrations and
                                 retention) and how to restore one; --folder moves where
                                 new ones go
  import <file> [--format jsonl|csv] [--source NAME] [--workspace W]
                                 Import tickets in the open format (JSON Lines or CSV)
  demo --out <file> [--weeks N] [--per-week N] [--seed N]
                                 Write the demo company's tickets to a JSONL file
  demo --workspace <name> [--weeks N] [--per-week N] [--seed N]
                                 Create a workspace filled with the demo tickets
  search <query> [--limit N] [--workspace W]
                                 Find tickets by meaning and by words
  index [--embedder fast|full|words] [--workspace W]
                                 Index new and changed tickets now; --embedder switches the
                                 workspace to the sentence encoder (fast or full) or the
                                 built-in embedder (words) and indexes everything with it
  source add <kind> [--name N] [--base-url URL] [--bot NAME]... [--automation NAME]...
             [--every MIN] [--history-days D]
                                 Connect a helpdesk: zendesk (--subdomain --email), freshdesk
                                 (--domain), intercom (--region us|eu|au), gorgias (--domain
                                 --email), helpscout (--client-id), hubspot. The secret comes
                                 from ZENDESK_API_TOKEN, FRESHDESK_API_KEY, INTERCOM_ACCESS_TOKEN,
                                 GORGIAS_API_KEY, HELPSCOUT_CLIENT_SECRET, HUBSPOT_ACCESS_TOKEN
                                 or stdin; the first sync starts unless --no-sync. --bot: an
                                 author whose replies are the AI agent's; --automation: a bot
                                 the helpdesk marks that is not your AI agent (Intercom's
                                 Operator), left out as the helpdesk's own messages
  source list | test <id> | remove <id>
                                 The workspace's sources; sign in and list likely bots; remove
  sync [--source ID]             Sync one helpdesk, or all, now
  backfill [--limit N] [--min-topic-size N] [--workspace W]
                                 Draft articles from the last N resolved tickets (default 5,000)
  learn [--workspace W]          Run the continuous loop now (new handovers → drafts)
  drafts list [--status S] [--assignee me|nobody|MEMBER] [--json] [--workspace W]
                                 The review board's cards: kind, column, evidence tickets
                                 (and on a team's board, whom each is assigned to)
  drafts show <id> [--json]      One card: what approving it would answer, the article (for
                                 an update, the changes), the tickets behind it
  drafts approve <id>...         Approve drafts (a new article, or a new version of one)
  drafts reject <id>... --reason R
                                 Reject drafts, saying why
  drafts start <topic>           Start a card now for a topic still collecting evidence (a
                                 coverage gap in tideline metrics): drafted from its answers
                                 when they agree, or, when they differ, with the answer to write
  drafts edit <id> --file F [--title T]
                                 Replace a card's article with a Markdown file (its # heading
                                 is the title unless --title)
  drafts undo                    Undo the last review action
  articles list [--archived] [--json] [--workspace W]
                                 The knowledge base: approved articles and their versions
  articles import <folder>       Import Markdown (with front matter) or HTML articles
  export --target markdown|html|json --out DIR [--dry-run] [--article ID]...
                                 Export the knowledge base to a folder (again: only changes)
  export --target ID|zendesk|intercom|freshdesk|helpscout [--dry-run] [--overwrite ID]...
                                 Export to a help center; --overwrite replaces an article
                                 that was edited there since the last export
  export targets                 Where articles go, with counts
  egress [--limit N] [--since DATE] [--json]
                                 Every request that left this computer (or was refused),
                                 newest first, with totals per endpoint
  retention --older-than DAYS [--yes]
                                 Delete tickets older than DAYS (a preview without --yes);
                                 approved articles keep their evidence, anonymized
  privacy [--local-only on|off] [--allow URL --as cloud-llm|model-download] [--revoke URL]
                                 Show or change local-only mode and the allowed endpoints
  export add --target zendesk|intercom|freshdesk|helpscout --set key=value... [--name N]
                                 Add a help center (secret from ZENDESK_API_TOKEN,
                                 INTERCOM_ACCESS_TOKEN, FRESHDESK_API_KEY, HELPSCOUT_API_KEY)
  metrics [--from D] [--to D] [--json] [--workspace W]
                                 The dashboard's figures: weekly AI resolution rate,
                                 unanswered questions, latency, lift, tier, gaps, spikes
  simulate --weeks N [--learning on|off] [--history N] [--per-week N] [--seed N] [--json]
                                 Run the demo company's closed loop in a new workspace, a
                                 scripted reviewer approving each week's drafts
  help                           Show this help

Global options:
  --data-dir <dir>               Where workspaces live (default: the OS app-data folder,
                                 or TIDELINE_DATA_DIR)
  --json                         Print machine-readable JSON
`;

class UsageError extends Error {}

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Lines piped on stdin (secrets for `source add`); the process's stdin by default. */
  stdin?: () => Promise<string[]>;
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
        host: { type: 'string' },
        server: { type: 'string' },
        data: { type: 'string' },
        redis: { type: 'string' },
        'no-use': { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        workspace: { type: 'string' },
        status: { type: 'string' },
        assignee: { type: 'string' },
        archived: { type: 'boolean', default: false },
        format: { type: 'string' },
        source: { type: 'string' },
        out: { type: 'string' },
        weeks: { type: 'string' },
        'per-week': { type: 'string' },
        seed: { type: 'string' },
        learning: { type: 'string' },
        history: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        limit: { type: 'string' },
        reason: { type: 'string' },
        file: { type: 'string' },
        title: { type: 'string' },
        'min-topic-size': { type: 'string' },
        embedder: { type: 'string' },
        name: { type: 'string' },
        'base-url': { type: 'string' },
        subdomain: { type: 'string' },
        domain: { type: 'string' },
        email: { type: 'string' },
        region: { type: 'string' },
        'client-id': { type: 'string' },
        bot: { type: 'string', multiple: true },
        automation: { type: 'string', multiple: true },
        every: { type: 'string' },
        'history-days': { type: 'string' },
        'no-sync': { type: 'boolean', default: false },
        target: { type: 'string' },
        set: { type: 'string', multiple: true },
        article: { type: 'string', multiple: true },
        overwrite: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        since: { type: 'string' },
        'local-only': { type: 'string' },
        allow: { type: 'string' },
        as: { type: 'string' },
        revoke: { type: 'string' },
        'older-than': { type: 'string' },
        folder: { type: 'string' },
        'default-folder': { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
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

  if (command === 'team-server') {
    try {
      return await teamServerCommand({ ...values, dataDir: resolveDataDir(values['data-dir']) }, io);
    } catch (error) {
      io.err(error instanceof Error ? error.message : String(error));
      return error instanceof RangeError ? 2 : 1;
    }
  }
  const handle = createEngine({ dataDir: resolveDataDir(values['data-dir']), host: command === 'serve' ? 'browser' : 'cli' });
  const call: Call = async (method, input) => {
    const envelope = await handle.engine.dispatch(method, input);
    if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message);
    return envelope.result as never;
  };
  const print = (value: unknown, human: () => string) => io.out(values.json ? JSON.stringify(value, null, 2) : human());
  tellOnOpening(handle, io);
  handle.engine.on((event, payload) => {
    if (event === 'app.notice') io.err((payload as { message: string }).message);
  });

  try {
    switch (command) {
      case 'serve':
        return await serve(handle, { port: values.port, json: values.json, build: !values['no-build'] }, io);
      case 'status': {
        const info = await call('app.info', {});
        const current = (await call('workspace.list', {})).find((w) => w.active);
        const status = current ? await call('workspace.status', {}) : null;
        // what the index holds is a detail: a damaged file still gets its status, without it
        const embedding = current ? await call('embedding.status', {}).catch(() => null) : null;
        print({ info, status, embedding }, () => describeStatus(info.dataDir, info.secretStore.location, status, embedding));
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
        if (sub === 'backup') {
          if (!arg) throw new UsageError('Say where: tideline workspace backup ~/backups/support.tideline.db');
          if (values.workspace) await openWorkspace(call, handle, values.workspace, io);
          const done = await call('workspace.backup', { path: resolve(arg) });
          print(done, () => `Backed up to ${done.path} (${(done.bytes / 1024 / 1024).toFixed(1)} MB); it passed SQLite's integrity check.`);
          return 0;
        }
        if (sub === 'restore') {
          if (!arg || !values.name)
            throw new UsageError('Say which file and the name to give it: tideline workspace restore <file> --name "Support (restored)"');
          const ws = await call('workspace.restore', { path: resolve(arg), name: values.name, use: !values['no-use'] });
          print(ws, () => `Restored "${ws.name}" (id ${ws.id})${ws.active ? ' and switched to it' : ''}.`);
          return 0;
        }
        if (sub === 'delete') {
          const target = (await call('workspace.list', {})).find((w) => w.id === arg);
          if (!arg || !target)
            throw new UsageError('Say which workspace: tideline workspace delete <id> --yes (see tideline workspace list)');
          if (!values.yes)
            throw new UsageError(
              `This deletes "${target.name}" and all its tickets, drafts and articles for good. Back it up first (tideline workspace backup <file>), then run again with --yes.`,
            );
          const done = await call('workspace.delete', { id: arg, name: target.name });
          print(done, () => `Deleted workspace "${target.name}" (${done.deleted}).`);
          return 0;
        }
        if (sub === 'check') {
          if (values.workspace) await openWorkspace(call, handle, values.workspace, io);
          const outcome = await call('workspace.check', {});
          print(outcome, () => outcome.detail);
          return outcome.ok ? 0 : 1;
        }
        if (sub === 'backups') {
          if (values.folder !== undefined || values['default-folder'])
            await call('backups.setFolder', { folder: values['default-folder'] ? null : resolve(values.folder!) });
          const wanted = values.workspace ?? handle.workspaces.openNow?.id ?? (await call('workspace.list', {})).find((w) => w.active)?.id;
          if (!wanted) throw new AppError('UNAVAILABLE', 'No workspace is open. Say which: tideline workspace backups --workspace <id>');
          const list = await call('backups.list', { workspaceId: wanted });
          print(list, () => describeBackups(list, wanted));
          return 0;
        }
        throw new UsageError(`Unknown workspace command "${sub}". Use list, create, use, backup, restore, delete, check or backups.`);
      }
      case 'import': {
        const [file] = rest;
        if (!file) throw new UsageError('Say which file to import: tideline import tickets.jsonl');
        const format = values.format ?? 'auto';
        if (format !== 'auto' && format !== 'jsonl' && format !== 'csv') throw new UsageError('--format is jsonl or csv.');
        await openWorkspace(call, handle, values.workspace, io);
        const job = await call('import.start', { path: file, format, ...(values.source ? { source: values.source } : {}) });
        return await waitForJob(handle, job, values.json, io);
      }
      case 'demo': {
        const options = {
          weeks: intFlag('weeks', values.weeks, DEMO_DEFAULTS.weeks),
          perWeek: intFlag('per-week', values['per-week'], DEMO_DEFAULTS.perWeek),
          seed: intFlag('seed', values.seed, DEMO_DEFAULTS.seed),
        };
        if (values.out) {
          const count = await writeDemoFile(values.out, options);
          print({ file: values.out, tickets: count }, () => `Wrote ${count.toLocaleString('en-US')} demo tickets to ${values.out}.`);
          return 0;
        }
        if (!values.workspace)
          throw new UsageError('Use --out <file> to write the demo, or --workspace <name> to create a demo workspace.');
        const { workspace, job } = await call('demo.create', { name: values.workspace, ...options });
        if (!values.json) io.err(`Creating workspace "${workspace.name}" (${workspace.id}) with the demo company's tickets…`);
        return await waitForJob(handle, job, values.json, io);
      }
      case 'search': {
        const text = rest.join(' ').trim();
        if (!text) throw new UsageError('Say what to search for: tideline search "refund for a damaged lens"');
        await openWorkspace(call, handle, values.workspace, io);
        const hits = await call('search.query', { text, limit: intFlag('limit', values.limit, 10) });
        print(hits, () =>
          hits.length
            ? hits
                .map(
                  (h, i) =>
                    `${String(i + 1).padStart(3)}. ${h.externalId.padEnd(14)} ${(h.subject ?? '(no subject)').slice(0, 60).padEnd(60)} ${h.matchedBy.join('+')}`,
                )
                .join('\n')
            : 'No tickets match.',
        );
        return 0;
      }
      case 'metrics': {
        await openWorkspace(call, handle, values.workspace, io);
        const d = await call('metrics.dashboard', {
          ...(values.from ? { from: values.from } : {}),
          ...(values.to ? { to: values.to } : {}),
        });
        print(d, () => formatDashboard(d));
        return 0;
      }
      case 'simulate': {
        const learning = values.learning ?? 'on';
        if (learning !== 'on' && learning !== 'off') throw new UsageError('Use --learning on or --learning off.');
        const weeks = intFlag('weeks', values.weeks, 8);
        const workspace = await call('workspace.create', { name: `Simulation, ${weeks} weeks, learning ${learning}` });
        if (!values.json) io.err(`Simulating ${weeks} weeks in workspace “${workspace.name}”…`);
        const rows = await simulate(handle.workspaces.requireCurrent().db, {
          weeks,
          learning: learning === 'on',
          history: intFlag('history', values.history, 8),
          perWeek: intFlag('per-week', values['per-week'], DEMO_DEFAULTS.perWeek),
          seed: intFlag('seed', values.seed, DEMO_DEFAULTS.seed),
        });
        print({ workspace: workspace.id, weeks: rows }, () => formatSimulation(rows));
        return 0;
      }
      case 'backfill': {
        await openWorkspace(call, handle, values.workspace, io);
        const job = await call('learn.backfill', {
          ...(values.limit ? { limit: intFlag('limit', values.limit, 0) } : {}),
          ...(values['min-topic-size'] ? { minTopicSize: intFlag('min-topic-size', values['min-topic-size'], 0) } : {}),
        });
        return await waitForJob(handle, job, values.json, io);
      }
      case 'learn': {
        await openWorkspace(call, handle, values.workspace, io);
        return await waitForJob(handle, await call('learn.run', {}), values.json, io);
      }
      case 'drafts': {
        const [sub, ...idTexts] = rest;
        await openWorkspace(call, handle, values.workspace, io);
        if (sub === 'approve' || sub === 'reject') {
          const ids = idTexts.map(Number);
          if (!ids.length || ids.some((id) => !Number.isInteger(id) || id <= 0))
            throw new UsageError(`Say which drafts: tideline drafts ${sub} <id>... (see tideline drafts list)`);
          if (sub === 'reject' && !values.reason)
            throw new UsageError('Say why with --reason "…": a rejected topic is not suggested again.');
          const done =
            sub === 'approve' ? await call('drafts.approve', { ids }) : await call('drafts.reject', { ids, reason: values.reason! });
          print(done, () =>
            [
              ...(sub === 'approve'
                ? done.approved.map((a) => `Approved draft ${a.draftId}: article ${a.articleId}, version ${a.version}.`)
                : done.changed.map((id) => `Rejected draft ${id}.`)),
              ...done.failed.map((f) => `Not ${sub === 'approve' ? 'approved' : 'rejected'}: ${f.message}`),
            ].join('\n'),
          );
          return done.failed.length ? 1 : 0;
        }
        if (sub === 'start') {
          const topicId = Number(idTexts[0]);
          if (!Number.isInteger(topicId) || topicId <= 0)
            throw new UsageError('Say which topic: tideline drafts start <topic> (tideline metrics lists the coverage gaps with theirs)');
          const done = await call('drafts.start', { topicId });
          const card = await call('drafts.get', { id: done.created! });
          print(card, () =>
            [
              `Started card #${card.id}, in review: “${card.title}” (${card.evidence.length} tickets).`,
              card.emptySection !== null
                ? `Its “${card.emptySection}” section is for you to write: tideline drafts edit ${card.id} --file article.md`
                : `Read it with tideline drafts show ${card.id}.`,
            ].join('\n'),
          );
          return 0;
        }
        if (sub === 'edit') {
          const id = Number(idTexts[0]);
          if (!Number.isInteger(id) || id <= 0 || !values.file)
            throw new UsageError('Say which draft and the file with its article: tideline drafts edit <id> --file article.md [--title T]');
          if (!existsSync(resolve(values.file))) throw new UsageError(`There is no file ${values.file}.`);
          const bodyMd = readFileSync(resolve(values.file), 'utf8');
          // the title: --title, else the article's own heading, else the card's
          const heading = /^#\s+(.+?)\s*$/m.exec(bodyMd)?.[1];
          const title = values.title ?? heading ?? (await call('drafts.get', { id })).title;
          const done = await call('drafts.edit', { id, title, bodyMd });
          const card = await call('drafts.get', { id });
          print(done, () =>
            card.emptySection !== null
              ? `Saved draft ${id}; its “${card.emptySection}” section is still empty.`
              : `Saved draft ${id}, in review. Approve it with tideline drafts approve ${id}.`,
          );
          return 0;
        }
        if (sub === 'undo') {
          const done = await call('review.undo', {});
          print(done, () => (done.action === 'start' ? 'Took back the card you started.' : `Undid the last ${done.action}.`));
          return 0;
        }
        if (sub === 'show') {
          const id = Number(idTexts[0]);
          if (!Number.isInteger(id) || id <= 0)
            throw new UsageError('Say which draft: tideline drafts show <id> (see tideline drafts list)');
          const draft = await call('drafts.get', { id });
          // what approving would change: for a card still to be approved
          const open = draft.status === 'suggested' || draft.status === 'in_review';
          const impact = open ? await call('drafts.impact', { id }) : null;
          print({ ...draft, impact }, () => formatDraft(draft, impact));
          return 0;
        }
        if (sub !== 'list')
          throw new UsageError(
            'Use: tideline drafts list|show <id>|start <topic>|edit <id> --file F|approve <id>...|reject <id>... --reason "…"|undo',
          );
        const status = values.status as 'suggested' | 'in_review' | 'approved' | 'published' | 'rejected' | undefined;
        const drafts = await call('drafts.list', {
          ...(status ? { status } : {}),
          ...(values.assignee ? { assignee: values.assignee } : {}),
        });
        print(drafts, () =>
          drafts.length
            ? drafts
                .map(
                  (d) =>
                    `${String(d.id).padStart(5)}  ${d.kind.padEnd(8)} ${d.status.padEnd(10)} ${String(d.evidenceTicketIds.length).padStart(4)} tickets  ${d.title}${d.team?.assignee ? `  (${d.team.assignee.name})` : ''}`,
                )
                .join('\n')
            : values.assignee
              ? 'No card matches.'
              : status
                ? `No card is ${status.replace('_', ' ')}.`
                : 'No drafts yet. Run: tideline backfill',
        );
        return 0;
      }
      case 'articles': {
        if (rest[0] === 'import') {
          if (!rest[1]) throw new UsageError('Say which folder: tideline articles import ./kb');
          await openWorkspace(call, handle, values.workspace, io);
          const outcome = await call('articles.import', { folder: resolve(rest[1]) });
          print(outcome, () =>
            [
              `${outcome.created} new, ${outcome.updated} updated, ${outcome.unchanged} unchanged.`,
              ...outcome.skipped.map((s) => `  skipped ${s.file}: ${s.reason}`),
            ].join('\n'),
          );
          return 0;
        }
        if (rest[0] !== 'list') throw new UsageError('Use: tideline articles list [--archived] [--json] | articles import <folder>');
        await openWorkspace(call, handle, values.workspace, io);
        const articles = await call('articles.list', { status: values.archived ? 'archived' : 'active' });
        print(articles, () =>
          articles.length
            ? articles
                .map(
                  (a) =>
                    `${String(a.id).padStart(5)}  v${String(a.version).padEnd(3)} ${a.updatedAt.slice(0, 10)}  ${String(a.evidenceCount).padStart(4)} tickets  ${a.title}${a.handedOverSince ? `  (${a.handedOverSince} handed over since approved)` : ''}`,
                )
                .join('\n')
            : values.archived
              ? 'No archived articles.'
              : 'No articles yet: approve drafts on the review board, or run tideline drafts approve <id>.',
        );
        return 0;
      }
      case 'source': {
        await openWorkspace(call, handle, values.workspace, io);
        const [sub, ...args] = rest;
        const { code, syncJob } = await sourceCommand(call, sub, args, values, values.json, {
          ...io,
          env: process.env,
          stdinLines: io.stdin ?? readStdinLines,
        });
        return syncJob ? await waitForJob(handle, syncJob, values.json, io) : code;
      }
      case 'sync': {
        await openWorkspace(call, handle, values.workspace, io);
        const sourceId = values.source === undefined ? undefined : intFlag('source', values.source, 0);
        const jobs = await call('sync.start', sourceId ? { sourceId } : {});
        let code = 0;
        for (const job of jobs) code = Math.max(code, await waitForJob(handle, job, values.json, io));
        return code;
      }
      case 'export': {
        await openWorkspace(call, handle, values.workspace, io);
        return await exportCommand(call, rest[0], values, values.json, { ...io, env: process.env }, (job) =>
          waitForJob(handle, job, values.json, io),
        );
      }
      case 'egress': {
        await openWorkspace(call, handle, values.workspace, io);
        const since = values.since === undefined ? undefined : isoDate('since', values.since);
        const log = await call('egress.list', { limit: intFlag('limit', values.limit, 50) || 50, ...(since ? { since } : {}) });
        print(log, () => formatEgress(log));
        return 0;
      }
      case 'retention': {
        await openWorkspace(call, handle, values.workspace, io);
        if (values['older-than'] === undefined) throw new UsageError('Say how many days to keep: tideline retention --older-than 365');
        const olderThanDays = intFlag('older-than', values['older-than'], 0);
        if (olderThanDays < 1) throw new UsageError('--older-than is at least 1 day.');
        if (!values.yes) {
          const p = await call('retention.preview', { olderThanDays });
          print(p, () =>
            [
              `Tickets created before ${p.cutoff.slice(0, 10)}: ${p.tickets} of ${p.tickets + p.remaining} would be deleted, with their messages and search index.`,
              p.keptEvidence
                ? `${p.keptEvidence} of them back ${plural(p.articles, 'approved article', 'en-US')}: their text stays with the article, personal details removed.`
                : '',
              p.tickets ? 'Run again with --yes to delete them.' : '',
            ]
              .filter(Boolean)
              .join('\n'),
          );
          return 0;
        }
        const done = await call('retention.apply', { olderThanDays, confirm: true });
        print(
          done,
          () =>
            `Deleted ${plural(done.deleted, 'ticket', 'en-US')} created before ${done.cutoff.slice(0, 10)}; kept ${done.archivedEvidence} pieces of article evidence without personal details.`,
        );
        return 0;
      }
      case 'team': {
        const [sub, ...args] = rest;
        if (sub !== 'join') await openWorkspace(call, handle, values.workspace, io);
        // the latest from the server, when it answers
        if (sub === 'status' || sub === 'assign' || sub === undefined) await handle.team.flush(5_000).catch(() => undefined);
        return await teamCommand(call, sub, args, { server: values.server, name: values.name, to: values.to, json: values.json }, io.out);
      }
      case 'privacy': {
        await openWorkspace(call, handle, values.workspace, io);
        const change: MethodInput<'privacy.set'> = {};
        if (values['local-only'] !== undefined) {
          if (values['local-only'] !== 'on' && values['local-only'] !== 'off')
            throw new UsageError('Use --local-only on or --local-only off.');
          change.localOnly = values['local-only'] === 'on';
        }
        if (values.allow) {
          if (values.as !== 'cloud-llm' && values.as !== 'model-download')
            throw new UsageError('Say what the endpoint is: --as cloud-llm or --as model-download.');
          change.allow = { url: values.allow, role: values.as };
        }
        if (values.revoke) change.revoke = values.revoke;
        const settings = Object.keys(change).length ? await call('privacy.set', change) : await call('privacy.get', {});
        print(settings, () =>
          [
            settings.localOnly
              ? 'Local-only mode: on. Only your helpdesks, help centers and models on this computer are contacted.'
              : 'Local-only mode: off. The cloud model you configured may receive redacted ticket text.',
            ...(settings.allowed.length
              ? settings.allowed.map((a) => `  allowed: ${a.origin} (${a.role}) since ${a.allowedAt.slice(0, 10)}`)
              : ['  No endpoint allowed by name.']),
          ].join('\n'),
        );
        return 0;
      }
      case 'index': {
        await openWorkspace(call, handle, values.workspace, io);
        if (values.embedder !== undefined) {
          const choices: Record<string, EmbeddingConfig> = {
            fast: { provider: 'use' },
            full: { provider: 'use', model: 'full' },
            words: { provider: 'builtin' },
          };
          const config = choices[values.embedder];
          if (!config)
            throw new UsageError('Use --embedder fast, full or words (the other models are chosen in Settings → Meaning and search).');
          await call('embedding.configure', config);
        }
        return await waitForJob(handle, await call('embedding.rebuild', {}), values.json, io);
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof SourceUsageError || error instanceof TeamUsageError) {
      io.err(`${error.message}\n\nRun "tideline help" for the commands.`);
      return 2;
    }
    // every other failure in words too (a full disk, a damaged file…): never a stack
    const { code, message } = toApiError(error);
    io.err(values.json ? JSON.stringify({ error: { code, message } }) : `Error: ${message}`);
    return 1;
  } finally {
    if (command !== 'serve') await handle.close();
  }
}

/** Secrets piped to the CLI: one per line, never echoed, never in the arguments. */
async function readStdinLines(): Promise<string[]> {
  if (process.stdin.isTTY) return [];
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/);
}

function isoDate(name: string, value: string): string {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(`--${name} takes a date like 2026-11-01, not "${value}".`);
  return new Date(ms).toISOString();
}

function intFlag(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, not "${value}".`);
  return n;
}

const FIRST_WORKSPACE_NAME = 'My workspace';
const told = new WeakSet<object>();

/**
 * Says once per opened workspace, before anything else, that its file is damaged (reading works,
 * nothing is written), or that this version read its tickets again on opening it.
 */
function tellOnOpening(handle: EngineHandle, io: Io): void {
  const ws = handle.workspaces.openNow;
  if (!ws || told.has(ws)) return;
  told.add(ws);
  if (ws.rederived > 0) io.err(rederivedMessage(ws.rederived));
  if (!ws.damage) return;
  io.err(
    `Warning: the workspace file is damaged (found ${ws.damage.detectedAt.slice(0, 16).replace('T', ' ')} UTC): nothing will be written to it; reading still works. ${handle.workspaces.backupAdvice(ws.id)}`,
  );
}

/**
 * The workspace a command works in: --workspace (by id or name) for this one command, leaving the
 * app's choice alone; else the active one. On a new install the first command that needs one
 * creates it and says so, as the desktop app's first-run screen would.
 */
async function openWorkspace(call: Call, handle: EngineHandle, wanted: string | undefined, io: Io): Promise<void> {
  const list = await call('workspace.list', {});
  if (wanted !== undefined) {
    const match = list.find((w) => w.id === wanted) ?? list.find((w) => w.name.toLowerCase() === wanted.toLowerCase());
    if (!match) throw new AppError('NOT_FOUND', `There is no workspace "${wanted}". See: tideline workspace list`);
    handle.workspaces.use(match.id, false);
    tellOnOpening(handle, io);
    return;
  }
  if (handle.workspaces.current()) return;
  if (list.length) {
    throw new AppError('UNAVAILABLE', 'No workspace is open. Choose one with: tideline workspace use <id> (see tideline workspace list)');
  }
  const created = await call('workspace.create', { name: FIRST_WORKSPACE_NAME, use: true });
  io.err(`Created workspace "${created.name}" (id ${created.id}) for your tickets; rename or add others with tideline workspace.`);
}

/** A running job's progress as a line ("Import tickets: 40% 1,200 lines"), or null while it has nothing to say. */
export function progressLine(job: Pick<Job, 'title' | 'message' | 'done' | 'total' | 'status'>): string | null {
  const fraction = jobFraction(job);
  const detail = `${fraction === null ? '' : `${Math.round(fraction * 100)}% `}${job.message ?? ''}`.trim();
  return detail ? `${job.title}: ${detail}` : null;
}

/** How often a waiting command reads its job from the database (another process may run it). */
const POLL_MS = 200;

/**
 * Follows a job to its end, with a progress line on stderr; prints its summary. The job is read
 * from the database, not from events: a request may have joined a job another process runs.
 */
async function waitForJob(handle: EngineHandle, started: Job, json: boolean, io: Io): Promise<number> {
  const tty = process.stderr.isTTY && !json;
  const runner = handle.jobs.runner();
  if (!json && !runner.ownActive().some((j) => j.id === started.id) && isJobActive(started)) {
    io.err(`${started.title} is already under way in another Tideline window or command (job ${started.id}); waiting for it.`);
  }
  const onInterrupt = () => void handle.engine.dispatch('jobs.cancel', { id: started.id });
  process.once('SIGINT', onInterrupt);
  let lastPrinted = 0;
  let lastLine = '';
  let finished = runner.get(started.id);
  while (isJobActive(finished)) {
    const line = progressLine(finished);
    // a log (not a terminal) gets a line every few seconds, and only when there is news
    if (!json && line && Date.now() - lastPrinted >= (tty ? 100 : 2000) && (tty || line !== lastLine)) {
      lastPrinted = Date.now();
      lastLine = line;
      if (tty) process.stderr.write(`\r${line.slice(0, (process.stderr.columns || 100) - 1).padEnd((process.stderr.columns || 100) - 1)}`);
      else io.err(line);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    finished = runner.get(started.id);
    // found damaged meanwhile: the job was stopped, and its row can no longer say so
    if (handle.workspaces.openNow?.damage && isJobActive(finished)) finished = { ...finished, status: 'failed', error: DAMAGED };
  }
  process.off('SIGINT', onInterrupt);
  if (tty) process.stderr.write('\n');
  const followUps = await waitForFollowUps(handle, started.id);
  const brief = (job: Job) => ({ kind: job.kind, status: job.status, message: job.message, error: job.error });
  if (json)
    io.out(
      JSON.stringify(
        {
          status: finished.status,
          message: finished.message,
          error: finished.error,
          result: finished.result,
          followUps: followUps.map(brief),
        },
        null,
        2,
      ),
    );
  else {
    if (finished.status === 'done') io.out(finished.message ?? 'Done.');
    else io.err(`${finished.title} ${finished.status}: ${finished.error ?? finished.message ?? ''}`);
    for (const job of followUps) io.out(`${job.title}: ${job.status === 'done' ? job.message : `${job.status}: ${job.error ?? ''}`}`);
    const summary = finished.result as Partial<ImportSummary> | null;
    // a reason the whole file shares is said once, with the lines it covers
    const reasons = summary?.reasons;
    const lines = [
      ...(reasons
        ? reasons.map((r) => `  ${reasonLines(r, 'en-US')}: ${reasonText(r)}`)
        : (summary?.issues ?? []).map((issue) => `  line ${issue.line}: ${issue.reason}`)),
      ...(summary?.repeats ?? []).map((issue) => `  line ${issue.line}: ${issue.reason}`),
    ];
    for (const line of lines.slice(0, 20)) io.out(line);
    if (lines.length > 20) io.out(`  … and ${lines.length - 20} more; --json lists each of the first ${MAX_ISSUES_KEPT} lines.`);
  }
  // a step that failed after the command's own job (indexing, learning) fails the command too
  return finished.status === 'done' && !followUps.some((job) => job.status === 'failed') ? 0 : 1;
}

/**
 * Jobs this process started after the command's own one (indexing, learning), followed to their
 * end; another process's jobs are its own business.
 */
async function waitForFollowUps(handle: EngineHandle, after: number): Promise<Job[]> {
  if (!handle.workspaces.current()) return [];
  const runner = handle.jobs.runner();
  const followed = new Map<number, Job>();
  for (;;) {
    const active = runner.ownActive().filter((j) => j.id > after);
    for (const job of active) followed.set(job.id, job);
    if (!active.length && !runner.busy) break; // a finished worker's last message may start one more
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return [...followed.keys()].sort((a, b) => a - b).map((id) => runner.get(id));
}

function describeStatus(
  dataDir: string,
  secrets: string,
  status: Awaited<MethodOutput<'workspace.status'>> | null,
  embedding: EmbeddingStatus | null,
): string {
  const lines = [`Data folder: ${dataDir}`, `Secrets:     ${secrets}`];
  if (!status) {
    lines.push('Workspace:   none yet — the first import or sync makes one, or: tideline workspace create "<name>"');
    return lines.join('\n');
  }
  const c = status.counts;
  lines.push(
    `Workspace:   ${status.workspace.name} (${status.workspace.id})`,
    `File:        ${status.file} (schema ${status.schemaVersion}, SQLite ${status.sqliteVersion}, sqlite-vec ${status.vecVersion})`,
    `Holds:       ${c.sources} sources, ${c.tickets} tickets (${c.handovers} handovers), ${c.drafts} open drafts, ${c.articles} articles`,
  );
  if (embedding)
    lines.push(
      `Meaning:     ${embedding.active ? `${embedding.active.vectors.toLocaleString('en')} texts indexed with ${modelLabel(embedding.active.model)}` : 'nothing indexed yet (tideline index)'}`,
    );
  const advice = embedding && otherLanguagesAdvice(embedding);
  if (advice)
    lines.push(
      `Languages:   ${Math.round(advice.share * 100)}% of the latest ${advice.sampled} tickets ask in another language than English; ${advice.model.label} reads them by meaning (Settings → Meaning and search)`,
    );
  if (status.damage)
    lines.push(`Damaged:     found ${status.damage.detectedAt.slice(0, 16).replace('T', ' ')} UTC (${status.damage.detail})`);
  return lines.join('\n');
}

function describeWorkspaces(list: Workspace[]): string {
  if (!list.length) return 'No workspaces yet. Create one with: tideline workspace create "<name>"';
  const note = (w: Workspace) =>
    w.problem ? `  (cannot open: ${w.problem})` : w.damage ? '  (damaged: read-only; see tideline workspace backups)' : '';
  return list.map((w) => `${w.active ? '*' : ' '} ${w.id.padEnd(24)} ${w.name}${note(w)}`).join('\n');
}

const REASON_WORDS: Record<AutomaticBackup['reason'], string> = {
  daily: 'daily',
  'before-migration': 'before an update of the file',
  'before-retention': 'before retention deleted tickets',
};

function describeBackups(list: BackupList, workspaceId: string): string {
  const lines = [`Automatic backups go to ${list.folder}${list.custom ? ' (your choice)' : ''}.`];
  if (!list.backups.length) {
    lines.push(`None of "${workspaceId}" yet: Tideline takes one a day once the workspace holds tickets or drafts.`);
    return lines.join('\n');
  }
  for (const b of list.backups)
    lines.push(
      `  ${b.takenAt.slice(0, 16).replace('T', ' ')} UTC  ${formatBytes(b.bytes).padStart(9)}  ${REASON_WORDS[b.reason]}  ${b.path}`,
    );
  lines.push(`Restore one as a new workspace: tideline workspace restore "${list.backups[0]!.path}" --name "<a new name>"`);
  return lines.join('\n');
}

const formatBytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function serve(handle: EngineHandle, flags: { port: string | undefined; json: boolean; build: boolean }, io: Io): Promise<number> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${flags.port}".`);
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
