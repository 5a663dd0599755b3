import type { TicketRef } from './metrics';

export type DraftKind = 'new' | 'update' | 'stale' | 'conflict';
export type DraftStatus = 'suggested' | 'in_review' | 'approved' | 'published' | 'rejected';

/** A card on the review board. */
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
  updatedAt: string;
  /** The supporting tickets; a snippet shared by a teammate has a negative id (its ticket is on their machine). */
  evidenceTicketIds: number[];
  labels: string[];
  /** For update and stale drafts (and once approved): the article it changes or became. */
  articleId: number | null;
  rejectReason: string | null;
  /** Set when the lead merged this card into another. */
  mergedInto: number | null;
  /** Where the board's Publish put the article (a help center page or a file). */
  publishedUrl: string | null;
  /** For a card still open: the first section of its article with nothing under it (an answer to write), which approving waits for. */
  emptySection: string | null;
  /** Set when the workspace reviews as a team and the card is on the shared board. */
  team: TeamTile | null;
}

/** A shared card's people, for its tile: whom it is assigned to, whose decision stands, who last changed its text. */
export interface TeamTile {
  assignee: { member: string; name: string } | null;
  standing: { member: string; name: string; action: 'approve' | 'reject'; at: string } | null;
  edited: { member: string; name: string; at: string } | null;
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
  /** The ticket was deleted for retention; this is its text with personal details removed. */
  archived?: boolean;
  /** A redacted snippet from another member of the team: the ticket is on their machine, not this one. */
  shared?: boolean;
}

/** One row of the audit trail: who did what, when, with the state before and after. */
export interface ReviewEvent {
  id: number;
  batch: string | null;
  draftId: number | null;
  articleId: number | null;
  actor: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  at: string;
  undone: boolean;
}

/** A card shared with a team: what its members decided, and whose decision gave way to another taken at the same time. */
export interface TeamCardInfo extends TeamTile {
  decisions: { member: string; name: string; action: 'approve' | 'reject' | 'reopen' | 'undo'; at: string; reason: string | null }[];
  overruled: { member: string; name: string; action: string; at: string; byName: string; byAction: string }[];
  /** This machine's member id, to tell one's own decisions. */
  you: string;
}

export interface DraftDetail extends DraftSummary {
  bodyMd: string;
  /** What redaction removed from the evidence before drafting, by kind. */
  redactions: { kind: string; count: number }[];
  evidence: DraftEvidence[];
  /** For update and stale drafts: the article version the change is against. */
  base: { articleId: number; version: number; title: string; bodyMd: string } | null;
  history: ReviewEvent[];
  /** Set when the workspace reviews as a team and the card is on the shared board. */
  team: TeamCardInfo | null;
  /** The answer is the lead's to write (Write the answer): its tickets hold no agreed answer, so it is never regenerated from them. */
  answerToWrite: boolean;
}

/** What a review action did; `batch` undoes it. */
export interface ReviewOutcome {
  batch: string;
  /** Drafts (or articles) the action changed. */
  changed: number[];
  /** Cards the action could not apply to, and why (the others went ahead). */
  failed: { id: number; message: string }[];
  /** For approvals: the article and version each draft became. */
  approved: { draftId: number; articleId: number; version: number }[];
  /** For a split, or a card started for a topic: the new card. */
  created?: number;
}

/** What importing a folder of articles did. */
export interface ArticleImport {
  /** Undoes the import. */
  batch: string;
  created: number;
  updated: number;
  unchanged: number;
  /** Files that could not be read, each with why. */
  skipped: { file: string; reason: string }[];
}

export interface ArticleSummary {
  id: number;
  title: string;
  status: 'active' | 'archived';
  version: number;
  topicId: number | null;
  createdAt: string;
  updatedAt: string;
  /** Tickets behind it, over all its versions. */
  evidenceCount: number;
  /**
   * Questions of its topic that a person answered after its current version was approved: the
   * AI agent still hands them over. Null for an article without a topic (imported, written by hand).
   */
  handedOverSince: number | null;
  excerpt: string;
  /** The labels of the draft it came from; exports send them as tags. */
  tags: string[];
}

export interface ArticleVersion {
  version: number;
  title: string;
  bodyMd: string;
  draftId: number | null;
  createdBy: string;
  createdAt: string;
  evidence: DraftEvidence[];
}

export interface ArticleDetail extends ArticleSummary {
  /** Newest first. */
  versions: ArticleVersion[];
  history: ReviewEvent[];
  /** On a team: where other members published it (this machine's own exports are in exports.records). */
  published: { targetName: string; url: string | null; by: string; at: string }[];
  /** The newest of the `handedOverSince` tickets (at most 20). */
  handedOver: TicketRef[];
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

/** The kinds of personal detail redaction takes out; each becomes its placeholder ("[email]"). */
export const PII_KINDS = [
  'email',
  'username',
  'phone',
  'card',
  'iban',
  'ip',
  'order id',
  'number',
  'address',
  'birth date',
  'secret',
  'name',
  'custom',
] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** The workspace's redaction patterns: the built-in order-id formats, and the lead's own. */
export interface RedactionSettings {
  builtIn: string[];
  /** Formats of this business's ids (order numbers, accounts), as regular expressions. */
  idPatterns: string[];
  /** Anything else to remove (internal codenames, project names). */
  customPatterns: string[];
}

/** A ticket's text before and after redaction, for the preview. */
export interface RedactionPreview {
  ticketId: number;
  externalId: string;
  original: string;
  redacted: string;
  counts: Record<string, number>;
}
