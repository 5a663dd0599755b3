import type { DB } from '../db/open';
import type { Evidence } from '../draft/evidence';
import { vectorsByMeaning } from '../embed/meaning-vectors';
import { questionText } from '../text/clean';
import { averageSimilarity, joinThreshold, SAME_TOPIC_Z, sumOf } from './cluster';
import { MeaningSpace, type Signals } from './meaning';
import { backgroundOfParts, dot, type VectorPart } from './similarity';
import { referenceSignals } from './reference';

/** A group of tickets as sums of their vectors, per part. */
export interface Centre {
  parts: VectorPart[];
  sums: Float32Array[];
  size: number;
}

/** How much the question counts against the answer when grouping corrections. */
const QUESTION_SHARE = 0.5;

const bothOf = (question: VectorPart[], answer: VectorPart[]): VectorPart[] => [
  ...question.map((p) => ({ ...p, weight: p.weight * QUESTION_SHARE })),
  ...answer.map((p) => ({ ...p, weight: p.weight * (1 - QUESTION_SHARE) })),
];

const union = (a: VectorPart[], b: VectorPart[]): VectorPart[] => a.map((p, k) => ({ weight: p.weight, rows: [...p.rows, ...b[k]!.rows] }));

/**
 * Tickets' evidence in the learning engine's meaning space: what each asks and what the human
 * answered, from the workspace's stored vectors fused with words. Every learning decision
 * (grouping, joining a topic, the same question as an article, the same answer) compares
 * tickets here, against thresholds drawn from the similarity of random pairs of these tickets.
 */
export class EvidenceSpace {
  private readonly rowOf: Map<number, number>;
  private thresholds = new Map<string, number>();
  /** Question and answer together, as grouping compares corrections. */
  readonly both: VectorPart[];

  /** The same parts over the tickets and the reference texts: what "random pairs" are drawn from. */
  private readonly background: Record<'question' | 'answer' | 'both', VectorPart[]>;
  private asked: { tickets: VectorPart[]; background: VectorPart[] } | null = null;

  private constructor(
    readonly ticketIds: number[],
    readonly question: VectorPart[],
    readonly answer: VectorPart[],
    reference: { question: VectorPart[]; answer: VectorPart[] },
    /** The answers (the tickets', the reference's) in the questions' space, made when first asked for. */
    private readonly makeAnswersAsAsked: () => { tickets: VectorPart[]; reference: VectorPart[] },
  ) {
    this.rowOf = new Map(ticketIds.map((id, i) => [id, i]));
    this.both = bothOf(question, answer);
    const q = union(question, reference.question);
    const a = union(answer, reference.answer);
    this.background = { question: q, answer: a, both: bothOf(q, a) };
  }

  static async build(db: DB, evidence: Evidence[]): Promise<EvidenceSpace> {
    const ids = evidence.map((e) => e.ticketId);
    const vectors = await vectorsByMeaning(db, ids);
    const reference = await referenceSignals(db, vectors?.model ?? null);
    const questions: Signals[] = evidence.map((e) => ({
      text: questionText(e.subject, e.question),
      semantic: vectors?.question.get(e.ticketId) ?? null,
    }));
    const answers: Signals[] = evidence.map((e) => ({ text: e.answer, semantic: vectors?.reply.get(e.ticketId) ?? null }));
    const q = MeaningSpace.fit(questions, reference.question);
    const a = MeaningSpace.fit(answers, reference.reply);
    return new EvidenceSpace(
      ids,
      q.parts(questions),
      a.parts(answers),
      { question: q.parts(reference.question), answer: a.parts(reference.reply) },
      () => ({ tickets: q.parts(answers), reference: q.parts(reference.reply) }),
    );
  }

  has(ticketId: number): boolean {
    return this.rowOf.has(ticketId);
  }

  /** The parts restricted to some tickets, in their order. */
  subset(parts: VectorPart[], ticketIds: number[]): VectorPart[] {
    const rows = ticketIds.map((id) => this.rowOf.get(id)!);
    return parts.map((p) => ({ weight: p.weight, rows: rows.map((r) => p.rows[r]!) }));
  }

  /** The sums of some tickets' vectors: a group compared with others in one step. */
  centre(parts: VectorPart[], ticketIds: number[]): Centre {
    const rows = ticketIds.filter((id) => this.rowOf.has(id)).map((id) => this.rowOf.get(id)!);
    return { parts, sums: rows.length ? sumOf(parts, rows) : [], size: rows.length };
  }

  /** Average similarity between two sets of tickets (or their centres); -Infinity when one is empty. */
  similarity(parts: VectorPart[], a: number[] | Centre, b: number[] | Centre): number {
    const ca = Array.isArray(a) ? this.centre(parts, a) : a;
    const cb = Array.isArray(b) ? this.centre(parts, b) : b;
    if (!ca.size || !cb.size) return -Infinity;
    return averageSimilarity(parts, ca.sums, ca.size, cb.sums, cb.size);
  }

  /** Average similarity of the distinct pairs of a group's tickets (each with itself left out); -Infinity under two. */
  cohesion(parts: VectorPart[], ticketIds: number[]): number {
    const whole = this.centre(parts, ticketIds);
    if (whole.size < 2) return -Infinity;
    let self = 0;
    for (const id of ticketIds) {
      const row = this.rowOf.get(id);
      if (row !== undefined) parts.forEach((p) => (self += p.weight * dot(p.rows[row]!, p.rows[row]!)));
    }
    const all = averageSimilarity(parts, whole.sums, 1, whole.sums, 1);
    return (all - self) / (whole.size * (whole.size - 1));
  }

  /** How much a group's answers speak to its questions: the average similarity of each question to each answer. */
  relevance(ticketIds: number[]): number {
    const asked = this.centre(this.question, ticketIds);
    const answered = this.centre(this.answerAsAsked().tickets, ticketIds);
    if (!asked.size) return -Infinity;
    return averageSimilarity(this.question, asked.sums, asked.size, answered.sums, answered.size);
  }

  /** `relevance` `z` standard deviations above a random question and a random answer. */
  relevanceThreshold(z: number): number {
    const key = `relevance ${z}`;
    let t = this.thresholds.get(key);
    if (t === undefined) {
      const bg = backgroundOfParts(this.background.question, undefined, this.answerAsAsked().background);
      t = bg.mean + z * bg.sd;
      this.thresholds.set(key, t);
    }
    return t;
  }

  /** The answers in the questions' space (tickets, then tickets and reference texts): an answer beside what was asked. */
  private answerAsAsked(): { tickets: VectorPart[]; background: VectorPart[] } {
    if (!this.asked) {
      const { tickets, reference } = this.makeAnswersAsAsked();
      this.asked = { tickets, background: union(tickets, reference) };
    }
    return this.asked;
  }

  /** How close each ticket of a group is to the group as a whole (itself included). */
  closeness(parts: VectorPart[], ticketIds: number[]): Map<number, number> {
    const whole = this.centre(parts, ticketIds);
    return new Map(ticketIds.map((id) => [id, this.similarity(parts, [id], whole)]));
  }

  /**
   * How alike two sets must be on average to be the same (topic, question or answer), for these
   * parts: `z` (SAME_TOPIC_Z) standard deviations above random pairs.
   */
  threshold(name: 'both' | 'question' | 'answer', z = SAME_TOPIC_Z): number {
    const key = `${name} ${z}`;
    let t = this.thresholds.get(key);
    if (t === undefined) {
      t = joinThreshold(this.background[name], z);
      this.thresholds.set(key, t);
    }
    return t;
  }
}
