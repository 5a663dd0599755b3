export type SourceKind = 'file' | 'demo' | 'zendesk' | 'freshdesk' | 'intercom' | 'gorgias' | 'helpscout' | 'hubspot';
export type HelpdeskKind = Exclude<SourceKind, 'file' | 'demo'>;
export const HELPDESK_KINDS: HelpdeskKind[] = ['zendesk', 'freshdesk', 'intercom', 'gorgias', 'helpscout', 'hubspot'];

export function isHelpdeskKind(kind: string): kind is HelpdeskKind {
  return (HELPDESK_KINDS as string[]).includes(kind);
}

export interface Source {
  id: number;
  kind: SourceKind;
  name: string;
  tickets: number;
  /** When tickets last arrived (import or sync). */
  lastIngestAt: string | null;
  createdAt: string;
  /** How a helpdesk source connects and syncs; null for files and the demo. */
  sync: SourceSync | null;
}

/** What a helpdesk source keeps about itself. Secrets are never part of it: only which are set. */
export interface SourceSync {
  /** The form's non-secret fields (subdomain, email, region…). */
  config: Record<string, string>;
  /** Replaces the vendor's API address (a regional host, a proxy, a mock server). */
  baseUrl: string | null;
  /** Author ids or names whose messages are the AI agent's. */
  botIds: string[];
  /** Author ids or names the helpdesk marks as its bot that are its own automation (Intercom's Operator): their messages are neither the AI agent's nor a person's. */
  automationIds: string[];
  /** 0: only when asked. */
  syncEveryMinutes: number;
  /** How far back the first sync reaches. */
  historyDays: number;
  enabled: boolean;
  lastSyncAt: string | null;
  /** The last sync's failure in plain words, cleared by the next good one. */
  lastError: string | null;
  lastErrorKind: SyncFailure | null;
  /** Which secret fields hold a value. */
  secretsSet: string[];
  /** The sync job queued or running now, if any. */
  activeJobId: number | null;
}

export type SyncFailure = 'credentials' | 'forbidden' | 'not_found' | 'offline' | 'server' | 'bad_response';

export interface ConnectorField {
  key: string;
  label: string;
  help: string;
  type: 'text' | 'email' | 'secret' | 'select';
  options?: { value: string; label: string }[];
  placeholder?: string;
  required: boolean;
}

/** An author seen in a sample of the helpdesk's tickets, and whether they look like the AI agent. */
export interface AuthorSample {
  id: string | null;
  name: string | null;
  /** The role Tideline gives their messages with the current settings. */
  role: 'agent' | 'bot' | 'customer' | 'system';
  /** The helpdesk itself marks their messages as its bot's (Fin, Operator), whatever the lists say. */
  helpdeskBot: boolean;
  messages: number;
  /** Why this author looks like a bot, when they do ("the helpdesk marks them as its AI agent"). */
  botReason: string | null;
}

export interface ConnectionTest {
  ok: true;
  /** What the helpdesk said about itself: "Zendesk brightkettle: 1,204 tickets changed since 2026-05-25". */
  summary: string;
  sampled: number;
  authors: AuthorSample[];
}

/** Everything the Sources form needs to know about one helpdesk. */
export interface HelpdeskSpec {
  kind: HelpdeskKind;
  label: string;
  fields: ConnectorField[];
  /** What the token must be allowed to do, in the vendor's words. */
  permissions: string;
  /** How the AI agent's messages are recognised. */
  bots: string;
}

const secret = (key: string, label: string, help: string): ConnectorField => ({ key, label, help, type: 'secret', required: true });

/** Fields the helpdesk forms and the help-center export forms share. */
export const INTERCOM_REGION: ConnectorField = {
  key: 'region',
  label: 'Region',
  help: 'Where your Intercom workspace is hosted.',
  type: 'select',
  options: [
    { value: 'us', label: 'United States (api.intercom.io)' },
    { value: 'eu', label: 'Europe (api.eu.intercom.io)' },
    { value: 'au', label: 'Australia (api.au.intercom.io)' },
  ],
  required: true,
};
export const accountField = (key: 'subdomain' | 'domain', vendor: string, example = 'yourcompany'): ConnectorField => ({
  key,
  label: key === 'subdomain' ? 'Subdomain' : 'Domain',
  help: `The part before .${vendor}.com in your ${vendor[0]!.toUpperCase()}${vendor.slice(1)} address.`,
  type: 'text',
  placeholder: example,
  required: true,
});

export const HELPDESKS: Record<HelpdeskKind, HelpdeskSpec> = {
  zendesk: {
    kind: 'zendesk',
    label: 'Zendesk',
    fields: [
      accountField('subdomain', 'zendesk'),
      {
        key: 'email',
        label: 'Agent email',
        help: 'The email of the agent or admin the API token belongs to.',
        type: 'email',
        required: true,
      },
      secret('apiToken', 'API token', 'Admin Center → Apps and integrations → APIs → Zendesk API → add an API token.'),
    ],
    permissions:
      'An API token of an agent who can see all tickets (an admin, or an agent with access to every group). Tideline only reads.',
    bots: 'Zendesk marks no comment as the AI agent’s: add the user your AI agent replies as (its name or user id) under “AI agent authors”. Test connection lists the authors it sees and suggests the likely bots.',
  },
  freshdesk: {
    kind: 'freshdesk',
    label: 'Freshdesk',
    fields: [accountField('domain', 'freshdesk'), secret('apiKey', 'API key', 'Profile settings → View API key.')],
    permissions: 'The API key of an agent who can view all tickets. Tideline only reads.',
    bots: 'Tickets the Freddy bot created (source “Bot”) count as AI-involved; replies of the agents you list under “AI agent authors” (their name or user id) are the bot’s.',
  },
  intercom: {
    kind: 'intercom',
    label: 'Intercom',
    fields: [INTERCOM_REGION, secret('accessToken', 'Access token', 'Developer Hub → your app → Authentication → Access token.')],
    permissions: 'An access token with “Read conversations” and “Read admins”. Tideline only reads.',
    bots: 'Fin’s replies carry Intercom’s AI flag and are recognised by themselves; a conversation Fin routed to your team (resolution state “routed to team”) is a handover. List other bots (Custom Bots shown as admins) under “AI agent authors”. Operator, Intercom’s rules bot, writes as a bot too: without Fin, or to leave its notices and questions out, list it under “Helpdesk automation”.',
  },
  gorgias: {
    kind: 'gorgias',
    label: 'Gorgias',
    fields: [
      accountField('domain', 'gorgias', 'yourstore'),
      { key: 'email', label: 'Email', help: 'The email of the user the API key belongs to.', type: 'email', required: true },
      secret('apiKey', 'API key', 'Settings → REST API → the password shown there is the API key.'),
    ],
    permissions: 'A REST API key of a user who can see all tickets. Tideline only reads.',
    bots: 'Tickets tagged ai_answered or ai_handover by the Gorgias AI Agent count as AI-involved, and ai_handover marks a handover. The AI Agent writes as a user: add its name or id under “AI agent authors” so its replies count as the bot’s.',
  },
  helpscout: {
    kind: 'helpscout',
    label: 'Help Scout',
    fields: [
      {
        key: 'clientId',
        label: 'App ID',
        help: 'Your profile → My Apps → Create My App (any redirect URL) → App ID.',
        type: 'text',
        required: true,
      },
      secret('clientSecret', 'App secret', 'Shown beside the App ID of the same app.'),
    ],
    permissions: 'A “My App” of a user who can see every mailbox you want synced (OAuth client credentials). Tideline only reads.',
    bots: 'Replies written by an AI system user (AI Answers, AI Drafts) are the bot’s. List other automations under “AI agent authors”.',
  },
  hubspot: {
    kind: 'hubspot',
    label: 'HubSpot',
    fields: [secret('accessToken', 'Private app token', 'Settings → Integrations → Private apps → create an app → Access token.')],
    permissions: 'A private app with the scopes tickets (read) and conversations.read.',
    bots: 'Messages from bot actors (ids starting with B-) and HubSpot’s AI (L-) are the bot’s; list other actors under “AI agent authors”.',
  },
};

export const DEFAULT_HISTORY_DAYS = 180;
