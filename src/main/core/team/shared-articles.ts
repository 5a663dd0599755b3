import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { MemberRef } from './shared-board';

/**
 * The team's knowledge base in the shared document, beside the board: each article's versions
 * made outside the board (a lead's edit in the knowledge base, an imported article), whether it
 * is archived, and where members published it. Versions are only appended, so none is lost; the
 * current one is the latest in time, the same on every machine. An article born of a card's
 * approval has the key `card:<card key>`: its first text (and later approved updates) travel as
 * the card's decisions.
 */

export interface SharedVersion extends MemberRef {
  id: string;
  at: string;
  title: string;
  body: string;
}

/** Where a member published the article: a help center (by its address) or a file export. */
export interface SharedExport extends MemberRef {
  kind: string;
  /** The help center's address, or the target's name for file exports. */
  place: string;
  targetName: string;
  externalId: string | null;
  url: string | null;
  /** The help center's title and body right after that write (see export/article.ts remoteHash). */
  remoteHash: string | null;
  /** The text that was published, as a digest, to tell whether a member's current version is the one out there. */
  textHash: string;
  at: string;
}

export interface SharedArticle {
  key: string;
  versions: SharedVersion[];
  archived: (MemberRef & { value: boolean; at: string }) | null;
  exports: SharedExport[];
}

const articles = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('articles');

export const articleKeyOfCard = (cardKey: string) => `card:${cardKey}`;

export function articleKeys(doc: Y.Doc): string[] {
  return [...articles(doc).keys()].sort();
}

export function hasArticle(doc: Y.Doc, key: string): boolean {
  return articles(doc).has(key);
}

function articleMap(doc: Y.Doc, key: string): Y.Map<unknown> {
  let map = articles(doc).get(key);
  if (!map) {
    map = new Y.Map<unknown>();
    articles(doc).set(key, map);
    map.set('versions', new Y.Array<SharedVersion>());
    map.set('exports', new Y.Map<SharedExport>());
  }
  return map;
}

/** Appends a version (creating the article when it is new). */
export function addVersion(doc: Y.Doc, key: string, who: MemberRef, text: { title: string; body: string; at?: string }): SharedVersion {
  const version: SharedVersion = {
    id: randomUUID(),
    member: who.member,
    name: who.name,
    at: text.at ?? new Date().toISOString(),
    title: text.title,
    body: text.body,
  };
  doc.transact(() => (articleMap(doc, key).get('versions') as Y.Array<SharedVersion>).push([version]));
  return version;
}

export function setArchivedShared(doc: Y.Doc, key: string, who: MemberRef, value: boolean, at = new Date().toISOString()): void {
  doc.transact(() => articleMap(doc, key).set('archived', { member: who.member, name: who.name, value, at }));
}

const exportSlot = (e: Pick<SharedExport, 'kind' | 'place'>) => `${e.kind} ${e.place}`;

/** Records a publication; a later one to the same place replaces it. */
export function recordExport(doc: Y.Doc, key: string, record: SharedExport): void {
  doc.transact(() => (articleMap(doc, key).get('exports') as Y.Map<SharedExport>).set(exportSlot(record), record));
}

export function readArticle(doc: Y.Doc, key: string): SharedArticle | null {
  const map = articles(doc).get(key);
  if (!map) return null;
  return {
    key,
    versions: (map.get('versions') as Y.Array<SharedVersion>).toArray(),
    archived: (map.get('archived') as SharedArticle['archived'] | undefined) ?? null,
    exports: [...(map.get('exports') as Y.Map<SharedExport>).values()].sort((a, b) => a.at.localeCompare(b.at)),
  };
}

/** Versions oldest first, by time, then member, then id: the same order everywhere. */
export function inOrder(versions: SharedVersion[]): SharedVersion[] {
  return [...versions].sort((a, b) => a.at.localeCompare(b.at) || a.member.localeCompare(b.member) || a.id.localeCompare(b.id));
}
