import type { DB } from '../db/open';
import { ftsMatch } from '../tickets/query';

/** A word in more than this share of tickets says little about which tickets a search wants. */
const COMMON_SHARE = 0.25;
/** Below this many tickets full text is fast and shares are noisy: every word is kept. */
const MIN_TICKETS = 1_000;
/** Counts are taken again once the workspace has grown by this share. */
const RECOUNT_GROWTH = 0.1;

interface Counts {
  tickets: number;
  newestTicket: number;
  byWord: Map<string, number>;
}

const countsByDatabase = new Map<string, Counts>();

/** The word counts of a workspace, started afresh when it has grown enough to shift the shares. */
function countsFor(db: DB): Counts {
  const newestTicket = (db.prepare('SELECT coalesce(max(id), 0) FROM tickets').pluck().get() as number) ?? 0;
  let counts = countsByDatabase.get(db.name);
  if (!counts || newestTicket > counts.newestTicket + counts.tickets * RECOUNT_GROWTH || newestTicket < counts.newestTicket) {
    counts = { tickets: db.prepare('SELECT count(*) FROM tickets').pluck().get() as number, newestTicket, byWord: new Map() };
    countsByDatabase.set(db.name, counts);
  }
  return counts;
}

/**
 * The full-text query of a search without the words most tickets contain ("the", "hello", the
 * company's name): FTS5's bm25 reads every posting of every word to weigh it, so on a large
 * workspace such words cost most of a search while barely changing the ranking. When every word
 * is common, all of them stay. Counts are kept per workspace, so each word is counted once, and
 * only as far as it takes to know it is common.
 */
export function distinctiveFtsQuery(db: DB, words: string[]): string | null {
  if (words.length < 2) return ftsMatch(words);
  const counts = countsFor(db);
  if (counts.tickets < MIN_TICKETS) return ftsMatch(words);
  // counting stops past the share that makes a word common: its exact count is never needed
  const cap = Math.floor(counts.tickets * COMMON_SHARE) + 1;
  const countOf = db.prepare('SELECT count(*) FROM (SELECT 1 FROM ticket_fts WHERE ticket_fts MATCH ? LIMIT ?)').pluck();
  const shares = words.map((word, i) => {
    const prefix = i === words.length - 1;
    const key = `${word.toLowerCase()}${prefix ? '*' : ''}`;
    let n = counts.byWord.get(key);
    if (n === undefined) {
      n = countOf.get(ftsMatch([word], prefix), cap) as number;
      counts.byWord.set(key, n);
    }
    return n / counts.tickets;
  });
  const kept = words.filter((_, i) => shares[i]! <= COMMON_SHARE);
  // every word common ("kettle order"): all of them together still narrow the search
  return kept.length ? ftsMatch(kept, shares[words.length - 1]! <= COMMON_SHARE) : ftsMatch(words);
}
