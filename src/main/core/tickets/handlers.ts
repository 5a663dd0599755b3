import type { Engine } from '../app';
import { withEgress } from '../privacy/egress';
import type { QueryEmbedders } from '../embed/service';
import { hybridTicketSearch } from '../search/hybrid';
import type { Workspaces } from '../workspace/workspaces';
import { getTicket, listTickets, ticketFacets, type TicketFilter } from './query';

/** How many ranked matches a text search keeps before the other filters apply. */
const SEARCH_DEPTH = 500;

export function registerTicketHandlers(engine: Engine, workspaces: Workspaces, embedders: QueryEmbedders): void {
  const db = () => workspaces.requireCurrent().db;
  // the list and its counts ask for the same ranking at once: compute it once while nothing changed
  let memo: { key: string; ids: number[] } | null = null;
  /** With text and indexed vectors, the list is ranked by hybrid search; otherwise full text filters it. */
  const ranked = async (filter: TicketFilter): Promise<TicketFilter> => {
    if (!filter.text?.trim()) return filter;
    return withEgress({ db: db(), role: 'local-model', purpose: 'Search by meaning' }, async () => {
      const vectors = await embedders.active(db()).catch(() => null);
      if (!vectors) return filter;
      const newest = db()
        .prepare("SELECT (SELECT max(id) FROM tickets) || ':' || (SELECT max(id) FROM embeddings)")
        .pluck()
        .get() as string;
      const key = [db().name, vectors.store.info.model, newest, filter.text!].join('\u0000');
      if (memo?.key !== key)
        memo = { key, ids: (await hybridTicketSearch(db(), filter.text!, SEARCH_DEPTH, vectors)).map((h) => h.ticketId) };
      return { ...filter, rankedIds: memo.ids };
    });
  };
  engine.register('tickets.list', async ({ filter, offset, limit }) => listTickets(db(), await ranked(filter), offset, limit));
  engine.register('tickets.facets', async ({ filter }) => ticketFacets(db(), await ranked(filter)));
  engine.register('tickets.get', ({ id }) => getTicket(db(), id));
}
