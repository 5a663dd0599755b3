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

interface IAuthor {
  type: string;
  id: string;
  name?: string | null;
  email?: string | null;
  from_ai_agent?: boolean;
  is_ai_answer?: boolean;
}
interface IPart {
  id: string;
  part_type: string;
  body: string | null;
  created_at: number;
  author: IAuthor;
}
interface IConversation {
  id: string;
  title?: string | null;
  created_at: number;
  updated_at: number;
  state: 'open' | 'closed' | 'snoozed';
  source: { id: string; type?: string; subject?: string | null; body?: string | null; author: IAuthor; delivered_as?: string };
  tags?: { tags: { name: string }[] };
  statistics?: { last_close_at?: number | null } | null;
  conversation_rating?: { rating?: number | null } | null;
  ai_agent_participated?: boolean;
  ai_agent?: { resolution_state?: string | null } | null;
  conversation_parts?: { conversation_parts: IPart[] };
}
interface ISearch {
  conversations: IConversation[];
  total_count: number;
  pages?: { next?: { starting_after?: string | null } | null };
}

interface ICursor {
  /** Conversations updated after this unix time… */
  since: number;
  /** …continuing after this search cursor. */
  after: string | null;
  newest: number;
}

const HOSTS: Record<string, string> = { us: 'https://api.intercom.io', eu: 'https://api.eu.intercom.io', au: 'https://api.au.intercom.io' };
const PER_PAGE = 50;
/** Parts that carry words; assignments, opens and closes are events, not messages. */
const MESSAGE_PARTS = new Set(['comment', 'note', 'open', 'close', 'assignment', 'assign_and_reopen']);

/** How a conversation can start with a message of the helpdesk's own: an automated outbound message, a campaign's. */
const AUTOMATED_STARTS = new Set(['automated', 'campaigns_initiated']);

function vendorRole(author: IAuthor): MessageRole {
  if (author.type === 'user' || author.type === 'lead' || author.type === 'contact') return 'customer';
  if (author.type === 'bot') return 'bot';
  return 'agent';
}

/**
 * Intercom: conversations by updated_at through the search API, each one's parts. Fin's
 * replies carry `from_ai_agent`/`is_ai_answer`; `ai_agent.resolution_state` "routed_to_team"
 * marks the handover.
 */
export function intercomConnector(s: ConnectorSettings, http: HttpOptions): Connector {
  const token = requireSetting(s, 'accessToken', 'access token', 'Intercom');
  const host = s.baseUrl ?? HOSTS[s.config.region ?? 'us'] ?? HOSTS.us!;
  const api = client('Intercom', host, { authorization: `Bearer ${token}`, 'intercom-version': '2.11' }, http);
  const bots = new BotMatcher(s);

  const message = (id: string, author: IAuthor, body: string | null | undefined, at: number, isPublic: boolean): MessageInput => ({
    externalId: id,
    role: bots.role(vendorRole(author), author, author.from_ai_agent === true || author.is_ai_answer === true),
    public: isPublic,
    createdAt: iso(at)!,
    body: htmlToText(body ?? ''),
    authorId: author.id,
    authorName: author.name ?? null,
  });

  function toTicket(c: IConversation): TicketInput {
    const first = message(`source-${c.source.id}`, c.source.author, c.source.body, c.created_at, true);
    // an outbound message the team's automation sent is no reply: the customer's answer to it is the question
    if (first.role === 'agent' && AUTOMATED_STARTS.has(c.source.delivered_as ?? '')) first.role = 'system';
    const written = (c.conversation_parts?.conversation_parts ?? []).filter(
      (p) => MESSAGE_PARTS.has(p.part_type) && (p.body ?? '').trim() !== '',
    );
    const parts = written.map((p) => message(p.id, p.author, p.body, p.created_at, p.part_type !== 'note' && p.part_type !== 'assignment'));
    const customer = [c.source.author, ...written.map((p) => p.author)].find((a) => vendorRole(a) === 'customer');
    const rating = c.conversation_rating?.rating;
    return {
      externalId: c.id,
      subject: htmlToText(c.source.subject ?? c.title ?? '') || null,
      status: c.state,
      channel: c.source.type ?? null,
      createdAt: iso(c.created_at)!,
      updatedAt: iso(c.updated_at),
      solvedAt: c.state === 'closed' ? iso(c.statistics?.last_close_at ?? c.updated_at) : null,
      reopenedAt: null,
      tags: (c.tags?.tags ?? []).map((t) => t.name),
      csat: rating == null ? null : rating >= 4 ? 'good' : 'bad',
      requester: customer ? { id: customer.id, name: customer.name ?? null, email: customer.email ?? null } : null,
      messages: first.body.trim() ? [first, ...parts] : parts,
      signals: { aiInvolved: c.ai_agent_participated === true, handover: c.ai_agent?.resolution_state === 'routed_to_team' },
      truth: null,
    };
  }

  return {
    async page(cursor) {
      const c: ICursor = (cursor as ICursor | null) ?? { since: Math.floor(historyStart(s.historyDays) / 1000), after: null, newest: 0 };
      const { body } = await api.post<ISearch>('conversations/search', {
        query: { operator: 'AND', value: [{ field: 'updated_at', operator: '>', value: c.since }] },
        pagination: { per_page: PER_PAGE, ...(c.after ? { starting_after: c.after } : {}) },
      });
      // the search leaves out parts (and sometimes the resolution state): read each conversation whole
      const full = await mapLimit(
        body.conversations,
        TICKET_CONCURRENCY,
        async (x) => (await api.get<IConversation>(`conversations/${x.id}`, { display_as: 'plaintext' })).body,
      );
      const newest = full.reduce((max, x) => Math.max(max, x.updated_at), c.newest);
      const after = body.pages?.next?.starting_after ?? null;
      // ">" on whole seconds: start a second early next time, re-reading the last second's changes harmlessly
      const next: ICursor = after ? { since: c.since, after, newest } : { since: Math.max(c.since, newest - 1), after: null, newest };
      return {
        tickets: full.map(toTicket).filter((t) => t.messages.length > 0),
        cursor: next,
        done: after === null,
        estimate: body.total_count,
      };
    },
    async describe() {
      const me = (await api.get<{ name: string; app?: { name?: string } }>('me')).body;
      const { body } = await api.post<ISearch>('conversations/search', {
        query: { operator: 'AND', value: [{ field: 'updated_at', operator: '>', value: Math.floor(historyStart(s.historyDays) / 1000) }] },
        pagination: { per_page: 1 },
      });
      return `Intercom ${me.app?.name ?? ''}: signed in as ${me.name}; ${body.total_count.toLocaleString('en-US')} conversations changed in the last ${s.historyDays} days.`.replace(
        'Intercom :',
        'Intercom:',
      );
    },
  };
}
