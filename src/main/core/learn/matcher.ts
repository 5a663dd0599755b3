import type { DB } from '../db/open';
import { sentenceVectors, vectorsByMeaning } from '../embed/meaning-vectors';
import { SAME_TOPIC_Z, sumOf } from './cluster';
import { MeaningSpace, type Signals } from './meaning';
import { referenceSignals } from './reference';
import { backgroundOfParts, dot, Probe } from './similarity';
import { questionSentences } from '../text/clean';
import { learnTopicWeights } from './topic-weights';

/**
 * The one matcher of a question to the knowledge base, for the replay, the backtest, the impact
 * preview and coverage: an article answers a question when the question stands as close to the
 * questions the article was made from (its evidence) as those questions stand to each other, or,
 * for an article without evidence (written or imported by hand), close enough to its text.
 * Which of several neighbouring articles a question belongs to is told by weights learned from
 * their evidence (see topic-weights.ts); how close it stands decides whether it is answered.
 *
 * Topics the grouping found that no entry answers yet (`others`: a card not approved, a topic still
 * collecting evidence) stand beside the entries and never answer: a question that stands clearly
 * closer to one of them than to any entry (NEIGHBOUR_Z) is that topic's, not a neighbouring
 * article's to answer.
 *
 * Confidence is measured in standard deviations above the similarity of random pairs of
 * questions (with reference texts mixed in, see reference.ts), so it means the same whatever the
 * embedder; see `answerCuts` for where each article starts to answer.
 */

export const ANSWER_Z = SAME_TOPIC_Z;
/** How many of an article's nearest evidence questions count beside their centre. */
const NEAREST = 3;
/**
 * The share of an article's own evidence questions that would not be answered by it, were each
 * asked anew: the article answers what stands as close to it as nine in ten of them.
 */
const OWN_MISSED = 0.1;
/** At most this many of an article's evidence questions are asked anew to find its cut. */
const OWN_ASKED = 200;
/**
 * How much closer (standard deviations above random pairs) another topic may stand to a question
 * than the one its learned weights fit best, and that one still be taken: the weights tell near
 * neighbours apart, and take nothing from a topic the question clearly stands closer to.
 */
const NEIGHBOUR_Z = 0.5;
/**
 * How many of the closest entries by centre are ranked again by their nearest evidence: enough
 * that the right one is rarely left out when a topic's phrasings spread its centre thin.
 */
const SHORTLIST = 20;
/**
 * How many questions' probes (whole and by sentence) are kept: a replay asks of one question
 * several times (with and without an article, which entry is best), the impact preview of the same
 * recent questions card after card.
 */
const REMEMBERED = 3000;

export interface KnowledgeEntry {
  id: number;
  /** Tickets the entry was made from: their questions stand for it. */
  evidence: number[];
  /** Title and body, for entries without evidence. */
  text: string;
}

export interface MatchQuestion {
  /** The ticket asking (its stored vector is used), or null for a free-text question. */
  ticketId: number | null;
  text: string;
}

export interface Match<T extends KnowledgeEntry = KnowledgeEntry> {
  entry: T;
  /**
   * Standard deviations above random pairs: of the mean of the question's similarity to the
   * evidence centre and to its nearest evidence questions (or to the text, without evidence).
   */
  confidence: number;
}

interface Indexed<T> {
  /** Null for a topic no entry answers (see `others`). */
  entry: T | null;
  evidenceRows: Float32Array[][];
  centre: Float32Array[];
  size: number;
  text: Float32Array[] | null;
  /** From where the entry answers, by rank or by the centre alone (see `answerCuts`). */
  cut: { rank: number; centre: number };
  /** The direction of the evidence centre, and the widest angle of an evidence row from it. */
  axis: Float32Array | null;
  cone: number;
  /** What tells this entry's questions from its neighbours' (see topic-weights.ts); null without evidence. */
  weights: Float32Array | null;
}

export class KnowledgeMatcher<T extends KnowledgeEntry = KnowledgeEntry> {
  private constructor(
    private readonly space: MeaningSpace,
    private readonly entries: Indexed<T>[],
    private readonly questionBackground: { mean: number; sd: number },
    private readonly textBackground: { mean: number; sd: number },
    private readonly signals: Map<number, Signals>,
    private readonly sentencesOf: (ticketId: number) => Signals[],
  ) {}

  /** The probes of the questions last asked, by ticket, oldest first (see REMEMBERED). */
  private readonly remembered = new Map<number, { whole: Probe; sentences: Probe[] | null }>();

  /**
   * From the workspace: `questions` are the tickets to be matched; their stored vectors are read
   * once. `embedMissing` embeds tickets the index has not reached yet (off on the interface's thread).
   */
  static async build<T extends KnowledgeEntry>(
    db: DB,
    entries: T[],
    questions: MatchQuestion[],
    evidenceTexts: Map<number, string>,
    options: { embedMissing?: boolean; others?: KnowledgeEntry[] } = {},
  ): Promise<KnowledgeMatcher<T>> {
    const asked = new Set(questions.flatMap((q) => (q.ticketId === null ? [] : [q.ticketId])));
    const ids = [...new Set([...asked, ...evidenceTexts.keys()])];
    const stored = await vectorsByMeaning(db, ids, options);
    const reference = await referenceSignals(db, stored?.model ?? null, options);
    const signals = new Map<number, Signals>();
    for (const q of questions)
      if (q.ticketId !== null) signals.set(q.ticketId, { text: q.text, semantic: stored?.question.get(q.ticketId) ?? null });
    for (const [id, text] of evidenceTexts) signals.set(id, { text, semantic: stored?.question.get(id) ?? null });
    const sentencesOf = (id: number): Signals[] => {
      const question = signals.get(id);
      const texts = stored && question?.semantic ? questionSentences(question.text) : [];
      const vectors = texts.length ? sentenceVectors(db, stored!.model, id) : [];
      // the sentences of an earlier wording of the question (not indexed again yet) are not used
      return vectors.length === texts.length ? texts.map((text, i) => ({ text, semantic: vectors[i]! })) : [];
    };
    return KnowledgeMatcher.fromSignals(entries, signals, reference.question, sentencesOf, options.others, asked);
  }

  /**
   * From questions (by ticket id) with their signals; the space is fitted on them and the
   * reference texts. `sentencesOf` gives a question's sentences (their own `sentences` by default);
   * `others` are topics no entry answers, by their tickets; `asked` the tickets to be matched.
   */
  static fromSignals<T extends KnowledgeEntry>(
    entries: T[],
    signals: Map<number, Signals>,
    reference: Signals[],
    sentencesOf: (ticketId: number) => Signals[] = (id) => signals.get(id)?.sentences ?? [],
    others: KnowledgeEntry[] = [],
    asked: ReadonlySet<number> = new Set(),
  ): KnowledgeMatcher<T> {
    // the space is fitted on the questions asked and the entries' evidence: topics no entry answers
    // stand in it as they are, and move nothing else
    const entryTickets = new Set(entries.flatMap((e) => e.evidence));
    const othersOnly = new Set(others.flatMap((o) => o.evidence).filter((id) => !entryTickets.has(id) && !asked.has(id)));
    const sample = [...signals].flatMap(([id, s]) => (othersOnly.has(id) ? [] : [s]));
    const fit = sample.length > 6000 ? sample.filter((_, i) => i % Math.ceil(sample.length / 6000) === 0) : sample;
    const space = MeaningSpace.fit(fit, reference);
    const randomRows = [...reference.map((r) => space.vector(r)), ...fit.slice(0, 1500).map((r) => space.vector(r))];
    const background = backgroundOfParts([{ rows: randomRows, weight: 1 }]);
    const evidenceVectors = new Map<number, Float32Array>();
    const all = [
      ...entries.map((entry) => ({ entry, source: entry as KnowledgeEntry })),
      ...others.map((source) => ({ entry: null, source })),
    ];
    const indexed = all.map(({ entry, source }) => {
      const rows = source.evidence.flatMap((id) => {
        const s = signals.get(id);
        if (!s) return [];
        if (!evidenceVectors.has(id)) evidenceVectors.set(id, space.vector(s));
        return [evidenceVectors.get(id)!];
      });
      const centre = rows.length
        ? sumOf(
            [{ rows, weight: 1 }],
            rows.map((_, i) => i),
          )
        : [];
      return {
        entry,
        evidenceRows: [rows],
        centre,
        size: rows.length,
        text: [space.vector({ text: source.text, semantic: null })],
        cut: answerCuts(rows, centre[0], background),
        ...coneOf(rows, centre[0]),
        weights: null as Float32Array | null,
      };
    });
    // weights tell the entries apart; a topic no entry answers competes by how close it stands alone
    learnTopicWeights(indexed.slice(0, entries.length).map((e) => ({ rows: e.evidenceRows[0]! }))).forEach(
      (w, i) => (indexed[i]!.weights = w),
    );
    // an article's text against questions has a background of its own: random question–article pairs
    const pairs: number[] = [];
    for (const e of indexed.slice(0, Math.min(50, entries.length)))
      for (const q of randomRows.slice(0, 400)) pairs.push(dot(q, e.text[0]!));
    const mean = pairs.reduce((a, b) => a + b, 0) / Math.max(1, pairs.length);
    const sd = Math.sqrt(pairs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, pairs.length)) || 1;
    return new KnowledgeMatcher(space, indexed, background, { mean, sd }, signals, sentencesOf);
  }

  /** The question's fused vector (with a ticket's stored vector by meaning, when it has one). */
  vectorOf(question: MatchQuestion): Float32Array {
    return this.probesOf(question).whole.vector;
  }

  /** The question's probe, and its sentences' once asked for; a ticket's are remembered. */
  private probesOf(question: MatchQuestion | Float32Array): { whole: Probe; sentences: () => Probe[] } {
    if (question instanceof Float32Array) return { whole: new Probe(question), sentences: () => [] };
    const id = question.ticketId;
    if (id === null) return { whole: new Probe(fused(this.space, { text: question.text, semantic: null })), sentences: () => [] };
    const known = this.remembered.get(id) ?? {
      whole: new Probe(fused(this.space, this.signals.get(id) ?? { text: question.text, semantic: null })),
      sentences: null,
    };
    if (!this.remembered.has(id)) {
      if (this.remembered.size >= REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
      this.remembered.set(id, known);
    }
    return {
      whole: known.whole,
      sentences: () => (known.sentences ??= this.sentencesOf(id).map((s) => new Probe(fused(this.space, s)))),
    };
  }

  /**
   * How close a question is to an entry, in standard deviations above random pairs: the centre
   * of its evidence (would the question have joined the topic the entry was made from?), or its
   * text when it has no evidence.
   */
  private confidence(question: Probe, entry: Indexed<T>): number {
    if (entry.size) return this.units(question.dot(entry.centre[0]!) / entry.size);
    return (question.dot(entry.text![0]!) - this.textBackground.mean) / this.textBackground.sd;
  }

  /** A similarity of two questions in standard deviations above random pairs. */
  private units(similarity: number): number {
    return (similarity - this.questionBackground.mean) / this.questionBackground.sd;
  }

  /** The mean of the question's NEAREST closest evidence questions of an entry, in the same units. */
  private nearest(question: Probe, entry: Indexed<T>): number {
    if (!entry.size) return this.confidence(question, entry);
    // the NEAREST highest similarities, kept in descending order as the rows go by
    const top: number[] = [];
    for (const row of entry.evidenceRows[0]!) {
      const s = question.dot(row);
      if (top.length === NEAREST) {
        if (s <= top[NEAREST - 1]!) continue;
        top.pop();
      }
      let at = top.length;
      while (at > 0 && top[at - 1]! < s) at--;
      top.splice(at, 0, s);
    }
    return this.units(top.reduce((a, b) => a + b, 0) / top.length);
  }

  /**
   * The entry that answers a question best among `among` (all by default; topics no entry answers
   * are always among them), if confident enough (see `answerCuts`). Only the best is considered: a
   * runner-up above its cut is more often wrong than right.
   */
  match(question: MatchQuestion | Float32Array, among?: (entry: T) => boolean): Match<T> | null {
    const found = this.resolve(question, among);
    return found?.answered ? { entry: found.entry, confidence: found.confidence } : null;
  }

  /**
   * The entry that answers a question (`match`), or else the closest whatever its confidence; none
   * when a topic no entry answers stands closest.
   */
  best(question: MatchQuestion | Float32Array, among?: (entry: T) => boolean): Match<T> | null {
    const found = this.resolve(question, among);
    return found && { entry: found.entry, confidence: found.confidence };
  }

  /**
   * The closest entry to the whole question and whether it answers it; when it does not and the
   * question has several sentences, the most confident entry that answers one of them. One vector
   * for a whole message blends what is asked with the context around it ("I've been with you for
   * years. My card hasn't arrived. Please hurry."): a sentence on its own can still say it plainly.
   */
  private resolve(
    question: MatchQuestion | Float32Array,
    among?: (entry: T) => boolean,
  ): { entry: T; confidence: number; answered: boolean } | null {
    const probes = this.probesOf(question);
    const whole = this.closest(probes.whole, among);
    if (!whole?.e.entry) return null;
    if (answers(whole)) return { entry: whole.e.entry, confidence: whole.confidence, answered: true };
    let part: { entry: T; confidence: number } | null = null;
    for (const sentence of probes.sentences()) {
      const found = this.closest(sentence, among);
      if (found?.e.entry && answers(found) && (!part || found.confidence > part.confidence))
        part = { entry: found.e.entry, confidence: found.confidence };
    }
    return part ? { ...part, answered: true } : { entry: whole.e.entry, confidence: whole.confidence, answered: false };
  }

  /**
   * The best-ranked entry, the question's confidence in it (its rank) and its closeness to the
   * entry's centre alone: the SHORTLIST entries whose evidence centres are closest are ranked again
   * with their nearest evidence questions too (a topic can hold several phrasings; the nearest one
   * says most). When the closest has evidence, the entry with evidence ranked within NEIGHBOUR_Z
   * of it whose learned weights fit the question best is taken instead.
   */
  private closest(probe: Probe, among?: (entry: T) => boolean): Closest<T> | null {
    const byCentre: { e: Indexed<T>; confidence: number }[] = [];
    for (const e of this.entries) {
      if (among && e.entry && !among(e.entry)) continue;
      byCentre.push({ e, confidence: this.confidence(probe, e) });
    }
    byCentre.sort((a, b) => b.confidence - a.confidence);
    // the shortlist read in order of the best rank each could reach, so the winner comes early and
    // an entry whose evidence cannot come close enough to win is not read row by row (the
    // centre's order breaks a tie of ranks, as if read in that order)
    const norm = Math.sqrt(dot(probe.vector, probe.vector));
    const shortlist = byCentre
      .slice(0, SHORTLIST)
      .map((c, order) => ({ ...c, order, reach: (c.confidence + this.nearestBound(probe, norm, c.e)) / 2 }))
      .sort((a, b) => b.reach - a.reach || a.order - b.order);
    let best: (typeof shortlist)[number] | null = null;
    let bestRank = -Infinity;
    for (const c of shortlist) {
      if (best && (c.reach < bestRank || (c.reach === bestRank && c.order > best.order))) break;
      const rank = (c.confidence + this.nearest(probe, c.e)) / 2;
      if (rank > bestRank || (rank === bestRank && best && c.order < best.order)) [best, bestRank] = [c, rank];
    }
    if (!best || (best.e.entry && !best.e.weights)) return best && { e: best.e, confidence: bestRank, centre: best.confidence };
    // among the topics learned from questions that the question stands about as close to, the one
    // whose weights it fits best: how close it stands to that one still decides whether it is answered.
    // A topic no entry answers keeps the question only when it stands clearly closer than any entry.
    let chosen = { c: best, rank: bestRank, score: best.e.weights ? probe.dot(best.e.weights) : -Infinity };
    for (const c of shortlist) {
      if (c === best || !c.e.weights || c.reach < bestRank - NEIGHBOUR_Z) continue;
      const score = probe.dot(c.e.weights);
      if (score <= chosen.score) continue;
      const rank = (c.confidence + this.nearest(probe, c.e)) / 2;
      if (rank >= bestRank - NEIGHBOUR_Z) chosen = { c, rank, score };
    }
    return { e: chosen.c.e, confidence: chosen.rank, centre: chosen.c.confidence };
  }

  /**
   * At least `nearest`, cheaply: every evidence row lies within the entry's cone (an angle around
   * its centre), so none is closer to the question than the cone's nearest edge.
   */
  private nearestBound(question: Probe, norm: number, entry: Indexed<T>): number {
    if (!entry.size || !entry.axis || !norm) return Infinity;
    const toAxis = Math.acos(Math.min(1, Math.max(-1, question.dot(entry.axis) / norm)));
    // with room for the rounding of angles taken from single-precision dot products
    const closest = Math.max(0, Math.cos(Math.max(0, toAxis - entry.cone))) + 1e-3;
    return this.units(closest);
  }
}

/** The best-ranked entry for a question, its confidence (rank) and its closeness to the entry's centre alone. */
interface Closest<T> {
  e: Indexed<T>;
  confidence: number;
  centre: number;
}

/** Whether the entry answers: see `answerCuts`. */
const answers = <T>(c: Closest<T>) => c.confidence >= c.e.cut.rank || c.centre >= c.e.cut.centre;

/** The unit direction of an evidence centre and the widest angle (radians) of a row from it. */
function coneOf(rows: Float32Array[], centre: Float32Array | undefined): { axis: Float32Array | null; cone: number } {
  const length = centre ? Math.sqrt(dot(centre, centre)) : 0;
  if (!centre || !length) return { axis: null, cone: Math.PI };
  const axis = centre.map((x) => x / length);
  let cone = 0;
  for (const r of rows) {
    const n = Math.sqrt(dot(r, r));
    cone = Math.max(cone, n ? Math.acos(Math.min(1, Math.max(-1, dot(r, axis) / n))) : Math.PI);
  }
  return { axis, cone };
}

/**
 * From where an entry answers. A question is answered when either holds:
 * - it would have joined the entry's topic: as close to the centre of the evidence as SAME_TOPIC_Z,
 *   or as the topic's own questions typically are (the median, each left out of the centre) when
 *   a topic grouped with its answers holds questions worded further apart than that, though never
 *   below half of it;
 * - it stands as close to the evidence (its rank) as nine in ten of the entry's own questions do,
 *   each asked anew (left out of the centre and of the nearest), so a question worded as the
 *   topic's own are is answered however tightly or widely the topic is worded; never below
 *   SAME_TOPIC_Z.
 * Questions barely more alike than random ones (one stock answer given to anything) make no
 * topic to answer from either way.
 */
function answerCuts(
  rows: Float32Array[],
  centre: Float32Array | undefined,
  background: { mean: number; sd: number },
): Indexed<never>['cut'] {
  if (!centre || rows.length < 3) return { rank: ANSWER_Z, centre: ANSWER_Z };
  const units = (similarity: number) => (similarity - background.mean) / background.sd;
  const toCentre = (r: Float32Array) => units((dot(r, centre) - dot(r, r)) / (rows.length - 1));
  const byCentre = rows.map(toCentre).sort((a, b) => a - b);
  const step = Math.ceil(rows.length / OWN_ASKED);
  const byRank: number[] = [];
  for (let i = 0; i < rows.length; i += step) {
    const r = rows[i]!;
    const near = rows
      .filter((_, j) => j !== i)
      .map((o) => dot(r, o))
      .sort((a, b) => b - a)
      .slice(0, NEAREST);
    byRank.push((toCentre(r) + units(near.reduce((a, b) => a + b, 0) / near.length)) / 2);
  }
  byRank.sort((a, b) => a - b);
  return {
    rank: Math.max(ANSWER_Z, byRank[Math.floor((byRank.length - 1) * OWN_MISSED)]!),
    centre: Math.max(ANSWER_Z / 2, Math.min(ANSWER_Z, byCentre[Math.floor((byCentre.length - 1) / 2)]!)),
  };
}

const fused = (space: MeaningSpace, s: Signals): Float32Array => space.vector(s);
