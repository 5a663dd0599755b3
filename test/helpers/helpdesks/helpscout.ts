import { bearer, type MockRequest, type VendorApi } from './server';
import { ADMIN, html, isoOf, type Person, type Ticket, type World } from './world';

const CLIENT_ID = 'hs-app-4821';
const CLIENT_SECRET = 'hs-secret-77d1';
const PAGE_SIZE = 25;

function createdBy(p: Person) {
  const [first, ...last] = p.name.split(' ');
  const type = p.kind === 'customer' ? 'customer' : p.kind === 'bot' ? 'system_user' : 'user';
  return { id: p.id, type, first, last: last.join(' '), email: p.email };
}

function conversation(t: Ticket) {
  const closed = t.status === 'solved';
  return {
    id: t.id,
    number: 1000 + t.id,
    subject: t.subject,
    status: closed ? 'closed' : 'active',
    state: 'published',
    source: { type: t.channel === 'chat' ? 'chat' : t.channel === 'web' ? 'web' : 'email', via: 'customer' },
    primaryCustomer: {
      id: t.requester.id,
      type: 'customer',
      first: t.requester.name.split(' ')[0],
      last: t.requester.name.split(' ').slice(1).join(' '),
      email: t.requester.email,
    },
    tags: t.tags.map((tag, i) => ({ id: i + 1, tag })),
    createdAt: isoOf(t.createdAt)!.replace(/\.\d+Z$/, 'Z'),
    userUpdatedAt: isoOf(t.updatedAt)!.replace(/\.\d+Z$/, 'Z'),
    closedAt: closed ? isoOf(t.solvedAt)!.replace(/\.\d+Z$/, 'Z') : null,
  };
}

function links(req: MockRequest, page: number, pages: number) {
  const at = (n: number) => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(n));
    return { href: `${req.origin}${req.path}?${q}` };
  };
  return {
    self: at(page),
    first: at(1),
    last: at(Math.max(1, pages)),
    ...(page < pages ? { next: at(page + 1) } : {}),
    ...(page > 1 ? { previous: at(page - 1) } : {}),
  };
}

/**
 * Help Scout: OAuth client credentials (form-encoded token request, Bearer tokens that
 * expire), conversations by modifiedSince in modifiedAt order with HAL pages of 25, v3
 * threads where the AI writes as a `system_user`, X-RateLimit-*-Minute headers.
 */
export function helpscout(world: World): VendorApi {
  const tokens = new Set<string>();
  return {
    basePath: '',
    credentials: { fields: { clientId: CLIENT_ID }, secrets: { clientSecret: CLIENT_SECRET } },
    authorize(req) {
      if (req.path === '/v2/oauth2/token') return null;
      const token = bearer(req.headers);
      if (token && tokens.has(token)) return null;
      return { status: 401, body: { error: 'Unauthorized', message: 'Invalid or expired access token' } };
    },
    route(req) {
      if (req.method === 'POST' && req.path === '/v2/oauth2/token') {
        const form = (req.body ?? {}) as Record<string, string>;
        if (!String(req.headers['content-type']).includes('application/x-www-form-urlencoded'))
          return { status: 400, body: { error: 'invalid_request' } };
        if (form.grant_type !== 'client_credentials' || form.client_id !== CLIENT_ID || form.client_secret !== CLIENT_SECRET)
          return { status: 401, body: { error: 'invalid_client', error_description: 'Bad client credentials' } };
        const token = `hs-token-${tokens.size + 1}`;
        tokens.add(token);
        return { body: { token_type: 'bearer', access_token: token, expires_in: 172800 } };
      }
      if (req.path === '/v2/users/me') return { body: { id: ADMIN.id, firstName: 'Robin', lastName: 'Admin', email: ADMIN.email } };
      if (req.path === '/v2/mailboxes')
        return {
          body: {
            _embedded: { mailboxes: [{ id: 1, name: 'Support', email: 'help@brightkettle.example' }] },
            page: { size: 50, totalElements: 1, totalPages: 1, number: 1 },
          },
        };
      if (req.path === '/v2/conversations') {
        const since = req.query.get('modifiedSince');
        if (since && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(since))
          return {
            status: 400,
            body: {
              message: 'Bad request',
              _embedded: { errors: [{ path: 'modifiedSince', message: 'Must be in ISO 8601 format: YYYY-MM-DDThh:mm:ssZ' }] },
            },
          };
        const from = since ? Date.parse(since) : 0;
        let all = world.tickets.filter((t) => Math.floor(t.updatedAt / 1000) * 1000 >= from);
        if (req.query.get('sortField') === 'modifiedAt') all = all.sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
        if (req.query.get('sortOrder') === 'desc') all.reverse();
        const page = Number(req.query.get('page') ?? 1);
        const pages = Math.ceil(all.length / PAGE_SIZE);
        return {
          body: {
            _embedded: { conversations: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(conversation) },
            _links: links(req, page, pages),
            page: { size: PAGE_SIZE, totalElements: all.length, totalPages: pages, number: page },
          },
        };
      }
      const threads = req.path.match(/^\/v3\/conversations\/(\d+)\/threads$/);
      if (threads) {
        const t = world.get(Number(threads[1]));
        if (!t) return { status: 404, body: { message: 'Conversation not found' } };
        const list = t.messages.map((m) => ({
          id: m.id,
          type: m.author.kind === 'customer' ? 'customer' : m.public ? 'message' : 'note',
          status: 'active',
          state: 'published',
          body: html(m.body),
          source: { type: 'api', via: m.author.kind === 'customer' ? 'customer' : 'user' },
          createdBy: createdBy(m.author),
          createdAt: isoOf(m.at)!.replace(/\.\d+Z$/, 'Z'),
        }));
        // a status change line item, which is no message
        list.push({
          id: 9_000_000 + t.id,
          type: 'lineitem',
          status: 'closed',
          state: 'published',
          body: '',
          source: { type: 'api', via: 'user' },
          createdBy: createdBy(t.requester),
          createdAt: isoOf(t.updatedAt)!,
        });
        return {
          body: {
            _embedded: { threads: list.reverse() },
            _links: {},
            page: { size: 50, totalElements: list.length, totalPages: 1, number: 1 },
          },
        };
      }
      return null;
    },
    notFound: () => ({ status: 404, body: { message: 'Not Found' } }),
    rateHeaders: (w) => ({
      'x-ratelimit-limit-minute': String(Math.round((w.limit * 60_000) / w.windowMs)),
      'x-ratelimit-remaining-minute': String(w.remaining),
    }),
    limited: (w) => ({
      status: 429,
      headers: {
        'x-ratelimit-retry-after': String(Math.ceil((w.resetAt - Date.now()) / 1000)),
        'x-ratelimit-limit-minute': String(Math.round((w.limit * 60_000) / w.windowMs)),
        'x-ratelimit-remaining-minute': '0',
      },
      body: { message: 'Rate limit exceeded' },
    }),
  };
}
