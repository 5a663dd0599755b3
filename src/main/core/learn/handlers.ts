import type { DraftKind, DraftStatus, DraftSummary } from '../../../shared/domain/draft';
import type { Engine } from '../app';
import type { JobService } from '../jobs/handlers';
import { getSetting } from '../system/settings';
import type { Workspaces } from '../workspace/workspaces';

export function registerLearningHandlers(engine: Engine, workspaces: Workspaces, jobs: JobService): void {
  const db = () => workspaces.requireCurrent().db;
  engine.register('learn.backfill', (params) => jobs.runner().start('learn.backfill', params));
  engine.register('learn.run', () => jobs.runner().start('learn.loop', {}));

  // the loop runs after every import, unless the workspace turned that off
  engine.on((event, payload) => {
    const job = payload as { kind?: string; status?: string };
    if (event !== 'job.done' || job.status !== 'done' || (job.kind !== 'import.file' && job.kind !== 'demo.import')) return;
    const ws = workspaces.current();
    if (ws && getSetting(ws.db, 'learning.auto', true)) jobs.runner().start('learn.loop', {});
  });
  engine.register('drafts.list', ({ status }) => {
    const rows = db()
      .prepare(
        `SELECT d.id, d.kind, d.status, d.title, d.topic_id, d.drafter, d.created_at, d.redaction_notes, d.body_md,
           coalesce((SELECT size FROM topics WHERE id = d.topic_id), 0) AS topic_size,
           (SELECT json_group_array(ticket_id) FROM draft_evidence WHERE draft_id = d.id AND role = 'supporting') AS evidence
         FROM drafts d ${status ? 'WHERE d.status = ?' : ''} ORDER BY d.created_at DESC, d.id DESC`,
      )
      .all(...(status ? [status] : [])) as {
      id: number;
      kind: DraftKind;
      status: DraftStatus;
      title: string;
      topic_id: number | null;
      drafter: string;
      created_at: string;
      redaction_notes: string;
      body_md: string;
      topic_size: number;
      evidence: string;
    }[];
    return rows.map(
      (r): DraftSummary => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        title: r.title,
        topicId: r.topic_id,
        topicSize: r.topic_size,
        drafter: r.drafter,
        createdAt: r.created_at,
        evidenceTicketIds: JSON.parse(r.evidence) as number[],
        redactions: JSON.parse(r.redaction_notes) as { kind: string; count: number }[],
        bodyMd: r.body_md,
      }),
    );
  });
}
