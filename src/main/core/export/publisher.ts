import type { ExportKind, ExportTargetTest } from '../../../shared/domain/export';
import type { HttpOptions } from '../connectors/connector';
import type { ExportArticle } from './article';

/** What a target is built from: its settings and its secrets (in memory only). */
export interface ExportSettings {
  kind: ExportKind;
  config: Record<string, string>;
  secrets: Record<string, string>;
  baseUrl: string | null;
}

/** An article as the target holds it after a write, or as read back before the next one. */
export interface RemoteArticle {
  id: string;
  url: string | null;
  title: string;
  /** The body as stored there (HTML for help centers, the file's text for folders). */
  body: string;
}

/**
 * One place articles are exported to. `read` gives null when the article is gone there
 * (deleted in the help center, the file removed), so the export creates it again.
 */
export interface Publisher {
  test(): Promise<ExportTargetTest>;
  read(externalId: string): Promise<RemoteArticle | null>;
  create(article: ExportArticle): Promise<RemoteArticle>;
  /**
   * The article with this exact title where new articles go, if there is one: after a create
   * whose answer was lost (the app stopped), so the next run adopts it instead of making a twin.
   */
  findByTitle(article: ExportArticle): Promise<RemoteArticle | null>;
  update(externalId: string, article: ExportArticle): Promise<RemoteArticle>;
  /** The body as a person compares it: plain text for HTML, the file's text for folders. */
  readable(body: string): string;
}

export type PublisherOptions = HttpOptions;
