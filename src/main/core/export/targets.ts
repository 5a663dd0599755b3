import { AppError } from '../../../shared/api/errors';
import { EXPORT_TARGETS, isFileExport, type ExportKind, type ExportTarget } from '../../../shared/domain/export';
import { nowIso, type DB } from '../db/open';
import { inTransaction } from '../db/transaction';
import type { SecretStore } from '../secrets/store';
import { accountName } from '../sync/sources';
import type { ExportSettings } from './publisher';

export interface TargetChange {
  name?: string;
  fields?: Record<string, string>;
  /** Secret fields to store; an empty string keeps the stored one. */
  secrets?: Record<string, string>;
  baseUrl?: string | null;
  isDefault?: boolean;
}

interface TargetRow {
  id: number;
  kind: ExportKind;
  name: string;
  config: string;
  base_url: string | null;
  is_default: number;
  created_at: string;
  done: number;
  pending: number;
  failed: number;
  conflict: number;
  active_job_id: number | null;
}

export function exportSecretName(targetId: number, field: string): string {
  return `export.${targetId}.${field}`;
}

function secretFields(kind: ExportKind): string[] {
  return EXPORT_TARGETS[kind].fields.filter((f) => f.type === 'secret').map((f) => f.key);
}

/** The form's own non-secret fields, trimmed; a required one missing is refused by name. */
function cleanFields(kind: ExportKind, fields: Record<string, string>, { partial }: { partial: boolean }): Record<string, string> {
  const spec = EXPORT_TARGETS[kind];
  const out: Record<string, string> = {};
  for (const f of spec.fields) {
    if (f.type === 'secret') continue;
    const value = (fields[f.key] ?? '').trim();
    if (!value && f.required && !partial)
      throw new AppError(
        'VALIDATION',
        `${spec.label} needs the ${f.label.toLowerCase()}${f.type === 'remote' ? ': test the connection, then pick one' : ''}.`,
      );
    if ((f.key === 'subdomain' || f.key === 'domain') && value) out[f.key] = accountName(value, f.label, kind);
    else if (value) out[f.key] = value;
  }
  return out;
}

const SELECT = `SELECT t.id, t.kind, t.name, t.config, t.base_url, t.is_default, t.created_at,
  (SELECT count(*) FROM exports e WHERE e.target_id = t.id AND e.status = 'done') AS done,
  (SELECT count(*) FROM exports e WHERE e.target_id = t.id AND e.status = 'pending') AS pending,
  (SELECT count(*) FROM exports e WHERE e.target_id = t.id AND e.status = 'failed') AS failed,
  (SELECT count(*) FROM exports e WHERE e.target_id = t.id AND e.status = 'conflict') AS conflict,
  (SELECT min(j.id) FROM jobs j WHERE j.kind = 'export.run' AND j.status IN ('queued', 'running') AND json_extract(j.params, '$.targetId') = t.id) AS active_job_id
  FROM export_targets t`;

/** Where articles are exported to; help-center credentials live in the secret store only. */
export class ExportTargets {
  constructor(
    private readonly db: DB,
    private readonly secrets: SecretStore,
  ) {}

  list(): ExportTarget[] {
    return (this.db.prepare(`${SELECT} ORDER BY t.name, t.id`).all() as TargetRow[]).map((r) => this.toTarget(r));
  }

  get(id: number): ExportTarget {
    const row = this.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TargetRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `There is no export target ${id}.`);
    return this.toTarget(row);
  }

  /** The board's Publish target: the one marked default, or the only one there is. */
  defaultTarget(): ExportTarget | null {
    const all = this.list();
    return all.find((t) => t.isDefault) ?? (all.length === 1 ? all[0]! : null);
  }

  add(kind: ExportKind, input: TargetChange & { name: string }): ExportTarget {
    const fields = cleanFields(kind, input.fields ?? {}, { partial: false });
    const missing = secretFields(kind).filter((key) => !(input.secrets?.[key] ?? '').trim());
    if (missing.length)
      throw new AppError(
        'VALIDATION',
        `${EXPORT_TARGETS[kind].label} needs the ${EXPORT_TARGETS[kind].fields.find((f) => f.key === missing[0])!.label.toLowerCase()}.`,
      );
    const id = inTransaction(this.db, () => {
      const first = (this.db.prepare('SELECT count(*) FROM export_targets').pluck().get() as number) === 0;
      const makeDefault = input.isDefault ?? (first || !isFileExport(kind));
      if (makeDefault) this.db.prepare('UPDATE export_targets SET is_default = 0').run();
      return Number(
        this.db
          .prepare('INSERT INTO export_targets (kind, name, config, base_url, is_default, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(kind, input.name, JSON.stringify(fields), input.baseUrl ?? null, makeDefault ? 1 : 0, nowIso()).lastInsertRowid,
      );
    });
    this.storeSecrets(id, input.secrets ?? {});
    return this.get(id);
  }

  update(id: number, change: TargetChange): ExportTarget {
    const current = this.get(id);
    inTransaction(this.db, () => {
      if (change.name !== undefined) this.db.prepare('UPDATE export_targets SET name = ? WHERE id = ?').run(change.name, id);
      if (change.fields)
        this.db
          .prepare('UPDATE export_targets SET config = ? WHERE id = ?')
          .run(JSON.stringify(cleanFields(current.kind, { ...current.config, ...change.fields }, { partial: false })), id);
      if (change.baseUrl !== undefined) this.db.prepare('UPDATE export_targets SET base_url = ? WHERE id = ?').run(change.baseUrl, id);
      if (change.isDefault) this.db.prepare('UPDATE export_targets SET is_default = (id = ?)').run(id);
      else if (change.isDefault === false) this.db.prepare('UPDATE export_targets SET is_default = 0 WHERE id = ?').run(id);
    });
    if (change.secrets) this.storeSecrets(id, change.secrets);
    return this.get(id);
  }

  /** Forgets a target, what was exported to it (the help center keeps its articles) and its secrets. */
  remove(id: number): void {
    const target = this.get(id);
    inTransaction(this.db, () => this.db.prepare('DELETE FROM export_targets WHERE id = ?').run(id));
    for (const key of secretFields(target.kind)) this.secrets.delete(exportSecretName(id, key));
  }

  /** What a publisher needs, secrets included: for the connection test (an export job gets its secrets handed over). */
  settings(id: number): ExportSettings {
    return targetSettings(this.db, id, (key) => this.secrets.get(exportSecretName(id, key)));
  }

  /** The secrets an export job of this target is handed, by field. */
  secretsOf(id: number): Record<string, string> {
    return this.settings(id).secrets;
  }

  private storeSecrets(id: number, secrets: Record<string, string>): void {
    const kind = this.get(id).kind;
    for (const key of secretFields(kind)) {
      const value = (secrets[key] ?? '').trim();
      if (value) this.secrets.set(exportSecretName(id, key), value);
    }
  }

  private toTarget(r: TargetRow): ExportTarget {
    const secretsSet = secretFields(r.kind).filter((key) => this.secrets.get(exportSecretName(r.id, key)) !== undefined);
    return {
      id: r.id,
      kind: r.kind,
      name: r.name,
      config: JSON.parse(r.config) as Record<string, string>,
      baseUrl: r.base_url,
      secretsSet,
      isDefault: r.is_default === 1,
      createdAt: r.created_at,
      counts: { done: r.done, pending: r.pending, failed: r.failed, conflict: r.conflict },
      activeJobId: r.active_job_id,
    };
  }
}

/** A target's settings for its publisher; `secretOf` supplies each secret field. */
export function targetSettings(db: DB, id: number, secretOf: (key: string) => string | undefined): ExportSettings {
  const row = db.prepare('SELECT kind, config, base_url FROM export_targets WHERE id = ?').get(id) as
    { kind: ExportKind; config: string; base_url: string | null } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no export target ${id}.`);
  const secrets: Record<string, string> = {};
  for (const key of secretFields(row.kind)) {
    const value = secretOf(key);
    if (value) secrets[key] = value;
  }
  return { kind: row.kind, config: JSON.parse(row.config) as Record<string, string>, secrets, baseUrl: row.base_url };
}
