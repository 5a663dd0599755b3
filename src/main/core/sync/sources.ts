import { AppError } from '../../../shared/api/errors';
import {
  DEFAULT_HISTORY_DAYS,
  HELPDESKS,
  isHelpdeskKind,
  type HelpdeskKind,
  type Source,
  type SourceKind,
  type SyncFailure,
} from '../../../shared/domain/source';
import type { ConnectorSettings } from '../connectors/connector';
import { nowIso, type DB } from '../db/open';
import { inTransaction } from '../db/transaction';
import type { SecretStore } from '../secrets/store';
import { deleteTicketsWhere } from '../tickets/delete';

/** A helpdesk source's settings as the `config` column holds them (never a secret). */
interface StoredConfig {
  fields: Record<string, string>;
  baseUrl: string | null;
  syncEveryMinutes: number;
  historyDays: number;
}

export interface SourceChange {
  name?: string;
  fields?: Record<string, string>;
  /** Secret fields to store; an empty string forgets one. */
  secrets?: Record<string, string>;
  baseUrl?: string | null;
  botIds?: string[];
  automationIds?: string[];
  syncEveryMinutes?: number;
  historyDays?: number;
  enabled?: boolean;
}

interface SourceRow {
  id: number;
  kind: SourceKind;
  name: string;
  config: string;
  bot_ids: string;
  automation_ids: string;
  enabled: number;
  created_at: string;
  last_sync_at: string | null;
  last_error: string | null;
  last_error_kind: SyncFailure | null;
  tickets: number;
  last_ingest_at: string | null;
  active_job_id: number | null;
}

export function secretName(sourceId: number, field: string): string {
  return `source.${sourceId}.${field}`;
}

function secretFields(kind: HelpdeskKind): string[] {
  return HELPDESKS[kind].fields.filter((f) => f.type === 'secret').map((f) => f.key);
}

/** The account part of a helpdesk address: people paste the whole address, the API wants "yourcompany". */
export function accountName(value: string, label: string, vendor: string): string {
  const bare = value.replace(/^https?:\/\//, '').split(/[./]/)[0] ?? '';
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(bare))
    throw new AppError('VALIDATION', `"${value}" is not a ${label.toLowerCase()}: use the part before .${vendor}.com.`);
  return bare.toLowerCase();
}

function readConfig(raw: string): StoredConfig {
  const c = JSON.parse(raw) as Partial<StoredConfig>;
  return {
    fields: c.fields ?? {},
    baseUrl: c.baseUrl ?? null,
    syncEveryMinutes: c.syncEveryMinutes ?? 0,
    historyDays: c.historyDays ?? DEFAULT_HISTORY_DAYS,
  };
}

/** Keeps only the form's own non-secret fields, trimmed; a missing required one is refused. */
function cleanFields(kind: HelpdeskKind, fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of HELPDESKS[kind].fields) {
    if (f.type === 'secret') continue;
    const value = (fields[f.key] ?? '').trim();
    if (!value && f.required) throw new AppError('VALIDATION', `${HELPDESKS[kind].label} needs the ${f.label.toLowerCase()}.`);
    if (f.key === 'subdomain' || f.key === 'domain') out[f.key] = accountName(value, f.label, kind);
    else if (value) out[f.key] = value;
  }
  return out;
}

const SELECT = `SELECT s.id, s.kind, s.name, s.config, s.bot_ids, s.automation_ids, s.enabled, s.created_at, s.last_sync_at, s.last_error, s.last_error_kind,
  (SELECT count(*) FROM tickets t WHERE t.source_id = s.id) AS tickets,
  (SELECT max(ingested_at) FROM tickets t WHERE t.source_id = s.id) AS last_ingest_at,
  (SELECT min(j.id) FROM jobs j WHERE j.kind = 'sync.source' AND j.status IN ('queued', 'running') AND json_extract(j.params, '$.sourceId') = s.id) AS active_job_id
  FROM sources s`;

/** The workspace's sources: files, the demo and helpdesks, with the settings a helpdesk syncs by. */
export class Sources {
  constructor(
    private readonly db: DB,
    private readonly secrets: SecretStore,
  ) {}

  list(): Source[] {
    return (this.db.prepare(`${SELECT} ORDER BY s.name`).all() as SourceRow[]).map((r) => this.toSource(r));
  }

  get(id: number): Source {
    const row = this.db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SourceRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `There is no source ${id}.`);
    return this.toSource(row);
  }

  /** A helpdesk source, checked field by field; its secrets go to the secret store only. */
  add(kind: HelpdeskKind, input: SourceChange & { name: string }): Source {
    const fields = cleanFields(kind, input.fields ?? {});
    const missing = secretFields(kind).filter((key) => !(input.secrets?.[key] ?? '').trim());
    if (missing.length)
      throw new AppError(
        'VALIDATION',
        `${HELPDESKS[kind].label} needs the ${HELPDESKS[kind].fields.find((f) => f.key === missing[0])!.label}.`,
      );
    const config: StoredConfig = {
      fields,
      baseUrl: input.baseUrl ?? null,
      syncEveryMinutes: input.syncEveryMinutes ?? 0,
      historyDays: input.historyDays ?? DEFAULT_HISTORY_DAYS,
    };
    const id = Number(
      this.db
        .prepare('INSERT INTO sources (kind, name, config, bot_ids, automation_ids, enabled, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)')
        .run(
          kind,
          input.name.trim(),
          JSON.stringify(config),
          JSON.stringify(input.botIds ?? []),
          JSON.stringify(input.automationIds ?? []),
          nowIso(),
        ).lastInsertRowid,
    );
    this.storeSecrets(id, kind, input.secrets ?? {});
    return this.get(id);
  }

  /**
   * Changes a helpdesk source. A new bot or automation list or a new account means the stored tickets were
   * read under other rules: the cursor is dropped, so the next sync reads them again.
   */
  update(id: number, change: SourceChange): { source: Source; resync: boolean } {
    const current = this.get(id);
    if (!current.sync || !isHelpdeskKind(current.kind))
      throw new AppError('VALIDATION', 'Only helpdesk sources have connection settings; rename files in the import instead.');
    const kind = current.kind;
    const before = readConfig((this.db.prepare('SELECT config FROM sources WHERE id = ?').get(id) as { config: string }).config);
    const config: StoredConfig = {
      fields: change.fields ? cleanFields(kind, change.fields) : before.fields,
      baseUrl: change.baseUrl !== undefined ? change.baseUrl : before.baseUrl,
      syncEveryMinutes: change.syncEveryMinutes ?? before.syncEveryMinutes,
      historyDays: change.historyDays ?? before.historyDays,
    };
    const botIds = change.botIds ?? current.sync.botIds;
    const automationIds = change.automationIds ?? current.sync.automationIds;
    const sameList = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
    const resync =
      !sameList(botIds, current.sync.botIds) ||
      !sameList(automationIds, current.sync.automationIds) ||
      JSON.stringify(config.fields) !== JSON.stringify(before.fields) ||
      config.baseUrl !== before.baseUrl ||
      config.historyDays > before.historyDays;
    inTransaction(this.db, () => {
      this.db
        .prepare('UPDATE sources SET name = ?, config = ?, bot_ids = ?, automation_ids = ?, enabled = ? WHERE id = ?')
        .run(
          change.name?.trim() || current.name,
          JSON.stringify(config),
          JSON.stringify(botIds),
          JSON.stringify(automationIds),
          (change.enabled ?? current.sync!.enabled) ? 1 : 0,
          id,
        );
      if (resync) this.db.prepare('DELETE FROM sync_cursors WHERE source_id = ?').run(id);
    });
    if (change.secrets) this.storeSecrets(id, kind, change.secrets);
    return { source: this.get(id), resync };
  }

  /** Removes a source with its tickets and everything indexed from them, in one transaction, and forgets its secrets. */
  remove(id: number): void {
    const source = this.get(id);
    inTransaction(this.db, () => {
      deleteTicketsWhere(this.db, 'source_id = ?', [id]);
      this.db.prepare('DELETE FROM sources WHERE id = ?').run(id);
    });
    if (isHelpdeskKind(source.kind)) for (const key of secretFields(source.kind)) this.secrets.delete(secretName(id, key));
  }

  /** What a connector needs, secrets included: for the connection test only (the sync job gets its secrets handed over). */
  connectorSettings(id: number): ConnectorSettings {
    return connectorSettings(this.db, id, (key) => this.secrets.get(secretName(id, key)));
  }

  /** The secrets a sync job of this source is handed, by field. */
  secretsOf(id: number): Record<string, string> {
    return this.connectorSettings(id).secrets;
  }

  private storeSecrets(id: number, kind: HelpdeskKind, values: Record<string, string>): void {
    for (const key of secretFields(kind)) {
      const value = values[key];
      if (value === undefined) continue;
      if (value.trim()) this.secrets.set(secretName(id, key), value.trim());
      else this.secrets.delete(secretName(id, key));
    }
  }

  private toSource(r: SourceRow): Source {
    const base = { id: r.id, kind: r.kind, name: r.name, tickets: r.tickets, lastIngestAt: r.last_ingest_at, createdAt: r.created_at };
    if (!isHelpdeskKind(r.kind)) return { ...base, sync: null };
    const c = readConfig(r.config);
    return {
      ...base,
      sync: {
        config: c.fields,
        baseUrl: c.baseUrl,
        botIds: JSON.parse(r.bot_ids) as string[],
        automationIds: JSON.parse(r.automation_ids) as string[],
        syncEveryMinutes: c.syncEveryMinutes,
        historyDays: c.historyDays,
        enabled: r.enabled === 1,
        lastSyncAt: r.last_sync_at,
        lastError: r.last_error,
        lastErrorKind: r.last_error_kind,
        secretsSet: secretFields(r.kind).filter((key) => this.secrets.get(secretName(r.id, key)) !== undefined),
        activeJobId: r.active_job_id,
      },
    };
  }
}

/** Records how a sync ended: a good one clears the error. */
export function recordSyncOutcome(
  db: DB,
  sourceId: number,
  outcome: { ok: true } | { ok: false; kind: SyncFailure; message: string },
): void {
  if (outcome.ok)
    db.prepare('UPDATE sources SET last_sync_at = ?, last_error = NULL, last_error_kind = NULL WHERE id = ?').run(nowIso(), sourceId);
  else db.prepare('UPDATE sources SET last_error = ?, last_error_kind = ? WHERE id = ?').run(outcome.message, outcome.kind, sourceId);
}

export function readCursor(db: DB, sourceId: number, stream = 'tickets'): unknown {
  const row = db.prepare('SELECT cursor FROM sync_cursors WHERE source_id = ? AND stream = ?').get(sourceId, stream) as
    { cursor: string } | undefined;
  return row ? (JSON.parse(row.cursor) as unknown) : null;
}

export function writeCursor(db: DB, sourceId: number, cursor: unknown, stream = 'tickets'): void {
  db.prepare(
    `INSERT INTO sync_cursors (source_id, stream, cursor, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (source_id, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  ).run(sourceId, stream, JSON.stringify(cursor), nowIso());
}

/** A helpdesk source's settings for its connector; `secretOf` supplies each secret field. */
export function connectorSettings(db: DB, id: number, secretOf: (field: string) => string | undefined): ConnectorSettings {
  const row = db.prepare('SELECT kind, config, bot_ids, automation_ids FROM sources WHERE id = ?').get(id) as
    { kind: SourceKind; config: string; bot_ids: string; automation_ids: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no source ${id}.`);
  if (!isHelpdeskKind(row.kind)) throw new AppError('VALIDATION', 'Only helpdesk sources sync; import files again to update them.');
  const c = readConfig(row.config);
  const secrets: Record<string, string> = {};
  for (const key of secretFields(row.kind)) {
    const value = secretOf(key);
    if (value) secrets[key] = value;
  }
  return {
    kind: row.kind,
    config: c.fields,
    secrets,
    baseUrl: c.baseUrl,
    botIds: JSON.parse(row.bot_ids) as string[],
    automationIds: JSON.parse(row.automation_ids) as string[],
    historyDays: c.historyDays,
  };
}
