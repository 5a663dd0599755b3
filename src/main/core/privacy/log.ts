import type { EgressEntry, EgressRole, EgressSummary } from '../../../shared/domain/privacy';
import type { DB } from '../db/open';

interface Row {
  id: number;
  at: string;
  origin: string;
  method: string;
  path: string;
  role: EgressRole;
  purpose: string;
  outcome: EgressEntry['outcome'];
  status: number | null;
  bytes_out: number;
  bytes_in: number | null;
  draft_id: number | null;
  redactions: string | null;
}

/** The egress log, newest first, with totals per endpoint over the whole log. */
export function egressLog(db: DB, options: { limit?: number; since?: string } = {}): EgressSummary {
  const since = options.since ?? '';
  const rows = db.prepare(`SELECT * FROM egress_log WHERE at >= ? ORDER BY id DESC LIMIT ?`).all(since, options.limit ?? 200) as Row[];
  const totals = db
    .prepare(
      `SELECT count(*) AS requests, coalesce(sum(outcome = 'blocked'), 0) AS blocked, coalesce(sum(bytes_out), 0) AS bytesOut FROM egress_log WHERE at >= ?`,
    )
    .get(since) as {
    requests: number;
    blocked: number;
    bytesOut: number;
  };
  const origins = db
    .prepare(
      `SELECT origin, role, count(*) AS requests, coalesce(sum(bytes_out), 0) AS bytesOut, max(at) AS last FROM egress_log WHERE at >= ?
       GROUP BY origin, role ORDER BY last DESC`,
    )
    .all(since) as EgressSummary['totals']['origins'];
  return {
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      origin: r.origin,
      method: r.method,
      path: r.path,
      role: r.role,
      purpose: r.purpose,
      outcome: r.outcome,
      status: r.status,
      bytesOut: r.bytes_out,
      bytesIn: r.bytes_in,
      draftId: r.draft_id,
      redactions: r.redactions ? (JSON.parse(r.redactions) as Record<string, number>) : null,
    })),
    totals: { ...totals, origins },
  };
}
