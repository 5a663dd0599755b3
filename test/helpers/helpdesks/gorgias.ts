import { basic, type VendorApi } from './server';
import { ADMIN, decodeCursor, encodeCursor, html, isoOf, type Ticket, type World } from './world';

const KEY = 'gg-5e0d7c';

function person(p: { id: number; name: string; email: string | null }) {
  return { id: p.id, email: p.email, name: p.name, firstname: p.name.split(' ')[0], lastname: p.name.split(' ').slice(1).join(' ') };
}

function aiTags(t: Ticket): string[] {
  if (!t.aiInvolved) return [];
  return [
    ...(t.aiAnswered ? ['ai_answered'] : []),
    ...(t.handover ? ['ai_handover'] : []),
    ...(!t.aiAnswered && !t.handover ? ['ai_close'] : []),
  ];
}

function ticket(t: Ticket) {
  return {
    id: t.id,
    uri: `/api/tickets/${t.id}/`,
    subject: t.subject,
    status: t.status === 'solved' ? 'closed' : 'open',
    channel: t.channel,
    via: t.channel === 'chat' ? 'chat' : 'email',
    customer: person(t.requester),
    tags: [...t.tags, ...aiTags(t)].map((name, i) => ({ id: i + 1, name })),
    created_datetime: isoOf(t.createdAt),
    updated_datetime: isoOf(t.updatedAt),
    closed_datetime: isoOf(t.solvedAt),
    satisfaction_survey: t.csat ? { score: t.csat === 'good' ? 5 : 2 } : null,
  };
}

/** Pages a list by an opaque cursor over positions in it (Gorgias hands out next_cursor/prev_cursor). */
function cursorPage<T>(items: T[], cursor: string | null, limit: number) {
  const start = cursor ? (decodeCursor<{ at: number }>(cursor)?.at ?? 0) : 0;
  const data = items.slice(start, start + limit);
  const next = start + limit < items.length ? encodeCursor({ at: start + limit }) : null;
  return {
    data,
    meta: { next_cursor: next, prev_cursor: start > 0 ? encodeCursor({ at: Math.max(0, start - limit) }) : null },
    object: 'list',
  };
}

/**
 * Gorgias: Basic `{email}:{api_key}`, tickets newest change first with cursor pagination and
 * no "since" filter, messages per ticket, the AI Agent's ai_answered / ai_handover tags, the
 * X-Gorgias-Account-Api-Call-Limit header and a 429 with Retry-after.
 */
export function gorgias(world: World): VendorApi {
  return {
    basePath: '/api',
    credentials: { fields: { domain: 'brightkettle', email: ADMIN.email }, secrets: { apiKey: KEY } },
    authorize(req) {
      const auth = basic(req.headers);
      if (auth && auth[0] === ADMIN.email && auth[1] === KEY) return null;
      return { status: 401, body: { error: { msg: 'Unauthorized' } } };
    },
    route(req) {
      const p = req.path.replace(/^\/api/, '');
      const limit = Math.min(100, Number(req.query.get('limit') ?? 30));
      if (p === '/account') return { body: { domain: 'brightkettle', status: { status: 'active' } } };
      if (p === '/tickets') {
        const order = req.query.get('order_by') ?? 'created_datetime:desc';
        if (order !== 'updated_datetime:desc' && order !== 'created_datetime:desc')
          return { status: 400, body: { error: { msg: `Invalid order_by ${order}` } } };
        const sorted = order.startsWith('updated')
          ? world.byChange().reverse()
          : [...world.tickets].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
        const page = cursorPage(sorted, req.query.get('cursor'), limit);
        return { body: { ...page, data: page.data.map(ticket), uri: '/api/tickets' } };
      }
      const msgs = p.match(/^\/tickets\/(\d+)\/messages$/);
      if (msgs) {
        const t = world.get(Number(msgs[1]));
        if (!t) return { status: 404, body: { error: { msg: 'Resource not found' } } };
        const list = t.messages.map((m) => ({
          id: m.id,
          uri: `/api/tickets/${t.id}/messages/${m.id}/`,
          ticket_id: t.id,
          public: m.public,
          channel: t.channel,
          via: m.automated ? 'rule' : 'api',
          source: { type: m.public ? (t.channel === 'chat' ? 'chat' : 'email') : 'internal-note' },
          sender: person(m.author),
          from_agent: m.author.kind !== 'customer',
          body_text: m.body,
          body_html: html(m.body),
          stripped_text: m.body,
          created_datetime: isoOf(m.at),
          sent_datetime: isoOf(m.at),
        }));
        return { body: { ...cursorPage(list, req.query.get('cursor'), limit), uri: `/api/tickets/${t.id}/messages` } };
      }
      return null;
    },
    notFound: () => ({ status: 404, body: { error: { msg: 'Resource not found' } } }),
    rateHeaders: (w) => ({ 'x-gorgias-account-api-call-limit': `${w.limit - w.remaining}/${w.limit}` }),
    limited: (w) => ({
      status: 429,
      headers: {
        'retry-after': String(Math.ceil((w.resetAt - Date.now()) / 1000)),
        'x-gorgias-account-api-call-limit': `${w.limit}/${w.limit}`,
      },
      body: { error: { msg: 'Too many requests' } },
    }),
  };
}
