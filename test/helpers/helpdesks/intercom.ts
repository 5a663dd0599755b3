import { bearer, changeKey, pageAfter, type VendorApi } from './server';
import { ADMIN, decodeCursor, encodeCursor, html, secondsOf, type Message, type Person, type Ticket, type World } from './world';

const TOKEN = 'dG9rOmFiY2RlZg==';

function author(p: Person, m?: Message) {
  if (p.kind === 'customer') return { type: 'user', id: `u${p.id}`, name: p.name, email: p.email };
  if (p.kind === 'bot')
    return {
      type: 'bot',
      id: String(p.id),
      name: 'Fin',
      email: 'operator+brightkettle@intercom.io',
      from_ai_agent: true,
      is_ai_answer: m?.public ?? false,
    };
  return { type: 'admin', id: String(p.id), name: p.name, email: p.email, from_ai_agent: false, is_ai_answer: false };
}

function conversation(t: Ticket, withParts: boolean) {
  const [first, ...rest] = t.messages;
  const closed = t.status === 'solved';
  return {
    type: 'conversation',
    id: String(t.id),
    title: t.subject,
    created_at: secondsOf(t.createdAt),
    updated_at: secondsOf(t.updatedAt),
    state: closed ? 'closed' : 'open',
    open: !closed,
    source: {
      type: t.channel === 'email' ? 'email' : 'conversation',
      id: String(first!.id),
      delivered_as: first!.automated ? 'automated' : 'customer_initiated',
      subject: t.subject,
      body: html(first!.body),
      author: author(first!.author),
    },
    contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: `u${t.requester.id}` }] },
    tags: { type: 'tag.list', tags: t.tags.map((name) => ({ type: 'tag', id: name, name })) },
    statistics: { type: 'conversation_statistics', last_close_at: closed ? secondsOf(t.solvedAt!) : null },
    conversation_rating: t.csat ? { rating: t.csat === 'good' ? 5 : 1 } : null,
    ai_agent_participated: t.aiInvolved,
    ai_agent: t.aiInvolved
      ? {
          source_type: 'workflow',
          last_answer_type: t.aiAnswered ? 'ai_answer' : null,
          resolution_state: t.handover ? 'routed_to_team' : 'assumed_resolution',
        }
      : null,
    ...(withParts
      ? {
          conversation_parts: {
            type: 'conversation_part.list',
            conversation_parts: [
              ...rest.map((m) => ({
                type: 'conversation_part',
                id: String(m.id),
                part_type: m.public ? 'comment' : 'note',
                body: html(m.body),
                created_at: secondsOf(m.at),
                updated_at: secondsOf(m.at),
                author: author(m.author, m),
                attachments: [],
                redacted: false,
              })),
              // an assignment event with no words, as Intercom writes when Fin hands over
              ...(t.handover
                ? [
                    {
                      type: 'conversation_part',
                      id: `as${t.id}`,
                      part_type: 'assignment',
                      body: null,
                      created_at: secondsOf(t.updatedAt),
                      updated_at: secondsOf(t.updatedAt),
                      author: { type: 'bot', id: '1', name: 'Fin' },
                      attachments: [],
                      redacted: false,
                    },
                  ]
                : []),
            ],
            total_count: rest.length,
          },
        }
      : {}),
  };
}

interface Filter {
  field?: string;
  operator?: string;
  value?: unknown;
}

function matches(t: Ticket, f: Filter & { value?: unknown }): boolean {
  if (f.field === 'updated_at') {
    const v = Number(f.value);
    const u = secondsOf(t.updatedAt);
    return f.operator === '>' ? u > v : f.operator === '<' ? u < v : f.operator === '=' ? u === v : true;
  }
  return true;
}

/**
 * Intercom: Bearer token with an Intercom-Version header, POST /conversations/search with a
 * query on updated_at and cursor pagination (pages.next.starting_after), GET /conversations/{id}
 * with parts, Fin's `from_ai_agent`, `ai_agent.resolution_state`, X-RateLimit-* with a unix reset.
 */
export function intercom(world: World): VendorApi {
  return {
    basePath: '',
    credentials: { fields: { region: 'us' }, secrets: { accessToken: TOKEN } },
    authorize(req) {
      if (bearer(req.headers) === TOKEN) return null;
      return {
        status: 401,
        body: { type: 'error.list', request_id: 'r1', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] },
      };
    },
    route(req) {
      if (req.method === 'GET' && req.path === '/me')
        return {
          body: {
            type: 'admin',
            id: String(ADMIN.id),
            name: ADMIN.name,
            email: ADMIN.email,
            app: { type: 'app', id_code: 'bk1', name: 'Brightkettle' },
          },
        };
      if (req.method === 'POST' && req.path === '/conversations/search') {
        const body = req.body as {
          query?: Filter & { operator?: string; value?: unknown };
          pagination?: { per_page?: number; starting_after?: string };
        };
        const q = body?.query;
        if (!q)
          return { status: 400, body: { type: 'error.list', errors: [{ code: 'parameter_not_found', message: 'query is required' }] } };
        const filters: Filter[] = Array.isArray(q.value) ? (q.value as Filter[]) : [q];
        const perPage = Math.min(150, body.pagination?.per_page ?? 50);
        const all = world.byChange().filter((t) => filters.every((f) => matches(t, f)));
        const after = body.pagination?.starting_after ? (decodeCursor<{ k: string }>(body.pagination.starting_after)?.k ?? null) : null;
        const page = pageAfter(all, (t) => changeKey(t.updatedAt, t.id), after, perPage);
        const number = after === null ? 1 : all.findIndex((t) => changeKey(t.updatedAt, t.id) > after) / perPage + 1;
        return {
          body: {
            type: 'conversation.list',
            conversations: page.items.map((t) => conversation(t, false)),
            total_count: all.length,
            pages: {
              type: 'pages',
              page: Math.floor(number),
              per_page: perPage,
              total_pages: Math.ceil(all.length / perPage),
              ...(page.more ? { next: { page: Math.floor(number) + 1, starting_after: encodeCursor({ k: page.last }) } } : {}),
            },
          },
        };
      }
      const one = req.method === 'GET' ? req.path.match(/^\/conversations\/(\d+)$/) : null;
      if (one) {
        const t = world.get(Number(one[1]));
        return t
          ? { body: conversation(t, true) }
          : { status: 404, body: { type: 'error.list', errors: [{ code: 'not_found', message: 'Resource Not Found' }] } };
      }
      return null;
    },
    notFound: () => ({ status: 404, body: { type: 'error.list', errors: [{ code: 'not_found', message: 'Resource Not Found' }] } }),
    rateHeaders: (w) => ({
      'x-ratelimit-limit': String(w.limit),
      'x-ratelimit-remaining': String(w.remaining),
      'x-ratelimit-reset': String(Math.ceil(w.resetAt / 1000)),
    }),
    limited: (w) => ({
      status: 429,
      headers: {
        'x-ratelimit-limit': String(w.limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil(w.resetAt / 1000)),
      },
      body: { type: 'error.list', errors: [{ code: 'rate_limit_exceeded', message: 'Exceeded rate limit' }] },
    }),
  };
}
