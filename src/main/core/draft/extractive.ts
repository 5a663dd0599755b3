import { cosine } from '../embed/embedder';
import { LexicalEmbedder } from '../embed/lexical';
import type { Evidence } from './evidence';
import { parseAnswer, stepKey } from './steps';

export interface DraftContent {
  title: string;
  bodyMd: string;
  /** Tickets whose answers were set aside as disagreeing with the rest. */
  outliers: number[];
}

/** A share of answers a step or sentence must appear in to count as what the team says. */
const CONSENSUS = 0.4;
const NOTE_CONSENSUS = 0.3;

export interface Consensus {
  /** Steps most answers give, in their usual order. */
  steps: string[];
  /** Sentences outside the steps that many answers give (notes, exceptions). */
  notes: string[];
  /** Tickets whose answer lacks a consensus step and adds one nobody else gives. */
  outliers: number[];
}

/**
 * What the human answers agree on. `boilerplate` holds sentences the team writes on every
 * topic ("Let me know if that helps!"): they are never knowledge.
 */
export function findConsensus(evidence: Evidence[], boilerplate: Set<string>): Consensus {
  const parsed = evidence.map((e) => ({ id: e.ticketId, ...parseAnswer(e.answer) }));
  const stepStats = new Map<string, { text: string; count: number; positions: number[] }>();
  const noteStats = new Map<string, { text: string; count: number }>();
  for (const p of parsed) {
    const seen = new Set<string>();
    p.steps.forEach((step, i) => {
      const key = stepKey(step);
      if (seen.has(key)) return;
      seen.add(key);
      const stat = stepStats.get(key) ?? { text: step, count: 0, positions: [] };
      stat.count++;
      stat.positions.push(i / Math.max(1, p.steps.length - 1));
      stepStats.set(key, stat);
    });
    for (const sentence of new Set(p.sentences.map(stepKey))) {
      if (boilerplate.has(sentence)) continue;
      const original = p.sentences.find((s) => stepKey(s) === sentence)!;
      const stat = noteStats.get(sentence) ?? { text: original, count: 0 };
      stat.count++;
      noteStats.set(sentence, stat);
    }
  }
  const n = parsed.length;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const consensus = [...stepStats.entries()].filter(([, s]) => s.count / n >= CONSENSUS);
  const steps = consensus.sort((a, b) => median(a[1].positions) - median(b[1].positions)).map(([, s]) => s.text);
  const consensusKeys = new Set(consensus.map(([k]) => k));
  const outliers = parsed
    .filter((p) => {
      const keys = p.steps.map(stepKey);
      const missing = [...consensusKeys].some((k) => !keys.includes(k));
      const rare = (k: string) => {
        const count = stepStats.get(k)?.count ?? 0;
        return count === 1 || count / n < CONSENSUS / 2;
      };
      const foreign = keys.some((k) => !consensusKeys.has(k) && rare(k));
      return keys.length > 0 && missing && foreign;
    })
    .map((p) => p.id);
  const notes = [...noteStats.values()].filter((s) => s.count / n >= NOTE_CONSENSUS && s.count >= 2).map((s) => s.text);
  return { steps, notes, outliers };
}

export function titleOf(evidence: Evidence[]): string {
  const subjects = new Map<string, number>();
  for (const e of evidence) if (e.subject) subjects.set(e.subject, (subjects.get(e.subject) ?? 0) + 1);
  const [common, count] = [...subjects.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (common && count / evidence.length >= 0.3) return common;
  const shortest = [...evidence].map((e) => e.question).filter((q) => q.length >= 12).sort((a, b) => a.length - b.length)[0] ?? evidence[0]!.question;
  const title = shortest.replace(/\s+/g, ' ').slice(0, 90);
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** The sentence of a message that asks: a question if there is one, never one with a redacted detail. */
function askingSentence(question: string): string | null {
  const sentences = (question.match(/[^.!?]+[.!?]*/g) ?? []).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 2 && !s.includes('['));
  return sentences.find((s) => s.endsWith('?')) ?? sentences[0] ?? null;
}

const phrasing = new LexicalEmbedder();

/** Up to five different ways customers asked: the most common first, typo variants of a chosen one left out. */
function waysAsked(evidence: Evidence[]): string[] {
  const counts = new Map<string, { text: string; count: number }>();
  for (const q of evidence.map((e) => askingSentence(e.question))) {
    if (!q || q.length < 8 || q.length > 200) continue;
    const key = stepKey(q);
    const entry = counts.get(key) ?? { text: q, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const chosen: { text: string; vector: Float32Array }[] = [];
  for (const { text } of [...counts.values()].sort((a, b) => b.count - a.count || a.text.length - b.text.length)) {
    const vector = phrasing.embedOne(text);
    if (chosen.some((c) => cosine(c.vector, vector) > 0.6)) continue;
    chosen.push({ text, vector });
    if (chosen.length === 5) break;
  }
  return chosen.map((c) => c.text);
}

/**
 * The drafter that needs no LLM: a full article composed from what the human answers agree
 * on — title, summary, the answer as steps, how customers ask, notes and exceptions.
 * Outlier answers are set aside before anything is taken from them.
 */
export function extractiveDraft(evidence: Evidence[], boilerplate: Set<string>): DraftContent {
  const first = findConsensus(evidence, boilerplate);
  const kept = evidence.filter((e) => !first.outliers.includes(e.ticketId));
  const { steps, notes } = findConsensus(kept, boilerplate);
  const title = titleOf(kept);
  const asked = waysAsked(kept);
  const summary = notes[0] ?? (asked[0] ? `How your team answers “${asked.at(-1)}”, and the ways customers ask it.` : 'How your team answers this question.');
  const body = [`# ${title}`, '', summary, ''];
  if (steps.length) body.push('## Steps', '', ...steps.map((s, i) => `${i + 1}. ${s}`), '');
  else if (kept[0]) body.push('## Answer', '', kept[0].answer, '');
  if (asked.length) body.push('## How customers ask', '', ...asked.map((q) => `- “${q}”`), '');
  const extra = notes.slice(notes[0] === summary ? 1 : 0);
  if (extra.length) body.push('## Notes and exceptions', '', ...extra.map((n) => `- ${n}`), '');
  return { title, bodyMd: body.join('\n').trim() + '\n', outliers: first.outliers };
}

/** Sentences and steps that appear in the answers of many different topics: pleasantries, not knowledge. */
export function findBoilerplate(answersByTopic: string[][], minTopics = 4): Set<string> {
  const topicsOf = new Map<string, Set<number>>();
  answersByTopic.forEach((answers, topic) => {
    for (const answer of answers) {
      const { steps, sentences } = parseAnswer(answer);
      for (const s of [...steps, ...sentences]) {
        const key = stepKey(s);
        const set = topicsOf.get(key) ?? new Set<number>();
        set.add(topic);
        topicsOf.set(key, set);
      }
    }
  });
  return new Set([...topicsOf.entries()].filter(([, topics]) => topics.size >= minTopics).map(([key]) => key));
}
