export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
  active: boolean;
  /** Set when the file cannot be opened by this version (for example it is newer). */
  problem?: string;
}

export interface WorkspaceStatus {
  workspace: Workspace;
  file: string;
  schemaVersion: number;
  sqliteVersion: string;
  vecVersion: string;
  counts: {
    sources: number;
    tickets: number;
    handovers: number;
    drafts: number;
    articles: number;
  };
}
