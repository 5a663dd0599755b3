import * as Y from 'yjs';
import type { DraftKind, DraftStatus } from '../../../shared/domain/draft';
import type { DB } from '../db/open';
import { inTransaction } from '../db/transaction';
import { editArticle } from '../kb/articles';
import { redactedEvidence } from '../learn/store';
import { ReviewBoard } from '../review/review';
import { draftState, labelsJson, labelsOf, updateDraft } from '../review/state';
import { ArticleSync, articleKeyOf } from './article-sync';
import type { TeamConfig } from './config';
import {
  assign,
  bodyOf,
  cardKeys,
  decide,
  markEdited,
  markPublished,
  outcomeOf,
  putCard,
  readCard,
  undoOwn,
  type MemberRef,
  type SharedEvidence,
} from './shared-board';

/** The member this machine speaks for on the shared board. */
type TeamMember = Pick<TeamConfig, 'member' | 'name' | 'learner'>;

type SharedStatus = 'open' | 'approved' | 'rejected';

const sharedStatus = (s: DraftStatus): SharedStatus =>
  s === 'approved' || s === 'published' ? 'approved' : s === 'rejected' ? 'rejected' : 'open';

interface Link {
  card_key: string;
  draft_id: number;
  synced_status: SharedStatus;
  synced_body: string;
  synced_title: string;
  synced_labels: string;
  applied: string | null;
  decisions: string;
  assignee: string | null;
  edited: string | null;
  published: number;
  overruled: string;
}

/** A decision of this member's that crossed a teammate's and gave way to it. */
export interface Crossed {
  title: string;
  action: string;
  byName: string;
  byAction: string;
}

/** Saved changes kept apart before the document is written whole again. */
const COMPACT_AFTER = 200;

/** How many redacted snippets of a card's evidence go on the shared board. */
const SNIPPETS = 8;

/**
 * Keeps the workspace's review board and the team's shared document in step, both ways.
 * Each linked card remembers the state both sides last agreed on; whichever side differs from
 * it changed. Local changes become edits of the shared text and appended decisions; the shared
 * outcome (see outcomeOf) is then applied to the local draft, in the name of who decided.
 */
export class BoardSync {
  /** Cards the shared document changed on since the last pass; null: look at every card. */
  private dirty: Set<string> | null = null;
  /** Changes to the document not written to the workspace yet; null: write it whole next time. */
  private unsaved: Uint8Array[] | null = null;
  private readonly articles: ArticleSync;

  constructor(
    private readonly db: DB,
    readonly doc: Y.Doc,
    private readonly me: TeamMember,
  ) {
    this.articles = new ArticleSync(db, doc, me);
    // a pass takes in only the cards that changed: on a board of thousands, most passes touch a few
    doc.getMap('cards').observeDeep((events) => {
      if (!this.dirty) return;
      for (const e of events) {
        if (e.path.length) this.dirty.add(String(e.path[0]));
        else if (e instanceof Y.YMapEvent) for (const key of e.keysChanged) this.dirty.add(key);
      }
    });
    doc.on('update', (update: Uint8Array) => this.unsaved?.push(update));
  }

  /** The shared document as kept in the workspace (empty before the first sync). */
  static load(db: DB): Y.Doc {
    const doc = new Y.Doc();
    const stored = db.prepare('SELECT doc FROM team_state WHERE id = 1').pluck().get() as Buffer | undefined;
    if (stored) Y.applyUpdate(doc, new Uint8Array(stored));
    for (const changes of db.prepare('SELECT changes FROM team_updates ORDER BY id').pluck().all() as Buffer[])
      Y.applyUpdate(doc, new Uint8Array(changes));
    return doc;
  }

  /** Writes what changed since the last save; the whole document now and then, so loading stays quick. */
  save(): void {
    const pending = this.unsaved;
    if (pending && !pending.length) return;
    const appended = this.db.prepare('SELECT count(*) FROM team_updates').pluck().get() as number;
    if (pending && appended < COMPACT_AFTER) {
      this.db.prepare('INSERT INTO team_updates (changes) VALUES (?)').run(Buffer.from(Y.mergeUpdates(pending)));
    } else {
      this.db
        .prepare('INSERT INTO team_state (id, doc) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc')
        .run(Buffer.from(Y.encodeStateAsUpdate(this.doc)));
      this.db.prepare('DELETE FROM team_updates').run();
    }
    this.unsaved = [];
  }

  /**
   * One full pass: local changes out, the learner's new cards out, the shared state in. Counts
   * the cards published, received, whose outcome was applied, and whose text, people or
   * decisions changed here otherwise.
   */
  reconcile(): { published: number; received: number; applied: number; updated: number; crossed: Crossed[] } {
    try {
      return inTransaction(this.db, () => {
        const published = this.me.learner ? this.publishNewCards() : 0;
        this.pushLocalChanges();
        const received = this.receiveNewCards();
        const { applied, updated, crossed } = this.applySharedState();
        const articles = this.articles.reconcile();
        this.save();
        this.dirty = new Set();
        return { published, received, applied, updated: updated + articles, crossed };
      });
    } catch (error) {
      // the local side rolled back: the next pass looks at everything again
      this.dirty = null;
      this.articles.lookAtEverything();
      this.unsaved = null;
      throw error;
    }
  }

  private links(): Link[] {
    return this.db.prepare('SELECT * FROM team_cards').all() as Link[];
  }

  private link(key: string, draftId: number): void {
    const d = draftState(this.db, draftId);
    this.db
      .prepare(
        'INSERT INTO team_cards (card_key, draft_id, synced_status, synced_body, synced_title, synced_labels) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(key, draftId, sharedStatus(d.status), d.body_md, d.title, d.labels);
  }

  /** The learner's drafts not on the shared board yet, with redacted snippets of their evidence. */
  private publishNewCards(): number {
    const fresh = this.db
      .prepare(
        `SELECT d.id, d.kind, d.title, d.body_md, d.labels, d.article_id, d.drafter FROM drafts d
         WHERE d.id NOT IN (SELECT draft_id FROM team_cards) AND d.merged_into IS NULL ORDER BY d.id`,
      )
      .all() as {
      id: number;
      kind: DraftKind;
      title: string;
      body_md: string;
      labels: string;
      article_id: number | null;
      drafter: string;
    }[];
    for (const d of fresh) {
      const key = `${this.me.member}-${d.id}`;
      putCard(this.doc, {
        key,
        kind: d.kind,
        title: d.title,
        labels: JSON.parse(d.labels) as string[],
        evidence: this.snippets(d.id),
        body: d.body_md,
        drafter: d.drafter,
        article:
          (d.kind === 'update' || d.kind === 'stale') && d.article_id !== null ? articleKeyOf(this.db, d.article_id, this.me.member) : null,
      });
      // a card decided before the workspace was shared arrives decided, in the learner's name
      const state = draftState(this.db, d.id);
      const status = sharedStatus(state.status);
      const who = { member: this.me.member, name: this.me.name };
      const at = state.approved_at ?? undefined;
      if (status === 'approved') decide(this.doc, key, who, 'approve', { text: state.body_md, at });
      if (status === 'rejected') decide(this.doc, key, who, 'reject', { reason: state.reject_reason ?? undefined });
      this.link(key, d.id);
    }
    return fresh.length;
  }

  private snippets(draftId: number): SharedEvidence[] {
    const tickets = this.db
      .prepare(
        `SELECT e.ticket_id, t.external_id FROM draft_evidence e JOIN tickets t ON t.id = e.ticket_id
         WHERE e.draft_id = ? AND e.role = 'supporting' ORDER BY t.created_at DESC LIMIT ?`,
      )
      .all(draftId, SNIPPETS) as { ticket_id: number; external_id: string }[];
    const external = new Map(tickets.map((t) => [t.ticket_id, t.external_id]));
    return redactedEvidence(
      this.db,
      tickets.map((t) => t.ticket_id),
    ).map((e) => ({ externalId: external.get(e.ticketId)!, link: null, question: e.question, answer: e.answer }));
  }

  /** Cards another member put on the board become local drafts, with their snippets as evidence. */
  private receiveNewCards(): number {
    const known = new Set(this.db.prepare('SELECT card_key FROM team_cards').pluck().all() as string[]);
    let received = 0;
    for (const key of this.dirty === null ? cardKeys(this.doc) : [...this.dirty].sort()) {
      if (known.has(key) || !this.doc.getMap('cards').has(key)) continue;
      const card = readCard(this.doc, key);
      const now = new Date().toISOString();
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO drafts (kind, status, title, body_md, drafter, labels, created_at, updated_at)
             VALUES (?, 'suggested', ?, ?, ?, ?, ?, ?)`,
          )
          .run(card.kind, card.title, card.body, card.drafter ?? 'team', JSON.stringify(card.labels), now, now).lastInsertRowid,
      );
      const put = this.db.prepare(
        'INSERT INTO shared_evidence (draft_id, position, external_id, link, question, answer) VALUES (?, ?, ?, ?, ?, ?)',
      );
      card.evidence.forEach((e, i) => put.run(id, i, e.externalId, e.link, e.question, e.answer));
      this.link(key, id);
      received++;
    }
    return received;
  }

  /** Local edits and decisions since the last agreement go to the shared document. */
  private pushLocalChanges(): void {
    const changed = this.db
      .prepare(
        `SELECT tc.* FROM team_cards tc JOIN drafts d ON d.id = tc.draft_id
         WHERE d.body_md != tc.synced_body OR d.title != tc.synced_title OR d.labels != tc.synced_labels
           OR (d.status = 'published') != tc.published
           OR CASE WHEN d.status IN ('approved', 'published') THEN 'approved' WHEN d.status = 'rejected' THEN 'rejected' ELSE 'open' END
              != tc.synced_status`,
      )
      .all() as Link[];
    for (const l of changed) {
      this.dirty?.add(l.card_key); // taken in again below, so both sides agree on it afterwards
      const d = draftState(this.db, l.draft_id);
      const status = sharedStatus(d.status);
      const card = this.doc.getMap<Y.Map<unknown>>('cards').get(l.card_key);
      if (d.body_md !== l.synced_body) {
        replaceText(bodyOf(this.doc, l.card_key), l.synced_body, d.body_md);
        markEdited(this.doc, l.card_key, this.me);
        // written again with another drafter (the learner's regenerate)
        if (this.me.learner && card && card.get('drafter') !== d.drafter) card.set('drafter', d.drafter);
      }
      if (d.title !== l.synced_title) card?.set('title', d.title);
      if (d.labels !== l.synced_labels) card?.set('labels', labelsOf(d));
      if (d.status === 'published' && !readCard(this.doc, l.card_key).published) markPublished(this.doc, l.card_key, this.me);
      if (status === l.synced_status) continue;
      const who = { member: this.me.member, name: this.me.name };
      if (status === 'approved') decide(this.doc, l.card_key, who, 'approve', { text: d.body_md });
      else if (status === 'rejected') decide(this.doc, l.card_key, who, 'reject', { reason: d.reject_reason ?? undefined });
      else if (!undoOwn(this.doc, l.card_key, this.me.member)) decide(this.doc, l.card_key, who, 'reopen');
    }
  }

  /** Gives shared cards to a member (or to nobody); returns how many of `draftIds` are on the shared board. */
  assign(draftIds: number[], to: MemberRef | null): number {
    const keys = this.db
      .prepare(`SELECT card_key FROM team_cards WHERE draft_id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(JSON.stringify(draftIds)) as string[];
    this.doc.transact(() => keys.forEach((key) => assign(this.doc, key, to)));
    return keys.length;
  }

  /** The shared card a local draft is, if it is on the shared board. */
  cardOf(draftId: number): string | null {
    return (this.db.prepare('SELECT card_key FROM team_cards WHERE draft_id = ?').pluck().get(draftId) as string | undefined) ?? null;
  }

  /** The local draft a shared card is, if this machine has it. */
  draftOf(key: string): number | null {
    return (this.db.prepare('SELECT draft_id FROM team_cards WHERE card_key = ?').pluck().get(key) as number | undefined) ?? null;
  }

  private articleText(articleId: number): string | undefined {
    return this.db
      .prepare(
        'SELECT v.body_md FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ?',
      )
      .pluck()
      .get(articleId) as string | undefined;
  }

  /** The shared outcome, text and people of each card, applied to its local draft. */
  private applySharedState(): { applied: number; updated: number; crossed: Crossed[] } {
    let applied = 0;
    let updated = 0;
    const crossed: Crossed[] = [];
    const links =
      this.dirty === null
        ? this.links()
        : (this.db
            .prepare('SELECT * FROM team_cards WHERE card_key IN (SELECT value FROM json_each(?))')
            .all(JSON.stringify([...this.dirty])) as Link[]);
    for (const l of links) {
      const card = readCard(this.doc, l.card_key);
      const outcome = outcomeOf(card.decisions);
      const d = draftState(this.db, l.draft_id);
      const local = sharedStatus(d.status);
      const before = updated;
      if (local === 'open' && d.body_md !== card.body) {
        updateDraft(this.db, d.id, { body_md: card.body });
        updated++;
      }
      if (d.title !== card.title) {
        updateDraft(this.db, d.id, { title: card.title });
        updated++;
      }
      if (card.drafter && d.drafter !== card.drafter) updateDraft(this.db, d.id, { drafter: card.drafter });
      const labels = labelsJson(card.labels);
      if (d.labels !== labels) {
        updateDraft(this.db, d.id, { labels });
        updated++;
      }
      if (outcome.status !== local) {
        const board = new ReviewBoard(this.db, outcome.decision?.name ?? 'team');
        if (outcome.status === 'approved' && local !== 'approved') {
          // an approval stands over a reject taken at the same time: the card comes back and is approved
          if (local === 'rejected') board.move([d.id], 'in_review');
          updateDraft(this.db, d.id, { body_md: outcome.decision?.text ?? card.body });
          board.approve([d.id]);
        } else if (outcome.status === 'rejected' && local === 'open')
          board.reject([d.id], outcome.decision?.reason ?? 'Rejected by the team');
        else if (outcome.status === 'open' && local === 'rejected') board.move([d.id], 'in_review');
        // (an approved card the team reopened stays approved here: its article changes through a new draft)
        if (sharedStatus(draftState(this.db, d.id).status) !== local) applied++;
      } else if (
        outcome.status === 'approved' &&
        outcome.decision?.text !== undefined &&
        d.article_id !== null &&
        outcome.decision.id !== l.applied
      ) {
        // two texts approved at the same time: the article takes the one that stands as a new version (the other stays a
        // version); once only, so the lead's later edits of the article are not undone
        if (this.articleText(d.article_id) !== outcome.decision.text) {
          editArticle(this.db, d.article_id, { title: card.title, bodyMd: outcome.decision.text }, outcome.decision.name);
          applied++;
        }
      }
      if (card.published && draftState(this.db, d.id).status === 'approved') {
        // a teammate published its article: the card moves to Published here too, in their name
        new ReviewBoard(this.db, card.published.name).move([d.id], 'published');
        applied++;
      }
      const after = draftState(this.db, d.id);
      const decisions = card.decisions.map((x) => ({
        member: x.member,
        name: x.name,
        action: x.action,
        at: x.at,
        reason: x.reason ?? null,
      }));
      const overruled = outcome.overruled.map((o) => ({
        member: o.decision.member,
        name: o.decision.name,
        action: o.decision.action,
        at: o.decision.at,
        byName: o.by.name,
        byAction: o.by.action,
      }));
      const told = JSON.parse(l.overruled) as typeof overruled;
      for (const o of overruled)
        if (o.member === this.me.member && !told.some((t) => t.at === o.at && t.action === o.action))
          crossed.push({ title: after.title, action: o.action, byName: o.byName, byAction: o.byAction });
      if (
        updated === before &&
        (l.decisions !== JSON.stringify(decisions) ||
          l.assignee !== (card.assignee && JSON.stringify(card.assignee)) ||
          l.edited !== (card.edited && JSON.stringify(card.edited)))
      )
        updated++;
      const standing = outcome.decision && {
        member: outcome.decision.member,
        name: outcome.decision.name,
        action: outcome.decision.action,
        at: outcome.decision.at,
      };
      this.db
        .prepare(
          `UPDATE team_cards SET synced_status = ?, synced_body = ?, synced_title = ?, synced_labels = ?, decisions = ?, overruled = ?,
             applied = ?, assignee = ?, edited = ?, standing = ?, published = ? WHERE card_key = ?`,
        )
        .run(
          sharedStatus(after.status),
          sharedStatus(after.status) === 'open' ? card.body : after.body_md,
          after.title,
          after.labels,
          JSON.stringify(decisions),
          JSON.stringify(overruled),
          outcome.decision?.id ?? null,
          card.assignee && JSON.stringify(card.assignee),
          card.edited && JSON.stringify(card.edited),
          standing && JSON.stringify(standing),
          after.status === 'published' ? 1 : 0,
          l.card_key,
        );
    }
    return { applied, updated, crossed };
  }
}

/**
 * Applies the local edit (from `base`, the text both sides last agreed on, to `next`) to the
 * shared text, which others may have edited meanwhile: only the changed stretch is replaced,
 * where it still stands, so their edits elsewhere in the text are kept.
 */
export function replaceText(text: Y.Text, base: string, next: string): void {
  let start = 0;
  while (start < base.length && start < next.length && base[start] === next[start]) start++;
  let end = 0;
  while (end < base.length - start && end < next.length - start && base[base.length - 1 - end] === next[next.length - 1 - end]) end++;
  const removed = base.slice(start, base.length - end);
  const inserted = next.slice(start, next.length - end);
  const current = text.toString();
  let at = current.slice(start, start + removed.length) === removed ? start : -1;
  if (at < 0 && removed) at = current.indexOf(removed);
  if (at < 0 && !removed) at = Math.min(start, current.length);
  text.doc!.transact(() => {
    if (at < 0) {
      // the stretch was rewritten by someone else as well: this edit's whole text stands
      text.delete(0, current.length);
      text.insert(0, next);
      return;
    }
    if (removed) text.delete(at, removed.length);
    if (inserted) text.insert(at, inserted);
  });
}
