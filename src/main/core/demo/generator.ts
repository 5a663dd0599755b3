import { AGENTS, BOT, CITIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, STREETS, type DemoAgent, type DemoCustomer } from './people';
import { mixSeed, Rng } from './rng';
import * as T from './texts';
import { TOPICS_A } from './topics-a';
import { TOPICS_B } from './topics-b';
import type { DemoTopic, DemoTruth } from './types';

export const DEMO_TOPICS: DemoTopic[] = [...TOPICS_A, ...TOPICS_B];

export interface DemoOptions {
  seed: number;
  weeks: number;
  /** About this many tickets a week (weekdays busier than weekends). */
  perWeek: number;
  /** Monday 00:00 UTC of the first week (ISO). */
  start: string;
}

export const DEMO_DEFAULTS = { seed: 7, weeks: 16, perWeek: 300 } as const;

/** One ticket in the open format (DESIGN §7), with its ground truth. */
export interface DemoLine {
  id: string;
  subject: string;
  status: string;
  channel: string;
  created_at: string;
  solved_at?: string;
  reopened_at?: string;
  tags: string[];
  csat?: string;
  requester: { id: string; name: string; email: string };
  messages: {
    id: string;
    role: 'customer' | 'agent' | 'bot';
    public: boolean;
    created_at: string;
    body: string;
    author?: { id: string; name: string };
  }[];
  truth: DemoTruth;
}

/** Which topics the AI agent knows, and which answer version it learned. */
export type Knowledge = Map<string, 1 | 2>;

const DAY_SHARE = [0.19, 0.18, 0.17, 0.16, 0.15, 0.08, 0.07]; // Monday first
const DAY_MS = 24 * 3600 * 1000;

/** Monday 00:00 UTC `weeks` weeks before the week of `now`: the demo ends with last week, nothing in the future. */
export function demoStart(now: Date, weeks: number): string {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return new Date(monday.getTime() - weeks * 7 * DAY_MS).toISOString();
}

/**
 * Brightkettle, a fictional maker of smart kettles with a bean subscription: 43 recurring
 * topics, an AI agent that knows some of them, human agents (two of whom are sometimes
 * wrong), and the events of a real quarter: an outage, a feature launch, a product change.
 * Deterministic for a seed; week by week it can learn from what Tideline approves.
 */
export class DemoCompany {
  readonly topics = DEMO_TOPICS;
  readonly events: {
    outageWeek: number;
    launchWeek: number;
    productChangeWeek: number;
    outageTopic: string;
    launchTopic: string;
    changedTopic: string;
  };
  private readonly customers: DemoCustomer[];
  private readonly startMs: number;

  constructor(readonly options: DemoOptions) {
    const w = options.weeks;
    this.events = {
      outageWeek: Math.max(1, Math.floor(w * 0.35)),
      launchWeek: Math.max(2, Math.min(10, Math.floor(w * 0.6))),
      productChangeWeek: Math.max(2, Math.floor(w * 0.5)),
      outageTopic: 'trouble.app-login',
      launchTopic: 'integrations.alexa',
      changedTopic: 'account.reset-password',
    };
    this.startMs = Date.parse(options.start);
    const rng = new Rng(mixSeed(options.seed, 1));
    const poolSize = Math.max(400, Math.round((options.perWeek * options.weeks) / 3));
    this.customers = Array.from({ length: poolSize }, (_, i) => makeCustomer(rng, i));
  }

  initialKnowledge(): Knowledge {
    return new Map(this.topics.filter((t) => t.botKnows).map((t) => [t.id, 1 as const]));
  }

  /** The tickets of every week, the AI agent knowing only what it knew at the start. */
  *all(): Generator<DemoLine> {
    const knowledge = this.initialKnowledge();
    for (let w = 0; w < this.options.weeks; w++) yield* this.week(w, knowledge);
  }

  /** One week's tickets, given what the AI agent knows that week. */
  week(w: number, knowledge: Knowledge): DemoLine[] {
    const rng = new Rng(mixSeed(this.options.seed, 1000 + w));
    const lines: DemoLine[] = [];
    for (let day = 0; day < 7; day++) {
      const count = Math.round(this.options.perWeek * DAY_SHARE[day]! * (0.85 + rng.next() * 0.3));
      for (let i = 0; i < count; i++) lines.push(this.ticket(rng, w, day, lines.length, knowledge));
    }
    return lines.sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
  }

  private activeTopics(w: number): { topic: DemoTopic; weight: number }[] {
    const e = this.events;
    return this.topics
      .filter((t) => (t.id === e.launchTopic ? w >= e.launchWeek : true))
      .map((topic) => {
        let weight = topic.weight;
        if (topic.id === e.outageTopic && w === e.outageWeek) weight *= 8;
        if (topic.id === e.launchTopic) weight *= w - e.launchWeek < 2 ? 4 : 1.5;
        return { topic, weight };
      });
  }

  private ticket(rng: Rng, w: number, day: number, n: number, knowledge: Knowledge): DemoLine {
    const customer = rng.pick(this.customers);
    const pii = new Set<string>([`${customer.first} ${customer.last}`, customer.first, customer.last, customer.email]);
    const order = `BK-${rng.int(100000, 999999)}`;
    const fill = (text: string, extra: Record<string, string> = {}) => {
      const values: Record<string, string> = {
        first: customer.first,
        last: customer.last,
        email: customer.email,
        phone: customer.phone,
        address: customer.address,
        card: customer.card,
        order,
        ...extra,
      };
      return text.replace(/\{(\w+)\}/g, (_, key: string) => {
        const value = values[key] ?? '';
        if (['email', 'phone', 'address', 'card', 'order'].includes(key)) pii.add(value);
        return value;
      });
    };

    const createdMs = this.startMs + (w * 7 + day) * DAY_MS + rng.int(7 * 3600, 21 * 3600) * 1000;
    let clock = createdMs;
    const at = (deltaSeconds: number) => new Date((clock += deltaSeconds * 1000)).toISOString();
    const channel = rng.weighted(['chat', 'email', 'web'] as const, (c) => ({ chat: 0.6, email: 0.3, web: 0.1 })[c]);
    const aiInvolved = rng.chance({ chat: 0.95, email: 0.6, web: 0.5 }[channel]);
    const botMode: 'direct' | 'note' = rng.chance(0.25) ? 'note' : 'direct';
    const agent = rng.pick(AGENTS);
    const messages: DemoLine['messages'] = [];
    const id = `T-${(w + 1) * 100000 + n}`;
    let mid = 0;
    const say = (role: 'customer' | 'agent' | 'bot', body: string, delay: number, isPublic = true) =>
      messages.push({
        id: `${id}-m${++mid}`,
        role,
        public: isPublic,
        created_at: at(delay),
        body,
        ...(role === 'agent' ? { author: { id: agent.id, name: agent.name } } : role === 'bot' ? { author: { ...BOT } } : {}),
      });
    pii.add(agent.name);

    // about one order or account: a human acts, and nothing here is knowledge
    if (rng.chance(0.06)) {
      const template = rng.pick(T.ACCOUNT_SPECIFIC);
      const amount = `${rng.int(12, 140)}.${rng.pick(['00', '50', '99'])}`;
      say('customer', fill(`${rng.pick(T.OPENERS)} ${template.customer} ${rng.pick(T.CUSTOMER_CLOSERS)}`.trim(), { amount }), 0);
      let bot: DemoTruth['bot'] = 'none';
      if (aiInvolved) {
        bot = 'fallback';
        say(
          'bot',
          botMode === 'note' ? T.BOT_NOTE_FALLBACK : 'I can’t look into specific orders, so let me connect you with a teammate.',
          rng.int(5, 40),
          botMode === 'direct',
        );
      }
      say(
        'agent',
        this.signed(rng, agent, fill(`${fill(rng.pick(T.GREETINGS))}\n\n${template.agent}`, { amount })),
        rng.int(600, 4 * 3600),
      );
      const solvedAt = at(rng.int(60, 3600));
      return {
        id,
        subject: fill(template.subject),
        status: 'solved',
        channel,
        created_at: messages[0]!.created_at,
        solved_at: solvedAt,
        tags: ['account-specific'],
        requester: { id: customer.id, name: `${customer.first} ${customer.last}`, email: customer.email },
        messages,
        truth: {
          topic: null,
          answerVersion: 1,
          outlier: false,
          accountSpecific: true,
          events: [],
          bot,
          botMode: aiInvolved ? botMode : null,
          language: 'en',
          pii: [...pii],
        },
      };
    }

    const { topic } = rng.weighted(this.activeTopics(w), (t) => t.weight);
    const e = this.events;
    const version: 1 | 2 = topic.changedSteps && w >= e.productChangeWeek ? 2 : 1;
    const events: string[] = [];
    if (topic.id === e.outageTopic && w === e.outageWeek) events.push('outage');
    if (topic.id === e.launchTopic) events.push('launch');
    if (topic.changedSteps && w >= e.productChangeWeek) events.push('product-change');

    // the question, in the customer's words
    const second = topic.secondLanguage && rng.chance(0.25) ? topic.secondLanguage : null;
    const language = second?.lang ?? 'en';
    let question = fill(rng.pick(second?.phrasings ?? topic.phrasings));
    if (!second && rng.chance(0.25)) question = typo(rng, question);
    const context: string[] = [];
    if (rng.chance(0.3)) context.push(fill('My order number is {order}.'));
    if (rng.chance(0.1)) context.push(fill('You can call me on {phone}.'));
    if (topic.id === 'shipping.change-address' && !question.includes(customer.address)) context.push(fill('The new address is {address}.'));
    const signoff = rng.chance(0.5) ? `${rng.pick(T.CUSTOMER_CLOSERS) || 'Thanks,'} ${customer.first}` : rng.pick(T.CUSTOMER_CLOSERS);
    say('customer', [second ? '' : rng.pick(T.OPENERS), question, ...context, signoff].filter(Boolean).join(' '), 0);

    // the AI agent's attempt
    let bot: DemoTruth['bot'] = 'none';
    const known = knowledge.get(topic.id);
    if (aiInvolved) {
      if (known !== undefined) bot = known === version ? 'answered' : 'outdated';
      else bot = rng.chance(0.55) ? 'fallback' : 'wrong';
      const attempt =
        bot === 'fallback'
          ? botMode === 'note'
            ? T.BOT_NOTE_FALLBACK
            : rng.pick(T.BOT_FALLBACKS)
          : `${rng.pick(T.BOT_INTROS)}\n${numbered(bot === 'wrong' ? this.wrongSteps(rng, topic) : stepsOf(topic, known ?? 1))}`;
      say('bot', botMode === 'note' ? `Suggested reply: ${attempt}` : attempt, rng.int(5, 40), botMode === 'direct');
    }

    // AI-resolved, or a human steps in
    const outlier = rng.chance(agent.outlierRate);
    let solvedAt: string | undefined;
    let reopenedAt: string | undefined;
    let csat: string | undefined;
    const human = () => say('agent', this.agentReply(rng, topic, version, agent, outlier, fill), rng.int(600, 6 * 3600));
    if (bot === 'answered' && botMode === 'direct' && rng.chance(0.85)) {
      if (rng.chance(0.5)) say('customer', rng.pick(T.THANKS), rng.int(60, 900));
      solvedAt = at(rng.int(60, 1800));
      if (rng.chance(0.08)) {
        reopenedAt = at(rng.int(DAY_MS / 1000, (4 * DAY_MS) / 1000));
        say('customer', rng.pick(T.STILL_STUCK), 1);
        human();
        solvedAt = at(rng.int(60, 3600));
      }
    } else {
      if (bot === 'answered' && botMode === 'direct') say('customer', rng.pick(T.STILL_STUCK), rng.int(60, 600));
      human();
      if (rng.chance(0.4)) say('customer', rng.pick(T.THANKS), rng.int(300, 6 * 3600));
      solvedAt = at(rng.int(60, 3600));
    }
    const recent = w === this.options.weeks - 1 && day >= 5;
    const status = recent && rng.chance(0.4) ? 'open' : 'solved';
    if (status === 'solved' && rng.chance(0.35))
      csat = outlier || bot === 'wrong' ? (rng.chance(0.6) ? 'bad' : 'good') : rng.chance(0.88) ? 'good' : 'bad';

    return {
      id,
      subject: second ? question.slice(0, 60) : topic.title,
      status,
      channel,
      created_at: messages[0]!.created_at,
      ...(status === 'solved' && solvedAt ? { solved_at: solvedAt } : {}),
      ...(reopenedAt ? { reopened_at: reopenedAt } : {}),
      tags: [topic.category, ...(events.includes('launch') ? ['alexa'] : [])],
      ...(csat ? { csat } : {}),
      requester: { id: customer.id, name: `${customer.first} ${customer.last}`, email: customer.email },
      messages,
      truth: {
        topic: topic.id,
        answerVersion: version,
        outlier,
        accountSpecific: false,
        events,
        bot,
        botMode: aiInvolved ? botMode : null,
        language,
        pii: [...pii],
      },
    };
  }

  /** A human reply: same substance, different greeting, tone, order and signature. */
  private agentReply(rng: Rng, topic: DemoTopic, version: 1 | 2, agent: DemoAgent, outlier: boolean, fill: (s: string) => string): string {
    const steps = outlier ? this.wrongSteps(rng, topic) : [...stepsOf(topic, version)];
    if (!outlier && steps.length > 2 && rng.chance(0.3)) steps.push(steps.splice(steps.length - 2, 1)[0]!); // the last two swap
    const body = rng.chance(0.6) ? numbered(steps) : steps.map((s) => `- ${s}`).join('\n');
    const parts = [fill(rng.pick(T.GREETINGS)), rng.pick(T.EMPATHY[topic.category])];
    if (rng.chance(0.2)) parts.push(fill('I can see your order {order} here.'));
    const notes = !outlier && topic.notes && rng.chance(0.7) ? topic.notes : null;
    if (notes && rng.chance(0.3)) parts.push(notes);
    parts.push(`${rng.pick(T.LEAD_INS)}\n${body}`);
    if (notes && !parts.includes(notes)) parts.push(notes);
    parts.push(rng.pick(T.AGENT_CLOSERS));
    return this.signed(rng, agent, parts.join('\n\n'));
  }

  private signed(rng: Rng, agent: DemoAgent, text: string): string {
    const signature = rng.pick(T.SIGNATURES).replace('{agent}', agent.name).replace('{agentFirst}', agent.name.split(' ')[0]!);
    return `${text}\n\n${signature}`;
  }

  private wrongSteps(rng: Rng, topic: DemoTopic): string[] {
    const steps = [...topic.steps];
    steps[rng.int(0, steps.length - 1)] = rng.pick(T.WRONG_STATEMENTS[topic.category]);
    return steps;
  }
}

function stepsOf(topic: DemoTopic, version: 1 | 2): string[] {
  return version === 2 && topic.changedSteps ? topic.changedSteps : topic.steps;
}

function numbered(steps: string[]): string {
  return steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

function makeCustomer(rng: Rng, i: number): DemoCustomer {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const local = `${first}.${last}`
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z.]/g, '');
  return {
    id: `c-${1000 + i}`,
    first,
    last,
    email: `${local}${i}@${rng.pick(EMAIL_DOMAINS)}`,
    phone: `+1 (555) 01${rng.int(0, 9)}-${rng.int(1000, 9999)}`,
    address: `${rng.int(10, 990)} ${rng.pick(STREETS)}, ${rng.pick(CITIES)}`,
    card: String(rng.int(1000, 9999)),
  };
}

/** Swaps two letters in one longer word: how people type in a hurry. */
function typo(rng: Rng, text: string): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[a-z]{5,}$/i.test(w));
  if (!candidates.length) return text;
  const { w, i } = rng.pick(candidates);
  const p = rng.int(1, w.length - 2);
  words[i] = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2);
  return words.join(' ');
}
