import type { MessageInput, TicketInput } from '../tickets/format';
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

interface ZTicket {
  id: number;
  subject: string | null;
  status: string;
  requester_id: number | null;
  tags: string[];
  via?: { channel?: string };
  created_at: string;
  updated_at: string;
  satisfaction_rating?: { score?: string } | null;
}
interface ZComment {
  id: number;
  author_id: number;
  body: string;
  plain_body?: string;
  public: boolean;
  /** `rule` for a comment a trigger or automation wrote. */
  via?: { channel?: string };
  created_at: string;
}
interface ZUser {
  id: number;
  name: string;
  email: string | null;
  role: 'end-user' | 'agent' | 'admin';
}
interface ZMetricSet {
  ticket_id: number;
  solved_at: string | null;
}
interface ZExport {
  tickets: ZTicket[];
  metric_sets?: ZMetricSet[];
  after_cursor: string | null;
  end_of_stream: boolean;
}

type ZCursor = { after: string } | null;

/** Tickets per export page: small enough that a page of comments commits every few seconds. */
const PAGE = 100;

/**
 * Zendesk Support: the incremental cursor export (tickets with their metric sets), each
 * ticket's comments, and the users behind them (end-users are customers, agents and admins
 * are people unless listed as the AI agent: Zendesk marks no comment as the bot's). A comment a
 * trigger or automation wrote (via `rule`) is the helpdesk's own, whoever it is signed by.
 */
export function zendeskConnector(s: ConnectorSettings, http: HttpOptions): Connector {
  const sub = requireSetting(s, 'subdomain', 'subdomain', 'Zendesk');
  const email = requireSetting(s, 'email', 'agent email', 'Zendesk');
  const token = requireSetting(s, 'apiToken', 'API token', 'Zendesk');
  const api = client(
    'Zendesk',
    s.baseUrl ?? `https://${sub}.zendesk.com/api/v2`,
    { authorization: basicAuth(`${email}/token`, token) },
    http,
  );
  const bots = new BotMatcher(s);
  const users = new Map<number, ZUser>();

  async function loadUsers(ids: number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !users.has(id));
    for (let i = 0; i < missing.length; i += 100) {
      const { body } = await api.get<{ users: ZUser[] }>('users/show_many.json', { ids: missing.slice(i, i + 100).join(',') });
      for (const u of body.users) users.set(u.id, u);
    }
  }

  async function comments(ticketId: number): Promise<ZComment[]> {
    const out: ZComment[] = [];
    let next: string | null = api.url(`tickets/${ticketId}/comments.json`);
    while (next) {
      const { body }: { body: { comments: ZComment[]; next_page?: string | null } } = await api.request('GET', next);
      out.push(...body.comments);
      next = body.next_page ?? null;
    }
    return out;
  }

  function toTicket(t: ZTicket, list: ZComment[], solvedAt: string | null): TicketInput {
    const requester = t.requester_id !== null ? users.get(t.requester_id) : undefined;
    const messages: MessageInput[] = list.map((c) => {
      const author = users.get(c.author_id);
      const vendorRole = !author || author.role === 'end-user' ? 'customer' : c.via?.channel === 'rule' ? 'system' : 'agent';
      return {
        externalId: String(c.id),
        role: bots.role(vendorRole, { id: String(c.author_id), name: author?.name }),
        public: c.public,
        createdAt: iso(c.created_at)!,
        body: c.plain_body ?? c.body,
        authorId: String(c.author_id),
        authorName: author?.name ?? null,
      };
    });
    return {
      externalId: String(t.id),
      subject: t.subject || null,
      status: t.status,
      channel: t.via?.channel ?? null,
      createdAt: iso(t.created_at)!,
      updatedAt: iso(t.updated_at),
      solvedAt: iso(solvedAt),
      reopenedAt: null,
      tags: t.tags,
      csat: t.satisfaction_rating?.score && t.satisfaction_rating.score !== 'unoffered' ? t.satisfaction_rating.score : null,
      requester: requester ? { id: String(requester.id), name: requester.name, email: requester.email } : null,
      messages,
      truth: null,
    };
  }

  return {
    async page(cursor) {
      const c = cursor as ZCursor;
      const query = c
        ? { cursor: c.after, per_page: PAGE, include: 'metric_sets' }
        : { start_time: Math.floor(historyStart(s.historyDays) / 1000), per_page: PAGE, include: 'metric_sets' };
      const { body } = await api.get<ZExport>('incremental/tickets/cursor.json', query);
      const live = body.tickets.filter((t) => t.status !== 'deleted');
      const solved = new Map((body.metric_sets ?? []).map((m) => [m.ticket_id, m.solved_at]));
      const lists = await mapLimit(live, TICKET_CONCURRENCY, (t) => comments(t.id));
      await loadUsers([...live.flatMap((t) => (t.requester_id !== null ? [t.requester_id] : [])), ...lists.flat().map((x) => x.author_id)]);
      return {
        tickets: live.map((t, i) => toTicket(t, lists[i]!, solved.get(t.id) ?? null)).filter((t) => t.messages.length > 0),
        cursor: (body.after_cursor ? { after: body.after_cursor } : c) satisfies ZCursor,
        done: body.end_of_stream,
        estimate: null,
      };
    },
    async describe() {
      const me = (await api.get<{ user: ZUser }>('users/me.json')).body.user;
      const count = (await api.get<{ count: { value: number } }>('tickets/count.json')).body.count.value;
      return `Zendesk ${sub}: signed in as ${me.name} (${me.role}); ${count.toLocaleString('en-US')} tickets in the account.`;
    },
  };
}
