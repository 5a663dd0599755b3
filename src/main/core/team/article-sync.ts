import * as Y from 'yjs';
import { nowIso, type DB } from '../db/open';
import { remoteHash } from '../export/article';
import { editArticle, setArchived } from '../kb/articles';
import {
  addVersion,
  articleKeyOfCard,
  articleKeys,
  inOrder,
  readArticle,
  recordExport,
  setArchivedShared,
  type SharedExport,
  type SharedVersion,
} from './shared-articles';
import { readCard, type MemberRef } from './shared-board';

interface ArticleLink {
  article_key: string;
  article_id: number;
  synced_version: number;
  synced_status: 'active' | 'archived';
  current_at: string;
  seen: string;
  exports: string;
  exported_at: string;
}

/** Help centers are one place for the whole team; a file export is on one member's disk. */
const HELP_CENTERS = new Set(['zendesk', 'intercom', 'freshdesk', 'helpscout']);

const textHash = (title: string, body: string) => remoteHash(title, body);

/**
 * Keeps the workspace's knowledge base and the team's shared articles in step: a lead's edits,
 * imported articles, archiving, and where members published each article. Runs after the board
 * is in step (an article born of a card comes with the card's approval on every machine).
 *
 * Concurrent edits of one article: every machine keeps each as a version and shows the latest in
 * time as current, so all end on the same text.
 */
export class ArticleSync {
  /** Shared articles changed since the last pass; null: look at every one. */
  private dirty: Set<string> | null = null;

  constructor(
    private readonly db: DB,
    private readonly doc: Y.Doc,
    private readonly me: MemberRef,
  ) {
    doc.getMap('articles').observeDeep((events) => {
      if (!this.dirty) return;
      for (const e of events) {
        if (e.path.length) this.dirty.add(String(e.path[0]));
        else if (e instanceof Y.YMapEvent) for (const key of e.keysChanged) this.dirty.add(key);
      }
    });
  }

  /** After a failed pass (rolled back here): the next one looks at every article. */
  lookAtEverything(): void {
    this.dirty = null;
  }

  /** One pass; returns how many local articles changed or arrived. */
  reconcile(): number {
    this.linkLocalArticles();
    for (const link of this.changedHere()) this.pushLocalChanges(link);
    const received = this.receiveNewArticles();
    this.attachUpdateCards();
    let changed = 0;
    for (const link of this.touched()) changed += this.applySharedState(link);
    this.dirty = new Set();
    return received + changed;
  }

  /** Linked articles with a version, an archive state or an export here the team has not been told of. */
  private changedHere(): ArticleLink[] {
    return this.db
      .prepare(
        `SELECT ta.* FROM team_articles ta JOIN articles a ON a.id = ta.article_id
         WHERE a.current_version != ta.synced_version OR a.status != ta.synced_status
            OR EXISTS (SELECT 1 FROM exports e WHERE e.article_id = a.id AND e.status = 'done' AND e.exported_at > ta.exported_at)`,
      )
      .all() as ArticleLink[];
  }

  /** Linked articles the shared document changed on (every one on a first pass). */
  private touched(): ArticleLink[] {
    if (this.dirty === null) return this.db.prepare('SELECT * FROM team_articles').all() as ArticleLink[];
    return this.db
      .prepare('SELECT * FROM team_articles WHERE article_key IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...this.dirty])) as ArticleLink[];
  }

  /** Local articles the team does not know yet, linked under their key (see articleKeyOf). */
  private linkLocalArticles(): void {
    const fresh = this.db
      .prepare('SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM team_articles)')
      .pluck()
      .all() as number[];
    const link = this.db.prepare('INSERT OR IGNORE INTO team_articles (article_key, article_id) VALUES (?, ?)');
    for (const id of fresh) {
      const key = articleKeyOf(this.db, id, this.me.member);
      if (key) link.run(key, id);
    }
  }

  /** Update and stale cards from a teammate change the article this machine has under the key the card names. */
  private attachUpdateCards(): void {
    const waiting = this.db
      .prepare(
        `SELECT tc.card_key, d.id FROM team_cards tc JOIN drafts d ON d.id = tc.draft_id
         WHERE d.article_id IS NULL AND d.kind IN ('update', 'stale')`,
      )
      .all() as { card_key: string; id: number }[];
    for (const w of waiting) {
      const key = readCard(this.doc, w.card_key).article;
      const article = key
        ? (this.db
            .prepare('SELECT id, current_version FROM articles WHERE id = (SELECT article_id FROM team_articles WHERE article_key = ?)')
            .get(key) as { id: number; current_version: number } | undefined)
        : undefined;
      if (article)
        this.db.prepare('UPDATE drafts SET article_id = ?, base_version = ? WHERE id = ?').run(article.id, article.current_version, w.id);
    }
  }

  /** Versions made here outside the board, the archive state and this machine's publications go to the shared article. */
  private pushLocalChanges(link: ArticleLink): void {
    const article = this.db.prepare('SELECT status FROM articles WHERE id = ?').get(link.article_id) as {
      status: ArticleLink['synced_status'];
    };
    const fresh = this.db
      .prepare('SELECT title, body_md, draft_id, created_at FROM article_versions WHERE article_id = ? AND version > ? ORDER BY version')
      .all(link.article_id, link.synced_version) as { title: string; body_md: string; draft_id: number | null; created_at: string }[];
    const seen: string[] = JSON.parse(link.seen);
    for (const v of fresh) {
      // an approval's text travels as the card's decision; an edit or an import as a version of the article
      if (v.draft_id === null)
        seen.push(addVersion(this.doc, link.article_key, this.me, { title: v.title, body: v.body_md, at: v.created_at }).id);
      if (v.created_at > link.current_at) link.current_at = v.created_at;
    }
    if (article.status !== link.synced_status) setArchivedShared(this.doc, link.article_key, this.me, article.status === 'archived');
    const exportedAt = this.pushExports(link);
    this.db
      .prepare('UPDATE team_articles SET current_at = ?, seen = ?, exported_at = ? WHERE article_key = ?')
      .run(link.current_at, JSON.stringify(seen), exportedAt, link.article_key);
    this.dirty?.add(link.article_key); // taken in again below, so both sides agree on it afterwards
  }

  /** Returns when this machine last exported the article. */
  private pushExports(link: ArticleLink): string {
    const done = this.db
      .prepare(
        `SELECT t.kind, t.name, t.base_url, e.external_id, e.external_url, e.remote_hash, e.exported_at, v.title, v.body_md
         FROM exports e JOIN export_targets t ON t.id = e.target_id
         JOIN article_versions v ON v.article_id = e.article_id AND v.version = e.exported_version
         WHERE e.article_id = ? AND e.status = 'done' AND e.exported_at IS NOT NULL`,
      )
      .all(link.article_id) as {
      kind: string;
      name: string;
      base_url: string | null;
      external_id: string | null;
      external_url: string | null;
      remote_hash: string | null;
      exported_at: string;
      title: string;
      body_md: string;
    }[];
    const shared = readArticle(this.doc, link.article_key)?.exports ?? [];
    let latest = link.exported_at;
    for (const e of done) {
      if (e.exported_at > latest) latest = e.exported_at;
      const place = e.base_url ?? e.name;
      const known = shared.find((s) => s.kind === e.kind && s.place === place);
      if (known && known.at >= e.exported_at) continue;
      recordExport(this.doc, link.article_key, {
        ...this.me,
        kind: e.kind,
        place,
        targetName: e.name,
        externalId: e.external_id,
        url: e.external_url,
        remoteHash: e.remote_hash,
        textHash: textHash(e.title, e.body_md),
        at: e.exported_at,
      });
    }
    return latest;
  }

  /** Shared articles with no card behind them that this machine does not have yet: created here with every version. */
  private receiveNewArticles(): number {
    const known = new Set(this.db.prepare('SELECT article_key FROM team_articles').pluck().all() as string[]);
    let received = 0;
    for (const key of this.dirty === null ? articleKeys(this.doc) : [...this.dirty].sort()) {
      if (known.has(key) || key.startsWith('card:')) continue;
      const shared = readArticle(this.doc, key);
      if (!shared) continue;
      const versions = inOrder(shared.versions);
      if (!versions.length) continue;
      const first = versions[0]!;
      const id = Number(
        this.db.prepare('INSERT INTO articles (title, created_at, updated_at) VALUES (?, ?, ?)').run(first.title, first.at, nowIso())
          .lastInsertRowid,
      );
      versions.forEach((v, i) => this.insertVersion(id, i + 1, v));
      const last = versions[versions.length - 1]!;
      const status = shared.archived?.value ? 'archived' : 'active';
      this.db
        .prepare('UPDATE articles SET title = ?, current_version = ?, status = ? WHERE id = ?')
        .run(last.title, versions.length, status, id);
      this.db
        .prepare(
          'INSERT INTO team_articles (article_key, article_id, synced_version, synced_status, current_at, seen) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(key, id, versions.length, status, last.at, JSON.stringify(versions.map((v) => v.id)));
      received++;
    }
    return received;
  }

  private insertVersion(articleId: number, version: number, v: SharedVersion): void {
    this.db
      .prepare(
        `INSERT INTO article_versions (article_id, version, title, body_md, tags, draft_id, created_by, created_at)
         VALUES (?, ?, ?, ?, coalesce((SELECT tags FROM article_versions WHERE article_id = ? ORDER BY version DESC LIMIT 1), '[]'), NULL, ?, ?)`,
      )
      .run(articleId, version, v.title, v.body, articleId, v.name, v.at);
  }

  /** Other members' versions, archive state and publications, taken in; returns 1 when the article changed here. */
  private applySharedState(link: ArticleLink): number {
    const shared = readArticle(this.doc, link.article_key);
    if (!shared) return 0;
    let changed = false;
    const seen = new Set<string>(JSON.parse(link.seen));
    for (const v of inOrder(shared.versions)) {
      if (seen.has(v.id)) continue;
      seen.add(v.id);
      changed = true;
      if (v.at > link.current_at) {
        // newer than the text shown here: it becomes the current version, in its author's name
        if (!this.shows(link.article_id, v)) editArticle(this.db, link.article_id, { title: v.title, bodyMd: v.body }, v.name);
        link.current_at = v.at;
      } else {
        // written before the text shown here (at the same time, elsewhere): kept as a version, not made current
        const next =
          (this.db.prepare('SELECT max(version) FROM article_versions WHERE article_id = ?').pluck().get(link.article_id) as number) + 1;
        this.insertVersion(link.article_id, next, v);
      }
    }
    const status = this.db.prepare('SELECT status FROM articles WHERE id = ?').pluck().get(link.article_id) as ArticleLink['synced_status'];
    const wanted = shared.archived ? (shared.archived.value ? 'archived' : 'active') : status;
    if (wanted !== status && status === link.synced_status) {
      setArchived(this.db, link.article_id, wanted === 'archived', shared.archived!.name);
      changed = true;
    }
    const exports = JSON.stringify(shared.exports);
    if (exports !== link.exports) {
      this.seedExports(link.article_id, shared.exports);
      changed = true;
    }
    this.db
      .prepare(
        `UPDATE team_articles SET synced_version = (SELECT current_version FROM articles WHERE id = ?),
           synced_status = (SELECT status FROM articles WHERE id = ?), current_at = ?, seen = ?, exports = ? WHERE article_key = ?`,
      )
      .run(link.article_id, link.article_id, link.current_at, JSON.stringify([...seen]), exports, link.article_key);
    return changed ? 1 : 0;
  }

  private shows(articleId: number, v: Pick<SharedVersion, 'title' | 'body'>): boolean {
    const current = this.db
      .prepare(
        'SELECT v.title, v.body_md FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ?',
      )
      .get(articleId) as { title: string; body_md: string };
    return current.title === v.title && current.body_md === v.body;
  }

  /**
   * A teammate published the article to a help center this machine exports to as well: its
   * export record takes theirs (the help center's article id, what it held after their write),
   * so an export from here updates that article instead of creating a second one, and their
   * write is not taken for an edit made in the help center.
   */
  private seedExports(articleId: number, exports: SharedExport[]): void {
    for (const e of exports) {
      if (e.member === this.me.member || !HELP_CENTERS.has(e.kind) || !e.externalId) continue;
      const target = this.db.prepare('SELECT id FROM export_targets WHERE kind = ? AND base_url = ?').pluck().get(e.kind, e.place) as
        number | undefined;
      if (target === undefined) continue;
      const row = this.db
        .prepare('SELECT status, exported_at FROM exports WHERE article_id = ? AND target_id = ?')
        .get(articleId, target) as { status: string; exported_at: string | null } | undefined;
      if (row && (row.status !== 'done' || (row.exported_at ?? '') >= e.at)) continue;
      const version = this.versionWithText(articleId, e.textHash);
      this.db
        .prepare(
          `INSERT INTO exports (article_id, target_id, status, external_id, external_url, exported_version, remote_hash, exported_at, updated_at)
           VALUES (@article, @target, 'done', @id, @url, @version, @hash, @at, @now)
           ON CONFLICT (article_id, target_id) DO UPDATE SET external_id = @id, external_url = @url, exported_version = @version,
             remote_hash = @hash, exported_at = @at, updated_at = @now`,
        )
        .run({ article: articleId, target, id: e.externalId, url: e.url, version, hash: e.remoteHash, at: e.at, now: nowIso() });
    }
  }

  /** The latest local version with this text, if any: the one a teammate's publication holds. */
  private versionWithText(articleId: number, hash: string): number | null {
    const versions = this.db
      .prepare('SELECT version, title, body_md FROM article_versions WHERE article_id = ? ORDER BY version DESC')
      .all(articleId) as { version: number; title: string; body_md: string }[];
    return versions.find((v) => textHash(v.title, v.body_md) === hash)?.version ?? null;
  }
}

/**
 * The key an article has in the team's knowledge base: the one it is linked under; else, born of
 * a shared card's approval, that card's article; else, with no card behind it (imported), a key of
 * its own. An article from a card only this machine has (its own learning) has none: it stays
 * here, like the card.
 */
export function articleKeyOf(db: DB, articleId: number, member: string): string | null {
  const linked = db.prepare('SELECT article_key FROM team_articles WHERE article_id = ?').pluck().get(articleId) as string | undefined;
  if (linked) return linked;
  const origin = db
    .prepare(
      `SELECT v.draft_id, tc.card_key FROM article_versions v LEFT JOIN team_cards tc ON tc.draft_id = v.draft_id
       WHERE v.article_id = ? AND v.version = 1`,
    )
    .get(articleId) as { draft_id: number | null; card_key: string | null } | undefined;
  if (!origin) return null;
  if (origin.card_key) return articleKeyOfCard(origin.card_key);
  return origin.draft_id === null ? `${member}-a${articleId}` : null;
}
