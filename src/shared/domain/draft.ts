export type DraftKind = 'new' | 'update' | 'stale' | 'conflict';
export type DraftStatus = 'suggested' | 'in_review' | 'approved' | 'published' | 'rejected';

export interface DraftSummary {
  id: number;
  kind: DraftKind;
  status: DraftStatus;
  title: string;
  topicId: number | null;
  /** Tickets in the topic (supporting and set aside). */
  topicSize: number;
  drafter: string;
  createdAt: string;
  evidenceTicketIds: number[];
  /** What redaction removed from the evidence before drafting, by kind. */
  redactions: { kind: string; count: number }[];
  bodyMd: string;
}

export interface DraftEvidence {
  ticketId: number;
  externalId: string;
  role: 'supporting' | 'outlier' | 'conflicting';
  createdAt: string;
  question: string;
  /** What the AI agent said, when it took part. */
  botAttempt: string | null;
  humanReply: string | null;
  /** For handovers: how the human reply differed from the AI's attempt. */
  deltaKind: string | null;
}

export interface DraftDetail extends DraftSummary {
  evidence: DraftEvidence[];
}

export interface LearningSettings {
  /** Distinct tickets (from as many customers) a topic needs before it becomes a draft. */
  repeatThreshold: number;
  /** Learn from new handovers after every import. */
  auto: boolean;
  /** How many recent resolved tickets a backfill reads. */
  backfillLimit: number;
}

/** Which drafter writes drafts. Keys for cloud endpoints live in the secret store, never here. */
export interface DrafterConfig {
  provider: 'extractive' | 'ollama' | 'openai';
  model?: string;
  /** ollama: the server address. */
  host?: string;
  /** openai: the endpoint's base URL (OpenAI, Azure OpenAI, LM Studio, vLLM, llama.cpp server). */
  baseUrl?: string;
}

/** A group of tickets about the same question, with or without a draft yet. */
export interface TopicSummary {
  id: number;
  origin: 'backfill' | 'correction';
  label: string;
  /** A customer's question from the middle of the topic. */
  representative: string;
  size: number;
  /** Tickets whose answer agrees (outliers set aside). */
  agreeing: number;
  /** The status of its draft, or null while it collects evidence. */
  draftStatus: string | null;
}
