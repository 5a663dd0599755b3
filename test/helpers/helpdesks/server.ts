import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HelpdeskKind } from '../../../src/shared/domain/source';
import { freshdesk } from './freshdesk';
import { gorgias } from './gorgias';
import { helpscout } from './helpscout';
import { hubspot } from './hubspot';
import { intercom } from './intercom';
import { World } from './world';
import { zendesk } from './zendesk';

export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The server's own address, for absolute next-page links. */
  origin: string;
}

export interface MockResponse {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RateWindow {
  limit: number;
  remaining: number;
  resetAt: number;
  windowMs: number;
}

/** One helpdesk's API as its mock serves it. */
export interface VendorApi {
  /** Where the connector's base URL points, below the server's origin. */
  basePath: string;
  credentials: { fields: Record<string, string>; secrets: Record<string, string> };
  /** Checks the request's auth the vendor's way; a response when it fails. */
  authorize(req: MockRequest): MockResponse | null;
  route(req: MockRequest): MockResponse | null;
  notFound(req: MockRequest): MockResponse;
  rateHeaders(w: RateWindow): Record<string, string>;
  limited(w: RateWindow): MockResponse;
}

export interface MockOptions {
  /** Requests allowed per fixed window; over it, the vendor's 429. */
  rateLimit?: { requests: number; windowMs: number };
  /** Every Nth request fails with a 500 / answers with broken JSON. */
  faults?: { serverErrorEvery?: number; malformedEvery?: number };
  /** Added to every response. */
  latencyMs?: number;
  /** Freshdesk's page cap (300), smaller to test it. */
  maxPage?: number;
}

export interface MockHelpdesk {
  kind: HelpdeskKind;
  world: World;
  /** The base URL to give the source. */
  url: string;
  credentials: VendorApi['credentials'];
  options: MockOptions;
  log: { method: string; path: string; status: number; at: number }[];
  /** Requests per rate window, counting refused ones: the client's own pace. */
  windows: Map<number, number>;
  firstLimitedWindow: number | null;
  close(): Promise<void>;
}

const VENDORS: Record<HelpdeskKind, (world: World, options: MockOptions) => VendorApi> = {
  zendesk,
  freshdesk: (world, options) => freshdesk(world, options.maxPage),
  intercom,
  gorgias,
  helpscout,
  hubspot,
};

/**
 * A loopback stand-in for a helpdesk's API, serving the demo company's tickets in the
 * vendor's shapes: its auth scheme, pagination and cursors, incremental parameters, rate
 * limit (429 with the vendor's headers), and on request 500s, broken JSON and slowness.
 */
export async function startMockHelpdesk(kind: HelpdeskKind, world: World, options: MockOptions = {}): Promise<MockHelpdesk> {
  const api = VENDORS[kind](world, options);
  let count = 0;
  const mock: MockHelpdesk = {
    kind,
    world,
    url: '',
    credentials: api.credentials,
    options,
    log: [],
    windows: new Map(),
    firstLimitedWindow: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://mock');
      const type = req.headers['content-type'] ?? '';
      const body = raw === '' ? null : type.includes('json') ? (JSON.parse(raw) as unknown) : Object.fromEntries(new URLSearchParams(raw));
      const request: MockRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body,
        headers: req.headers,
        origin: mock.url.replace(api.basePath, ''),
      };
      const n = ++count;
      const now = Date.now();
      let response: MockResponse;
      let malformed = false;
      const rate = options.rateLimit;
      let window: RateWindow | null = null;
      if (rate) {
        const index = Math.floor(now / rate.windowMs);
        const used = (mock.windows.get(index) ?? 0) + 1;
        mock.windows.set(index, used);
        window = {
          limit: rate.requests,
          remaining: Math.max(0, rate.requests - used),
          resetAt: (index + 1) * rate.windowMs,
          windowMs: rate.windowMs,
        };
        if (used > rate.requests) {
          mock.firstLimitedWindow ??= index;
          send(res, api.limited(window), request, n);
          return;
        }
      }
      if (options.faults?.serverErrorEvery && n % options.faults.serverErrorEvery === 0)
        response = { status: 500, body: { error: 'Internal Server Error' } };
      else {
        response = api.authorize(request) ?? api.route(request) ?? api.notFound(request);
        malformed = (response.status ?? 200) === 200 && !!options.faults?.malformedEvery && n % options.faults.malformedEvery === 0;
      }
      if (window) response = { ...response, headers: { ...api.rateHeaders(window), ...response.headers } };
      setTimeout(() => send(res, response, request, n, malformed), options.latencyMs ?? 0);
    });
  });
  const send = (res: import('node:http').ServerResponse, r: MockResponse, req: MockRequest, _n: number, malformed = false) => {
    const status = r.status ?? 200;
    mock.log.push({ method: req.method, path: req.path, status, at: Date.now() });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...r.headers });
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    res.end(malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${api.basePath}`;
  return mock;
}

/** The most requests the client sent in one rate window after its first 429 (refused ones included). */
export function maxPerWindowAfterFirstLimit(mock: MockHelpdesk): number {
  if (mock.firstLimitedWindow === null) return 0;
  return Math.max(0, ...[...mock.windows].filter(([w]) => w > mock.firstLimitedWindow!).map(([, n]) => n));
}

/** "Basic …" header value → [user, password]. */
export function basic(headers: IncomingHttpHeaders): [string, string] | null {
  const value = headers.authorization;
  if (!value?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(value.slice(6), 'base64').toString();
  const at = decoded.lastIndexOf(':');
  return at < 0 ? null : [decoded.slice(0, at), decoded.slice(at + 1)];
}

export function bearer(headers: IncomingHttpHeaders): string | null {
  return headers.authorization?.startsWith('Bearer ') ? headers.authorization.slice(7) : null;
}

/** Pages `items` after a keyset cursor (an opaque string the mock made). */
export function pageAfter<T>(
  items: T[],
  key: (item: T) => string,
  after: string | null,
  size: number,
): { items: T[]; last: string | null; more: boolean } {
  const start = after === null ? 0 : items.findIndex((item) => key(item) > after);
  const from = start < 0 ? items.length : start;
  const slice = items.slice(from, from + size);
  return { items: slice, last: slice.length ? key(slice.at(-1)!) : after, more: from + size < items.length };
}

/** A sortable key for (time, id): zero-padded so strings compare like the pair. */
export function changeKey(at: number, id: number): string {
  return `${String(at).padStart(15, '0')}:${String(id).padStart(10, '0')}`;
}
