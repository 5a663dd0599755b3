/**
 * What a helpdesk's response headers say about its rate limit. Vendors spell it differently:
 * Retry-After (seconds or an HTTP date; Help Scout's X-RateLimit-Retry-After), a reset time
 * (Intercom's X-RateLimit-Reset is a unix time, the IETF draft's RateLimit-Reset is seconds),
 * and a budget per window (Zendesk X-Rate-Limit per minute, Gorgias "10/40" per 20 s, …).
 */
export interface RateLimitHint {
  /** Wait this long before the next request, when the response says so. */
  retryAfterMs: number | null;
  /** Requests left in the current window, when known. */
  remaining: number | null;
  /** Requests allowed per window, and the window, when known. */
  limit: { requests: number; windowMs: number } | null;
}

function header(headers: Headers, ...names: string[]): string | null {
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== '') return value.trim();
  }
  return null;
}

function seconds(value: string | null): number | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function readRateLimit(headers: Headers, now = Date.now()): RateLimitHint {
  let retryAfterMs: number | null = null;
  const retry = header(headers, 'retry-after', 'x-ratelimit-retry-after');
  if (retry !== null) {
    const s = seconds(retry);
    retryAfterMs = s !== null ? s * 1000 : Number.isFinite(Date.parse(retry)) ? Math.max(0, Date.parse(retry) - now) : null;
  }
  if (retryAfterMs === null) {
    const reset = seconds(header(headers, 'x-ratelimit-reset', 'ratelimit-reset'));
    // a unix time (Intercom) or seconds from now (the IETF draft)
    if (reset !== null) retryAfterMs = reset > 1e9 ? Math.max(0, reset * 1000 - now) : reset * 1000;
  }
  const gorgias = header(headers, 'x-gorgias-account-api-call-limit')?.match(/^(\d+)\/(\d+)$/);
  const remaining = gorgias
    ? Number(gorgias[2]) - Number(gorgias[1])
    : seconds(
        header(
          headers,
          'x-rate-limit-remaining',
          'x-ratelimit-remaining',
          'ratelimit-remaining',
          'x-ratelimit-remaining-minute',
          'x-hubspot-ratelimit-remaining',
        ),
      );
  let limit: RateLimitHint['limit'] = null;
  if (gorgias) limit = { requests: Number(gorgias[2]), windowMs: 20_000 };
  else {
    const perMinute = seconds(header(headers, 'x-rate-limit', 'x-ratelimit-limit-minute', 'x-ratelimit-total'));
    const hubspot = seconds(header(headers, 'x-hubspot-ratelimit-max'));
    const interval = seconds(header(headers, 'x-hubspot-ratelimit-interval-milliseconds'));
    if (perMinute) limit = { requests: perMinute, windowMs: 60_000 };
    else if (hubspot && interval) limit = { requests: hubspot, windowMs: interval };
  }
  return { retryAfterMs, remaining, limit };
}

/**
 * Spaces requests so they stay under the helpdesk's limit once it has said what the limit is:
 * after a 429, every request waits its share of the window (adaptive pacing), and when the
 * budget runs out it waits for the window to turn.
 */
export class Pacer {
  private intervalMs = 0;
  private nextAt = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /**
   * Takes the next free slot and says how long to wait for it. Taking it at once matters:
   * requests sent side by side (a page's tickets) would otherwise all wait for the same slot
   * and go out together, a burst over the limit.
   */
  reserve(): number {
    const now = this.clock();
    const at = Math.max(this.nextAt, now);
    this.nextAt = at + this.intervalMs;
    return at - now;
  }

  /** Learns from a response; `limited` is true for a 429. */
  learn(hint: RateLimitHint, limited: boolean): void {
    if (hint.limit && (limited || this.intervalMs > 0)) {
      // a little under the budget, so clock skew between us and the server does not trip it
      this.intervalMs = Math.max(this.intervalMs, Math.ceil((hint.limit.windowMs / hint.limit.requests) * 1.1));
    } else if (limited && this.intervalMs === 0) {
      this.intervalMs = 250;
    }
    if (limited || hint.remaining === 0) {
      // told nothing about when to come back, a 429 waits out a whole window of the known limit
      const wait = hint.retryAfterMs ?? (limited ? (hint.limit?.windowMs ?? 1000) : 0);
      this.nextAt = Math.max(this.nextAt, this.clock() + wait);
    }
  }
}
