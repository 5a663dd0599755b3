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

interface HPerson {
  id: number;
  type?: string;
  first?: string | null;
  last?: string | null;
  /** users/me spells them out */
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
}
interface HThread {
  id: number;
  type: string;
  body?: string | null;
  createdBy?: HPerson | null;
  createdAt: string;
}
interface HConversation {
  id: number;
  subject: string | null;
  status: string;
  source?: { type?: string } | null;
  primaryCustomer?: HPerson | null;
  tags?: { tag: string }[];
  createdAt: string;
  userUpdatedAt?: string | null;
  modifiedAt?: string;
  closedAt?: string | null;
}
interface HPage<K extends string, T> {
  _embedded?: Record<K, T[]>;
  _links?: { next?: { href: string } };
  page?: { totalElements: number; totalPages: number; number: number };
}

interface HCursor {
  since: string;
  page: number;
  newest: string;
}

/** Thread types that are words someone wrote; line items are status changes and assignments. */
const WRITTEN = new Set(['customer', 'message', 'note', 'chat', 'phone', 'reply']);
const EXPIRY_MARGIN_MS = 60_000;

function fullName(p: HPerson | null | undefined): string | null {
  const name = [p?.first ?? p?.firstName, p?.last ?? p?.lastName].filter(Boolean).join(' ').trim();
  return name || p?.email || null;
}

/**
 * Help Scout (Inbox API 2.0): an OAuth client-credentials token, conversations by
 * modifiedSince in change order (HAL pages), and each one's v3 threads, where the AI's
 * replies are written by a `system_user`.
 */
export function helpscoutConnector(s: ConnectorSettings, http: HttpOptions): Connector {
  const clientId = requireSetting(s, 'clientId', 'App ID', 'Help Scout');
  const secret = requireSetting(s, 'clientSecret', 'App secret', 'Help Scout');
  const root = s.baseUrl ?? 'https://api.helpscout.net';
  let token: { value: string; expiresAt: number } | null = null;
  const auth = client('Help Scout', root, {}, http);
  const accessToken = async (): Promise<string> => {
    if (token && token.expiresAt > Date.now() + EXPIRY_MARGIN_MS) return token.value;
    const { body } = await auth.postForm<{ access_token: string; expires_in: number }>('v2/oauth2/token', {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
    });
    token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return token.value;
  };
  const api = client('Help Scout', root, async () => ({ authorization: `Bearer ${await accessToken()}` }), http);
  const bots = new BotMatcher(s);

  async function threads(id: number): Promise<HThread[]> {
    const out: HThread[] = [];
    let next: string | null = api.url(`v3/conversations/${id}/threads`);
    while (next) {
      const { body }: { body: HPage<'threads', HThread> } = await api.request('GET', next);
      out.push(...(body._embedded?.threads ?? []));
      next = body._links?.next?.href ?? null;
    }
    return out;
  }

  function toTicket(c: HConversation, list: HThread[]): TicketInput {
    const messages = list
      .filter((t) => WRITTEN.has(t.type) && (t.body ?? '').trim() !== '')
      .map((t): MessageInput => {
        const by = t.createdBy;
        const customer = t.type === 'customer' || by?.type === 'customer';
        return {
          externalId: String(t.id),
          role: bots.role(
            customer ? 'customer' : 'agent',
            { id: by ? String(by.id) : null, name: fullName(by) },
            by?.type === 'system_user',
          ),
          public: t.type !== 'note',
          createdAt: iso(t.createdAt)!,
          body: htmlToText(t.body ?? ''),
          authorId: by ? String(by.id) : null,
          authorName: fullName(by),
        };
      });
    const p = c.primaryCustomer;
    return {
      externalId: String(c.id),
      subject: c.subject || null,
      status: c.status,
      channel: c.source?.type ?? null,
      createdAt: iso(c.createdAt)!,
      updatedAt: iso(c.userUpdatedAt ?? c.modifiedAt ?? null),
      solvedAt: c.status === 'closed' ? iso(c.closedAt ?? null) : null,
      reopenedAt: null,
      tags: (c.tags ?? []).map((t) => t.tag),
      csat: null,
      requester: p ? { id: String(p.id), name: fullName(p), email: p.email ?? null } : null,
      messages,
      truth: null,
    };
  }

  return {
    async page(cursor) {
      const c: HCursor = (cursor as HCursor | null) ?? {
        since: new Date(historyStart(s.historyDays)).toISOString().replace(/\.\d+Z$/, 'Z'),
        page: 1,
        newest: '',
      };
      const { body } = await api.get<HPage<'conversations', HConversation>>('v2/conversations', {
        status: 'all',
        modifiedSince: c.since,
        sortField: 'modifiedAt',
        sortOrder: 'asc',
        page: c.page,
      });
      const list = body._embedded?.conversations ?? [];
      const all = await mapLimit(list, TICKET_CONCURRENCY, (x) => threads(x.id));
      const newest = list.reduce((max, x) => {
        const at = iso(x.modifiedAt ?? x.userUpdatedAt ?? x.createdAt)!;
        return at > max ? at : max;
      }, c.newest);
      const more = Boolean(body._links?.next);
      const next: HCursor = more
        ? { since: c.since, page: c.page + 1, newest }
        : { since: (newest || c.since).replace(/\.\d+Z$/, 'Z'), page: 1, newest };
      return {
        tickets: list.map((x, i) => toTicket(x, all[i]!)).filter((t) => t.messages.length > 0),
        cursor: next,
        done: !more,
        estimate: body.page?.totalElements ?? null,
      };
    },
    async describe() {
      const me = (await api.get<HPerson>('v2/users/me')).body;
      const { body } = await api.get<HPage<'mailboxes', { name: string }>>('v2/mailboxes');
      const boxes = (body._embedded?.mailboxes ?? []).map((m) => m.name);
      return `Help Scout: signed in as ${fullName(me)}; mailboxes ${boxes.join(', ') || '(none visible)'}.`;
    },
  };
}
