/** Why the engine talks to an endpoint; the guard decides by this, then by the address. */
export type EgressRole = 'helpdesk' | 'help-center' | 'local-model' | 'cloud-llm' | 'model-download' | 'team-server';

export const EGRESS_ROLE_LABEL: Record<EgressRole, string> = {
  helpdesk: 'Helpdesk sync',
  'help-center': 'Help-center export',
  'local-model': 'Model on this computer',
  'cloud-llm': 'Cloud model',
  'model-download': 'Model download',
  'team-server': 'Team review',
};

/** The workspace's privacy settings. */
export interface PrivacySettings {
  /** On: nothing leaves the machine but the helpdesks and help centers you connected and models on this computer. */
  localOnly: boolean;
  /** Endpoints the lead allowed although they leave the machine (a cloud LLM, the model hub), by origin. */
  allowed: { origin: string; role: 'cloud-llm' | 'model-download'; allowedAt: string }[];
}

export const DEFAULT_PRIVACY: PrivacySettings = { localOnly: true, allowed: [] };

/** One request the engine sent, or refused to send. */
export interface EgressEntry {
  id: number;
  at: string;
  origin: string;
  method: string;
  path: string;
  role: EgressRole;
  purpose: string;
  outcome: 'sent' | 'blocked' | 'failed';
  status: number | null;
  bytesOut: number;
  bytesIn: number | null;
  draftId: number | null;
  redactions: Record<string, number> | null;
}

export interface EgressSummary {
  entries: EgressEntry[];
  /** Over the whole log, not only the entries listed. */
  totals: {
    requests: number;
    blocked: number;
    bytesOut: number;
    origins: { origin: string; role: EgressRole; requests: number; bytesOut: number; last: string }[];
  };
}

/** What deleting tickets older than N days would do. */
export interface RetentionPreview {
  cutoff: string;
  tickets: number;
  /** Tickets behind approved articles: their evidence is kept, without personal details. */
  keptEvidence: number;
  articles: number;
  remaining: number;
}

export interface RetentionOutcome {
  cutoff: string;
  deleted: number;
  archivedEvidence: number;
}

/** An address on this computer (a model server here, not a cloud). */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Bytes as a person reads them: 512 B, 19.9 kB, 3.1 MB. */
export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
