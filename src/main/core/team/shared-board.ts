import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { DraftKind } from '../../../shared/domain/draft';

/**
 * The review layer a team shares, as one Yjs document: each card with its text (a Y.Text, so
 * edits made at once merge), its redacted evidence snippets, and the decisions members took on
 * it. Decisions are only ever appended; what a card became is computed from them the same way
 * on every machine (`outcomeOf`), so two leads who decided at once see one outcome, and the
 * audit keeps both.
 */

export type DecisionAction = 'approve' | 'reject' | 'reopen' | 'undo';

export interface Decision {
  id: string;
  member: string;
  /** The member's name at the time, for the audit and the card ("approved by Ana"). */
  name: string;
  action: DecisionAction;
  at: string;
  /** The decisions this member had seen when deciding: what it answers. */
  seen: string[];
  /** Approve: the text that was approved. */
  text?: string;
  reason?: string;
  /** Undo: the member's own decision it takes back. */
  undoes?: string;
}

/** A redacted snippet of one ticket behind a card: enough for a member without the helpdesk to see why it exists. */
export interface SharedEvidence {
  externalId: string;
  link: string | null;
  question: string;
  answer: string | null;
}

/** A member as the shared board names them. */
export interface MemberRef {
  member: string;
  name: string;
}

export interface SharedCard {
  key: string;
  kind: DraftKind;
  title: string;
  labels: string[];
  evidence: SharedEvidence[];
  body: string;
  /** For an update or stale card: the shared article it changes (see shared-articles.ts). */
  article: string | null;
  /** What wrote the learner's draft ("extractive", an LLM), so every board says the same; null on cards shared before it was kept. */
  drafter: string | null;
  /** Who took the card on (the last assignment wins). */
  assignee: MemberRef | null;
  /** Who last changed its text, and when. */
  edited: (MemberRef & { at: string }) | null;
  /** Who moved the approved card to Published (its article is in the help center), and when. */
  published: (MemberRef & { at: string }) | null;
  decisions: Decision[];
}

export interface Outcome {
  status: 'open' | 'approved' | 'rejected';
  /** The decision that stands (null while open). */
  decision: Decision | null;
  /** Every approved text, oldest first; the last is the article's current version. None is ever dropped. */
  versions: { text: string; by: string; at: string; decision: string }[];
  /** Decisions taken at the same time as the one that stands, which gave way to it (an approval among them is still a version): their leads are told on the card. */
  overruled: { decision: Decision; by: Decision }[];
}

const cards = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards');

/** Adds a card, or refreshes what the learner owns (title, kind, labels, evidence); members' text and decisions stay. */
export function putCard(
  doc: Y.Doc,
  card: Omit<SharedCard, 'decisions' | 'assignee' | 'edited' | 'published' | 'article' | 'drafter'> & {
    article?: string | null;
    drafter?: string | null;
  },
): void {
  doc.transact(() => {
    let map = cards(doc).get(card.key);
    if (!map) {
      map = new Y.Map<unknown>();
      cards(doc).set(card.key, map);
      map.set('body', new Y.Text(card.body));
      map.set('decisions', new Y.Array<Decision>());
    }
    map.set('kind', card.kind);
    map.set('title', card.title);
    map.set('labels', card.labels);
    map.set('evidence', card.evidence);
    map.set('article', card.article ?? null);
    map.set('drafter', card.drafter ?? null);
  });
}

function cardMap(doc: Y.Doc, key: string): Y.Map<unknown> {
  const map = cards(doc).get(key);
  if (!map) throw new Error(`No shared card ${key}`);
  return map;
}

export function bodyOf(doc: Y.Doc, key: string): Y.Text {
  return cardMap(doc, key).get('body') as Y.Text;
}

export function readCard(doc: Y.Doc, key: string): SharedCard {
  const map = cardMap(doc, key);
  return {
    key,
    kind: map.get('kind') as DraftKind,
    title: map.get('title') as string,
    labels: (map.get('labels') as string[]) ?? [],
    evidence: (map.get('evidence') as SharedEvidence[]) ?? [],
    body: (map.get('body') as Y.Text).toString(),
    article: (map.get('article') as string | undefined) ?? null,
    drafter: (map.get('drafter') as string | undefined) ?? null,
    assignee: (map.get('assignee') as MemberRef | undefined) ?? null,
    edited: (map.get('edited') as SharedCard['edited'] | undefined) ?? null,
    published: (map.get('published') as SharedCard['published'] | undefined) ?? null,
    decisions: (map.get('decisions') as Y.Array<Decision>).toArray(),
  };
}

export function cardKeys(doc: Y.Doc): string[] {
  return [...cards(doc).keys()].sort();
}

/** Gives the card to a member, or to nobody. */
export function assign(doc: Y.Doc, key: string, member: MemberRef | null): void {
  cardMap(doc, key).set('assignee', member && { member: member.member, name: member.name });
}

/** Records that a member published the card's article. */
export function markPublished(doc: Y.Doc, key: string, who: MemberRef, at = new Date().toISOString()): void {
  cardMap(doc, key).set('published', { member: who.member, name: who.name, at });
}

/** Records who changed the card's text last. */
export function markEdited(doc: Y.Doc, key: string, who: MemberRef, at = new Date().toISOString()): void {
  cardMap(doc, key).set('edited', { member: who.member, name: who.name, at });
}

/** Records a member's decision on a card, answering every decision the member's copy holds. */
export function decide(
  doc: Y.Doc,
  key: string,
  who: { member: string; name: string },
  action: Exclude<DecisionAction, 'undo'>,
  extra: { reason?: string; at?: string; text?: string } = {},
): Decision {
  const map = cardMap(doc, key);
  const list = map.get('decisions') as Y.Array<Decision>;
  const decision: Decision = {
    id: randomUUID(),
    ...who,
    action,
    at: extra.at ?? new Date().toISOString(),
    seen: list.toArray().map((d) => d.id),
    ...(action === 'approve' ? { text: extra.text ?? (map.get('body') as Y.Text).toString() } : {}),
    ...(extra.reason ? { reason: extra.reason } : {}),
  };
  list.push([decision]);
  return decision;
}

/** Takes back the member's own decision that stands (or shares the standing); null when there is none. */
export function undoOwn(doc: Y.Doc, key: string, member: string, at = new Date().toISOString()): Decision | null {
  const list = cardMap(doc, key).get('decisions') as Y.Array<Decision>;
  const all = list.toArray();
  const own = frontierOf(all)
    .filter((d) => d.member === member)
    .pop();
  if (!own) return null;
  const decision: Decision = { id: randomUUID(), member, name: own.name, action: 'undo', at, seen: all.map((d) => d.id), undoes: own.id };
  list.push([decision]);
  return decision;
}

const earlier = (a: Decision, b: Decision) => a.at.localeCompare(b.at) || a.member.localeCompare(b.member) || a.id.localeCompare(b.id);

/**
 * What a card became, from its decisions alone, the same on every machine:
 * - a decision taken after seeing another replaces it (a reopen after a reject);
 * - decisions nobody had seen when the others were taken are concurrent: an approval stands over
 *   a reject or a reopen (no approved text is lost), and of several approvals each text becomes
 *   a version, the last in time the current one;
 * - an undo takes back its member's own decision, as if it had not been taken.
 */
export function outcomeOf(decisions: Decision[]): Outcome {
  const versions = liveOf(decisions)
    .filter((d) => d.action === 'approve')
    .sort(earlier)
    .map((d) => ({ text: d.text ?? '', by: d.name, at: d.at, decision: d.id }));
  const frontier = frontierOf(decisions);
  if (!frontier.length) return { status: 'open', decision: null, versions, overruled: [] };
  const approvals = frontier.filter((d) => d.action === 'approve');
  const standing = approvals.length ? approvals[approvals.length - 1]! : frontier[frontier.length - 1]!;
  const overruled = frontier.filter((d) => d !== standing).map((decision) => ({ decision, by: standing }));
  const status = standing.action === 'approve' ? 'approved' : standing.action === 'reject' ? 'rejected' : 'open';
  return { status, decision: standing.action === 'reopen' ? null : standing, versions, overruled };
}

/** Decisions not taken back by their own member's undo. */
function liveOf(decisions: Decision[]): Decision[] {
  const undone = new Set(
    decisions.filter((d) => d.action === 'undo' && decisions.some((x) => x.id === d.undoes && x.member === d.member)).map((d) => d.undoes),
  );
  return decisions.filter((d) => d.action !== 'undo' && !undone.has(d.id));
}

/** Live decisions no other live decision has seen, oldest first: what the card's state rests on. */
function frontierOf(decisions: Decision[]): Decision[] {
  const live = liveOf(decisions);
  const known = new Set(live.flatMap((d) => d.seen));
  return live.filter((d) => !known.has(d.id)).sort(earlier);
}
