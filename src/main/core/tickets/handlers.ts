import type { Source } from '../../../shared/domain/source';
import type { Engine } from '../app';
import type { Workspaces } from '../workspace/workspaces';
import { getTicket, listTickets, ticketFacets } from './query';

export function registerTicketHandlers(engine: Engine, workspaces: Workspaces): void {
  const db = () => workspaces.requireCurrent().db;
  engine.register('tickets.list', ({ filter, offset, limit }) => listTickets(db(), filter, offset, limit));
  engine.register('tickets.facets', ({ filter }) => ticketFacets(db(), filter));
  engine.register('tickets.get', ({ id }) => getTicket(db(), id));
  engine.register('sources.list', () =>
    (
      db()
        .prepare(
          `SELECT s.id, s.kind, s.name, s.created_at, count(t.id) AS tickets, max(t.ingested_at) AS last_ingest_at
           FROM sources s LEFT JOIN tickets t ON t.source_id = s.id GROUP BY s.id ORDER BY s.name`,
        )
        .all() as { id: number; kind: Source['kind']; name: string; created_at: string; tickets: number; last_ingest_at: string | null }[]
    ).map((r) => ({ id: r.id, kind: r.kind, name: r.name, tickets: r.tickets, lastIngestAt: r.last_ingest_at, createdAt: r.created_at })),
  );
}
