import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HelpCenterKind } from '../../src/shared/domain/export';
import { basic, bearer } from './helpdesks/server';

/** One request as the mock received it, for tests that assert exact calls. */
export interface HelpCenterRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | null;
  status: number;
}

export interface StoredArticle {
  id: string;
  title: string;
  body: string;
  state: string;
  container: string;
  tags: string[];
  author: string | null;
  locale: string | null;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MockHelpCenter {
  kind: HelpCenterKind;
  /** The base URL to give the target. */
  url: string;
  /** The target's settings that work against this mock. */
  fields: Record<string, string>;
  secrets: Record<string, string>;
  articles: Map<string, StoredArticle>;
  requests: HelpCenterRequest[];
  /** Answers the next requests with these (a 429, a 500) before serving normally. */
  failNext(...replies: Reply[]): void;
  /** Drops every connection, as when the network is down. */
  offline: boolean;
  /** Someone edits an article in the help center. */
  editRemotely(id: string, change: Partial<Pick<StoredArticle, 'title' | 'body'>>): void;
  deleteRemotely(id: string): void;
  /** Requests other than the listing calls: the writes and reads of articles. */
  articleCalls(): { method: string; path: string }[];
  close(): Promise<void>;
}

interface Vendor {
  basePath: string;
  fields: Record<string, string>;
  secrets: Record<string, string>;
  authorized(h: IncomingHttpHeaders): boolean;
  unauthorized: Reply;
  route(method: string, path: string, query: Record<string, string>, body: Record<string, unknown> | null): Reply | null;
  notFound: Reply;
}

const SUB = 'acme';

/**
 * Loopback stand-ins for the four help centers' article APIs, as their documentation
 * describes them: auth, listing sections / collections / folders, create with the required
 * fields (a validation error otherwise), read, update, and on request 429s, 500s or no network.
 */
export async function startMockHelpCenter(kind: HelpCenterKind): Promise<MockHelpCenter> {
  const articles = new Map<string, StoredArticle>();
  let nextId = kind === 'helpscout' ? 0x5f00 : 9000;
  const newId = () => (kind === 'helpscout' ? (nextId++).toString(16).padStart(24, '0') : String(nextId++));
  const queue: Reply[] = [];
  const vendor = VENDORS[kind]({ articles, newId });
  const mock: MockHelpCenter = {
    kind,
    url: '',
    fields: vendor.fields,
    secrets: vendor.secrets,
    articles,
    requests: [],
    offline: false,
    failNext: (...replies) => queue.push(...replies),
    editRemotely(id, change) {
      const a = articles.get(id);
      if (!a) throw new Error(`no article ${id}`);
      Object.assign(a, change);
    },
    deleteRemotely: (id) => void articles.delete(id),
    articleCalls: () => mock.requests.filter((r) => /articles/.test(r.path)).map((r) => ({ method: r.method, path: r.path })),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    if (mock.offline) {
      req.socket.destroy();
      return;
    }
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://mock');
      const query = Object.fromEntries(url.searchParams);
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      const path = url.pathname.slice(vendor.basePath.length);
      const reply =
        queue.shift() ??
        (vendor.authorized(req.headers) ? (vendor.route(req.method ?? 'GET', path, query, body) ?? vendor.notFound) : vendor.unauthorized);
      mock.requests.push({ method: req.method ?? 'GET', path, query, headers: req.headers, body, status: reply.status });
      send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${vendor.basePath}`;
  return mock;
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}

interface Store {
  articles: Map<string, StoredArticle>;
  newId: () => string;
}

const basicIs = (h: IncomingHttpHeaders, user: string, password: string) => {
  const b = basic(h);
  return b !== null && b[0] === user && b[1] === password;
};

const missing = (body: Record<string, unknown> | null, keys: string[]) => keys.filter((k) => body?.[k] === undefined || body[k] === '');

const VENDORS: Record<HelpCenterKind, (s: Store) => Vendor> = {
  zendesk: ({ articles, newId }) => {
    const email = 'lead@acme.test';
    const token = 'zd-guide-token';
    const url = (id: string) => `https://${SUB}.zendesk.com/hc/en-us/articles/${id}`;
    const translation = (a: StoredArticle) => ({
      translation: {
        id: Number(a.id) + 1,
        source_id: Number(a.id),
        source_type: 'Article',
        locale: a.locale,
        title: a.title,
        body: a.body,
        draft: a.state === 'draft',
        html_url: url(a.id),
      },
    });
    const article = (a: StoredArticle) => ({
      article: {
        id: Number(a.id),
        html_url: url(a.id),
        title: a.title,
        body: a.body,
        locale: a.locale,
        draft: a.state === 'draft',
        section_id: Number(a.container),
        label_names: a.tags,
      },
    });
    const list = (key: string, items: unknown[]) => ({
      status: 200,
      body: { [key]: items, meta: { has_more: false, after_cursor: null, before_cursor: null }, links: { next: null, prev: null } },
    });
    return {
      basePath: '/api/v2',
      fields: { subdomain: SUB, email, sectionId: '360001', permissionGroupId: '77', locale: 'en-us', state: 'published' },
      secrets: { apiToken: token },
      authorized: (h) => basicIs(h, `${email}/token`, token),
      unauthorized: { status: 401, body: { error: "Couldn't authenticate you" } },
      notFound: { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } },
      route(method, path, _q, body) {
        if (method === 'GET' && path === '/help_center/sections.json')
          return list('sections', [
            { id: 360001, name: 'Returns and refunds' },
            { id: 360002, name: 'Shipping' },
          ]);
        if (method === 'GET' && path === '/guide/permission_groups.json') return list('permission_groups', [{ id: 77, name: 'Managers' }]);
        let m = /^\/help_center\/sections\/(\d+)\/articles\.json$/.exec(path);
        if (m && method === 'GET')
          return list(
            'articles',
            [...articles.values()].filter((a) => a.container === m![1]).map((a) => article(a).article),
          );
        if (m && method === 'POST') {
          if (!['360001', '360002'].includes(m[1]!)) return null;
          const a = (body?.article ?? null) as Record<string, unknown> | null;
          const gaps = missing(a, ['title', 'locale', 'permission_group_id', 'user_segment_id']);
          if (gaps.length)
            return {
              status: 422,
              body: {
                error: 'RecordInvalid',
                description: 'Record validation errors',
                details: Object.fromEntries(gaps.map((g) => [g, [{ description: `${g}: cannot be blank` }]])),
              },
            };
          const stored: StoredArticle = {
            id: newId(),
            title: String(a!.title),
            body: String(a!.body ?? ''),
            state: a!.draft ? 'draft' : 'published',
            container: m[1]!,
            tags: (a!.label_names as string[]) ?? [],
            author: null,
            locale: String(a!.locale),
          };
          articles.set(stored.id, stored);
          return { status: 201, body: article(stored) };
        }
        m = /^\/help_center\/articles\/(\d+)\/translations\/([\w-]+)\.json$/.exec(path);
        if (m) {
          const a = articles.get(m[1]!);
          if (!a || a.locale !== m[2]) return null;
          if (method === 'GET') return { status: 200, body: translation(a) };
          if (method === 'PUT') {
            const t = (body?.translation ?? {}) as Record<string, unknown>;
            if (t.title === '')
              return {
                status: 422,
                body: {
                  error: 'RecordInvalid',
                  description: 'Record validation errors',
                  details: { title: [{ description: 'Title: cannot be blank' }] },
                },
              };
            Object.assign(a, {
              title: t.title ?? a.title,
              body: t.body ?? a.body,
              state: t.draft === undefined ? a.state : t.draft ? 'draft' : 'published',
            });
            return { status: 200, body: translation(a) };
          }
        }
        m = /^\/help_center\/articles\/(\d+)\.json$/.exec(path);
        if (m && method === 'PUT') {
          const a = articles.get(m[1]!);
          if (!a) return null;
          const change = (body?.article ?? {}) as Record<string, unknown>;
          if ('title' in change || 'body' in change) return { status: 400, body: { error: 'title and body change through translations' } };
          if (Array.isArray(change.label_names)) a.tags = change.label_names as string[];
          return { status: 200, body: article(a) };
        }
        return null;
      },
    };
  },
  intercom: ({ articles, newId }) => {
    const token = 'ic-articles-token';
    const json = (a: StoredArticle) => ({
      type: 'article',
      id: a.id,
      workspace_id: 'ws1',
      title: a.title,
      body: a.body,
      author_id: Number(a.author),
      state: a.state,
      parent_id: Number(a.container),
      parent_type: 'collection',
      url: a.state === 'published' ? `https://intercom.help/acme/en/articles/${a.id}` : null,
    });
    const error = (status: number, code: string, message: string): Reply => ({
      status,
      body: { type: 'error.list', request_id: 'r1', errors: [{ code, message }] },
    });
    return {
      basePath: '',
      fields: { region: 'us', collectionId: '5001', authorId: '991', state: 'published' },
      secrets: { accessToken: token },
      authorized: (h) => bearer(h) === token && h['intercom-version'] === '2.11',
      unauthorized: error(401, 'unauthorized', 'Access Token Invalid'),
      notFound: error(404, 'not_found', 'Resource Not Found'),
      route(method, path, _q, body) {
        if (method === 'GET' && path === '/help_center/collections')
          return {
            status: 200,
            body: {
              type: 'list',
              data: [{ type: 'collection', id: '5001', name: 'Orders' }],
              total_count: 1,
              pages: { type: 'pages', page: 1, per_page: 50, total_pages: 1 },
            },
          };
        if (method === 'GET' && path === '/articles')
          return {
            status: 200,
            body: {
              type: 'list',
              data: [...articles.values()].map(json),
              total_count: articles.size,
              pages: { type: 'pages', page: 1, per_page: 50, total_pages: 1 },
            },
          };
        if (method === 'GET' && path === '/admins')
          return {
            status: 200,
            body: { type: 'admin.list', admins: [{ type: 'admin', id: '991', name: 'Dana Lead', email: 'dana@acme.test' }] },
          };
        if (method === 'POST' && path === '/articles') {
          const gaps = missing(body, ['title', 'author_id']);
          if (gaps.length) return error(400, 'parameter_not_found', `${gaps[0]} is required`);
          const a: StoredArticle = {
            id: newId(),
            title: String(body!.title),
            body: String(body!.body ?? ''),
            state: String(body!.state ?? 'draft'),
            container: String(body!.parent_id ?? ''),
            tags: [],
            author: String(body!.author_id),
            locale: null,
          };
          articles.set(a.id, a);
          return { status: 200, body: json(a) };
        }
        const m = /^\/articles\/(\w+)$/.exec(path);
        if (m) {
          const a = articles.get(m[1]!);
          if (!a) return null;
          if (method === 'GET') return { status: 200, body: json(a) };
          if (method === 'PUT') {
            Object.assign(a, { title: body?.title ?? a.title, body: body?.body ?? a.body, state: body?.state ?? a.state });
            return { status: 200, body: json(a) };
          }
        }
        return null;
      },
    };
  },
  freshdesk: ({ articles, newId }) => {
    const key = 'fd-solutions-key';
    const json = (a: StoredArticle) => ({
      id: Number(a.id),
      title: a.title,
      description: a.body,
      description_text: a.body.replace(/<[^>]+>/g, ''),
      status: a.state === 'published' ? 2 : 1,
      folder_id: Number(a.container),
      tags: a.tags,
    });
    const invalid = (field: string, message: string): Reply => ({
      status: 400,
      body: { description: 'Validation failed', errors: [{ field, message, code: 'missing_field' }] },
    });
    const check = (body: Record<string, unknown> | null): Reply | null => {
      const gap = missing(body, ['title', 'description', 'status'])[0];
      if (gap) return invalid(gap, 'It should be a/an String');
      if (![1, 2].includes(body!.status as number)) return invalid('status', 'It should be one of these values: 1,2');
      return null;
    };
    return {
      basePath: '/api/v2',
      fields: { domain: SUB, folderId: '4401', state: 'published' },
      secrets: { apiKey: key },
      authorized: (h) => basicIs(h, key, 'X'),
      unauthorized: { status: 401, body: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' } },
      notFound: { status: 404, body: {} },
      route(method, path, _q, body) {
        if (method === 'GET' && path === '/solutions/categories') return { status: 200, body: [{ id: 44, name: 'Help' }] };
        if (method === 'GET' && path === '/solutions/categories/44/folders') return { status: 200, body: [{ id: 4401, name: 'Orders' }] };
        let m = /^\/solutions\/folders\/(\d+)\/articles$/.exec(path);
        if (m && method === 'GET') return { status: 200, body: [...articles.values()].filter((a) => a.container === m![1]).map(json) };
        if (m && method === 'POST') {
          if (m[1] !== '4401') return null;
          const bad = check(body);
          if (bad) return bad;
          const a: StoredArticle = {
            id: newId(),
            title: String(body!.title),
            body: String(body!.description),
            state: body!.status === 2 ? 'published' : 'draft',
            container: m[1]!,
            tags: (body!.tags as string[]) ?? [],
            author: null,
            locale: null,
          };
          articles.set(a.id, a);
          return { status: 201, body: json(a) };
        }
        m = /^\/solutions\/articles\/(\d+)$/.exec(path);
        if (m) {
          const a = articles.get(m[1]!);
          if (!a) return null;
          if (method === 'GET') return { status: 200, body: json(a) };
          if (method === 'PUT') {
            const bad = check(body);
            if (bad) return bad;
            Object.assign(a, {
              title: body!.title,
              body: body!.description,
              state: body!.status === 2 ? 'published' : 'draft',
              tags: body!.tags ?? a.tags,
            });
            return { status: 200, body: json(a) };
          }
        }
        return null;
      },
    };
  },
  helpscout: ({ articles, newId }) => {
    const key = 'hs-docs-key';
    const json = (a: StoredArticle) => ({
      article: {
        id: a.id,
        collectionId: a.container,
        name: a.title,
        text: a.body,
        status: a.state,
        keywords: a.tags,
        publicUrl: `https://acme.helpscoutdocs.com/article/${a.id}`,
      },
    });
    const invalid = (message: string): Reply => ({ status: 400, body: { code: 400, error: message } });
    return {
      basePath: '/v1',
      fields: { collectionId: '5e1c0000000000000000000a', state: 'published' },
      secrets: { apiKey: key },
      authorized: (h) => basicIs(h, key, 'X'),
      unauthorized: { status: 401, body: { code: 401, error: 'Invalid API Key' } },
      notFound: { status: 404, body: { code: 404, error: 'Not Found' } },
      route(method, path, query, body) {
        if (method === 'GET' && path === '/collections')
          return {
            status: 200,
            body: {
              collections: { page: 1, pages: 1, count: 1, items: [{ id: '5e1c0000000000000000000a', name: 'Help', visibility: 'public' }] },
            },
          };
        const listed = /^\/collections\/(\w+)\/articles$/.exec(path);
        if (listed && method === 'GET') {
          const items = [...articles.values()]
            .filter((a) => a.container === listed[1])
            .map((a) => ({ id: a.id, collectionId: a.container, name: a.title, status: a.state }));
          return { status: 200, body: { articles: { page: 1, pages: 1, count: items.length, items } } };
        }
        const nameTaken = (name: unknown, except?: string) => [...articles.values()].some((a) => a.title === name && a.id !== except);
        if (method === 'POST' && path === '/articles') {
          const gap = missing(body, ['collectionId', 'name', 'text'])[0];
          if (gap) return invalid(`${gap} is required`);
          if (nameTaken(body!.name)) return invalid('An article with this name already exists in the collection');
          const a: StoredArticle = {
            id: newId(),
            title: String(body!.name),
            body: String(body!.text),
            state: String(body!.status ?? 'notpublished'),
            container: String(body!.collectionId),
            tags: (body!.keywords as string[]) ?? [],
            author: null,
            locale: null,
          };
          articles.set(a.id, a);
          return query.reload === 'true' ? { status: 201, body: json(a) } : { status: 201, headers: { location: `/v1/articles/${a.id}` } };
        }
        const m = /^\/articles\/(\w+)$/.exec(path);
        if (m) {
          const a = articles.get(m[1]!);
          if (!a) return null;
          if (method === 'GET') return { status: 200, body: json(a) };
          if (method === 'PUT') {
            if (body?.name !== undefined && nameTaken(body.name, a.id))
              return invalid('An article with this name already exists in the collection');
            Object.assign(a, {
              title: body?.name ?? a.title,
              body: body?.text ?? a.body,
              state: body?.status ?? a.state,
              tags: body?.keywords ?? a.tags,
            });
            return query.reload === 'true' ? { status: 200, body: json(a) } : { status: 200 };
          }
        }
        return null;
      },
    };
  },
};
