import type { MessageRole } from '../../../shared/domain/ticket';
import type { MessageInput, TicketInput } from '../tickets/format';
import { htmlToText } from './html-text';
import {
  BotMatcher,
  client,
  historyStart,
  iso,
  mapLimit,
  requireSetting,
  TICKET_CONCURRENCY,
  type Connector,
  type ConnectorSettings,
  type HttpOptions,
} from './connector';

interface HsThread {
  id: string;
  status: 'OPEN' | 'CLOSED';
  createdAt: string;
  closedAt?: string | null;
  latestMessageTimestamp: string;
  associatedContactId?: string | null;
  originalChannelId?: string | null;
  threadAssociations?: { associatedTicketId?: string | null } | null;
}
interface HsMessage {
  id: string;
  type: string;
  createdAt: string;
  text?: string | null;
  richText?: string | null;
  direction?: 'INCOMING' | 'OUTGOING';
  senders?: { actorId: string; name?: string | null; deliveryIdentifier?: { value?: string } }[];
}
interface HsTicket {
  id: string;
  properties: Record<string, string | null>;
}
interface HsList<T> {
  results: T[];
  paging?: { next?: { after: string } };
}

interface HsCursor {
  since: string;
  after: string | null;
  newest: string;
}

const LIMIT = 100;
/** HubSpot channel ids of its inboxes' channels. */
const CHANNELS: Record<string, string> = { '1000': 'chat', '1002': 'email', '1003': 'email', '1007': 'web' };

/** HubSpot's actor ids say who wrote: A- agent, V- visitor, B- bot, L- its AI, S- system, I- integration, E- email. */
export function actorRole(actorId: string): MessageRole {
  const prefix = actorId.split('-', 1)[0];
  if (prefix === 'A') return 'agent';
  if (prefix === 'B' || prefix === 'L') return 'bot';
  if (prefix === 'S' || prefix === 'I') return 'system';
  return 'customer';
}

/**
 * HubSpot: the help desk's conversation threads by latest message (with the ticket each is
 * associated with), their messages, and the tickets' subject and pipeline stage.
 */
export function hubspotConnector(s: ConnectorSettings, http: HttpOptions): Connector {
  const token = requireSetting(s, 'accessToken', 'private app token', 'HubSpot');
  const api = client('HubSpot', s.baseUrl ?? 'https://api.hubapi.com', { authorization: `Bearer ${token}` }, http);
  const bots = new BotMatcher(s);

  async function messages(threadId: string): Promise<HsMessage[]> {
    const out: HsMessage[] = [];
    let after: string | null = null;
    do {
      const { body }: { body: HsList<HsMessage> } = await api.get(`conversations/v3/conversations/threads/${threadId}/messages`, {
        limit: LIMIT,
        ...(after ? { after } : {}),
      });
      out.push(...body.results);
      after = body.paging?.next?.after ?? null;
    } while (after);
    return out;
  }

  async function tickets(ids: string[]): Promise<Map<string, HsTicket>> {
    if (!ids.length) return new Map();
    const { body } = await api.post<HsList<HsTicket>>('crm/v3/objects/tickets/batch/read', {
      inputs: ids.map((id) => ({ id })),
      properties: ['subject', 'hs_pipeline_stage', 'closed_date', 'hs_ticket_category', 'createdate'],
    });
    return new Map(body.results.map((t) => [t.id, t]));
  }

  function toTicket(t: HsThread, list: HsMessage[], ticket: HsTicket | undefined): TicketInput {
    const written = list.filter((m) => (m.type === 'MESSAGE' || m.type === 'COMMENT') && (m.text ?? m.richText ?? '').trim() !== '');
    const msgs = written.map((m): MessageInput => {
      const sender = m.senders?.[0];
      const actor = sender?.actorId ?? '';
      const role = actor ? actorRole(actor) : m.direction === 'INCOMING' ? 'customer' : 'agent';
      return {
        externalId: m.id,
        role: bots.role(role, { id: actor || null, name: sender?.name }),
        public: m.type !== 'COMMENT',
        createdAt: iso(m.createdAt)!,
        body: m.text ?? htmlToText(m.richText ?? ''),
        authorId: actor || null,
        authorName: sender?.name ?? null,
      };
    });
    const customer = written.find((m) => m.senders?.[0] && actorRole(m.senders[0].actorId) === 'customer')?.senders?.[0];
    const closed = t.status === 'CLOSED';
    const category = ticket?.properties.hs_ticket_category;
    return {
      // the ticket a thread belongs to keys it, so a ticket with two threads holds both
      externalId: t.threadAssociations?.associatedTicketId ?? `thread-${t.id}`,
      subject: ticket?.properties.subject ?? null,
      status: closed ? 'closed' : 'open',
      channel: CHANNELS[t.originalChannelId ?? ''] ?? null,
      createdAt: iso(t.createdAt)!,
      updatedAt: iso(t.latestMessageTimestamp),
      solvedAt: closed ? iso(t.closedAt ?? ticket?.properties.closed_date ?? null) : null,
      reopenedAt: null,
      tags: category ? [category.toLowerCase()] : [],
      csat: null,
      requester: customer
        ? { id: t.associatedContactId ?? customer.actorId, name: customer.name ?? null, email: customer.deliveryIdentifier?.value ?? null }
        : null,
      messages: msgs,
      truth: null,
    };
  }

  return {
    async page(cursor) {
      const c: HsCursor = (cursor as HsCursor | null) ?? {
        since: new Date(historyStart(s.historyDays)).toISOString(),
        after: null,
        newest: '',
      };
      const { body } = await api.get<HsList<HsThread>>('conversations/v3/conversations/threads', {
        sort: 'latestMessageTimestamp',
        latestMessageTimestampAfter: c.since,
        association: 'TICKET',
        limit: LIMIT,
        ...(c.after ? { after: c.after } : {}),
      });
      const list = await mapLimit(body.results, TICKET_CONCURRENCY, (t) => messages(t.id));
      const linked = await tickets(
        body.results.flatMap((t) => (t.threadAssociations?.associatedTicketId ? [t.threadAssociations.associatedTicketId] : [])),
      );
      const newest = body.results.reduce(
        (max, t) => (iso(t.latestMessageTimestamp)! > max ? iso(t.latestMessageTimestamp)! : max),
        c.newest,
      );
      const after = body.paging?.next?.after ?? null;
      const next: HsCursor = after ? { since: c.since, after, newest } : { since: newest || c.since, after: null, newest };
      const out = body.results
        .map((t, i) => toTicket(t, list[i]!, linked.get(t.threadAssociations?.associatedTicketId ?? '')))
        .filter((t) => t.messages.length > 0);
      return { tickets: out, cursor: next, done: after === null, estimate: null };
    },
    async describe() {
      const { body } = await api.get<HsList<{ id: string; name: string }>>('conversations/v3/conversations/inboxes', { limit: 20 });
      await api.get<HsList<HsTicket>>('crm/v3/objects/tickets', { limit: 1 });
      return `HubSpot: connected; inboxes ${body.results.map((i) => i.name).join(', ') || '(none visible)'}; tickets readable.`;
    },
  };
}
