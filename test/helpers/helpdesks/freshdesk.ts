import { basic, type MockRequest, type VendorApi } from './server';
import { ADMIN, isoOf, type Ticket, type World } from './world';

const KEY = 'fd-Abc123XyZ';
const SOURCE: Record<string, number> = { email: 1, web: 2, chat: 7 };

function ticket(t: Ticket, include: string) {
  return {
    id: t.id,
    subject: t.subject,
    description: `<div>${t.messages[0]!.body}</div>`,
    description_text: t.messages[0]!.body,
    status: t.status === 'solved' ? 4 : 2,
    priority: 1,
    // tickets the Freddy bot took first come in with source 12 (Bot)
    source: t.aiInvolved && t.channel === 'chat' ? 12 : (SOURCE[t.channel] ?? 2),
    requester_id: t.requester.id,
    responder_id: t.messages.find((m) => m.author.kind === 'agent')?.author.id ?? null,
    group_id: null,
    tags: t.tags,
    fr_escalated: false,
    is_escalated: false,
    created_at: isoOf(t.createdAt),
    updated_at: isoOf(t.updatedAt),
    ...(include.includes('requester') ? { requester: { id: t.requester.id, name: t.requester.name, email: t.requester.email } } : {}),
    ...(include.includes('stats')
      ? { stats: { resolved_at: isoOf(t.solvedAt), closed_at: null, first_responded_at: null, agent_responded_at: null } }
      : {}),
  };
}

function link(req: MockRequest, page: number): Record<string, string> {
  const q = new URLSearchParams(req.query);
  q.set('page', String(page));
  return { link: `<${req.origin}${req.path}?${q}>; rel="next"` };
}

/**
 * Freshdesk: Basic `{api_key}:X`, tickets by updated_since with Link pagination and the
 * 300-page cap (`maxPage` makes it small for tests), conversations, agents, X-RateLimit headers.
 */
export function freshdesk(world: World, maxPage = 300): VendorApi {
  return {
    basePath: '/api/v2',
    credentials: { fields: { domain: 'brightkettle' }, secrets: { apiKey: KEY } },
    authorize(req) {
      const auth = basic(req.headers);
      if (auth && auth[0] === KEY) return null;
      return { status: 401, body: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' } };
    },
    route(req) {
      const p = req.path.replace(/^\/api\/v2/, '');
      const perPage = Math.min(100, Number(req.query.get('per_page') ?? 30));
      const page = Number(req.query.get('page') ?? 1);
      if (p === '/agents/me') return { body: { id: ADMIN.id, contact: { name: ADMIN.name, email: ADMIN.email } } };
      if (p === '/agents') {
        const staff = world.users().filter((u) => u.kind !== 'customer');
        const slice = staff.slice((page - 1) * perPage, page * perPage);
        return {
          body: slice.map((a) => ({ id: a.id, contact: { name: a.name, email: a.email } })),
          headers: page * perPage < staff.length ? link(req, page + 1) : {},
        };
      }
      if (p === '/tickets') {
        if (page > maxPage)
          return {
            status: 400,
            body: {
              description: 'Validation failed',
              errors: [{ field: 'page', message: `Value must be less than or equal to ${maxPage}`, code: 'invalid_value' }],
            },
          };
        const since = req.query.get('updated_since');
        const from = since ? Date.parse(since) : Date.now() - 30 * 86_400_000;
        const all = world.byChange().filter((t) => t.updatedAt >= from);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        // the last allowed page still links on: the next one is refused (400), as Freshdesk does
        const more = page * perPage < all.length;
        return { body: slice.map((t) => ticket(t, req.query.get('include') ?? '')), headers: more ? link(req, page + 1) : {} };
      }
      const conv = p.match(/^\/tickets\/(\d+)\/conversations$/);
      if (conv) {
        const t = world.get(Number(conv[1]));
        if (!t) return { status: 404, body: { code: 'access_denied' } };
        const list = t.messages.slice(1).map((m) => ({
          id: m.id,
          body: `<div>${m.body}</div>`,
          body_text: m.body,
          incoming: m.author.kind === 'customer',
          private: !m.public,
          user_id: m.author.id,
          source: m.public ? 0 : 2,
          ticket_id: t.id,
          created_at: isoOf(m.at),
          updated_at: isoOf(m.at),
        }));
        const slice = list.slice((page - 1) * perPage, page * perPage);
        return { body: slice, headers: page * perPage < list.length ? link(req, page + 1) : {} };
      }
      return null;
    },
    notFound: () => ({ status: 404, body: { code: 'invalid_url', message: 'Not found' } }),
    rateHeaders: (w) => ({
      'x-ratelimit-total': String(Math.round((w.limit * 60_000) / w.windowMs)),
      'x-ratelimit-remaining': String(w.remaining),
      'x-ratelimit-used-currentrequest': '1',
    }),
    limited: (w) => ({
      status: 429,
      headers: {
        'retry-after': String(Math.ceil((w.resetAt - Date.now()) / 1000)),
        'x-ratelimit-total': String(Math.round((w.limit * 60_000) / w.windowMs)),
        'x-ratelimit-remaining': '0',
      },
      body: { message: 'You have exceeded the limit of requests per minute' },
    }),
  };
}
