import type { HelpdeskKind } from '../../../shared/domain/source';
import type { MessageRole } from '../../../shared/domain/ticket';
import type { TicketInput } from '../tickets/format';
import { HelpdeskError, HttpClient, type HttpClientOptions } from './http';

/** What a connector is built from: the source's settings and its secrets (in memory only). */
export interface ConnectorSettings {
  kind: HelpdeskKind;
  config: Record<string, string>;
  secrets: Record<string, string>;
  baseUrl: string | null;
  botIds: string[];
  /** Authors that are the helpdesk's own automation, not the AI agent (`SourceSync.automationIds`). */
  automationIds: string[];
  historyDays: number;
}

/** One page of a sync: tickets changed since the cursor, and the cursor just after them. */
export interface SyncPage {
  tickets: TicketInput[];
  /** Store this; the next page (or the next sync) starts from it. */
  cursor: unknown;
  /** The stream is drained for now; the cursor is where the next sync begins. */
  done: boolean;
  /** How many tickets this sync will bring in all, when the helpdesk says. */
  estimate: number | null;
}

export interface Connector {
  /** Tickets changed since `cursor` (null: the first sync, reaching back historyDays). */
  page(cursor: unknown): Promise<SyncPage>;
  /** One cheap authenticated call; a sentence about what the account holds. */
  describe(): Promise<string>;
}

export type HttpOptions = Pick<HttpClientOptions, 'signal' | 'onWait' | 'fetchImpl' | 'wait' | 'timeoutMs' | 'retries' | 'access'>;

type Author = { id?: string | null; name?: string | null };

/** Authors listed by id or by name, in any case. */
class AuthorList {
  private readonly keys: Set<string>;
  constructor(ids: string[]) {
    this.keys = new Set(ids.map((b) => b.trim().toLowerCase()).filter(Boolean));
  }

  has(id: string | null | undefined, name: string | null | undefined): boolean {
    return (id != null && this.keys.has(String(id).toLowerCase())) || (name != null && this.keys.has(name.trim().toLowerCase()));
  }
}

/**
 * Tells the AI agent's messages from people's: the lead's list of the helpdesk's own automation
 * first, then the vendor's own flag, then the lead's list of bot authors.
 */
export class BotMatcher {
  private readonly bots: AuthorList;
  private readonly automation: AuthorList;
  constructor(s: Pick<ConnectorSettings, 'botIds' | 'automationIds'>) {
    this.bots = new AuthorList(s.botIds);
    this.automation = new AuthorList(s.automationIds);
  }

  isListed(id: string | null | undefined, name: string | null | undefined): boolean {
    return this.bots.has(id, name);
  }

  isAutomation(id: string | null | undefined, name: string | null | undefined): boolean {
    return this.automation.has(id, name);
  }

  /**
   * The role of a message whose vendor role is `role`: a listed author or a vendor AI flag makes
   * a message from the team's side (an agent's, or the helpdesk's own: a rule, an integration) the
   * bot's; an author listed as automation (a rules bot the vendor calls its bot) is the helpdesk's own.
   */
  role(role: MessageRole, author: Author, vendorSaysBot = false): MessageRole {
    if (role === 'customer') return role;
    if (this.isAutomation(author.id, author.name)) return 'system';
    return vendorSaysBot || this.isListed(author.id, author.name) ? 'bot' : role;
  }
}

/** Runs `fn` over items with at most `limit` at a time, keeping their order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Messages of one ticket fetched at a time per page: enough to hide latency, gentle on the helpdesk. */
export const TICKET_CONCURRENCY = 4;

export function historyStart(historyDays: number, now = Date.now()): number {
  return now - historyDays * 24 * 3600 * 1000;
}

export { iso } from '../tickets/time';

export function requireSetting(
  settings: Pick<ConnectorSettings, 'config' | 'secrets'>,
  key: string,
  label: string,
  vendor: string,
): string {
  const value = (settings.config[key] ?? settings.secrets[key] ?? '').trim();
  if (!value) throw new HelpdeskError('credentials', `${vendor} needs the ${label}: add it in the settings.`);
  return value;
}

/** A client for one helpdesk; `headers` are fixed ones, or a function for a token that changes. */
export function client(
  vendor: string,
  baseUrl: string,
  headers: Record<string, string> | HttpClientOptions['headers'],
  http: HttpOptions,
): HttpClient {
  return new HttpClient({ vendor, baseUrl, headers: typeof headers === 'function' ? headers : () => headers, ...http });
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Settings typed in a form over the saved ones: an empty field keeps what is stored (a secret is never shown back). */
export function typedOver(saved: Record<string, string> | undefined, typed: Record<string, string> | undefined): Record<string, string> {
  return { ...saved, ...Object.fromEntries(Object.entries(typed ?? {}).filter(([, v]) => v.trim() !== '')) };
}
