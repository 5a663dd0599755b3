import type { MessageInput, TicketInput } from '../tickets/format';
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

interface GPerson {
  id: number;
  email?: string | null;
  name?: string | null;
}
interface GTicket {
  id: number;
  subject: string | null;
  status: 'open' | 'closed';
  channel: string | null;
  customer: GPerson | null;
  tags: { name: string }[];
  created_datetime: string;
  updated_datetime: string;
  closed_datetime: string | null;
  satisfaction_survey?: { score?: number | null } | null;
}
interface GMessage {
  id: number;
  public: boolean;
  from_agent: boolean;
  /** How it was sent: `rule` for a rule's auto-reply. */
  via?: string | null;
  sender: GPerson | null;
  body_text: string | null;
  body_html: string | null;
  stripped_text?: string | null;
  source?: { type?: string } | null;
  created_datetime: string;
  sent_datetime?: string | null;
}
interface GList<T> {
  data: T[];
  meta: { next_cursor: string | null; prev_cursor: string | null };
}

/**
 * Gorgias lists tickets newest change first with no "since" filter: a sync reads pages until
 * it reaches the previous sync's newest change (the watermark), then remembers this one's.
 */
interface GCursor {
  watermark: string;
  next: string | null;
  /** The newest change of this sync: the next sync's watermark. */
  top: string | null;
}

const LIMIT = 100;
/** Tags the Gorgias AI Agent puts on the tickets it handled. */
const AI_TAGS = new Set(['ai_processing', 'ai_answered', 'ai_snooze', 'ai_close', 'ai_handover', 'ai_ignore']);

/**
 * Gorgias: tickets with their messages; the AI Agent's tags say where it answered and where it
 * handed over. A rule's auto-reply (via `rule`) is the helpdesk's own, not a person's reply.
 */
export function gorgiasConnector(s: ConnectorSettings, http: HttpOptions): Connector {
  const domain = requireSetting(s, 'domain', 'domain', 'Gorgias');
  const email = requireSetting(s, 'email', 'email', 'Gorgias');
  const key = requireSetting(s, 'apiKey', 'API key', 'Gorgias');
  const api = client('Gorgias', s.baseUrl ?? `https://${domain}.gorgias.com/api`, { authorization: basicAuth(email, key) }, http);
  const bots = new BotMatcher(s);

  async function messages(ticketId: number): Promise<GMessage[]> {
    const out: GMessage[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: GList<GMessage> } = await api.get(`tickets/${ticketId}/messages`, {
        limit: LIMIT,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...body.data);
      cursor = body.meta.next_cursor;
    } while (cursor);
    return out;
  }

  function toTicket(t: GTicket, list: GMessage[]): TicketInput {
    const tags = t.tags.map((x) => x.name);
    const msgs = list.map((m): MessageInput => ({
      externalId: String(m.id),
      role: bots.role(m.from_agent ? (m.via === 'rule' ? 'system' : 'agent') : 'customer', {
        id: m.sender ? String(m.sender.id) : null,
        name: m.sender?.name,
      }),
      public: m.public && m.source?.type !== 'internal-note',
      createdAt: iso(m.sent_datetime ?? m.created_datetime)!,
      body: m.body_text ?? htmlToText(m.body_html ?? ''),
      authorId: m.sender ? String(m.sender.id) : null,
      authorName: m.sender?.name ?? null,
    }));
    const score = t.satisfaction_survey?.score;
    return {
      externalId: String(t.id),
      subject: t.subject || null,
      status: t.status,
      channel: t.channel,
      createdAt: iso(t.created_datetime)!,
      updatedAt: iso(t.updated_datetime),
      solvedAt: t.status === 'closed' ? iso(t.closed_datetime) : null,
      reopenedAt: null,
      tags,
      csat: score == null ? null : score >= 4 ? 'good' : 'bad',
      requester: t.customer ? { id: String(t.customer.id), name: t.customer.name ?? null, email: t.customer.email ?? null } : null,
      messages: msgs,
      signals: { aiInvolved: tags.some((x) => AI_TAGS.has(x)), handover: tags.includes('ai_handover') },
      truth: null,
    };
  }

  return {
    async page(cursor) {
      const c: GCursor = (cursor as GCursor | null) ?? {
        watermark: new Date(historyStart(s.historyDays)).toISOString(),
        next: null,
        top: null,
      };
      const { body } = await api.get<GList<GTicket>>('tickets', {
        limit: LIMIT,
        order_by: 'updated_datetime:desc',
        ...(c.next ? { cursor: c.next } : {}),
      });
      const fresh = body.data.filter((t) => iso(t.updated_datetime)! > c.watermark);
      const top = c.top ?? (fresh[0] ? iso(fresh[0].updated_datetime) : null);
      const list = await mapLimit(fresh, TICKET_CONCURRENCY, (t) => messages(t.id));
      const reachedOld = fresh.length < body.data.length || body.meta.next_cursor === null;
      const next: GCursor = reachedOld
        ? { watermark: top ?? c.watermark, next: null, top: null }
        : { watermark: c.watermark, next: body.meta.next_cursor, top };
      return {
        tickets: fresh.map((t, i) => toTicket(t, list[i]!)).filter((t) => t.messages.length > 0),
        cursor: next,
        done: reachedOld,
        estimate: null,
      };
    },
    async describe() {
      const account = (await api.get<{ domain: string }>('account')).body;
      const { body } = await api.get<GList<GTicket>>('tickets', { limit: 1, order_by: 'updated_datetime:desc' });
      const latest = body.data[0] ? `latest change ${body.data[0].updated_datetime.slice(0, 10)}` : 'no tickets yet';
      return `Gorgias ${account.domain}: connected; ${latest}.`;
    },
  };
}
