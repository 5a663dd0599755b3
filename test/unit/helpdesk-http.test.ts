import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { guardedFetch } from '../helpers/egress';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HelpdeskError, HttpClient, type HttpClientOptions } from '../../src/main/core/connectors/http';
import { readRateLimit } from '../../src/main/core/connectors/rate-limit';
import { onCleanup } from '../helpers/temp';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A loopback server answering each request with the next scripted handler (the last one repeats). */
async function scripted(...handlers: Handler[]): Promise<{ url: string; count: () => number }> {
  let n = 0;
  const server = createServer((req, res) => handlers[Math.min(n, handlers.length - 1)]!(req, res, n++));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`, count: () => n };
}

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

function client(url: string, extra: Partial<HttpClientOptions> = {}) {
  const waits: { ms: number; why: string }[] = [];
  const http = new HttpClient({
    baseUrl: url,
    vendor: 'Zendesk',
    headers: () => ({ authorization: 'Basic eA==' }),
    retries: 3,
    wait: async () => undefined,
    onWait: (ms, why) => waits.push({ ms, why }),
    fetchImpl: guardedFetch('helpdesk'),
    ...extra,
  });
  return { http, waits };
}

async function failure(promise: Promise<unknown>): Promise<HelpdeskError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HelpdeskError) return error;
    throw error;
  }
  throw new Error('expected a HelpdeskError');
}

describe('the helpdesk HTTP client', () => {
  it("reads each vendor's rate-limit headers", () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(readRateLimit(new Headers({ 'retry-after': '7', 'x-rate-limit': '700', 'x-rate-limit-remaining': '0' }), now)).toEqual({
      retryAfterMs: 7000,
      remaining: 0,
      limit: { requests: 700, windowMs: 60_000 },
    });
    expect(readRateLimit(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now).retryAfterMs).toBe(3000);
    expect(readRateLimit(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 4) }), now).retryAfterMs).toBe(4000); // Intercom: a unix time
    expect(readRateLimit(new Headers({ 'x-gorgias-account-api-call-limit': '38/40' }), now)).toEqual({
      retryAfterMs: null,
      remaining: 2,
      limit: { requests: 40, windowMs: 20_000 },
    });
    expect(
      readRateLimit(
        new Headers({ 'x-ratelimit-retry-after': '2', 'x-ratelimit-limit-minute': '200', 'x-ratelimit-remaining-minute': '0' }),
        now,
      ),
    ).toEqual({ retryAfterMs: 2000, remaining: 0, limit: { requests: 200, windowMs: 60_000 } });
    expect(
      readRateLimit(new Headers({ 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-interval-milliseconds': '10000' }), now).limit,
    ).toEqual({ requests: 100, windowMs: 10_000 });
  });

  it('waits as a 429 says, then goes on', async () => {
    const server = await scripted(json({ error: 'slow down' }, 429, { 'retry-after': '2' }), json({ tickets: [1] }));
    const { http, waits } = client(server.url);
    expect((await http.get<{ tickets: number[] }>('incremental/tickets/cursor.json', { start_time: 0 })).body).toEqual({ tickets: [1] });
    expect(server.count()).toBe(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]!.why).toBe('rate limit');
    expect(waits[0]!.ms).toBeGreaterThan(1900);
    expect(http.requests.limited).toBe(1);
  });

  it('backs off on 5xx and garbled JSON, and gives up with a clear error', async () => {
    const flaky = await scripted(json({}, 500), json({}, 502), (_q, res) => res.end('{"tickets": ['), json({ ok: true }));
    const { http, waits } = client(flaky.url);
    expect((await http.get('tickets.json')).body).toEqual({ ok: true });
    expect(waits.map((w) => w.why)).toEqual(['retry', 'retry', 'retry']);
    expect(waits[1]!.ms).toBeGreaterThan(waits[0]!.ms * 0.9); // exponential, with jitter

    const down = await scripted(json({}, 503));
    const error = await failure(client(down.url).http.get('tickets.json'));
    expect(error).toMatchObject({ failure: 'server', status: 503, code: 'UNAVAILABLE' });
    expect(error.message).toMatch(/Zendesk had a problem \(HTTP 503\)/);
    expect(down.count()).toBe(4);
  });

  it('says what to fix for bad credentials, missing permission and a wrong subdomain, without retrying', async () => {
    for (const [status, failure_, words] of [
      [401, 'credentials', /refused the credentials/],
      [403, 'forbidden', /read access/],
      [404, 'not_found', /check the subdomain or the base URL/],
    ] as const) {
      const server = await scripted(json({ error: 'no' }, status));
      const error = await failure(client(server.url).http.get('tickets.json'));
      expect(error).toMatchObject({ failure: failure_, status });
      expect(error.message).toMatch(words);
      expect(server.count()).toBe(1);
    }
  });

  it('reports no network after retrying, and a server that never answers as a timeout', async () => {
    const gone = await scripted(json({}));
    const port = new URL(gone.url).port;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const offline = await failure(client(`http://127.0.0.1:${deadPort}/api/v2`).http.get('tickets.json'));
    expect(offline).toMatchObject({ failure: 'offline' });
    expect(offline.message).toMatch(/Cannot reach Zendesk at 127\.0\.0\.1:\d+.*keeps working with the tickets it has/);
    expect(port).not.toBe(String(deadPort));

    const silent = await scripted(() => undefined);
    const timeout = await failure(client(silent.url, { timeoutMs: 150, retries: 1 }).http.get('tickets.json'));
    expect(timeout.message).toMatch(/did not answer in time/);
    expect(silent.count()).toBe(2);
  });

  it('after the first 429, paces itself under the limit and never trips it again', async () => {
    // the mock allows 4 requests per 500 ms window and says so, as HubSpot does
    const sent: number[] = [];
    let limited = 0;
    const limit: Handler = (_req, res) => {
      const now = Date.now();
      const recent = sent.filter((t) => now - t < 500);
      const headers = { 'x-hubspot-ratelimit-max': '4', 'x-hubspot-ratelimit-interval-milliseconds': '500' };
      if (recent.length >= 4) {
        limited++;
        json({ message: 'rate limited' }, 429, { ...headers, 'retry-after': '1' })(_req, res, 0);
        return;
      }
      sent.push(now);
      json({ ok: true }, 200, { ...headers, 'x-hubspot-ratelimit-remaining': String(3 - recent.length) })(_req, res, 0);
    };
    const server = await scripted(limit);
    const http = new HttpClient({
      baseUrl: server.url,
      vendor: 'HubSpot',
      headers: () => ({}),
      retries: 2,
      fetchImpl: guardedFetch('helpdesk'),
    });
    for (let i = 0; i < 14; i++) await http.get('crm/v3/objects/tickets');
    expect(limited).toBe(1);
    expect(sent).toHaveLength(14);
  }, 20_000);
});
