import { z } from 'zod';
import type { AppInfo, Preferences } from '../domain/app';
import type { DraftDetail, DrafterConfig, DraftSummary, LearningSettings, TopicSummary } from '../domain/draft';
import type { EmbeddingStatus, SearchHit } from '../domain/embedding';
import type { Job } from '../domain/job';
import type { Source } from '../domain/source';
import type { TicketDetail, TicketFacets, TicketPage } from '../domain/ticket';
import type { Workspace, WorkspaceStatus } from '../domain/workspace';

/**
 * One entry of the contract: the zod schema that validates the input at dispatch,
 * and (as a phantom type) what the method returns.
 */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  summary: string;
  /** Phantom field: carries the output type only. */
  readonly output?: O;
}

function method<O>() {
  return <I extends z.ZodType>(input: I, summary: string): MethodSpec<I, O> => ({ input, summary });
}

const none = z.object({}).strict();
const workspaceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a workspace id is lower-case letters, digits and dashes');

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'use a date like 2026-03-02');

/** What the ticket browser filters on; every field narrows the list. */
export const ticketFilterSchema = z
  .object({
    text: z.string().max(500).optional(),
    aiInvolved: z.boolean().optional(),
    handover: z.boolean().optional(),
    aiResolved: z.boolean().optional(),
    unanswered: z.boolean().optional(),
    status: z.string().max(60).optional(),
    tag: z.string().max(200).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    sourceId: z.number().int().positive().optional(),
  })
  .strict();
export type TicketFilterInput = z.input<typeof ticketFilterSchema>;

export const contract = {
  'app.info': method<AppInfo>()(none, 'Version, host, data folder and how secrets are stored'),
  'app.setPreferences': method<Preferences>()(
    z.object({ theme: z.enum(['system', 'light', 'dark']) }).strict(),
    'Change app-wide preferences such as the theme',
  ),

  'workspace.list': method<Workspace[]>()(none, 'All workspaces in the data folder'),
  'workspace.create': method<Workspace>()(
    z
      .object({
        name: z.string().trim().min(1, 'give the workspace a name').max(80, 'keep the name under 80 characters'),
        use: z.boolean().default(true),
      })
      .strict(),
    'Create a workspace (one SQLite file) and, by default, switch to it',
  ),
  'workspace.use': method<Workspace>()(z.object({ id: workspaceId }).strict(), 'Switch to a workspace'),
  'workspace.status': method<WorkspaceStatus>()(none, 'The current workspace: file, schema and counts'),

  'jobs.list': method<Job[]>()(
    z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    'Recent jobs of the current workspace, newest first',
  ),
  'jobs.get': method<Job>()(z.object({ id: z.number().int().positive() }).strict(), 'One job'),
  'jobs.cancel': method<Job>()(z.object({ id: z.number().int().positive() }).strict(), 'Ask a job to stop'),

  'diagnostics.selftest': method<Job>()(
    z
      .object({
        steps: z.number().int().min(1).max(10_000).default(40),
        stepMs: z.number().int().min(0).max(10_000).default(100),
      })
      .strict(),
    'Start a background job check: a worker thread with its own database connection, progress, cancel and resume',
  ),

  'sources.list': method<Source[]>()(none, 'Where the tickets of this workspace come from, with counts'),

  'uploads.begin': method<{ id: string }>()(
    z.object({ name: z.string().min(1).max(300) }).strict(),
    'Start sending a file for import; chunks follow with uploads.append',
  ),
  'uploads.append': method<{ size: number }>()(
    z
      .object({
        id: z.string().regex(/^[a-f0-9]{24}$/),
        offset: z.number().int().min(0),
        /** base64, at most 4 MB decoded */
        data: z.string().max(5_600_000),
      })
      .strict(),
    'Append a chunk of an upload at a byte offset (a repeated chunk is ignored)',
  ),
  'import.start': method<Job>()(
    z
      .object({
        upload: z.string().regex(/^[a-f0-9]{24}$/).optional(),
        path: z.string().min(1).max(4096).optional(),
        format: z.enum(['auto', 'jsonl', 'csv']).default('auto'),
        source: z.string().trim().min(1).max(120).default('Imported files'),
      })
      .strict()
      .refine((v) => (v.upload === undefined) !== (v.path === undefined), 'give either an upload or a path'),
    'Import an open-format file (JSONL or CSV) as a background job',
  ),

  'tickets.list': method<TicketPage>()(
    z
      .object({
        filter: ticketFilterSchema.default({}),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    'A page of tickets, newest first, with the total that match',
  ),
  'tickets.facets': method<TicketFacets>()(
    z.object({ filter: ticketFilterSchema.default({}) }).strict(),
    'Counts for the filters: AI-involved, handover, AI-resolved, unanswered, statuses, tags',
  ),
  'tickets.get': method<TicketDetail>()(z.object({ id: z.number().int().positive() }).strict(), 'One ticket with its conversation'),

  'search.query': method<SearchHit[]>()(
    z.object({ text: z.string().trim().min(1, 'type something to search for').max(500), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    'Tickets matching a query by meaning and by words, best first',
  ),
  'embedding.status': method<EmbeddingStatus>()(none, 'Which embedder this workspace uses and how many texts are indexed'),
  'embedding.configure': method<EmbeddingStatus>()(
    z
      .object({
        provider: z.enum(['builtin', 'transformers', 'ollama']),
        model: z.string().trim().min(1).max(200).optional(),
        folder: z
          .string()
          .trim()
          .max(4096)
          .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'give the model folder as an absolute path')
          .optional(),
        allowDownload: z.boolean().optional(),
        host: z.url({ protocol: /^https?$/ }).optional(),
      })
      .strict(),
    'Choose the embedder; the workspace is indexed again in the background while search keeps working',
  ),
  'embedding.rebuild': method<Job>()(none, 'Index new and changed tickets now'),
  'ollama.models': method<string[]>()(z.object({ host: z.url({ protocol: /^https?$/ }).optional() }).strict(), 'Models the Ollama server has (for embedding and drafting)'),

  'learn.backfill': method<Job>()(
    z
      .object({
        /** Defaults to the workspace's backfill limit (5,000). */
        limit: z.number().int().min(10).max(100_000).optional(),
        /** Defaults to the workspace's repeat threshold (3). */
        minTopicSize: z.number().int().min(2).max(100).optional(),
      })
      .strict(),
    'Learn from the last N resolved tickets: group them by question and draft one article per recurring topic',
  ),
  'learning.settings': method<LearningSettings>()(none, 'The repeat threshold and the other learning settings of this workspace'),
  'learning.configure': method<LearningSettings>()(
    z
      .object({
        repeatThreshold: z.number().int().min(2).max(100).optional(),
        auto: z.boolean().optional(),
        backfillLimit: z.number().int().min(10).max(100_000).optional(),
      })
      .strict(),
    'Change the learning settings of this workspace',
  ),
  'drafting.settings': method<{ config: DrafterConfig; hasKey: boolean }>()(none, 'Which drafter writes drafts, and whether a key is stored for it'),
  'drafting.configure': method<{ config: DrafterConfig; hasKey: boolean }>()(
    z
      .object({
        provider: z.enum(['extractive', 'ollama', 'openai']),
        model: z.string().trim().min(1).max(200).optional(),
        host: z.url({ protocol: /^https?$/ }).optional(),
        baseUrl: z.url({ protocol: /^https?$/ }).optional(),
        /** Stored in the secret store, never in the workspace; an empty string forgets it. */
        apiKey: z.string().max(500).optional(),
      })
      .strict(),
    'Choose the drafter: extractive (no LLM), a local Ollama model, or an OpenAI-compatible endpoint',
  ),
  'learn.run': method<Job>()(none, 'Run the continuous loop now: new handovers → corrections → topics → drafts'),
  'drafts.list': method<DraftSummary[]>()(
    z.object({ status: z.enum(['suggested', 'in_review', 'approved', 'published', 'rejected']).optional() }).strict(),
    'Drafts with their kind, topic, evidence tickets and body',
  ),

  'drafts.get': method<DraftDetail>()(z.object({ id: z.number().int().positive() }).strict(), 'One draft with its evidence: each question, the AI attempt and the human reply'),

  'topics.list': method<TopicSummary[]>()(none, 'Topics the learning engine found, largest first, with their draft if any'),
  'drafts.approve': method<{ articleId: number; version: number }>()(
    z.object({ id: z.number().int().positive() }).strict(),
    'Approve a draft: it becomes an article, or a new version of the article it updates',
  ),
  'drafts.reject': method<{ rejected: true }>()(
    z.object({ id: z.number().int().positive(), reason: z.string().trim().min(1, 'say why, so the same suggestion is not made again').max(500) }).strict(),
    'Reject a draft with a reason',
  ),

  'demo.create': method<{ workspace: Workspace; job: Job }>()(
    z
      .object({
        name: z.string().trim().min(1).max(80).default('Demo workspace'),
        weeks: z.number().int().min(1).max(104).default(16),
        perWeek: z.number().int().min(1).max(100_000).default(300),
        seed: z.number().int().min(0).default(7),
      })
      .strict(),
    'Create a workspace filled with the demo company’s tickets, and switch to it',
  ),

  'secrets.list': method<string[]>()(none, 'Names of stored secrets (never their values)'),
  'secrets.set': method<{ name: string }>()(
    z.object({ name: z.string().min(1).max(200), value: z.string().min(1).max(20_000) }).strict(),
    'Store a secret (a helpdesk token, an API key)',
  ),
  'secrets.delete': method<{ deleted: boolean }>()(
    z.object({ name: z.string().min(1).max(200) }).strict(),
    'Forget a secret',
  ),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
