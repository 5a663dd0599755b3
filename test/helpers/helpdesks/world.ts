import { DemoCompany, demoStart, type DemoLine } from '../../../src/main/core/demo/generator';

/** A person as a helpdesk numbers them: customers, human agents and the AI agent's user. */
export interface Person {
  id: number;
  name: string;
  email: string | null;
  kind: 'customer' | 'agent' | 'bot';
}

export interface Message {
  id: number;
  author: Person;
  public: boolean;
  at: number;
  body: string;
  /** Sent by the helpdesk's automation in `author`'s name: a trigger's or rule's reply, an automated outbound message. */
  automated?: boolean;
}

export interface Ticket {
  id: number;
  subject: string;
  status: 'open' | 'solved';
  channel: string;
  createdAt: number;
  updatedAt: number;
  solvedAt: number | null;
  tags: string[];
  csat: 'good' | 'bad' | null;
  requester: Person;
  messages: Message[];
  aiInvolved: boolean;
  /** A human replied publicly after the AI agent. */
  handover: boolean;
  /** The AI agent gave an answer (not a fallback). */
  aiAnswered: boolean;
}

export const BOT_NAME = 'Kettle Assistant';
export const ADMIN = { id: 7, name: 'Robin Admin', email: 'robin@brightkettle.example' };

/**
 * The demo company's tickets as a helpdesk holds them: numeric ids, people as users, times
 * in milliseconds, a last-changed time per ticket. Each mock server renders it in its
 * vendor's shapes; `touch` changes a ticket the way a new reply would.
 */
export class World {
  readonly tickets: Ticket[] = [];
  readonly people = new Map<number, Person>();
  private readonly byKey = new Map<string, Person>();
  private nextMessageId = 1;

  constructor(lines: DemoLine[]) {
    lines.forEach((line, i) => this.tickets.push(this.ticket(line, i + 1)));
  }

  static demo(options: { weeks: number; perWeek: number; seed?: number }): World {
    const company = new DemoCompany({
      seed: options.seed ?? 7,
      weeks: options.weeks,
      perWeek: options.perWeek,
      start: demoStart(new Date(), options.weeks),
    });
    return new World([...company.all()]);
  }

  get(id: number): Ticket | undefined {
    return this.tickets[id - 1];
  }

  /** Tickets ordered by last change, then id: the order incremental exports walk. */
  byChange(): Ticket[] {
    return [...this.tickets].sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
  }

  /** A new public reply on a ticket, now (as an agent or the customer). */
  touch(id: number, body: string, as: 'agent' | 'customer' = 'agent'): Message {
    const t = this.get(id)!;
    const author = as === 'customer' ? t.requester : [...this.people.values()].find((p) => p.kind === 'agent')!;
    const m: Message = { id: this.nextMessageId++, author, public: true, at: Math.max(Date.now(), t.updatedAt + 1000), body };
    t.messages.push(m);
    t.updatedAt = m.at;
    return m;
  }

  /**
   * A message the helpdesk's automation sends in the admin's name, `afterMs` after the ticket's
   * first message (a rule's auto-reply), or before it when negative (an outbound message it starts with).
   */
  automated(id: number, body: string, afterMs = 5_000): Message {
    const t = this.get(id)!;
    const author = this.person('admin', ADMIN.name, ADMIN.email, 'agent');
    const m: Message = { id: this.nextMessageId++, author, public: true, at: t.messages[0]!.at + afterMs, body, automated: true };
    const before = t.messages.findIndex((x) => x.at > m.at);
    t.messages.splice(before < 0 ? t.messages.length : before, 0, m);
    return m;
  }

  users(): Person[] {
    return [...this.people.values()];
  }

  private person(key: string, name: string, email: string | null, kind: Person['kind']): Person {
    let p = this.byKey.get(key);
    if (!p) {
      p = { id: kind === 'customer' ? 10_000 + this.byKey.size : 100 + this.byKey.size, name, email, kind };
      this.byKey.set(key, p);
      this.people.set(p.id, p);
    }
    return p;
  }

  private ticket(line: DemoLine, id: number): Ticket {
    const requester = this.person(`c:${line.requester.id}`, line.requester.name, line.requester.email, 'customer');
    const messages = line.messages.map((m): Message => {
      const author =
        m.role === 'customer'
          ? requester
          : m.role === 'bot'
            ? this.person('bot', BOT_NAME, 'assistant@brightkettle.example', 'bot')
            : this.person(
                `a:${m.author?.id}`,
                m.author?.name ?? 'Agent',
                `${(m.author?.name ?? 'agent').split(' ')[0]!.toLowerCase()}@brightkettle.example`,
                'agent',
              );
      return { id: this.nextMessageId++, author, public: m.public, at: Date.parse(m.created_at), body: m.body };
    });
    const solvedAt = line.status === 'solved' && line.solved_at ? Date.parse(line.solved_at) : null;
    const firstBot = messages.findIndex((m) => m.author.kind === 'bot');
    const handover = firstBot >= 0 && messages.slice(firstBot + 1).some((m) => m.author.kind === 'agent' && m.public);
    return {
      id,
      subject: line.subject,
      status: line.status === 'solved' ? 'solved' : 'open',
      channel: line.channel,
      createdAt: Date.parse(line.created_at),
      updatedAt: Math.max(solvedAt ?? 0, ...messages.map((m) => m.at)),
      solvedAt,
      tags: line.tags,
      csat: line.csat === 'good' || line.csat === 'bad' ? line.csat : null,
      requester,
      messages,
      aiInvolved: firstBot >= 0,
      handover,
      aiAnswered: line.truth.bot === 'answered' || line.truth.bot === 'outdated' || line.truth.bot === 'wrong',
    };
  }
}

/** An opaque keyset cursor, as helpdesks hand them out. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string): T | null {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString()) as T;
  } catch {
    return null;
  }
}

export const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const secondsOf = (ms: number) => Math.floor(ms / 1000);
/** Simple HTML, as helpdesks store message bodies. */
export const html = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')}</p>`)
    .join('');
