import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { DEFAULT_PRIVACY, EGRESS_ROLE_LABEL, isLoopback, type EgressRole, type PrivacySettings } from '../../../shared/domain/privacy';
import { nowIso, type DB } from '../db/open';
import { getSetting } from '../system/settings';

export const PRIVACY_KEY = 'privacy';

/** What the code about to call out declares: why, for whom, and where the call is logged. */
export interface EgressScope {
  db: DB;
  role: EgressRole;
  purpose: string;
  draftId?: number | null;
  /** What redaction removed from the text before it was sent, by kind. */
  redactions?: Record<string, number>;
  /** Ids of the log rows written in this scope, for linking them to the draft made afterwards. */
  logged?: number[];
}

const scopes = new AsyncLocalStorage<EgressScope>();

/** Runs `work` with its outbound requests declared; nested scopes replace the outer one. */
export function withEgress<T>(scope: EgressScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** Inside a declared scope, part of the work is of another kind (a model download during indexing). */
export function asRole<T>(role: EgressRole, purpose: string, work: () => T): T {
  const outer = scopes.getStore();
  return outer ? scopes.run({ ...outer, role, purpose, logged: outer.logged }, work) : work();
}

/** Refused by local-only mode: callers pass it on as it is, never as "unreachable". */
export class EgressBlockedError extends AppError {
  constructor(message: string) {
    super('UNAVAILABLE', message);
    this.name = 'EgressBlockedError';
  }
}

/** The guard's refusal inside an error a client library wrapped around it, if that is what happened. */
export function egressRefusal(error: unknown): EgressBlockedError | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if (e instanceof EgressBlockedError) return e;
  return null;
}

export function privacySettings(db: DB): PrivacySettings {
  return { ...DEFAULT_PRIVACY, ...getSetting<Partial<PrivacySettings>>(db, PRIVACY_KEY, {}) };
}

/**
 * The decision for one request. Helpdesks and help centers the lead connected may always be
 * called (connecting one is the consent); a model server on this computer may; a model server
 * elsewhere counts as a cloud model. A cloud model or a model download goes out only with
 * local-only mode off, or for an endpoint the lead allowed by name.
 */
export function decide(
  settings: PrivacySettings,
  role: EgressRole,
  url: URL,
): { allowed: true; role: EgressRole } | { allowed: false; role: EgressRole; reason: string } {
  const effective: EgressRole = role === 'local-model' && !isLoopback(url.hostname) ? 'cloud-llm' : role;
  // the lead's own connections: a helpdesk or help center connected, a model on this computer, the team server shared or joined
  if (effective === 'helpdesk' || effective === 'help-center' || effective === 'local-model' || effective === 'team-server')
    return { allowed: true, role: effective };
  if (!settings.localOnly || settings.allowed.some((a) => a.origin === url.origin)) return { allowed: true, role: effective };
  const what = effective === 'cloud-llm' ? 'ticket text, redacted, to draft an article' : 'a request for the model files (no ticket data)';
  return {
    allowed: false,
    role: effective,
    reason: `Local-only mode kept this on your computer: ${EGRESS_ROLE_LABEL[effective].toLowerCase()} ${url.origin} would receive ${what}. To allow it, go to Settings → Privacy and allow ${url.origin}, or turn local-only mode off.`,
  };
}

/** What a request puts on the wire, roughly: its address, its headers and its body. */
function requestBytes(url: URL, init: RequestInit | undefined): number {
  const headers = new Headers(init?.headers);
  let size = Buffer.byteLength(url.href) + bodyBytes(init?.body);
  headers.forEach((value, name) => (size += Buffer.byteLength(name) + Buffer.byteLength(value) + 4));
  return size;
}

function bodyBytes(body: unknown): number {
  if (body == null) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof URLSearchParams) return Buffer.byteLength(body.toString());
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (body instanceof Blob) return body.size;
  return 0;
}

/** The log's insert, prepared once per connection: a sync writes one row per request. */
const inserts = new WeakMap<DB, Database.Statement>();

function log(
  scope: EgressScope,
  entry: {
    url: URL;
    method: string;
    role: EgressRole;
    outcome: 'sent' | 'blocked' | 'failed';
    status: number | null;
    bytesOut: number;
    bytesIn: number | null;
  },
): void {
  let insert = inserts.get(scope.db);
  if (!insert) {
    insert = scope.db.prepare(
      `INSERT INTO egress_log (at, origin, method, path, role, purpose, outcome, status, bytes_out, bytes_in, draft_id, redactions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    inserts.set(scope.db, insert);
  }
  const id = Number(
    insert.run(
      nowIso(),
      entry.url.origin,
      entry.method,
      entry.url.pathname,
      entry.role,
      scope.purpose,
      entry.outcome,
      entry.status,
      entry.bytesOut,
      entry.bytesIn,
      scope.draftId ?? null,
      scope.redactions ? JSON.stringify(scope.redactions) : null,
    ).lastInsertRowid,
  );
  scope.logged?.push(id);
}

/**
 * Asks the guard before handing work to a client library that would retry a refusal as if
 * the network had failed: a refused endpoint is logged once and refused at once.
 */
export function preflight(url: URL, method = 'POST'): void {
  const scope = scopes.getStore();
  if (!scope) throw new AppError('INTERNAL', `An outbound request to ${url.origin} had no declared purpose and was not sent.`);
  const decision = decide(privacySettings(scope.db), scope.role, url);
  if (decision.allowed) return;
  log(scope, { url, method, role: decision.role, outcome: 'blocked', status: null, bytesOut: 0, bytesIn: null });
  throw new EgressBlockedError(decision.reason);
}

/**
 * The engine's one way out: every helpdesk, help-center, model and download request goes
 * through here. It refuses a request made outside a declared scope, applies local-only mode,
 * and logs what went where.
 */
export const egressFetch: typeof fetch = async (input, init) => {
  const scope = scopes.getStore();
  const request = input instanceof Request ? input : null;
  const url = new URL(request ? request.url : String(input));
  if (!scope) throw new AppError('INTERNAL', `An outbound request to ${url.origin} had no declared purpose and was not sent.`);
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const bytesOut = requestBytes(url, init);
  const decision = decide(privacySettings(scope.db), scope.role, url);
  if (!decision.allowed) {
    log(scope, { url, method, role: decision.role, outcome: 'blocked', status: null, bytesOut: 0, bytesIn: null });
    throw new EgressBlockedError(decision.reason);
  }
  try {
    const response = await fetch(input, init);
    const length = response.headers.get('content-length');
    log(scope, {
      url,
      method,
      role: decision.role,
      outcome: 'sent',
      status: response.status,
      bytesOut,
      bytesIn: length === null ? null : Number(length),
    });
    return response;
  } catch (error) {
    log(scope, { url, method, role: decision.role, outcome: 'failed', status: null, bytesOut, bytesIn: null });
    throw error;
  }
};

/** Traffic that does not go through fetch (the team server's WebSocket), logged like a request: one row per stretch of traffic. */
export function recordTraffic(
  db: DB,
  entry: { url: URL; role: EgressRole; purpose: string; outcome: 'sent' | 'failed'; bytesOut: number; bytesIn: number },
): void {
  log({ db, role: entry.role, purpose: entry.purpose }, { ...entry, method: 'WS', status: null });
}

/** Ties the model calls made for a draft to it, once the draft has its id. */
export function linkEgress(db: DB, logged: number[] | undefined, draftId: number): void {
  if (logged?.length)
    db.prepare(`UPDATE egress_log SET draft_id = ? WHERE id IN (SELECT value FROM json_each(?))`).run(draftId, JSON.stringify(logged));
}
