import { z } from 'zod';
import type { AppInfo, Preferences } from '../domain/app';
import type {
  ArticleDetail,
  ArticleImport,
  ArticleSummary,
  RedactionPreview,
  RedactionSettings,
  DraftDetail,
  DrafterConfig,
  DraftSummary,
  LearningSettings,
  ReviewOutcome,
  TopicSummary,
} from '../domain/draft';
import type { EmbeddingStatus, SearchHit } from '../domain/embedding';
import type { Dashboard, DraftImpact } from '../domain/metrics';
import type { Job } from '../domain/job';
import type { EgressSummary, PrivacySettings, RetentionOutcome, RetentionPreview } from '../domain/privacy';
import {
  EXPORT_KINDS,
  type ExportKind,
  type ExportPlanItem,
  type ExportRecord,
  type ExportTarget,
  type ExportTargetTest,
} from '../domain/export';
import { HELPDESK_KINDS, type ConnectionTest, type Source } from '../domain/source';
import type { TicketDetail, TicketFacets, TicketPage } from '../domain/ticket';
import type { BackupList, Workspace, WorkspaceStatus } from '../domain/workspace';
import type { TeamInvite, TeamStatus } from '../domain/team';

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
const sourceId = z.number().int().positive();
const sourceSettings = {
  fields: z.record(z.string(), z.string().max(500)).optional(),
  secrets: z.record(z.string(), z.string().max(4000)).optional(),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'the base URL starts with https:// (or http:// for a local proxy)' })
    .nullable()
    .optional(),
  botIds: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  automationIds: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  syncEveryMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  historyDays: z.number().int().min(1).max(3650).optional(),
};
const drafterConfig = z.object({
  provider: z.enum(['extractive', 'ollama', 'openai']),
  model: z.string().trim().min(1).max(200).optional(),
  host: z.url({ protocol: /^https?$/ }).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
});
const draftId = z.number().int().positive();
const targetId = z.number().int().positive();
const exportKind = z.enum(EXPORT_KINDS as unknown as [ExportKind, ...ExportKind[]]);
const targetSettings = {
  fields: z.record(z.string(), z.string().max(1000)).optional(),
  secrets: z.record(z.string(), z.string().max(4000)).optional(),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'the base URL starts with https:// (or http:// for a local proxy)' })
    .nullable()
    .optional(),
  isDefault: z.boolean().optional(),
};
const draftIds = z.array(draftId).min(1, 'pick at least one card').max(5000);
const articleText = {
  title: z.string().trim().min(1, 'give the article a title').max(300),
  bodyMd: z.string().trim().min(1, 'the article is empty').max(200_000),
};
const label = z.string().trim().min(1).max(40);
const workspaceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a workspace id is lower-case letters, digits and dashes');

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'use a date like 2026-03-02');
const dashboardFilter = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    sourceId: z.number().int().positive().optional(),
    topicId: z.number().int().positive().optional(),
  })
  .strict();

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
  'workspace.backup': method<{ path: string; bytes: number }>()(
    z.object({ path: z.string().trim().min(1).max(1000) }).strict(),
    'A consistent copy of the open workspace, taken while the app runs, checked, in the file you name',
  ),
  'workspace.restore': method<Workspace>()(
    z.object({ path: z.string().trim().min(1).max(1000), name: z.string().trim().min(1).max(80), use: z.boolean().default(true) }).strict(),
    'A new workspace from a backup file, under a name of its own',
  ),
  'workspace.delete': method<{ deleted: string }>()(
    z.object({ id: z.string().min(1).max(100), name: z.string().max(200) }).strict(),
    'Delete a workspace and everything in it for good; its name, typed again, confirms',
  ),
  'workspace.status': method<WorkspaceStatus>()(none, 'The current workspace: file, schema, counts, and damage if any was found'),
  'workspace.check': method<{ ok: boolean; detail: string }>()(
    none,
    "SQLite's full integrity check of the open workspace, now; a damaged workspace turns read-only, a sound one writable again",
  ),
  'backups.list': method<BackupList>()(
    z.object({ workspaceId: workspaceId.optional() }).strict(),
    'The automatic backups of a workspace (the open one by default), newest first, and where they go',
  ),
  'backups.setFolder': method<{ folder: string }>()(
    z.object({ folder: z.string().trim().min(1).max(1000).nullable() }).strict(),
    'Where automatic backups go; null for the data folder',
  ),

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

  'sources.list': method<Source[]>()(none, 'Where the tickets of this workspace come from, with counts and sync status'),
  'sources.add': method<Source>()(
    z
      .object({
        kind: z.enum(HELPDESK_KINDS as [string, ...string[]]).transform((k) => k as (typeof HELPDESK_KINDS)[number]),
        name: z.string().trim().min(1, 'give the source a name').max(120),
        ...sourceSettings,
        /** Start the first sync right away. */
        syncNow: z.boolean().default(true),
      })
      .strict(),
    'Connect a helpdesk: its fields, secrets (kept in the secret store only) and bot authors',
  ),
  'sources.update': method<{ source: Source; resync: boolean }>()(
    z
      .object({ id: sourceId, name: z.string().trim().min(1).max(120).optional(), ...sourceSettings, enabled: z.boolean().optional() })
      .strict(),
    'Change a helpdesk source; a new bot list or account makes the next sync read every ticket again',
  ),
  'sources.remove': method<{ removed: number }>()(
    z.object({ id: sourceId }).strict(),
    'Remove a source with its tickets, and forget its secrets',
  ),
  'sources.test': method<ConnectionTest>()(
    z
      .object({
        /** A saved source: its stored settings and secrets, with any given here on top. */
        id: sourceId.optional(),
        kind: z
          .enum(HELPDESK_KINDS as [string, ...string[]])
          .transform((k) => k as (typeof HELPDESK_KINDS)[number])
          .optional(),
        ...sourceSettings,
      })
      .strict()
      .refine((v) => v.id !== undefined || v.kind !== undefined, 'give a saved source id or a helpdesk kind'),
    'Sign in to the helpdesk and read a first page: what the account holds and which authors look like bots',
  ),
  'sync.start': method<Job[]>()(
    z.object({ sourceId: sourceId.optional() }).strict(),
    'Sync one helpdesk source now, or every enabled one; a sync already running is returned, not doubled',
  ),

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
        upload: z
          .string()
          .regex(/^[a-f0-9]{24}$/)
          .optional(),
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
    z
      .object({
        text: z.string().trim().min(1, 'type something to search for').max(500),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    'Tickets matching a query by meaning and by words, best first',
  ),
  'embedding.status': method<EmbeddingStatus>()(none, 'Which embedder this workspace uses and how many texts are indexed'),
  'embedding.configure': method<EmbeddingStatus>()(
    z
      .object({
        provider: z.enum(['builtin', 'use', 'transformers', 'ollama']),
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
  'ollama.models': method<string[]>()(
    z.object({ host: z.url({ protocol: /^https?$/ }).optional() }).strict(),
    'Models the Ollama server has (for embedding and drafting)',
  ),

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
  'drafting.settings': method<{ config: DrafterConfig; hasKey: boolean }>()(
    none,
    'Which drafter writes drafts, and whether a key is stored for it',
  ),
  'drafting.configure': method<{ config: DrafterConfig; hasKey: boolean }>()(
    drafterConfig
      .extend({
        /** Stored in the secret store, never in the workspace; an empty string forgets it. */
        apiKey: z.string().max(500).optional(),
      })
      .strict(),
    'Choose the drafter: extractive (no LLM), a local Ollama model, or an OpenAI-compatible endpoint',
  ),
  'drafting.test': method<{ ok: true; summary: string }>()(
    drafterConfig.extend({ apiKey: z.string().max(500).optional() }).strict(),
    'Check a drafter’s server without sending ticket text: it answers, and it has the model (a cloud endpoint only if allowed)',
  ),
  'learn.run': method<Job>()(none, 'Run the continuous loop now: new handovers → corrections → topics → drafts'),
  'drafts.list': method<DraftSummary[]>()(
    z
      .object({
        status: z.enum(['suggested', 'in_review', 'approved', 'published', 'rejected']).optional(),
        kind: z.enum(['new', 'update', 'stale', 'conflict']).optional(),
        label: label.optional(),
        query: z.string().max(200).optional(),
        assignee: z.string().min(1).max(64).optional(),
      })
      .strict(),
    "The board: drafts with their kind, column, topic, evidence tickets and labels, newest first; on a team's board assignee 'me', 'nobody' or a member id filters",
  ),

  'drafts.waiting': method<{ toReview: number }>()(
    none,
    'How many cards wait for the lead: in Suggested or In review (the count beside the review board in the sidebar)',
  ),
  'drafts.get': method<DraftDetail>()(
    z.object({ id: draftId }).strict(),
    'One draft: its article, the article it changes, its evidence (question, AI attempt, human reply) and audit trail',
  ),

  'topics.list': method<TopicSummary[]>()(none, 'Topics the learning engine found, largest first, with their draft if any'),
  'drafts.approve': method<ReviewOutcome>()(
    z.object({ ids: draftIds }).strict(),
    'Approve drafts: each becomes an article, or a new version of the article it updates',
  ),
  'drafts.reject': method<ReviewOutcome>()(
    z.object({ ids: draftIds, reason: z.string().trim().min(1, 'say why, so the same suggestion is not made again').max(500) }).strict(),
    'Reject drafts with a reason; the topic is not suggested again unless new evidence arrives',
  ),
  'drafts.move': method<ReviewOutcome>()(
    z.object({ ids: draftIds, to: z.enum(['suggested', 'in_review', 'published']) }).strict(),
    'Move cards to another column: In review, back to Suggested, a rejected card back to review, an approved one to Published',
  ),
  'drafts.edit': method<ReviewOutcome>()(
    z.object({ id: draftId, ...articleText }).strict(),
    "Edit a card's article (a conflict card edited into one answer becomes a draft)",
  ),
  'drafts.label': method<ReviewOutcome>()(
    z
      .object({ ids: draftIds, add: z.array(label).max(20).default([]), remove: z.array(label).max(20).default([]) })
      .strict()
      .refine((v) => v.add.length + v.remove.length > 0, 'say which labels to add or remove'),
    'Add or remove labels on cards',
  ),
  'drafts.merge': method<ReviewOutcome>()(
    z.object({ into: draftId, ids: draftIds }).strict(),
    'Merge cards into one: their evidence joins it; the merged cards go to Rejected',
  ),
  'drafts.split': method<ReviewOutcome>()(
    z.object({ id: draftId, ticketIds: z.array(z.number().int().positive()).min(1, 'pick the tickets for the new card') }).strict(),
    "Split some of a card's tickets into a new card drafted from them alone",
  ),
  'drafts.start': method<ReviewOutcome>()(
    z.object({ topicId: z.number().int().positive() }).strict(),
    'Start a card in review for a topic still collecting evidence: drafted from its answers when they agree, or, when they differ, the ways customers ask with the answer for the lead to write',
  ),
  'drafts.regenerate': method<Job>()(
    z.object({ id: draftId, drafter: drafterConfig.strict().optional() }).strict(),
    "Write a card's article again from its evidence, with another drafter if given",
  ),
  'drafts.impact': method<DraftImpact>()(
    z.object({ id: draftId }).strict(),
    'What approving a draft would change: similar questions it would answer, answers it would change',
  ),
  'metrics.dashboard': method<Dashboard>()(
    dashboardFilter,
    'The dashboard: weekly resolution rate, unanswered questions, latency, lift, tier, gaps, topics, spikes',
  ),
  'metrics.backtest': method<Job>()(
    dashboardFilter,
    'Replay history week by week against the knowledge base as it stood (a job; its result lists the weeks)',
  ),
  'metrics.configure': method<{ timeZone: string }>()(
    z.object({ timeZone: z.string().min(1).max(64).optional() }).strict(),
    "The workspace's time zone, which sets where its weeks begin (without input: the current one)",
  ),
  'review.undo': method<{ batch: string; action: string; undone: number }>()(
    z.object({ batch: z.uuid().optional() }).strict(),
    'Undo a review action (the last one when no batch is given)',
  ),

  'articles.list': method<ArticleSummary[]>()(
    z.object({ query: z.string().max(200).optional(), status: z.enum(['active', 'archived']).optional() }).strict(),
    'The knowledge base: approved articles, most recently changed first',
  ),
  'articles.get': method<ArticleDetail>()(
    z.object({ id: draftId }).strict(),
    'One article with its versions, the evidence behind each, and its audit trail',
  ),
  'articles.edit': method<ReviewOutcome & { version: number }>()(
    z.object({ id: draftId, ...articleText }).strict(),
    'Edit an approved article: a new version',
  ),
  'articles.archive': method<ReviewOutcome>()(
    z.object({ id: draftId }).strict(),
    'Archive an article: it leaves the knowledge base and no draft updates it',
  ),
  'articles.restore': method<ReviewOutcome>()(z.object({ id: draftId }).strict(), 'Bring an archived article back'),
  'articles.import': method<ArticleImport>()(
    z.object({ folder: z.string().trim().min(1).max(1000) }).strict(),
    'Import a folder of Markdown (with front matter) or HTML articles: new ones are created, changed ones get a new version',
  ),

  'exports.targets': method<ExportTarget[]>()(none, 'Where articles can be exported, with what has gone to each'),
  'exports.addTarget': method<ExportTarget>()(
    z.object({ kind: exportKind, name: z.string().trim().min(1, 'give the target a name').max(120), ...targetSettings }).strict(),
    'Add a place to export articles to: a folder (Markdown, HTML, JSON) or a help center',
  ),
  'exports.updateTarget': method<ExportTarget>()(
    z.object({ id: targetId, name: z.string().trim().min(1).max(120).optional(), ...targetSettings }).strict(),
    'Change an export target; secrets left empty stay as stored',
  ),
  'exports.removeTarget': method<{ removed: true }>()(
    z.object({ id: targetId }).strict(),
    'Forget an export target and its secrets (the help center keeps its articles)',
  ),
  'exports.testTarget': method<ExportTargetTest>()(
    z
      .object({ id: targetId.optional(), kind: exportKind.optional(), ...targetSettings })
      .strict()
      .refine((x) => x.id !== undefined || x.kind !== undefined, 'give the target id or its kind'),
    'Check a target’s settings and list its sections, collections or folders and authors',
  ),
  'exports.preview': method<ExportPlanItem[]>()(
    z.object({ targetId, articleIds: z.array(draftId).max(100_000).optional() }).strict(),
    'The dry run: which articles an export would create, update or skip (all active articles when none are given)',
  ),
  'exports.run': method<{ queued: number; job: Job | null }>()(
    z
      .object({ targetId, articleIds: z.array(draftId).max(100_000).optional(), overwrite: z.array(draftId).max(100_000).optional() })
      .strict(),
    'Queue articles for export and start it; `overwrite` lists articles whose help-center edits may be replaced',
  ),
  'exports.records': method<ExportRecord[]>()(
    z
      .object({ targetId: targetId.optional(), articleId: draftId.optional(), articleIds: z.array(draftId).max(100_000).optional() })
      .strict(),
    'What was exported where: status, link, errors, and the help center’s text where it was edited there',
  ),
  'exports.keepRemote': method<{ kept: true }>()(
    z.object({ targetId, articleId: draftId }).strict(),
    'Leave an article as it was edited in the help center; a later version of it is exported as usual',
  ),
  'drafts.publish': method<{ queued: number; job: Job | null; target: ExportTarget }>()(
    z.object({ ids: z.array(draftId).min(1).max(10_000), targetId: targetId.optional() }).strict(),
    'Publish approved cards to the help center (the default target); each moves to Published once its export succeeds',
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

  'team.status': method<TeamStatus>()(none, 'Whether the workspace is shared with a team: the server, the connection, the members'),
  'team.share': method<TeamStatus & TeamInvite>()(
    z
      .object({
        server: z.string().regex(/^wss?:\/\/\S+$/, 'The team server address starts with ws:// or wss://'),
        name: z.string().trim().min(1).max(120),
      })
      .strict(),
    'Share the workspace through a team server: creates the team and returns its invite (shown once)',
  ),
  'team.join': method<TeamStatus & { workspace: Workspace }>()(
    z.object({ invite: z.string().trim().min(1).max(4000), name: z.string().trim().min(1).max(120) }).strict(),
    'Join a team from an invite: a new workspace that fills with the shared board',
  ),
  'team.removeMember': method<TeamStatus & TeamInvite>()(
    z.object({ member: z.string().min(1).max(64) }).strict(),
    'Remove a member (their key is revoked) and rotate the team secret: returns the new invite',
  ),
  'team.assign': method<{ assigned: number }>()(
    z.object({ ids: z.array(z.number().int()).min(1).max(10_000), member: z.string().min(1).max(64).nullable() }).strict(),
    "Give shared cards to a member of the team ('me' for this one), or to nobody with null",
  ),
  'team.look': method<{ ok: true }>()(
    z.object({ draftId: z.number().int().nullable() }).strict(),
    'Tell the team which card this member has open (null: none), so their boards show who is looking',
  ),
  'team.leave': method<TeamStatus>()(none, 'Stop sharing this workspace on this machine; its drafts and articles stay'),

  'privacy.get': method<PrivacySettings>()(none, 'Local-only mode and the endpoints the lead allowed to receive data'),
  'privacy.set': method<PrivacySettings>()(
    z
      .object({
        localOnly: z.boolean().optional(),
        allow: z
          .object({ url: z.url({ protocol: /^https?$/ }), role: z.enum(['cloud-llm', 'model-download']) })
          .strict()
          .optional(),
        revoke: z.url().optional(),
      })
      .strict(),
    'Turn local-only mode on or off, allow an endpoint (a cloud model, the model hub) or take an allowance back',
  ),
  'egress.list': method<EgressSummary>()(
    z.object({ limit: z.number().int().min(1).max(100_000).optional(), since: z.iso.datetime().optional() }).strict(),
    'Every request that left the machine (or was refused), newest first, with totals per endpoint',
  ),

  'retention.preview': method<RetentionPreview>()(
    z.object({ olderThanDays: z.number().int().min(1).max(36500) }).strict(),
    'What deleting tickets older than N days would delete and keep',
  ),
  'retention.apply': method<RetentionOutcome>()(
    z
      .object({
        olderThanDays: z.number().int().min(1).max(36500),
        confirm: z.literal(true, { error: 'confirm the deletion: it cannot be undone' }),
      })
      .strict(),
    'Delete tickets older than N days in one transaction; approved articles keep their evidence without personal details',
  ),

  'redaction.get': method<RedactionSettings>()(none, 'The redaction patterns: the built-in id formats and the workspace’s own'),
  'redaction.set': method<RedactionSettings>()(
    z.object({ idPatterns: z.array(z.string().max(500)).max(100), customPatterns: z.array(z.string().max(500)).max(100) }).strict(),
    'Save the workspace’s own redaction patterns (each a regular expression); drafts made from now on use them',
  ),
  'redaction.preview': method<RedactionPreview>()(
    z
      .object({
        ticketId: z.number().int().positive().optional(),
        random: z.boolean().optional(),
        idPatterns: z.array(z.string().max(500)).max(100).optional(),
        customPatterns: z.array(z.string().max(500)).max(100).optional(),
      })
      .strict(),
    'A real ticket’s question and reply before and after redaction, with unsaved patterns if given',
  ),

  'secrets.list': method<string[]>()(none, 'Names of stored secrets (never their values)'),
  'secrets.set': method<{ name: string }>()(
    z.object({ name: z.string().min(1).max(200), value: z.string().min(1).max(20_000) }).strict(),
    'Store a secret (a helpdesk token, an API key)',
  ),
  'secrets.delete': method<{ deleted: boolean }>()(z.object({ name: z.string().min(1).max(200) }).strict(), 'Forget a secret'),
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
