import type { DB } from '../db/open';
import type { Embedder } from '../embed/embedder';
import { searchWords } from '../tickets/query';
import { distinctiveFtsQuery } from './common-words';
import { meaningFloor } from './floor';
import type { VectorStore } from './vectors';

/** The usual reciprocal-rank-fusion constant: ranks beyond the first few weigh little. */
const RRF_K = 60;
/** However deep a search goes by words, by meaning it keeps the closest few. */
const MAX_MEANING_HITS = 100;

export interface RankedTicket {
  ticketId: number;
  score: number;
  matchedBy: ('meaning' | 'words')[];
}

/**
 * Tickets for a query, best first: nearest questions and human replies by meaning (vectors)
 * and best full-text matches by words (FTS5, bm25), fused by reciprocal rank.
 * Without vectors (not indexed yet) it is full text alone.
 */
export async function hybridTicketSearch(
  db: DB,
  query: string,
  limit: number,
  vectors: { store: VectorStore; embedder: Embedder } | null,
): Promise<RankedTicket[]> {
  const fused = new Map<number, RankedTicket>();
  const add = (ticketId: number, rank: number, by: 'meaning' | 'words') => {
    const hit = fused.get(ticketId) ?? { ticketId, score: 0, matchedBy: [] };
    hit.score += 1 / (RRF_K + rank);
    if (!hit.matchedBy.includes(by)) hit.matchedBy.push(by);
    fused.set(ticketId, hit);
  };

  const fts = distinctiveFtsQuery(db, searchWords(query));
  if (fts) {
    const ids = db
      .prepare('SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY bm25(ticket_fts) LIMIT ?')
      .pluck()
      .all(fts, limit * 2) as number[];
    ids.forEach((id, rank) => add(id, rank + 1, 'words'));
  }
  if (vectors && query.trim()) {
    const [vector] = await vectors.embedder.embed([query], 'query');
    const floor = await meaningFloor(db, vectors.store.info.model, vectors.embedder);
    const seen = new Set<number>();
    let rank = 0;
    for (const n of vectors.store.nearest(vector!, Math.min(limit, MAX_MEANING_HITS) * 2, 'ticket')) {
      if (n.similarity < floor || seen.has(n.refId)) continue; // a question and a reply of one ticket count once
      seen.add(n.refId);
      add(n.refId, ++rank, 'meaning');
    }
  }
  return [...fused.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
