import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DemoCompany } from '../../src/main/core/demo/generator';
import { importDemoWeek, knowledgeFromWorkspace } from '../../src/main/core/demo/simulation';
import { openDatabase } from '../../src/main/core/db/open';
import { tempDir } from '../helpers/temp';

describe('the demo closed loop against a workspace', () => {
  it('teaches the AI agent the topic of an approved article from the next week on', () => {
    const db = openDatabase(join(tempDir(), 'loop.db'), { create: true });
    const company = new DemoCompany({ seed: 5, weeks: 8, perWeek: 400, start: '2026-01-05T00:00:00.000Z' });
    const topic = 'returns.start-return';
    expect(knowledgeFromWorkspace(db, company).has(topic)).toBe(false);
    importDemoWeek(db, company, 0);
    const rateOf = (week: number) => {
      const row = db
        .prepare(
          `SELECT sum(ai_resolved) AS resolved, sum(ai_involved) AS involved FROM tickets JOIN ticket_truth ON ticket_id = id
           WHERE json_extract(truth, '$.topic') = ? AND created_at >= ? AND created_at < ?`,
        )
        .get(
          topic,
          new Date(Date.parse(company.options.start) + week * 7 * 864e5).toISOString(),
          new Date(Date.parse(company.options.start) + (week + 1) * 7 * 864e5).toISOString(),
        ) as {
        resolved: number;
        involved: number;
      };
      return row.resolved / row.involved;
    };
    expect(rateOf(0)).toBe(0);

    // the lead approves an article whose evidence is about that topic
    const now = new Date().toISOString();
    const evidence = db
      .prepare(
        `SELECT id FROM tickets JOIN ticket_truth ON ticket_id = id WHERE json_extract(truth, '$.topic') = ? AND handover = 1 LIMIT 5`,
      )
      .all(topic) as { id: number }[];
    db.prepare(
      `INSERT INTO drafts (id, kind, status, title, body_md, drafter, created_at, updated_at) VALUES (1, 'new', 'approved', 'Start a return', '…', 'extractive', ?, ?)`,
    ).run(now, now);
    for (const e of evidence) db.prepare(`INSERT INTO draft_evidence (draft_id, ticket_id) VALUES (1, ?)`).run(e.id);
    db.prepare(`INSERT INTO articles (id, title, created_at, updated_at) VALUES (1, 'Start a return', ?, ?)`).run(now, now);
    db.prepare(
      `INSERT INTO article_versions (article_id, version, title, body_md, draft_id, created_by, created_at) VALUES (1, 1, 'Start a return', '…', 1, 'lead', ?)`,
    ).run(now);

    expect(knowledgeFromWorkspace(db, company).get(topic)).toBe(1);
    importDemoWeek(db, company, 1);
    expect(rateOf(1)).toBeGreaterThan(0.5);
    db.close();
  });
});
