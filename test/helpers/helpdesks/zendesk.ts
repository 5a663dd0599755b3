import { basic, changeKey, pageAfter, type VendorApi } from './server';
import { ADMIN, decodeCursor, encodeCursor, isoOf, secondsOf, type Person, type Ticket, type World } from './world';

const TOKEN = 'zd-9f2c41';

function user(p: Person) {
  return { id: p.id, name: p.name, email: p.email, role: p.kind === 'customer' ? 'end-user' : 'agent', active: true };
}

function ticket(t: Ticket) {
  return {
    id: t.id,
    url: `https://brightkettle.zendesk.com/api/v2/tickets/${t.id}.json`,
    subject: t.subject,
    raw_subject: t.subject,
    status: t.status === 'solved' ? 'solved' : 'open',
    requester_id: t.requester.id,
    submitter_id: t.requester.id,
    assignee_id: t.handover ? (t.messages.find((m) => m.author.kind === 'agent')?.author.id ?? null) : null,
    group_id: null,
    tags: t.tags,
    via: { channel: t.channel === 'chat' ? 'chat' : t.channel, source: { from: {}, to: {}, rel: null } },
    satisfaction_rating: t.csat ? { score: t.csat } : { score: 'unoffered' },
    created_at: isoOf(t.createdAt),
    updated_at: isoOf(t.updatedAt),
  };
}

/**
 * Zendesk Support: Basic `{email}/token:{token}`, the incremental cursor export (keyset on
 * updated_at and id, `metric_sets` side-load, end_of_stream), comments, users/show_many,
 * X-Rate-Limit headers and a 429 with Retry-After.
 */
export function zendesk(world: World): VendorApi {
  const email = ADMIN.email;
  return {
    basePath: '/api/v2',
    credentials: { fields: { subdomain: 'brightkettle', email }, secrets: { apiToken: TOKEN } },
    authorize(req) {
      const auth = basic(req.headers);
      if (auth && auth[0] === `${email}/token` && auth[1] === TOKEN) return null;
      return { status: 401, body: { error: "Couldn't authenticate you" } };
    },
    route(req) {
      const p = req.path.replace(/^\/api\/v2/, '');
      if (p === '/users/me.json') return { body: { user: { id: ADMIN.id, name: ADMIN.name, email, role: 'admin' } } };
      if (p === '/tickets/count.json') return { body: { count: { value: world.tickets.length, refreshed_at: new Date().toISOString() } } };
      if (p === '/incremental/tickets/cursor.json') {
        const perPage = Math.min(1000, Number(req.query.get('per_page') ?? 1000));
        const cursor = req.query.get('cursor');
        let after: string | null = null;
        let items = world.byChange();
        if (cursor) {
          const decoded = decodeCursor<{ k: string }>(cursor);
          if (!decoded) return { status: 400, body: { error: 'InvalidPaginationParameter', description: 'cursor is invalid' } };
          after = decoded.k;
        } else {
          const start = Number(req.query.get('start_time'));
          if (!Number.isFinite(start) || req.query.get('start_time') === null)
            return { status: 400, body: { error: 'InvalidValue', description: 'start_time is required' } };
          items = items.filter((t) => secondsOf(t.updatedAt) >= start);
        }
        const page = pageAfter(items, (t) => changeKey(t.updatedAt, t.id), after, perPage);
        const next = page.last ? encodeCursor({ k: page.last }) : null;
        const include = req.query.get('include') ?? '';
        return {
          body: {
            tickets: page.items.map(ticket),
            ...(include.includes('metric_sets')
              ? { metric_sets: page.items.map((t) => ({ ticket_id: t.id, solved_at: isoOf(t.solvedAt), reopens: 0 })) }
              : {}),
            after_cursor: next,
            after_url: next ? `${req.origin}/api/v2/incremental/tickets/cursor.json?cursor=${next}` : null,
            before_cursor: null,
            before_url: null,
            end_of_stream: !page.more,
          },
        };
      }
      const comments = p.match(/^\/tickets\/(\d+)\/comments\.json$/);
      if (comments) {
        const t = world.get(Number(comments[1]));
        if (!t) return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
        return {
          body: {
            comments: t.messages.map((m) => ({
              id: m.id,
              type: 'Comment',
              author_id: m.author.id,
              body: m.body,
              html_body: `<p>${m.body}</p>`,
              plain_body: m.body,
              public: m.public,
              attachments: [],
              via: { channel: m.automated ? 'rule' : m.author.kind === 'bot' ? 'api' : t.channel },
              created_at: isoOf(m.at),
            })),
            next_page: null,
            previous_page: null,
            count: t.messages.length,
          },
        };
      }
      if (p === '/users/show_many.json') {
        const ids = (req.query.get('ids') ?? '').split(',').map(Number);
        if (ids.length > 100) return { status: 400, body: { error: 'InvalidValue', description: 'at most 100 ids' } };
        return { body: { users: ids.flatMap((id) => (world.people.has(id) ? [user(world.people.get(id)!)] : [])) } };
      }
      return null;
    },
    notFound: () => ({ status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } }),
    rateHeaders: (w) => ({
      'x-rate-limit': String(Math.round((w.limit * 60_000) / w.windowMs)),
      'x-rate-limit-remaining': String(w.remaining),
    }),
    limited: (w) => ({
      status: 429,
      headers: {
        'content-type': 'text/plain',
        'retry-after': String(Math.ceil((w.resetAt - Date.now()) / 1000)),
        'x-rate-limit': String(Math.round((w.limit * 60_000) / w.windowMs)),
        'x-rate-limit-remaining': '0',
      },
      body: 'Too Many Requests',
    }),
  };
}
