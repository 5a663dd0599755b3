import type { DB } from '../db/open';
import { ticketLineSchema, toTicketInput } from '../tickets/format';
import { ensureSource, TicketStore } from '../tickets/store';
import { DEMO_SOURCE_NAME } from './job';
import type { DemoCompany, Knowledge } from './generator';
import type { DemoTruth } from './types';
import { inTransaction } from '../db/transaction';

/**
 * What the simulated AI agent knows, read from a workspace: each active article teaches it the
 * topic (and answer version) that most of its evidence tickets are about, per the ground truth.
 * This closes the loop: approve an article in Tideline, and the demo's bot answers that topic.
 */
export function knowledgeFromWorkspace(db: DB, company: DemoCompany): Knowledge {
  const knowledge = company.initialKnowledge();
  const rows = db
    .prepare(
      `SELECT a.id AS article, tt.truth AS truth
       FROM articles a
       JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version
       JOIN draft_evidence e ON e.draft_id = v.draft_id AND e.role = 'supporting'
       JOIN ticket_truth tt ON tt.ticket_id = e.ticket_id
       WHERE a.status = 'active'`,
    )
    .all() as { article: number; truth: string }[];
  const votes = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const truth = JSON.parse(row.truth) as DemoTruth;
    if (!truth.topic) continue;
    const key = `${truth.topic}@${truth.answerVersion}`;
    const tally = votes.get(row.article) ?? new Map<string, number>();
    tally.set(key, (tally.get(key) ?? 0) + 1);
    votes.set(row.article, tally);
  }
  for (const tally of votes.values()) {
    const [winner] = [...tally.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const [topic, version] = winner.split('@') as [string, string];
    knowledge.set(topic, Number(version) as 1 | 2);
  }
  return knowledge;
}

/** Generates week `w` with what the workspace has taught the AI agent, and imports it. Returns the ticket count. */
export function importDemoWeek(db: DB, company: DemoCompany, w: number): number {
  const lines = company.week(w, knowledgeFromWorkspace(db, company));
  const store = new TicketStore(db);
  const sourceId = ensureSource(db, 'demo', DEMO_SOURCE_NAME);
  inTransaction(db, () => {
    for (const line of lines) store.upsert(sourceId, toTicketInput(ticketLineSchema.parse(line)));
  });
  return lines.length;
}
