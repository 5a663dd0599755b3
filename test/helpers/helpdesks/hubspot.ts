import { bearer, changeKey, pageAfter, type VendorApi } from './server';
import { decodeCursor, encodeCursor, html, isoOf, type Person, type Ticket, type World } from './world';

const TOKEN = 'pat-eu1-2b5e9d';
const CHANNEL: Record<string, string> = { chat: '1000', email: '1002', web: '1007' };

function actor(p: Person): string {
  return p.kind === 'customer' ? `V-${p.id}` : p.kind === 'bot' ? `B-${p.id}` : `A-${p.id}`;
}

function thread(t: Ticket) {
  return {
    id: String(5_000_000 + t.id),
    status: t.status === 'solved' ? 'CLOSED' : 'OPEN',
    createdAt: isoOf(t.createdAt),
    closedAt: isoOf(t.solvedAt),
    latestMessageTimestamp: isoOf(t.updatedAt),
    associatedContactId: String(t.requester.id),
    inboxId: '1',
    originalChannelId: CHANNEL[t.channel] ?? '1000',
    spam: false,
    archived: false,
    threadAssociations: { associatedTicketId: String(t.id) },
  };
}

const page = <T>(results: T[], next: string | null, origin: string, path: string) => ({
  results,
  ...(next ? { paging: { next: { after: next, link: `${origin}${path}?after=${next}` } } } : {}),
});

/**
 * HubSpot: Bearer private-app token, conversation threads sorted by latestMessageTimestamp
 * with latestMessageTimestampAfter and `after` paging, messages with actor-id prefixes
 * (V- visitor, A- agent, B- bot), ticket batch read, X-HubSpot-RateLimit-* headers.
 */
export function hubspot(world: World): VendorApi {
  const threadIds = new Map(world.tickets.map((t) => [String(5_000_000 + t.id), t]));
  return {
    basePath: '',
    credentials: { fields: {}, secrets: { accessToken: TOKEN } },
    authorize(req) {
      if (bearer(req.headers) === TOKEN) return null;
      return {
        status: 401,
        body: { status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' },
      };
    },
    route(req) {
      const limit = Math.min(500, Number(req.query.get('limit') ?? 20));
      if (req.path === '/conversations/v3/conversations/inboxes')
        return { body: page([{ id: '1', name: 'Help desk' }], null, req.origin, req.path) };
      if (req.method === 'GET' && req.path === '/crm/v3/objects/tickets')
        return {
          body: page(
            world.tickets.slice(0, limit).map((t) => ({ id: String(t.id), properties: { subject: t.subject } })),
            null,
            req.origin,
            req.path,
          ),
        };
      if (req.path === '/conversations/v3/conversations/threads') {
        const sort = req.query.get('sort');
        const afterTime = req.query.get('latestMessageTimestampAfter');
        if (sort === 'latestMessageTimestamp' && !afterTime)
          return {
            status: 400,
            body: {
              status: 'error',
              message: 'latestMessageTimestampAfter is required when sorting by latestMessageTimestamp',
              category: 'VALIDATION_ERROR',
            },
          };
        const from = afterTime ? Date.parse(afterTime) : 0;
        const all = world.byChange().filter((t) => t.updatedAt >= from);
        const after = req.query.get('after') ? (decodeCursor<{ k: string }>(req.query.get('after')!)?.k ?? null) : null;
        const p = pageAfter(all, (t) => changeKey(t.updatedAt, t.id), after, limit);
        return { body: page(p.items.map(thread), p.more ? encodeCursor({ k: p.last }) : null, req.origin, req.path) };
      }
      const msgs = req.path.match(/^\/conversations\/v3\/conversations\/threads\/(\d+)\/messages$/);
      if (msgs) {
        const t = threadIds.get(msgs[1]!);
        if (!t) return { status: 404, body: { status: 'error', message: 'Thread not found', category: 'OBJECT_NOT_FOUND' } };
        const list = t.messages.map((m) => ({
          id: String(m.id),
          type: m.public ? 'MESSAGE' : 'COMMENT',
          createdAt: isoOf(m.at),
          createdBy: actor(m.author),
          text: m.body,
          richText: html(m.body),
          direction: m.author.kind === 'customer' ? 'INCOMING' : 'OUTGOING',
          senders: [
            {
              actorId: actor(m.author),
              name: m.author.name,
              deliveryIdentifier: m.author.email ? { type: 'HS_EMAIL_ADDRESS', value: m.author.email } : undefined,
            },
          ],
          channelId: CHANNEL[t.channel] ?? '1000',
        }));
        // the thread's status change, which is no message
        list.push({
          id: `s${t.id}`,
          type: 'THREAD_STATUS_CHANGE',
          createdAt: isoOf(t.updatedAt),
          createdBy: 'S-hubspot',
          text: '',
          richText: '',
          direction: 'OUTGOING',
          senders: [],
          channelId: '1000',
        });
        const start = req.query.get('after') ? Number(decodeCursor<{ at: number }>(req.query.get('after')!)?.at ?? 0) : 0;
        const slice = list.slice(start, start + limit);
        return { body: page(slice, start + limit < list.length ? encodeCursor({ at: start + limit }) : null, req.origin, req.path) };
      }
      if (req.method === 'POST' && req.path === '/crm/v3/objects/tickets/batch/read') {
        const inputs = ((req.body as { inputs?: { id: string }[] })?.inputs ?? []).map((i) => i.id);
        if (inputs.length > 100)
          return { status: 400, body: { status: 'error', message: 'Too many inputs', category: 'VALIDATION_ERROR' } };
        const results = inputs.flatMap((id) => {
          const t = world.get(Number(id));
          return t
            ? [
                {
                  id,
                  properties: {
                    subject: t.subject,
                    hs_pipeline_stage: t.status === 'solved' ? '4' : '1',
                    closed_date: isoOf(t.solvedAt),
                    createdate: isoOf(t.createdAt),
                    hs_ticket_category: null,
                  },
                },
              ]
            : [];
        });
        return { body: { status: 'COMPLETE', results } };
      }
      return null;
    },
    notFound: () => ({ status: 404, body: { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' } }),
    rateHeaders: (w) => ({
      'x-hubspot-ratelimit-max': String(w.limit),
      'x-hubspot-ratelimit-remaining': String(w.remaining),
      'x-hubspot-ratelimit-interval-milliseconds': String(w.windowMs),
    }),
    limited: (w) => ({
      status: 429,
      headers: {
        'x-hubspot-ratelimit-max': String(w.limit),
        'x-hubspot-ratelimit-remaining': '0',
        'x-hubspot-ratelimit-interval-milliseconds': String(w.windowMs),
      },
      body: {
        status: 'error',
        message: 'You have reached your ten_secondly_rolling limit.',
        errorType: 'RATE_LIMIT',
        category: 'RATE_LIMITS',
        policyName: 'TEN_SECONDLY_ROLLING',
      },
    }),
  };
}
