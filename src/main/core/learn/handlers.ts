import { AppError } from '../../../shared/api/errors';
import type { DraftEvidence, DrafterConfig, DraftKind, DraftStatus, DraftSummary, LearningSettings, TopicSummary } from '../../../shared/domain/draft';
import { approveDraft, rejectDraft } from '../review/review';
import type { SecretStore } from '../secrets/store';
import { DEFAULT_DRAFTER, DRAFTING_KEY } from './drafter';
import type { DB } from '../db/open';
import { isIngestKind } from '../../../shared/domain/job';
import type { Engine } from '../app';
import type { JobService } from '../jobs/handlers';
import { getSetting, setSetting } from '../system/settings';
import { DEFAULT_BACKFILL_LIMIT } from './backfill';
import { DEFAULT_REPEAT_THRESHOLD } from './loop';
import type { Workspaces } from '../workspace/workspaces';
import { BOT_ATTEMPT, FIRST_QUESTION, FIRST_REPLY } from '../tickets/sql';

export function registerLearningHandlers(engine: Engine, workspaces: Workspaces, jobs: JobService, secrets: SecretStore): void {
  const db = () => workspaces.requireCurrent().db;
  const drafting = () => ({ config: getSetting<DrafterConfig>(db(), 'drafting.config', DEFAULT_DRAFTER), hasKey: secrets.get(DRAFTING_KEY) !== undefined });
  engine.register('drafting.settings', drafting);
  engine.register('drafting.configure', ({ apiKey, ...config }) => {
    if (apiKey !== undefined) {
      if (apiKey) secrets.set(DRAFTING_KEY, apiKey);
      else secrets.delete(DRAFTING_KEY);
    }
    setSetting(db(), 'drafting.config', config);
    return drafting();
  });
  const settings = (): LearningSettings => ({
    repeatThreshold: getSetting(db(), 'learning.repeatThreshold', DEFAULT_REPEAT_THRESHOLD),
    auto: getSetting(db(), 'learning.auto', true),
    backfillLimit: getSetting(db(), 'learning.backfillLimit', DEFAULT_BACKFILL_LIMIT),
  });
  engine.register('learning.settings', settings);
  engine.register('learning.configure', (change) => {
    if (change.repeatThreshold !== undefined) setSetting(db(), 'learning.repeatThreshold', change.repeatThreshold);
    if (change.auto !== undefined) setSetting(db(), 'learning.auto', change.auto);
    if (change.backfillLimit !== undefined) setSetting(db(), 'learning.backfillLimit', change.backfillLimit);
    return settings();
  });
  engine.register('learn.backfill', ({ limit, minTopicSize }) => {
    const current = settings();
    return jobs.runner().start('learn.backfill', { limit: limit ?? current.backfillLimit, minTopicSize: minTopicSize ?? current.repeatThreshold });
  });
  engine.register('learn.run', () => jobs.runner().start('learn.loop', {}));

  // the loop runs after every import, unless the workspace turned that off
  engine.on((event, payload) => {
    const job = payload as { kind?: string; status?: string };
    if (event !== 'job.done' || job.status !== 'done' || !isIngestKind(job.kind ?? '')) return;
    const ws = workspaces.current();
    if (ws && getSetting(ws.db, 'learning.auto', true)) jobs.runner().start('learn.loop', {});
  });
  engine.register('drafts.get', ({ id }) => {
    const summary = listDrafts(db(), { id });
    if (!summary[0]) throw new AppError('NOT_FOUND', `There is no draft ${id}.`);
    const evidence = db()
      .prepare(
        `SELECT e.ticket_id, e.role, t.external_id, t.created_at,
           ${FIRST_QUESTION} AS question,
           ${BOT_ATTEMPT} AS bot,
           ${FIRST_REPLY} AS reply,
           c.delta_kind
         FROM draft_evidence e JOIN tickets t ON t.id = e.ticket_id LEFT JOIN corrections c ON c.ticket_id = t.id
         WHERE e.draft_id = ? ORDER BY e.role != 'supporting', t.created_at DESC`,
      )
      .all(id) as { ticket_id: number; role: DraftEvidence['role']; external_id: string; created_at: string; question: string | null; bot: string | null; reply: string | null; delta_kind: string | null }[];
    return {
      ...summary[0],
      evidence: evidence.map((e) => ({
        ticketId: e.ticket_id,
        externalId: e.external_id,
        role: e.role,
        createdAt: e.created_at,
        question: e.question ?? '',
        botAttempt: e.bot,
        humanReply: e.reply,
        deltaKind: e.delta_kind,
      })),
    };
  });
  engine.register('drafts.list', ({ status }) => listDrafts(db(), { status }));
  engine.register('topics.list', () =>
    (
      db()
        .prepare(
          `SELECT t.id, t.origin, t.label, t.representative, t.size,
             (SELECT count(*) FROM topic_tickets tt WHERE tt.topic_id = t.id AND tt.role = 'member') AS agreeing,
             (SELECT status FROM drafts d WHERE d.topic_id = t.id ORDER BY d.id DESC LIMIT 1) AS draft_status
           FROM topics t ORDER BY t.size DESC, t.id`,
        )
        .all() as { id: number; origin: TopicSummary['origin']; label: string; representative: string; size: number; agreeing: number; draft_status: string | null }[]
    ).map((r) => ({ id: r.id, origin: r.origin, label: r.label, representative: r.representative, size: r.size, agreeing: r.agreeing, draftStatus: r.draft_status })),
  );
  engine.register('drafts.approve', ({ id }) => approveDraft(db(), id));
  engine.register('drafts.reject', ({ id, reason }) => {
    rejectDraft(db(), id, reason);
    return { rejected: true as const };
  });
}

function listDrafts(db: DB, where: { status?: DraftStatus; id?: number }): DraftSummary[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.kind, d.status, d.title, d.topic_id, d.drafter, d.created_at, d.redaction_notes, d.body_md,
         coalesce((SELECT size FROM topics WHERE id = d.topic_id), 0) AS topic_size,
         (SELECT json_group_array(ticket_id) FROM draft_evidence WHERE draft_id = d.id AND role = 'supporting') AS evidence
       FROM drafts d WHERE (? IS NULL OR d.status = ?) AND (? IS NULL OR d.id = ?) ORDER BY d.created_at DESC, d.id DESC`,
    )
    .all(where.status ?? null, where.status ?? null, where.id ?? null, where.id ?? null) as {
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
}
