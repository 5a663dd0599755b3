import type { MessageInput, TicketInput } from '../tickets/format';
import { HelpdeskError } from './http';
import { htmlToText } from './html-text';
import {
  basicAuth,
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

interface FTicket {
  id: number;
  subject: string | null;
  description_text?: string | null;
  description?: string | null;
  status: number;
  source: number;
  requester_id: number;
  tags: string[];
  created_at: string;
  updated_at: string;
  requester?: { id: number; name: string | null; email: string | null };
  stats?: { resolved_at?: string | null; closed_at?: string | null; reopened_at?: string | null };
}
interface FConversation {
  id: number;
  body_text?: string | null;
  body?: string | null;
  incoming: boolean;
  private: boolean;
  user_id: number;
  created_at: string;
}
interface FAgent {
  id: number;
  contact: { name: string; email: string | null };
}

/** The page and the window a sync is in: Freshdesk stops paging at 300, so the window moves on. */
interface FCursor {
  since: string;
  page: number;
  /** The newest updated_at seen in this sync: where the next one starts. */
  newest: string;
}

const PER_PAGE = 100;
const MAX_PAGE = 300;
const STATUS: Record<number, string> = { 2: 'open', 3: 'pending', 4: 'resolved', 5: 'closed' };
const CHANNEL: Record<number, string> = { 1: 'email', 2: 'web', 3: 'phone', 7: 'chat', 9: 'web', 10: 'email', 12: 'chat' };
/** Freshdesk's ticket source for tickets its bot created. */
const SOURCE_BOT = 12;

function nextLink(link: string | null): string | null {
  return link?.match(/<([^>]+)>\s*;\s*rel="?next"?/)?.[1] ?? null;
}

/**
 * Freshdesk: tickets by updated_since in change order (with requester and stats), their
 * conversations, and the agents' names. A ticket's description is its first customer message.
 */
export function freshdeskConnector(s: ConnectorSettings, http: HttpOptions): Connector {
  const domain = requireSetting(s, 'domain', 'domain', 'Freshdesk');
  const key = requireSetting(s, 'apiKey', 'API key', 'Freshdesk');
  const api = client('Freshdesk', s.baseUrl ?? `https://${domain}.freshdesk.com/api/v2`, { authorization: basicAuth(key, 'X') }, http);
  const bots = new BotMatcher(s);
  let agents: Map<number, FAgent> | null = null;

  async function loadAgents(): Promise<Map<number, FAgent>> {
    if (agents) return agents;
    const found = new Map<number, FAgent>();
    let next: string | null = api.url('agents', { per_page: 100 });
    while (next) {
      const response: { body: FAgent[]; headers: Headers } = await api.request('GET', next);
      for (const a of response.body) found.set(a.id, a);
      next = nextLink(response.headers.get('link'));
    }
    return (agents = found);
  }

  async function conversations(ticketId: number): Promise<FConversation[]> {
    const out: FConversation[] = [];
    let next: string | null = api.url(`tickets/${ticketId}/conversations`, { per_page: 100 });
    while (next) {
      const response: { body: FConversation[]; headers: Headers } = await api.request('GET', next);
      out.push(...response.body);
      next = nextLink(response.headers.get('link'));
    }
    return out;
  }

  function toTicket(t: FTicket, list: FConversation[], staff: Map<number, FAgent>): TicketInput {
    const requesterName = t.requester?.name ?? null;
    const first: MessageInput = {
      externalId: `description-${t.id}`,
      role: 'customer',
      public: true,
      createdAt: iso(t.created_at)!,
      body: t.description_text ?? htmlToText(t.description ?? ''),
      authorId: String(t.requester_id),
      authorName: requesterName,
    };
    const messages = list.map((c): MessageInput => {
      const agent = staff.get(c.user_id);
      const role = c.incoming || (!agent && c.user_id === t.requester_id) ? 'customer' : 'agent';
      const name = agent?.contact.name ?? (c.user_id === t.requester_id ? requesterName : null);
      return {
        externalId: String(c.id),
        role: bots.role(role, { id: String(c.user_id), name }),
        public: !c.private,
        createdAt: iso(c.created_at)!,
        body: c.body_text ?? htmlToText(c.body ?? ''),
        authorId: String(c.user_id),
        authorName: name,
      };
    });
    const status = STATUS[t.status] ?? String(t.status);
    return {
      externalId: String(t.id),
      subject: t.subject || null,
      status,
      channel: CHANNEL[t.source] ?? null,
      createdAt: iso(t.created_at)!,
      updatedAt: iso(t.updated_at),
      solvedAt: iso(t.stats?.resolved_at ?? t.stats?.closed_at ?? null),
      reopenedAt: iso(t.stats?.reopened_at ?? null),
      tags: t.tags ?? [],
      csat: null,
      requester: t.requester ? { id: String(t.requester.id), name: t.requester.name, email: t.requester.email } : null,
      messages: first.body.trim() ? [first, ...messages] : messages,
      signals: t.source === SOURCE_BOT ? { aiInvolved: true } : undefined,
      truth: null,
    };
  }

  return {
    async page(cursor) {
      const c: FCursor = (cursor as FCursor | null) ?? { since: new Date(historyStart(s.historyDays)).toISOString(), page: 1, newest: '' };
      let response;
      try {
        response = await api.get<FTicket[]>('tickets', {
          updated_since: c.since,
          order_by: 'updated_at',
          order_type: 'asc',
          per_page: PER_PAGE,
          page: c.page,
          include: 'requester,stats',
        });
      } catch (error) {
        // past the last page Freshdesk serves (300 on most plans): go on from the newest change seen
        if (error instanceof HelpdeskError && error.status === 400 && c.page > 1 && c.newest)
          return { tickets: [], cursor: { since: c.newest, page: 1, newest: c.newest }, done: false, estimate: null };
        throw error;
      }
      const staff = await loadAgents();
      const list = await mapLimit(response.body, TICKET_CONCURRENCY, (t) => conversations(t.id));
      const tickets = response.body.map((t, i) => toTicket(t, list[i]!, staff));
      const newest = response.body.reduce((max, t) => (iso(t.updated_at)! > max ? iso(t.updated_at)! : max), c.newest);
      const more = nextLink(response.headers.get('link')) !== null;
      let next: FCursor;
      if (!more) next = { since: newest || c.since, page: 1, newest };
      // page 300 is the last Freshdesk serves: go on from the newest change seen (its tickets come again, harmlessly)
      else if (c.page >= MAX_PAGE) next = { since: newest, page: 1, newest };
      else next = { since: c.since, page: c.page + 1, newest };
      return { tickets, cursor: next, done: !more, estimate: null };
    },
    async describe() {
      const me = (await api.get<{ contact: { name: string; email: string } }>('agents/me')).body;
      const first = await api.get<FTicket[]>('tickets', {
        updated_since: new Date(historyStart(s.historyDays)).toISOString(),
        per_page: 1,
      });
      const any = first.body.length > 0 ? 'tickets to sync' : 'no tickets changed in that time';
      return `Freshdesk ${domain}: signed in as ${me.contact.name}; ${any} in the last ${s.historyDays} days.`;
    },
  };
}
