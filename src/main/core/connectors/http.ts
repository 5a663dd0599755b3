import { AppError } from '../../../shared/api/errors';
import { sleep } from '../jobs/context';
import { egressFetch } from '../privacy/egress';
import { Pacer, readRateLimit } from './rate-limit';

import type { SyncFailure } from '../../../shared/domain/source';

/** Why a helpdesk call failed, in terms a lead can act on. */
export type HelpdeskFailure = SyncFailure;

export class HelpdeskError extends AppError {
  constructor(
    readonly failure: HelpdeskFailure,
    message: string,
    readonly status: number | null = null,
  ) {
    super(failure === 'not_found' ? 'NOT_FOUND' : 'UNAVAILABLE', message);
    this.name = 'HelpdeskError';
  }
}

export interface HttpClientOptions {
  /** The API's base URL (a region, a proxy or a mock server may replace the vendor's). */
  baseUrl: string;
  /** The helpdesk's name, for messages: "Zendesk refused…". */
  vendor: string;
  /** Headers sent with every request (authorization, API version). */
  headers: () => Promise<Record<string, string>> | Record<string, string>;
  signal?: AbortSignal;
  /** Attempts for a request that fails with a 5xx or garbled JSON (429s wait instead). */
  retries?: number;
  /** Attempts when the network fails or the helpdesk does not answer in time. */
  networkRetries?: number;
  timeoutMs?: number;
  /** What the token needs for this work, for the 403 message. */
  access?: string;
  /** Told about every wait, so a sync can say "waiting for Zendesk's rate limit". */
  onWait?: (ms: number, why: 'rate limit' | 'retry') => void;
  fetchImpl?: typeof fetch;
  /** For tests: how waiting is done. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface HttpResponse<T> {
  body: T;
  headers: Headers;
  status: number;
}

const MAX_RATE_LIMIT_WAITS = 30;

/**
 * The one way connectors talk to a helpdesk: JSON over HTTPS with its auth, rate limits
 * honoured (Retry-After and each vendor's headers, then paced under the budget), backoff on
 * 5xx, timeouts and network errors, and errors that say what to fix.
 */
export class HttpClient {
  private readonly pacer = new Pacer();
  readonly requests = { sent: 0, limited: 0 };

  constructor(private readonly o: HttpClientOptions) {}

  url(path: string, query: Record<string, string | number | undefined> = {}): string {
    const url = /^https?:\/\//.test(path)
      ? new URL(path)
      : new URL(path.replace(/^\//, ''), this.o.baseUrl.endsWith('/') ? this.o.baseUrl : `${this.o.baseUrl}/`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<HttpResponse<T>> {
    return this.request<T>('GET', this.url(path, query));
  }

  post<T>(path: string, body: unknown, query?: Record<string, string | number | undefined>): Promise<HttpResponse<T>> {
    return this.request<T>('POST', this.url(path, query), body);
  }

  put<T>(path: string, body: unknown, query?: Record<string, string | number | undefined>): Promise<HttpResponse<T>> {
    return this.request<T>('PUT', this.url(path, query), body);
  }

  /** An OAuth token request: the fields form-encoded, as token endpoints expect. */
  postForm<T>(path: string, fields: Record<string, string>): Promise<HttpResponse<T>> {
    return this.request<T>('POST', this.url(path), new URLSearchParams(fields));
  }

  async request<T>(method: string, url: string, body?: unknown): Promise<HttpResponse<T>> {
    const wait =
      this.o.wait ?? ((ms: number, signal?: AbortSignal) => (signal ? sleep(ms, signal) : new Promise<void>((r) => setTimeout(r, ms))));
    const retries = this.o.retries ?? 5;
    let failures = 0;
    let limitedWaits = 0;
    for (;;) {
      const pace = this.pacer.reserve();
      if (pace > 0) {
        this.o.onWait?.(pace, 'rate limit');
        await wait(pace, this.o.signal);
      }
      this.requests.sent++;
      const form = body instanceof URLSearchParams;
      const contentType: Record<string, string> =
        body === undefined ? {} : { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' };
      const headers = { accept: 'application/json', ...contentType, ...(await this.o.headers()) };
      // the deadline covers the answer and its body; its timer holds the controller, so the
      // combined signal can never lose its source to the garbage collector and stay silent
      const ms = this.o.timeoutMs ?? 30_000;
      const deadline = new AbortController();
      setTimeout(() => deadline.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms).unref();
      let response: Response;
      try {
        response = await (this.o.fetchImpl ?? egressFetch)(url, {
          method,
          headers,
          body: body === undefined ? undefined : form ? body.toString() : JSON.stringify(body),
          signal: this.o.signal ? AbortSignal.any([deadline.signal, this.o.signal]) : deadline.signal,
        });
      } catch (error) {
        // the guard's refusals and a missing purpose are answers, not network trouble
        if (this.o.signal?.aborted || error instanceof AppError) throw error;
        if (++failures > Math.min(retries, this.o.networkRetries ?? 3)) {
          const timedOut = error instanceof Error && error.name === 'TimeoutError';
          throw new HelpdeskError(
            'offline',
            timedOut
              ? `${this.o.vendor} did not answer in time (${new URL(url).host}). Tideline keeps working with the tickets it has.`
              : `Cannot reach ${this.o.vendor} at ${new URL(url).host}: no network, or the address is wrong. Tideline keeps working with the tickets it has.`,
          );
        }
        await this.backoff(failures, wait);
        continue;
      }
      const hint = readRateLimit(response.headers);
      if (response.status === 429) {
        this.requests.limited++;
        this.pacer.learn(hint, true);
        await response.body?.cancel();
        if (++limitedWaits > MAX_RATE_LIMIT_WAITS)
          throw new HelpdeskError('server', `${this.o.vendor} kept answering "too many requests"; try the sync again later.`, 429);
        continue;
      }
      this.pacer.learn(hint, false);
      if (response.status >= 500) {
        await response.body?.cancel();
        if (++failures > retries)
          throw new HelpdeskError(
            'server',
            `${this.o.vendor} had a problem (HTTP ${response.status}) and did not recover after ${retries} retries.`,
            response.status,
          );
        await this.backoff(failures, wait);
        continue;
      }
      if (response.status === 401)
        throw new HelpdeskError(
          'credentials',
          `${this.o.vendor} refused the credentials (401): check the token, and the email or account it belongs to.`,
          401,
        );
      if (response.status === 403)
        throw new HelpdeskError(
          'forbidden',
          `${this.o.vendor} says this token may not read that (403): give it ${this.o.access ?? 'read access to tickets, conversations and users'}.`,
          403,
        );
      if (response.status === 404)
        throw new HelpdeskError(
          'not_found',
          `${this.o.vendor} has nothing at ${new URL(url).origin}${new URL(url).pathname} (404): check the subdomain or the base URL.`,
          404,
        );
      const text = await response.text();
      if (response.status >= 400)
        throw new HelpdeskError(
          'bad_response',
          `${this.o.vendor} rejected the request (HTTP ${response.status}): ${errorDetail(text)}`,
          response.status,
        );
      try {
        return { body: (text ? JSON.parse(text) : null) as T, headers: response.headers, status: response.status };
      } catch {
        // a truncated or garbled answer: ask again, it is usually a proxy hiccup
        if (++failures > retries)
          throw new HelpdeskError(
            'bad_response',
            `${this.o.vendor} sent something that is not JSON: ${text.slice(0, 120)}`,
            response.status,
          );
        await this.backoff(failures, wait);
      }
    }
  }

  private async backoff(failures: number, wait: (ms: number, signal?: AbortSignal) => Promise<void>): Promise<void> {
    const ms = Math.min(30_000, 500 * 2 ** (failures - 1)) * (0.75 + Math.random() * 0.5);
    this.o.onWait?.(ms, 'retry');
    await wait(ms, this.o.signal);
  }
}

/** The vendor's own words from an error body (Zendesk details, Freshdesk and Intercom error lists), or the start of the text. */
export function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const parts: string[] = [];
    const add = (v: unknown) => {
      if (typeof v === 'string' && v.trim()) parts.push(v.trim());
    };
    add(body.description ?? body.message ?? body.error);
    for (const e of Array.isArray(body.errors) ? (body.errors as Record<string, unknown>[]) : [])
      add([e.field, e.message ?? e.code].filter(Boolean).join(': '));
    for (const list of Object.values((body.details as Record<string, unknown> | undefined) ?? {}))
      for (const e of Array.isArray(list) ? (list as Record<string, unknown>[]) : []) add(e.description);
    if (parts.length) return parts.join('; ').slice(0, 300);
  } catch {
    // not JSON: the text itself says what happened
  }
  return text.slice(0, 200);
}
