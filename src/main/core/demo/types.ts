export type DemoCategory = 'billing' | 'shipping' | 'returns' | 'account' | 'howto' | 'troubleshooting' | 'integrations';

export interface DemoTopic {
  id: string;
  category: DemoCategory;
  title: string;
  /** Relative weekly volume. */
  weight: number;
  /** The AI agent knows this topic from the start. */
  botKnows?: boolean;
  /** A topic that only exists from this week on (a feature launch). */
  launchWeek?: number;
  phrasings: string[];
  secondLanguage?: { lang: 'de' | 'es' | 'fr'; phrasings: string[] };
  steps: string[];
  notes?: string;
  /** The right answer after the product change. */
  changedSteps?: string[];
}

/** Ground truth the generator attaches to every ticket (`truth` in the open format). */
export interface DemoTruth {
  /** Null for account-specific requests, which are no knowledge topic. */
  topic: string | null;
  answerVersion: 1 | 2;
  /** A human reply that is wrong on purpose. */
  outlier: boolean;
  /** About one order or account: not knowledge. */
  accountSpecific: boolean;
  /** 'outage', 'launch', 'product-change' when the ticket belongs to one. */
  events: string[];
  /** What the AI agent did. */
  bot: 'none' | 'answered' | 'fallback' | 'wrong' | 'outdated';
  botMode: 'direct' | 'note' | null;
  language: 'en' | 'de' | 'es' | 'fr';
  /** Every personal detail placed in this ticket, for checks that none reaches a draft. */
  pii: string[];
}
