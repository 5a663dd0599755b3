import { accountField, INTERCOM_REGION, type ConnectorField } from './source';

/** Where approved articles can go: a folder of files, or a help center. */
export const EXPORT_KINDS = ['markdown', 'html', 'json', 'zendesk', 'intercom', 'freshdesk', 'helpscout'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type HelpCenterKind = Exclude<ExportKind, 'markdown' | 'html' | 'json'>;

export function isFileExport(kind: ExportKind): kind is 'markdown' | 'html' | 'json' {
  return kind === 'markdown' || kind === 'html' || kind === 'json';
}

/**
 * A field of a target's form. `remote` fields are picked from what the help center lists
 * once the connection is tested (a section, a collection, an author); `folder` is a path.
 */
export type ExportField =
  | (Omit<ConnectorField, 'type'> & { type: ConnectorField['type'] | 'folder' })
  | (Omit<ConnectorField, 'type' | 'options'> & { type: 'remote' });

export interface ExportTargetSpec {
  kind: ExportKind;
  label: string;
  fields: ExportField[];
  /** What the token must be allowed to do. */
  permissions: string;
  /** What an export writes and what it leaves alone. */
  overwrites: string;
}

/** A place articles are exported to, with what has gone there. */
export interface ExportTarget {
  id: number;
  kind: ExportKind;
  name: string;
  config: Record<string, string>;
  baseUrl: string | null;
  /** Secret fields stored for this target (never their values). */
  secretsSet: string[];
  /** The board's "Publish" sends approved cards here. */
  isDefault: boolean;
  createdAt: string;
  counts: { done: number; pending: number; failed: number; conflict: number };
  /** The export job queued or running now, if any. */
  activeJobId: number | null;
}

/** What the help center lists for a `remote` field, by field key. */
export interface ExportTargetTest {
  ok: true;
  summary: string;
  choices: Record<string, { value: string; label: string }[]>;
}

export type ExportAction = 'create' | 'update' | 'skip';

/** One row of the dry run. */
export interface ExportPlanItem {
  articleId: number;
  title: string;
  version: number;
  action: ExportAction;
  /** Why, in a few words: "new", "version 3 → 4", "unchanged since the last export". */
  reason: string;
  externalUrl: string | null;
}

export type ExportStatus = 'pending' | 'done' | 'failed' | 'conflict';

/** One article's export to one target. */
export interface ExportRecord {
  articleId: number;
  title: string;
  targetId: number;
  targetName: string;
  status: ExportStatus;
  externalId: string | null;
  externalUrl: string | null;
  exportedVersion: number | null;
  currentVersion: number;
  exportedAt: string | null;
  error: string | null;
  attempts: number;
  /** While waiting to retry (offline, the help center failing). */
  nextAttemptAt: string | null;
  /** For a conflict: the help center's text now, and ours, to compare before overwriting. */
  remote: { title: string; body: string } | null;
  local: { title: string; body: string } | null;
}

export interface ExportRunSummary {
  target: string;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  conflicts: number;
  waiting: number;
}

const secret = (key: string, label: string, help: string): ExportField => ({ key, label, help, type: 'secret', required: true });
/** Whether articles go in as drafts or published; every help center has this choice under its own words. */
const publishAs = (help: string, label = 'Publish as', draft = 'Draft'): ExportField => ({
  key: 'state',
  label,
  help,
  type: 'select',
  options: [
    { value: 'draft', label: draft },
    { value: 'published', label: 'Published' },
  ],
  required: true,
});
const folder: ExportField = {
  key: 'folder',
  label: 'Folder',
  help: 'Where the files go; Tideline creates it if needed. One file per article, named by its id and title.',
  type: 'folder',
  required: true,
};
const FILE_OVERWRITES =
  'Each article is one file, rewritten when the article gets a new version. If the file was edited since the last export, Tideline shows the difference and asks before overwriting it. Other files in the folder are left alone; a deleted file is written again.';

export const EXPORT_TARGETS: Record<ExportKind, ExportTargetSpec> = {
  markdown: {
    kind: 'markdown',
    label: 'Markdown folder',
    fields: [folder],
    permissions: 'Write access to the folder.',
    overwrites: `${FILE_OVERWRITES} Front matter: id, title, tags, updated_at, version. Import the folder into another workspace to get the same articles.`,
  },
  html: {
    kind: 'html',
    label: 'HTML folder',
    fields: [folder],
    permissions: 'Write access to the folder.',
    overwrites: `${FILE_OVERWRITES} Pages are sanitized: no scripts, frames or event handlers; links and images are kept.`,
  },
  json: {
    kind: 'json',
    label: 'JSON folder',
    fields: [folder],
    permissions: 'Write access to the folder.',
    overwrites: `${FILE_OVERWRITES} Each file holds id, title, tags, updated_at, version, body_markdown and body_html.`,
  },
  zendesk: {
    kind: 'zendesk',
    label: 'Zendesk Guide',
    fields: [
      accountField('subdomain', 'zendesk'),
      {
        key: 'email',
        label: 'Agent email',
        help: 'The email of the Guide manager the API token belongs to.',
        type: 'email',
        required: true,
      },
      secret('apiToken', 'API token', 'Admin Center → Apps and integrations → APIs → Zendesk API → add an API token.'),
      {
        key: 'sectionId',
        label: 'Section',
        help: 'New articles go into this section. Test the connection to list your sections.',
        type: 'remote',
        required: true,
      },
      {
        key: 'permissionGroupId',
        label: 'Who can edit',
        help: 'The Guide permission group of new articles.',
        type: 'remote',
        required: true,
      },
      {
        key: 'locale',
        label: 'Locale',
        help: 'The language of the articles, as Zendesk names it (en-us, de, fr…).',
        type: 'text',
        placeholder: 'en-us',
        required: true,
      },
      publishAs('Drafts stay hidden from customers until someone publishes them in Guide.'),
    ],
    permissions: 'An API token of a Guide manager (an admin, or an agent with the Guide manager role): it creates and updates articles.',
    overwrites:
      'Creates each article once in the section you pick (visible to everyone, labels from the article’s tags), then updates its title, body and draft state through its translation in your locale. Section, permissions, other translations, comments and votes are never touched. An article edited in Guide since the last export is shown side by side and only overwritten when you say so; one deleted in Guide is created again.',
  },
  intercom: {
    kind: 'intercom',
    label: 'Intercom Articles',
    fields: [
      INTERCOM_REGION,
      secret('accessToken', 'Access token', 'Developer Hub → your app → Authentication → Access token.'),
      {
        key: 'collectionId',
        label: 'Collection',
        help: 'New articles go into this Help Center collection.',
        type: 'remote',
        required: true,
      },
      {
        key: 'authorId',
        label: 'Author',
        help: 'The teammate shown as the author (Intercom requires one).',
        type: 'remote',
        required: true,
      },
      publishAs('Draft articles are not shown in the Help Center.'),
    ],
    permissions: 'An access token with “Read and write articles”, “Read admins” and “Read Help Center collections”.',
    overwrites:
      'Creates each article once in the collection you pick, then updates its title, body and state. Tags are not sent (Intercom sets them apart), and the collection, author and translations are left as they are. Edits made in Intercom since the last export are shown and only overwritten when you say so.',
  },
  freshdesk: {
    kind: 'freshdesk',
    label: 'Freshdesk Solutions',
    fields: [
      accountField('domain', 'freshdesk'),
      secret('apiKey', 'API key', 'Profile settings → View API key.'),
      { key: 'folderId', label: 'Folder', help: 'New articles go into this Solutions folder.', type: 'remote', required: true },
      publishAs('Draft articles are not shown in the portal.', 'Status', 'Draft'),
    ],
    permissions: 'The API key of an agent who may manage Solutions (create and edit articles).',
    overwrites:
      'Creates each article once in the folder you pick, then updates its title, body (description), tags and status. The folder, SEO fields and translations are left as they are. Edits made in Freshdesk since the last export are shown and only overwritten when you say so.',
  },
  helpscout: {
    kind: 'helpscout',
    label: 'Help Scout Docs',
    fields: [
      secret('apiKey', 'Docs API key', 'Your profile → Authentication → API Keys → Docs API key.'),
      {
        key: 'collectionId',
        label: 'Collection',
        help: 'New articles go into this Docs collection. Names must be unique within it.',
        type: 'remote',
        required: true,
      },
      publishAs('Unpublished articles are hidden from the Docs site.', 'Publish as', 'Not published'),
    ],
    permissions: 'A Docs API key of a user who may edit the collection.',
    overwrites:
      'Creates each article once in the collection you pick, then updates its name, text, keywords (from the tags) and status. Categories, related articles and the slug are left as they are. Edits made in Help Scout since the last export are shown and only overwritten when you say so.',
  },
};
