import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/main/core/db/open';
import { insertDraft } from '../../src/main/core/learn/store';
import { ReviewBoard } from '../../src/main/core/review/review';
import { tempDir } from './temp';

export interface SeedArticle {
  title: string;
  bodyMd: string;
  labels?: string[];
}

/** A workspace whose knowledge base holds these articles, each approved from a draft on the board (as a lead would). */
export function knowledgeBase(
  articles: SeedArticle[],
  file = join(tempDir(), 'w.db'),
): { db: DB; articleIds: number[]; draftIds: number[] } {
  const db = openDatabase(file, { create: true });
  const board = new ReviewBoard(db);
  const draftIds: number[] = [];
  const articleIds: number[] = [];
  for (const a of articles) {
    const now = new Date().toISOString();
    const topicId = Number(
      db
        .prepare(`INSERT INTO topics (origin, label, representative, size, created_at, updated_at) VALUES ('backfill', ?, ?, 3, ?, ?)`)
        .run(a.title, a.title, now, now).lastInsertRowid,
    );
    const id = insertDraft(db, {
      topicId,
      kind: 'new',
      title: a.title,
      bodyMd: a.bodyMd,
      drafter: 'extractive',
      redactions: {},
      evidence: [],
    });
    if (a.labels?.length) board.label([id], a.labels, []);
    const outcome = board.approve([id]);
    draftIds.push(id);
    articleIds.push(outcome.approved[0]!.articleId);
  }
  return { db, articleIds, draftIds };
}

export const SAMPLE_ARTICLES: SeedArticle[] = [
  {
    title: 'Return a damaged lens',
    bodyMd:
      '## What to do\n\n1. Take a photo of the damage.\n2. Open **Orders** and choose *Return*.\n\nSee [the returns policy](https://acme.test/returns "Returns").\n\n![Where to click](https://acme.test/img/return.png)',
    labels: ['returns', 'damage'],
  },
  {
    title: 'Change the delivery address: before it ships',
    bodyMd:
      'You can change the address until the parcel ships.\n\n- Open the order\n- Choose **Edit address**\n\n> After shipping, contact the carrier.',
    labels: ['shipping'],
  },
  {
    title: 'Reset your password',
    // drafts open with their title as a heading
    bodyMd: '# Reset your password\n\nUse **Forgot password** on the sign-in page. The link is valid for `24 hours`.',
  },
];
