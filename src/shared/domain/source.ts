export type SourceKind = 'file' | 'demo' | 'zendesk' | 'freshdesk' | 'intercom' | 'gorgias' | 'helpscout' | 'hubspot';

export interface Source {
  id: number;
  kind: SourceKind;
  name: string;
  tickets: number;
  /** When tickets last arrived (import or sync). */
  lastIngestAt: string | null;
  createdAt: string;
}
