import type { Evidence } from '../draft/evidence';
import { linkEgress } from '../privacy/egress';
import { redactionTotals } from '../draft/evidence';
import {
  extractiveDraft,
  findBoilerplate,
  findConsensus,
  titleOf,
  WAYS_ASKED_HEADING,
  type AnswerMeaning,
  type DraftContent,
} from '../draft/extractive';
import { parseAnswer, stepKey } from '../draft/steps';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';
import { inTransaction } from '../db/transaction';
import { getSetting, setSetting } from '../system/settings';
import { isNewer, mergeSameQuestion, splitByAnswer } from './answer-split';
import { mergeSameAnswer, SharedMeaning } from './shared-meaning';
import { groupItems, SAME_TOPIC_Z } from './cluster';
import { collectingByQuestion } from './collecting-by-question';
import { anchorsOf, figuresOf, promisesOtherwise, shareAnchors } from '../draft/anchors';
import { meaningModel } from '../embed/meaning-vectors';
import { EvidenceSpace, type Centre } from './evidence-space';
import { insertDraft, redactedEvidence } from './store';
import { termStats, type TermStats } from '../draft/title';

/**
 * From evidence to topics to drafts. Every card on the board is an anchor: its tickets stay
 * with it from run to run, so a card keeps its identity while its topic grows. Each run:
 *
 * 1. New tickets (not with any card yet) that resemble a card's tickets closely enough join
 *    it: an open card gets them as evidence, an approved one collects them towards an update.
 * 2. The rest, with the topics still collecting evidence, are grouped afresh (cluster.ts); groups
 *    answered alike, or asking the same question with an older or newer answer, are one topic.
 * 3. A group that matches a card (or is answered as one of its answers is) joins it; one that
 *    asks an approved article's question but answers it differently proposes a change to the
 *    article; any other recurring group (the repeat threshold of distinct tickets and customers)
 *    becomes a new draft, or a conflict card when a sizeable share of the team answers
 *    differently (unless theirs is simply the newer answer, which then wins). A suggestion
 *    nobody has touched is drafted again from all its tickets when more join it (see `untouched`).
 * 4. What is left collecting evidence is taken together by question alone: a question the team
 *    answered each time another way recurs as one topic, a coverage gap (collecting-by-question.ts).
 *
 * Drafting (perhaps a slow LLM) happens outside any transaction; the writes are one transaction.
 */

export type Origin = 'backfill' | 'correction';

export interface DraftingOutcome {
  /** Groups formed this run (one-ticket groups included). */
  topics: number;
  /** Groups below the repeat threshold: they wait for more tickets. */
  collecting: number;
  drafts: number;
  conflicts: number;
  /** Cards already on the board that new tickets joined (or that were written again from them). */
  alreadyOnBoard: number;
  /** Tickets that joined those cards. */
  joinedTickets: number;
  /** Tickets of the run's pool that were with a card before it (a backfill after the loop drafted them). */
  withCards: number;
  /** Update and stale drafts for approved articles. */
  articleChanges: number;
}

/** Writes a draft from redacted evidence; `egress` lists the log rows of the model calls it made. */
export type Drafter = (evidence: Evidence[], extractive: DraftContent) => Promise<DraftContent & { drafter: string; egress?: number[] }>;

export const extractiveDrafter: Drafter = async (_evidence, extractive) => ({ ...extractive, drafter: 'extractive' });

/** At most this many of the newest tickets not yet with a card are grouped in one run. */
export const FRESH_LIMIT = 5000;
/** The model the topics were grouped with: a new index regroups the suggestions nobody touched. */
const GROUPED_WITH = 'learning.groupedWith';

/** A suggestion the lead has done something to (labelled it, say) is theirs now: learning leaves it be. */
const TOUCHED = 'EXISTS (SELECT 1 FROM review_events r WHERE r.draft_id = d.id)';

interface Anchor {
  draftId: number;
  topicId: number;
  origin: Origin;
  status: string;
  kind: string;
  articleId: number | null;
  touched: boolean;
  /** Every ticket with the card: its evidence and the tickets that joined its topic since. */
  members: number[];
  /** The card's own evidence (for an approved card: what the article was made from). */
  evidence: Set<number>;
  /** Those of its evidence that support its answer. */
  supporting: number[];
  /** For a rejected card: the tickets it was rejected with. */
  rejectedWith: Set<number> | null;
}

/** Every card with a topic, merged cards standing for the card they went into; oldest first, so a newer card wins a tie. */
function loadAnchors(db: DB): Anchor[] {
  const rows = db
    .prepare(
      `SELECT d.id AS own_id, coalesce(m.id, d.id) AS id, d.topic_id, t.origin, coalesce(m.status, d.status) AS status, coalesce(m.kind, d.kind) AS kind,
         coalesce(m.article_id, d.article_id) AS article_id, ${TOUCHED} OR d.status != 'suggested' AS touched,
         (SELECT json_group_array(ticket_id) FROM draft_evidence WHERE draft_id = d.id) AS evidence,
         (SELECT json_group_array(ticket_id) FROM draft_evidence WHERE draft_id = d.id AND role = 'supporting') AS supporting,
         (SELECT json_group_array(ticket_id) FROM topic_tickets WHERE topic_id = d.topic_id) AS members,
         d.status = 'rejected' AND d.merged_into IS NULL AS rejected
       FROM drafts d JOIN topics t ON t.id = d.topic_id LEFT JOIN drafts m ON m.id = d.merged_into
       ORDER BY d.id`,
    )
    .all() as {
    id: number;
    topic_id: number;
    origin: Origin;
    status: string;
    kind: string;
    article_id: number | null;
    touched: number;
    evidence: string;
    supporting: string;
    members: string;
    rejected: number;
  }[];
  return rows.map((r) => {
    const evidence = new Set(JSON.parse(r.evidence) as number[]);
    return {
      draftId: r.id,
      topicId: r.topic_id,
      origin: r.origin,
      status: r.status,
      kind: r.kind,
      articleId: r.article_id,
      touched: r.touched === 1,
      members: [...new Set([...evidence, ...(JSON.parse(r.members) as number[])])],
      evidence,
      supporting: JSON.parse(r.supporting) as number[],
      rejectedWith: r.rejected ? evidence : null,
    };
  });
}

/** Whether a card's supporting tickets still come from at least `minSize` tickets and customers. */
function reachesThreshold(evidence: Set<number>, byId: Map<number, Evidence>, minSize: number, db: DB, draftId: number): boolean {
  const supporting = new Set(
    db.prepare(`SELECT ticket_id FROM draft_evidence WHERE draft_id = ? AND role = 'supporting'`).pluck().all(draftId) as number[],
  );
  const members = [...evidence].filter((id) => supporting.has(id)).flatMap((id) => byId.get(id) ?? []);
  return members.length >= minSize && distinctCustomers(members) >= minSize;
}

function distinctCustomers(members: Evidence[]): number {
  return new Set(members.map((e) => e.customerId ?? `ticket:${e.ticketId}`)).size;
}

/** An approved article: its current version, its steps, and the tickets it was made from. */
interface ArticleState {
  id: number;
  version: number;
  steps: Set<string>;
  /** The figures its answer states now (as the lead may have edited it). */
  figures: Set<string>;
  evidence: number[];
}

/** What an article (or a draft) answers: its text without the ways customers ask, which are no steps and promise nothing. */
const WAYS_ASKED_SECTION = new RegExp(`^${WAYS_ASKED_HEADING}$[\\s\\S]*?(?=^## |$(?![\\s\\S]))`, 'm');
const answerPart = (bodyMd: string) => bodyMd.replace(WAYS_ASKED_SECTION, '');
const stepsIn = (bodyMd: string) => new Set(parseAnswer(answerPart(bodyMd)).steps.map(stepKey));
const promisedIn = (bodyMd: string) => figuresOf(answerPart(bodyMd));

function articleState(db: DB, anchor: Anchor): ArticleState | null {
  const row = db
    .prepare(
      `SELECT v.version, v.body_md FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ? AND a.status = 'active'`,
    )
    .get(anchor.articleId) as { version: number; body_md: string } | undefined;
  return row
    ? {
        id: anchor.articleId!,
        version: row.version,
        steps: stepsIn(row.body_md),
        figures: promisedIn(row.body_md),
        evidence: [...anchor.evidence],
      }
    : null;
}

/** What every plan of a run compares against. */
interface RunContext {
  space: EvidenceSpace;
  meaning: AnswerMeaning;
  boilerplate: Set<string>;
  /** Words per topic across the run, for titles. */
  terms: TermStats;
  minSize: number;
}

/** What a run does with one group of tickets. */
interface Plan {
  members: Evidence[];
  /** The card it refreshes in place (an untouched suggestion of this run's way in). */
  refresh: Anchor | null;
  kind: 'new' | 'conflict' | 'update' | 'stale';
  article: ArticleState | null;
  setAside: Set<number>;
  dissent: Evidence[];
  extractive: DraftContent;
  drafted: boolean;
}

/**
 * Answers compared by meaning, in the run's space: the same when as alike as one topic's answers
 * are, or, when both name the same place or label (Order History, Profile > Verify identity) or
 * state the same figure ("5 working days", "five business days"), from half as alike: rewordings
 * of one answer keep what it points to and what it promises, while a different answer points
 * elsewhere or promises otherwise: however alike they read, two answers that state different
 * figures of one kind ("5 working days", "10 working days") are two answers. Two sets of answers
 * are compared the same way, by their average similarity and the places and figures their most
 * typical answers name. The lines in `boilerplate` (written on every topic) promise nothing.
 */
function answerMeaning(space: EvidenceSpace, boilerplate: Set<string>): AnswerMeaning {
  const threshold = space.threshold('answer');
  const floor = space.threshold('answer', SAME_TOPIC_Z / 2);
  const anchors = new Map<number, { places: Set<string>; figures: Set<string> }>();
  const ownLines = (answer: string) => {
    const { steps, sentences } = parseAnswer(answer);
    return [...steps, ...sentences].filter((line) => !boilerplate.has(stepKey(line))).join('\n');
  };
  const anchorsOfTicket = (e: Evidence) =>
    anchors.get(e.ticketId) ??
    anchors.set(e.ticketId, { places: anchorsOf(e.answer), figures: figuresOf(ownLines(e.answer)) }).get(e.ticketId)!;
  const same = (a: Evidence[], b: Evidence[]) => {
    const ids = (answers: Evidence[]) => answers.map((e) => e.ticketId);
    const similarity = space.similarity(space.answer, ids(a), ids(b));
    if (similarity < floor) return false;
    const [x, y] = [anchorsOfTicket(central(a)!), anchorsOfTicket(central(b)!)];
    if (promisesOtherwise(x.figures, y.figures)) return false;
    return similarity >= threshold || shareAnchors(x.places, y.places) || shareAnchors(x.figures, y.figures);
  };
  const central = (answers: Evidence[]) => {
    if (answers.length === 1) return answers[0];
    const closeness = space.closeness(
      space.answer,
      answers.map((e) => e.ticketId),
    );
    return [...answers].sort((a, b) => closeness.get(b.ticketId)! - closeness.get(a.ticketId)!)[0];
  };
  return {
    same: (a, b) => same([a], [b]),
    alike: same,
    central,
    byCentrality: (evidence) => {
      const closeness = space.closeness(
        space.question,
        evidence.map((e) => e.ticketId),
      );
      return [...evidence].sort((a, b) => closeness.get(b.ticketId)! - closeness.get(a.ticketId)!);
    },
  };
}

/** Whether most answers name one place or label in common (`anchorsOf`). */
function sendToOnePlace(answers: string[]): boolean {
  const counts = new Map<string, number>();
  for (const answer of answers) for (const place of anchorsOf(answer)) counts.set(place, (counts.get(place) ?? 0) + 1);
  return [...counts.values()].some((n) => n >= 2 && n * 2 >= answers.length);
}

/** The newest tickets of `ids` (at most `limit`). */
function newest(db: DB, ids: number[], limit: number): number[] {
  return db
    .prepare(`SELECT id FROM tickets WHERE id IN (SELECT value FROM json_each(?)) ORDER BY created_at DESC LIMIT ?`)
    .pluck()
    .all(JSON.stringify(ids), limit) as number[];
}

/**
 * Learns from `pool` (the run's evidence, or just its ticket ids: recent resolved tickets, or
 * the corrections) for the way in `origin`; `minSize` is the repeat threshold. Only the tickets
 * not yet with a card, and the cards' own, are read and compared.
 */
export async function learnTopics(
  db: DB,
  origin: Origin,
  pool: Evidence[] | number[],
  minSize: number,
  drafter: Drafter = extractiveDrafter,
  onDraft?: (done: number, total: number) => void,
): Promise<DraftingOutcome> {
  const anchors = loadAnchors(db);
  // a new index (another embedder) regroups what nobody has touched yet, under the same cards
  const model = (await meaningModel(db)) ?? 'words';
  const regroup = getSetting<string | null>(db, GROUPED_WITH, null) !== model;
  // a suggestion nobody has touched is drafted again from all its tickets when more join it (by
  // the other way's run, once they are at least as many as it holds: drafting is not free, and a
  // few more change little); only the way that made it regroups or drops it (the other way's run
  // does not read all its tickets)
  const untouched = (a: Anchor) => !a.touched && a.status === 'suggested';
  const refreshable = (a: Anchor) => untouched(a) && a.origin === origin;
  const settled = new Set(anchors.filter((a) => !(regroup && refreshable(a))).flatMap((a) => a.members));
  const given = new Map(pool.flatMap((p) => (typeof p === 'number' ? [] : [[p.ticketId, p] as const])));
  const poolIds = pool.map((p) => (typeof p === 'number' ? p : p.ticketId));
  const freshIds = new Set(
    newest(
      db,
      poolIds.filter((id) => !settled.has(id)),
      FRESH_LIMIT,
    ),
  );

  const wanted = [...new Set([...freshIds, ...anchors.flatMap((a) => a.members)])];
  const byId = new Map<number, Evidence>();
  for (const id of wanted) if (given.has(id)) byId.set(id, given.get(id)!);
  for (const e of redactedEvidence(
    db,
    wanted.filter((id) => !byId.has(id)),
  ))
    byId.set(e.ticketId, e);
  const fresh = [...freshIds].flatMap((id) => byId.get(id) ?? []);
  const space = await EvidenceSpace.build(db, [...byId.values()]);
  const join = space.threshold('both');
  const sameQuestion = space.threshold('question');

  // 1. new tickets join the card whose tickets they resemble most
  const live = anchors.filter((a) => a.members.some((id) => space.has(id)));
  const centres = new Map<Anchor, { both: Centre; question: Centre }>(
    live.map((a) => [a, { both: space.centre(space.both, a.members), question: space.centre(space.question, [...a.evidence]) }]),
  );
  /** The card among `candidates` whose tickets ask what `asked` asks, if any. */
  const askedAs = (asked: Centre, candidates: Anchor[]) => {
    let best: Anchor | null = null;
    let bestScore = sameQuestion;
    for (const a of candidates) {
      const s = space.similarity(space.question, asked, centres.get(a)!.question);
      if (s >= bestScore) [best, bestScore] = [a, s];
    }
    return best;
  };
  // a card for a question its tickets never answered alike (one the lead writes the answer to) is
  // that question: a ticket asking it belongs to it, whatever stock line it was given this time,
  // unless another card's tickets ask it more nearly
  const asking = live.filter((a) => !a.rejectedWith && !(regroup && refreshable(a)));
  const byQuestion = new Set(asking.filter((a) => !saidOneThing(space, a.supporting)));
  const askingCard = (asked: Centre) => {
    const best = byQuestion.size ? askedAs(asked, asking) : null;
    return best && byQuestion.has(best) ? best : null;
  };
  const joins = new Map<Anchor, number[]>();
  const addJoin = (a: Anchor, ids: number[]) => joins.set(a, [...(joins.get(a) ?? []), ...ids]);
  const loose: number[] = [];
  for (const e of fresh) {
    let best: Anchor | null = null;
    let bestScore = join;
    const item = space.centre(space.both, [e.ticketId]);
    for (const a of live) {
      if (regroup && refreshable(a)) continue;
      const s = space.similarity(space.both, item, centres.get(a)!.both);
      if (s >= bestScore) [best, bestScore] = [a, s];
    }
    best ??= askingCard(space.centre(space.question, [e.ticketId]));
    if (best) addJoin(best, [e.ticketId]);
    else loose.push(e.ticketId);
  }

  // 2. the rest is grouped afresh; a group whose questions tell its two answers apart is two topics
  // a group held together by its answer alone is no topic: one stock reply given to unrelated
  // questions ("A colleague will reply by email") answers none of them. Its questions must be more
  // alike than random ones, or its answers speak to its questions more than to random ones, or,
  // asked at least as alike as random questions are, most of its answers send the customer to the
  // same place (Settings > Team, "Invite"): the team answers them as one, however each customer
  // put it ("How do I add a user?", "We hired two people, how do they get access?"), where a
  // stock reply points nowhere. Otherwise its tickets stay on their own. One reply word for word
  // is a stock line unless its questions are asked alike: a fixed sentence cannot speak to each
  // question, and how near it reads to them ("I have raised this with the team") is chance.
  const askedAlike = space.threshold('question', SAME_TOPIC_Z / 2);
  const askedAtAll = space.threshold('question', 0);
  const aTopic = (g: number[]) => {
    if (g.length < 2) return true;
    const oneReply = new Set(g.map((id) => (byId.get(id)?.answer ?? '').replace(/\s+/g, ' ').trim().toLowerCase())).size === 1;
    if (!oneReply && space.relevance(g) >= space.relevanceThreshold(SAME_TOPIC_Z / 2)) return true;
    const cohesion = space.cohesion(space.question, g);
    return cohesion >= askedAlike || (cohesion >= askedAtAll && sendToOnePlace(g.map((id) => byId.get(id)?.answer ?? '')));
  };
  const grouped = groupItems(space.subset(space.both, loose), join)
    .map((g) => g.map((i) => loose[i]!))
    .flatMap((g) => (aTopic(g) ? [g] : g.map((id) => [id])));
  const answersOf = (ids: number[]) => ids.flatMap((id) => byId.get(id)?.answer ?? []);
  const boilerplate = findBoilerplate([...grouped.filter((g) => g.length > 1), ...anchors.map((a) => a.members)].map(answersOf));
  const meaning = answerMeaning(space, boilerplate);
  const evidenceOf = (ids: number[]) => [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
  const split = grouped.flatMap((g) =>
    splitByAnswer(evidenceOf(g), space, boilerplate, meaning, minSize).map((part) => part.map((e) => e.ticketId)),
  );
  const groups = mergeSameQuestion(mergeSameAnswer(split, space, minSize), space, minSize, evidenceOf, meaning);
  const shared = new SharedMeaning(space, minSize);
  const ctx: RunContext = {
    space,
    meaning,
    boilerplate,
    terms: termStats(
      [...groups.filter((g) => g.length > 1), ...anchors.map((a) => a.members)].map((g) => g.flatMap((id) => byId.get(id) ?? [])),
    ),
    minSize,
  };

  // 3. each group joins a card, changes an article, or stands on its own
  const plans: Plan[] = [];
  // a card's answers, with those of the tickets that joined it above
  const answeredBy = new Map(live.map((a) => [a, [...a.members, ...(joins.get(a) ?? [])]]));
  for (const group of groups) {
    const whole = space.centre(space.both, group);
    let best: Anchor | null = null;
    let bestScore = join;
    for (const a of live) {
      if (a.rejectedWith && group.filter((id) => !a.rejectedWith!.has(id)).length >= minSize) continue; // asked again: a topic of its own
      const s = space.similarity(space.both, whole, centres.get(a)!.both);
      if (s >= bestScore) [best, bestScore] = [a, s];
    }
    best ??= askingCard(space.centre(space.question, group));
    if (!best) {
      // asked otherwise (another language, say) and answered as a card is: that card's topic
      let bestShared = -Infinity;
      for (const a of live) {
        if (a.rejectedWith) continue;
        const s = shared.score(group, answeredBy.get(a)!);
        if (s > bestShared) [best, bestShared] = [a, s];
      }
    }
    if (!best && group.length >= minSize) {
      // the same question as an approved article: a change to it, never a second article
      best = askedAs(
        space.centre(space.question, group),
        live.filter((a) => a.articleId !== null && a.status !== 'rejected'),
      );
      const article = best && !openChangeFor(db, best.articleId!) ? articleState(db, best) : null;
      const plan = article ? makePlan(evidenceOf(group), null, article, ctx) : null;
      if (plan?.drafted) {
        plans.push(plan);
        continue;
      }
    }
    if (best) addJoin(best, group);
    else plans.push(makePlan(evidenceOf(group), null, null, ctx));
  }

  // cards that gained tickets
  const joinedEvidence: { anchor: Anchor; ids: number[] }[] = [];
  for (const [anchor, ids] of joins) {
    if (refreshable(anchor) || (untouched(anchor) && ids.length >= anchor.members.length)) {
      plans.push(makePlan(evidenceOf(regroup && refreshable(anchor) ? ids : [...anchor.members, ...ids]), anchor, null, ctx));
      continue;
    }
    joinedEvidence.push({ anchor, ids });
    const all = [...new Set([...anchor.members, ...ids])];
    if (anchor.rejectedWith) {
      // asked again by as many new tickets as the threshold: a new card, from all who asked
      const beyond = all.filter((id) => !anchor.rejectedWith!.has(id));
      if (beyond.length >= minSize) plans.push(makePlan(evidenceOf(all), null, null, ctx));
    } else if (anchor.articleId !== null && (anchor.status === 'approved' || anchor.status === 'published')) {
      // tickets that joined since the article was made: what the team adds to it, or now says instead
      const newer = all.filter((id) => !anchor.evidence.has(id));
      const article = newer.length >= minSize && !openChangeFor(db, anchor.articleId) ? articleState(db, anchor) : null;
      const plan = article ? makePlan(evidenceOf(newer), null, article, ctx) : null;
      if (plan?.drafted) plans.push(plan);
    }
  }
  // 4. what is still collecting evidence, by question: asked alike, answered each its own way
  const collecting = plans.filter((p) => !p.drafted && !p.refresh);
  const wasCollecting = new Set(collecting);
  if (collecting.length > 1) {
    const ticketsOf = (p: Plan) => p.members.map((e) => e.ticketId);
    const cards = [
      ...live.filter((a) => a.status !== 'rejected').map((a) => centres.get(a)!.question),
      ...plans.filter((p) => p.drafted).map((p) => space.centre(space.question, ticketsOf(p))),
    ];
    // two questions alike is thin evidence without answers to agree: a topic by question alone
    // recurs as often as the repeat threshold
    const joined = collectingByQuestion(collecting.map(ticketsOf), space, cards).flatMap((g) => {
      const parts = g.map((i) => collecting[i]!);
      return parts.reduce((n, p) => n + p.members.length, 0) >= minSize ? [joinCollecting(parts, ctx)] : parts;
    });
    plans.splice(0, plans.length, ...plans.filter((p) => !wasCollecting.has(p)), ...joined);
  }

  // suggestions nobody touched that no group came back to (under a new index), or that no
  // longer reach the repeat threshold, go; their tickets collect evidence again
  const dropped = anchors.filter(
    (a) =>
      refreshable(a) && !plans.some((p) => p.refresh === a) && (regroup || !reachesThreshold(a.evidence, byId, minSize, db, a.draftId)),
  );

  const texts = new Map<Plan, DraftContent & { drafter: string; egress?: number[] }>();
  const toDraft = plans.filter((p) => p.drafted);
  for (const [i, plan] of toDraft.entries()) {
    const supporting = plan.members.filter((e) => !plan.setAside.has(e.ticketId));
    texts.set(
      plan,
      plan.kind === 'conflict'
        ? {
            ...plan.extractive,
            title: `Conflicting answers: ${plan.extractive.title}`,
            bodyMd: conflictBody(plan.extractive.bodyMd, extractiveDraft(plan.dissent, ctx.boilerplate, ctx.meaning, ctx.terms).bodyMd),
            drafter: 'extractive',
          }
        : await drafter(supporting, plan.extractive),
    );
    onDraft?.(i + 1, toDraft.length);
  }

  const givenUp = await namedAfterWhatTheyKeep(db, collectingGivenUp(db, origin, [...freshIds]), ctx.terms);

  return inTransaction(db, () => {
    const now = nowIso();
    // topics still collecting evidence were grouped again above
    db.prepare(`DELETE FROM topics AS t WHERE t.origin = ? AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.topic_id = t.id)`).run(origin);
    for (const a of dropped) {
      db.prepare('DELETE FROM drafts WHERE id = ?').run(a.draftId);
      db.prepare('DELETE FROM topics WHERE id = ?').run(a.topicId);
    }
    const insertTopic = db.prepare(
      `INSERT INTO topics (origin, label, representative, size, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const member = db.prepare('INSERT OR REPLACE INTO topic_tickets (topic_id, ticket_id, similarity, role) VALUES (?, ?, ?, ?)');
    const evidenceRow = db.prepare(`INSERT OR IGNORE INTO draft_evidence (draft_id, ticket_id, role) VALUES (?, ?, 'supporting')`);
    const outcome: DraftingOutcome = {
      topics: groups.length,
      collecting: 0,
      drafts: 0,
      conflicts: 0,
      alreadyOnBoard: 0,
      joinedTickets: 0,
      withCards: poolIds.filter((id) => settled.has(id)).length,
      articleChanges: 0,
    };

    for (const { anchor, ids } of joinedEvidence) {
      for (const id of ids) member.run(anchor.topicId, id, space.similarity(space.both, [id], centres.get(anchor)!.both), 'member');
      if (anchor.status === 'suggested' || anchor.status === 'in_review') for (const id of ids) evidenceRow.run(anchor.draftId, id);
      db.prepare('UPDATE topics SET size = (SELECT count(*) FROM topic_tickets WHERE topic_id = ?), updated_at = ? WHERE id = ?').run(
        anchor.topicId,
        now,
        anchor.topicId,
      );
      outcome.alreadyOnBoard++;
      outcome.joinedTickets += ids.length;
    }

    for (const plan of plans) {
      const text = texts.get(plan);
      const ids = plan.members.map((e) => e.ticketId);
      const closeness = space.closeness(space.both, ids);
      const representative = representativeOf(space, plan.members);
      let topicId: number;
      if (plan.refresh) {
        topicId = plan.refresh.topicId;
        db.prepare('DELETE FROM topic_tickets WHERE topic_id = ?').run(topicId);
        db.prepare('UPDATE topics SET label = ?, representative = ?, size = ?, updated_at = ? WHERE id = ?').run(
          plan.extractive.title,
          representative,
          ids.length,
          now,
          topicId,
        );
      } else {
        topicId = Number(insertTopic.run(origin, plan.extractive.title, representative, ids.length, now, now).lastInsertRowid);
      }
      for (const e of plan.members)
        member.run(topicId, e.ticketId, closeness.get(e.ticketId) ?? null, plan.setAside.has(e.ticketId) ? 'outlier' : 'member');
      const evidence = plan.members.map((e) => ({
        ticketId: e.ticketId,
        role: (plan.kind === 'conflict'
          ? plan.dissent.includes(e)
            ? 'conflicting'
            : 'supporting'
          : plan.setAside.has(e.ticketId)
            ? 'outlier'
            : 'supporting') as 'supporting' | 'outlier' | 'conflicting',
      }));
      if (plan.refresh) {
        if (text) {
          db.prepare(
            `UPDATE drafts SET kind = ?, title = ?, body_md = ?, drafter = ?, redaction_notes = ?, updated_at = ? WHERE id = ?`,
          ).run(
            plan.kind,
            text.title,
            text.bodyMd,
            text.drafter,
            JSON.stringify(Object.entries(redactionTotals(plan.members)).map(([kind, count]) => ({ kind, count }))),
            now,
            plan.refresh.draftId,
          );
          db.prepare('DELETE FROM draft_evidence WHERE draft_id = ?').run(plan.refresh.draftId);
          const insert = db.prepare('INSERT INTO draft_evidence (draft_id, ticket_id, role) VALUES (?, ?, ?)');
          for (const e of evidence) insert.run(plan.refresh.draftId, e.ticketId, e.role);
          linkEgress(db, text.egress, plan.refresh.draftId);
          outcome.alreadyOnBoard++;
          const before = new Set(plan.refresh.members);
          outcome.joinedTickets += ids.filter((id) => !before.has(id)).length;
        } else {
          // it no longer holds enough agreeing tickets: the suggestion goes, its tickets keep collecting
          db.prepare('DELETE FROM drafts WHERE id = ?').run(plan.refresh.draftId);
        }
        continue;
      }
      if (!text) {
        outcome.collecting++;
        continue;
      }
      const draftId = insertDraft(
        db,
        {
          topicId,
          kind: plan.kind,
          articleId: plan.article?.id ?? null,
          baseVersion: plan.article?.version ?? null,
          title: text.title,
          bodyMd: text.bodyMd,
          drafter: text.drafter,
          redactions: redactionTotals(plan.members),
          evidence,
        },
        now,
      );
      linkEgress(db, text.egress, draftId);
      if (plan.kind === 'conflict') outcome.conflicts++;
      else if (plan.article) outcome.articleChanges++;
      else outcome.drafts++;
    }
    giveUpCollecting(db, [...freshIds], givenUp, now);
    setSetting(db, GROUPED_WITH, model);
    return outcome;
  });
}

/**
 * A ticket collects evidence in one topic at a time: the tickets this run placed leave the topics
 * the other way's last run left collecting (the loop and the backfill read many of the same
 * tickets), so the board and the coverage gaps count each question once. Their other tickets
 * stay. By topic that loses tickets: the tickets it keeps.
 */
function collectingGivenUp(db: DB, origin: Origin, placed: number[]): Map<number, number[]> {
  const rows = db
    .prepare(
      `SELECT tt.topic_id AS topicId, tt.ticket_id AS ticketId FROM topic_tickets tt JOIN topics t ON t.id = tt.topic_id
       WHERE t.origin != ? AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.topic_id = t.id)
         AND tt.topic_id IN (SELECT topic_id FROM topic_tickets WHERE ticket_id IN (SELECT value FROM json_each(?)))`,
    )
    .all(origin, JSON.stringify(placed)) as { topicId: number; ticketId: number }[];
  const leaving = new Set(placed);
  const kept = new Map<number, number[]>();
  for (const r of rows) {
    const list = kept.get(r.topicId) ?? kept.set(r.topicId, []).get(r.topicId)!;
    if (!leaving.has(r.ticketId)) list.push(r.ticketId);
  }
  return kept;
}

interface GivenUp {
  kept: number[];
  /** The topic's name and most central question, from the tickets it keeps (none when it keeps none). */
  name: { label: string; representative: string } | null;
}

/** A topic is named after its own questions: one that gave up the tickets it was named after is named again. */
async function namedAfterWhatTheyKeep(db: DB, kept: Map<number, number[]>, terms: TermStats): Promise<Map<number, GivenUp>> {
  const ids = [...new Set([...kept.values()].flat())];
  if (!ids.length) return new Map([...kept].map(([topic, members]) => [topic, { kept: members, name: null }]));
  const byId = new Map(redactedEvidence(db, ids).map((e) => [e.ticketId, e]));
  const space = await EvidenceSpace.build(db, [...byId.values()]);
  const meaning = answerMeaning(space, new Set());
  return new Map(
    [...kept].map(([topic, members]) => {
      const evidence = members.flatMap((id) => byId.get(id) ?? []);
      const name = evidence.length
        ? { label: titleOf(meaning.byCentrality(evidence), terms, 'question'), representative: representativeOf(space, evidence) }
        : null;
      return [topic, { kept: members, name }];
    }),
  );
}

function giveUpCollecting(db: DB, placed: number[], givenUp: Map<number, GivenUp>, now: string): void {
  db.prepare(
    `DELETE FROM topic_tickets WHERE topic_id IN (SELECT value FROM json_each(?)) AND ticket_id IN (SELECT value FROM json_each(?))`,
  ).run(JSON.stringify([...givenUp.keys()]), JSON.stringify(placed));
  const rename = db.prepare(`UPDATE topics SET label = ?, representative = ? WHERE id = ?`);
  const resize = db.prepare(`UPDATE topics SET size = ?, updated_at = ? WHERE id = ?`);
  const drop = db.prepare(`DELETE FROM topics WHERE id = ?`);
  for (const [topic, { kept, name }] of givenUp) {
    if (!kept.length) drop.run(topic);
    else {
      resize.run(kept.length, now, topic);
      if (name) rename.run(name.label, name.representative, topic);
    }
  }
}

/** An update or stale draft already open for an article: new evidence waits for it. */
function openChangeFor(db: DB, articleId: number): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM drafts WHERE article_id = ? AND kind IN ('update', 'stale') AND status IN ('suggested', 'in_review')`)
      .get(articleId) !== undefined
  );
}

/** The question closest to all the others of a group. */
function representativeOf(space: EvidenceSpace, members: Evidence[]): string {
  const closeness = space.closeness(
    space.question,
    members.map((e) => e.ticketId),
  );
  return [...members].sort((a, b) => closeness.get(b.ticketId)! - closeness.get(a.ticketId)!)[0]!.question;
}

/** A topic still collecting evidence: a name, nothing to draft yet. */
function collectingPlan(all: Evidence[], refresh: Anchor | null, setAside: Set<number>, { meaning, terms }: RunContext): Plan {
  const extractive = { title: titleOf(meaning.byCentrality(all), terms, 'question'), bodyMd: '', outliers: [] };
  return { members: all, refresh, kind: 'new', article: null, setAside, dissent: [], extractive, drafted: false };
}

/** Topics collecting evidence that ask one question, as one: the tickets of the largest agree, the others are set aside. */
function joinCollecting(parts: Plan[], ctx: RunContext): Plan {
  if (parts.length === 1) return parts[0]!;
  const largest = parts.reduce((a, b) => (b.members.length - b.setAside.size > a.members.length - a.setAside.size ? b : a));
  const members = parts.flatMap((p) => p.members);
  const agreeing = new Set(largest.members.filter((e) => !largest.setAside.has(e.ticketId)).map((e) => e.ticketId));
  return collectingPlan(members, null, new Set(members.map((e) => e.ticketId).filter((id) => !agreeing.has(id))), ctx);
}

function makePlan(all: Evidence[], refresh: Anchor | null, article: ArticleState | null, ctx: RunContext): Plan {
  const { boilerplate, meaning, minSize, space, terms } = ctx;
  if (all.length < minSize) return collectingPlan(all, refresh, new Set(), ctx);
  let members = all;
  // a second answer many give: a conflict to decide, or simply the newer answer
  const alternative = new Set(findConsensus(members, boilerplate, meaning).alternative ?? []);
  const dissent = members.filter((e) => alternative.has(e.ticketId));
  let kind: Plan['kind'] = 'new';
  let superseded: Evidence[] = [];
  if (dissent.length >= minSize) {
    const rest = members.filter((e) => !alternative.has(e.ticketId));
    if (isNewer(dissent, rest)) {
      superseded = rest;
      members = dissent;
    } else if (!isNewer(rest, dissent)) kind = 'conflict';
  }
  const extractive = extractiveDraft(members, boilerplate, meaning, terms);
  const setAside = new Set([...extractive.outliers, ...superseded.map((e) => e.ticketId)]);
  const supporting = members.filter((e) => !setAside.has(e.ticketId));
  const enough = supporting.length >= minSize && distinctCustomers(supporting) >= minSize;
  let changesArticle = false;
  if (article && kind !== 'conflict' && enough) {
    const steps = stepsIn(extractive.bodyMd);
    if (steps.size && article.steps.size) {
      // the team now answers with other steps (stale), or adds steps the article lacks (update)
      const shared = [...steps].filter((k) => article.steps.has(k)).length;
      if (shared / (steps.size + article.steps.size - shared) < 0.5) [kind, changesArticle] = ['stale', true];
      else if ([...steps].some((k) => !article.steps.has(k))) [kind, changesArticle] = ['update', true];
    } else if (
      promisesOtherwise(promisedIn(extractive.bodyMd), article.figures) ||
      (saidOneThing(space, article.evidence) &&
        space.similarity(
          space.answer,
          supporting.map((e) => e.ticketId),
          article.evidence,
        ) < space.threshold('answer'))
    ) {
      // a prose answer that promises otherwise than the article, or no longer says what its tickets said
      [kind, changesArticle] = ['stale', true];
    }
  }
  return {
    members: all,
    refresh,
    kind,
    article: changesArticle ? article : null,
    setAside,
    dissent,
    extractive,
    drafted: article ? changesArticle : kind === 'conflict' || enough,
  };
}

/**
 * Whether an article's tickets were answered alike, so that what they said is what the article
 * says. An article the lead wrote for a question the team answered a different way each time (a
 * stock line, a handover) says something none of its tickets did: answers unlike those tickets'
 * are no sign that it is out of date, the lead's own answer least of all.
 */
function saidOneThing(space: EvidenceSpace, evidence: number[]): boolean {
  const answered = evidence.filter((id) => space.has(id));
  return answered.length < 2 || space.cohesion(space.answer, answered) >= space.threshold('answer', SAME_TOPIC_Z / 2);
}

function conflictBody(a: string, b: string): string {
  return [
    'Your team answers this question in two different ways. Decide which is right before it becomes an article.',
    '',
    '## One answer',
    '',
    a.replace(/^# .*\n+/, ''),
    '## The other answer',
    '',
    b.replace(/^# .*\n+/, ''),
  ].join('\n');
}
