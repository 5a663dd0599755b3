import { cosine } from '../embed/embedder';
import { LexicalEmbedder } from '../embed/lexical';
import type { Evidence } from './evidence';
import { mapLines, withoutCourtesies } from '../text/clean';
import { parseAnswer, stepKey } from './steps';
import { redactPeople, sharedWords } from './people';
import { holdsDetail } from './redact';
import { anchorsOf, figuresOf, shareAnchors } from './anchors';
import { DANGLING, spellingOf, summaryFor, titleFor, weighedTerms, type TermStats } from './title';
import { wordsOf } from '../text/language';

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
  /** Tickets whose answer disagrees with the main answer and is not shared by many. */
  outliers: number[];
  /** A second answer a sizeable share of the team gives instead (a conflict, or a newer answer). */
  alternative: number[] | null;
}

/** Answers sharing this much of their steps say the same thing. */
const SAME_ANSWER = 0.6;
/** Reworded answers name more than this share of the same places and labels (anchors.ts). */
const SAME_PLACES = 0.5;

/**
 * How two answers are compared when one of them has no steps (prose), and which answer of a
 * group says it best. The learning engine compares by meaning; without it, by shared sentences.
 */
export interface AnswerMeaning {
  same(a: Evidence, b: Evidence): boolean;
  /** Two sets of answers that are on average as alike as one answer's rewordings. */
  alike(a: Evidence[], b: Evidence[]): boolean;
  /** The answer closest to all the others. */
  central(answers: Evidence[]): Evidence | undefined;
  /** The tickets, the ones whose questions are closest to all the others first. */
  byCentrality(evidence: Evidence[]): Evidence[];
}
/** The heading of an article's list of how customers ask (no part of its answer). */
export const WAYS_ASKED_HEADING = '## How customers ask';
/** The heading of an article's answer when it is prose (no numbered steps). */
export const ANSWER_HEADING = '## Answer';
/** A second answer this common is a disagreement, not an outlier. */
export const ALTERNATIVE_SHARE = 0.3;
/** An answer is compared with this many of a group's answers (its first) to see whether it agrees with most. */
const AGREEMENT_SAMPLE = 9;

const jaccard = (a: Set<string>, b: Set<string>) => {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared || 1);
};

/**
 * Whether two sets of answers say the same thing: the steps (or, in prose, the sentences) that at
 * least CONSENSUS of each set's answers give are mostly the same, or the most typical answer of
 * each says the same in other words (`reworded`). Two sets that differ by an odd step here and
 * there still say the same; two prose answers that read alike as a whole but share no line and
 * send the customer nowhere in particular (a top-up pending, one that failed) do not.
 */
export function sameAnswers(a: Evidence[], b: Evidence[], boilerplate: Set<string>, meaning?: AnswerMeaning): boolean {
  if (jaccard(commonLines(a, boilerplate), commonLines(b, boilerplate)) >= SAME_ANSWER) return true;
  const [x, y] = meaning ? [meaning.central(a), meaning.central(b)] : [];
  if (!x || !y) return false;
  const steps = [x, y].every((e) => parseAnswer(e.answer).steps.length > 0);
  return reworded(x, y, steps, meaning!, (e) => anchorsOf(e.answer));
}

/**
 * Two answers that say the same in other words: the same by meaning, and pointing to the same
 * places (a changed procedure points elsewhere). Two answers with `steps` that name no place are
 * compared by meaning alone; prose must name the same places, as prose answers to neighbouring
 * questions read alike.
 */
function reworded(a: Evidence, b: Evidence, steps: boolean, meaning: AnswerMeaning, placesOf: (e: Evidence) => Set<string>): boolean {
  return samePlaces(placesOf(a), placesOf(b), steps) && meaning.same(a, b);
}

/**
 * Two answers point to the same places: mostly the same ones, or the one that names fewer names
 * only places of the other (an answer cut short); one that points elsewhere names others.
 * Answers with `steps` that name none point nowhere else either.
 */
function samePlaces(x: Set<string>, y: Set<string>, steps: boolean): boolean {
  if (x.size + y.size === 0) return steps;
  if (!x.size || !y.size) return false;
  const [fewer, more] = x.size <= y.size ? [x, y] : [y, x];
  return jaccard(x, y) > SAME_PLACES || [...fewer].every((place) => more.has(place));
}

function commonLines(answers: Evidence[], boilerplate: Set<string>): Set<string> {
  const counts = new Map<string, number>();
  for (const e of answers) {
    const answer = parseAnswer(e.answer);
    const lines = answer.steps.length ? answer.steps : answer.sentences;
    for (const key of new Set(lines.map(stepKey))) if (!boilerplate.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= answers.length * CONSENSUS).map(([key]) => key));
}

/**
 * What the human answers agree on. Answers are first grouped by the steps they give; the
 * largest group is the answer. A second group of some size is an alternative answer; smaller
 * ones, and answers in the main group that swap a step for one nobody else gives, are outliers.
 * `boilerplate` holds sentences the team writes on every topic: they are never knowledge.
 */
export function findConsensus(evidence: Evidence[], boilerplate: Set<string>, meaning?: AnswerMeaning): Consensus {
  const parsed = evidence.map((e) => {
    const answer = parseAnswer(e.answer);
    const sentences = answer.sentences.filter((x) => !boilerplate.has(stepKey(x)));
    // an answer without a list is compared by its sentences
    const keys = new Set((answer.steps.length ? answer.steps : sentences).map(stepKey));
    return { evidence: e, id: e.ticketId, steps: answer.steps, sentences, keys };
  });
  // answers with steps agree when they share most steps, or reword them: the same by meaning and
  // pointing to the same places (a changed procedure points elsewhere); a prose answer agrees by meaning
  const anchors = new Map<number, Set<string>>();
  const anchorsOfAnswer = (e: Evidence) => anchors.get(e.ticketId) ?? anchors.set(e.ticketId, anchorsOf(e.answer)).get(e.ticketId)!;
  const same = (a: (typeof parsed)[number], b: (typeof parsed)[number]) => {
    if (!(a.steps.length && b.steps.length)) return meaning ? meaning.same(a.evidence, b.evidence) : jaccard(a.keys, b.keys) >= SAME_ANSWER;
    return (
      jaccard(a.keys, b.keys) >= SAME_ANSWER || (meaning !== undefined && reworded(a.evidence, b.evidence, true, meaning, anchorsOfAnswer))
    );
  };
  // an answer joins the group most of whose members it agrees with: one odd answer that happened
  // to come first (reordered, cut short, wrapped in courtesies) does not split the rest in two
  const groups: (typeof parsed)[] = [];
  for (const p of parsed) {
    let best: typeof parsed | null = null;
    let bestShare = 0;
    for (const g of groups) {
      const sample = g.slice(0, AGREEMENT_SAMPLE);
      const share = sample.filter((q) => same(q, p)).length / sample.length;
      if (share >= 0.5 && share > bestShare) [best, bestShare] = [g, share];
    }
    if (best) best.push(p);
    else groups.push([p]);
  }
  // rewordings of one answer vary: two of them may read apart where a third is close to both, so
  // groups that are on average as alike as one answer are one answer (steps only where their most
  // typical answers point to the same places: a changed procedure points elsewhere)
  const withSteps = (g: typeof parsed) => g.every((p) => p.steps.length > 0);
  const answersOf = (g: typeof parsed) => g.map((p) => p.evidence);
  const oneAnswer = (h: typeof parsed, g: typeof parsed) => {
    const [a, b] = [answersOf(h), answersOf(g)];
    if (!meaning?.alike(a, b)) return false;
    if (!(withSteps(h) && withSteps(g))) return true;
    return samePlaces(anchorsOfAnswer(meaning.central(a)!), anchorsOfAnswer(meaning.central(b)!), true);
  };
  for (let i = 1; i < groups.length; i++) {
    const into = groups.slice(0, i).find((h) => oneAnswer(h, groups[i]!));
    if (!into) continue;
    into.push(...groups[i]!);
    groups.splice(i--, 1);
  }
  groups.sort((a, b) => b.length - a.length);
  const main = groups[0] ?? [];
  const second = groups[1];
  const alternative = second && second.length >= parsed.length * ALTERNATIVE_SHARE ? second.map((p) => p.id) : null;

  const n = main.length;
  const stepStats = new Map<string, { text: string; count: number; positions: number[] }>();
  const noteStats = new Map<string, { text: string; count: number; alone: number; answers: Set<number> }>();
  for (const p of main) {
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
      const original = p.sentences.find((x) => stepKey(x) === sentence)!;
      const stat = noteStats.get(sentence) ?? { text: original, count: 0, alone: 0, answers: new Set<number>() };
      stat.count++;
      stat.answers.add(p.id);
      if (!p.steps.length && p.sentences.length === 1) stat.alone++;
      noteStats.set(sentence, stat);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const consensus = [...stepStats.entries()].filter(([, st]) => st.count / n >= CONSENSUS);
  const agreed = consensus.sort((a, b) => median(a[1].positions) - median(b[1].positions)).map(([, st]) => st.text);
  // answers that each word the steps their own way agree on few of them word for word: then the
  // steps are those of the answer closest to all the others
  const centralSteps =
    meaning && main.length > 1 ? (main.find((p) => p.evidence === meaning.central(main.map((q) => q.evidence)))?.steps ?? []) : [];
  const ownWords = agreed.length < centralSteps.length / 2;
  const steps = ownWords ? centralSteps : agreed;
  const consensusKeys = new Set(ownWords ? [] : consensus.map(([k]) => k));
  const rare = (k: string) => {
    const count = stepStats.get(k)?.count ?? 0;
    return count === 1 || count / n < CONSENSUS / 2;
  };
  const swapped = main
    .filter((p) => {
      const keys = p.steps.map(stepKey);
      return keys.length > 0 && [...consensusKeys].some((k) => !keys.includes(k)) && keys.some((k) => !consensusKeys.has(k) && rare(k));
    })
    .map((p) => p.id);
  const elsewhere = groups
    .slice(1)
    .flat()
    .map((p) => p.id)
    .filter((id) => !alternative?.includes(id));
  // a line that is most often the whole of its answer is another wording of the answer (its
  // answers said the same as the others), not a note beside it
  const notes = withoutRewordings(
    [...noteStats.values()].filter((st) => st.count / n >= NOTE_CONSENSUS && st.count >= 2 && st.alone <= st.count / 2),
  );
  return { steps, notes, outliers: [...swapped, ...elsewhere], alternative };
}

/**
 * Notes without another wording of one before them: two notes that no answer gives both of, and
 * that state the same figures ("expires after 24 hours", "valid for 24 hours") or name the same
 * place, are one note each agent words their way. Two facts beside each other come in the same answers.
 */
function withoutRewordings(notes: { text: string; answers: Set<number> }[]): string[] {
  const kept: { text: string; answers: Set<number>; figures: Set<string>; places: Set<string> }[] = [];
  for (const note of notes) {
    const figures = figuresOf(note.text);
    const places = anchorsOf(note.text);
    const reworded = kept.some(
      (k) =>
        ![...k.answers].some((id) => note.answers.has(id)) &&
        ((figures.size > 0 && figures.size === k.figures.size && [...figures].every((f) => k.figures.has(f))) ||
          shareAnchors(places, k.places)),
    );
    if (!reworded) kept.push({ ...note, figures, places });
  }
  return kept.map((k) => k.text);
}

/**
 * A topic's title: the subject line many of its tickets share, when it holds no redacted
 * detail (helpdesks often set it from a form); otherwise one made from the ways customers ask
 * (title.ts).
 */
export function titleOf(evidence: Evidence[], terms?: TermStats, unnamed: 'terms' | 'question' = 'terms'): string {
  const subjects = new Map<string, number>();
  for (const e of evidence) if (e.subject) subjects.set(e.subject, (subjects.get(e.subject) ?? 0) + 1);
  const [common, count] = [...subjects.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (common && count / evidence.length >= 0.3 && count >= 2 && !holdsDetail(common) && common.length <= 90) return common;
  return titleFor(evidence, terms, unnamed);
}

/**
 * How a message asks about the topic: its sentence that says most of the topic's distinctive
 * terms, a term few of its questions say counting for less (a question first among equals): not
 * "Can you help?" before "I lost my card!", nor the "Question about my account." some customers
 * open with before "Change my PIN?". The whole message when no sentence says any and it is
 * short. Never a sentence with a redacted detail. A sentence that points back ("Is someone else
 * using it?") keeps the one it points to.
 */
function askingSentence(question: string, terms: Map<string, number>): string | null {
  const sentences = (question.match(/[^.!?]+[.!?]*/g) ?? []).map((s) => s.trim());
  const scored = sentences
    .map((s, i) => {
      const weight = wordsOf(s).reduce((sum, w) => sum + Math.min(1, terms.get(w) ?? 0), 0);
      return { s, i, score: weight && weight + (s.endsWith('?') ? 0.5 : 0) };
    })
    .filter(({ s }) => s.split(/\s+/).length >= 2 && !holdsDetail(s))
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (best?.score) {
    const before = sentences[best.i - 1];
    return before && DANGLING.test(best.s) && !holdsDetail(before) ? `${before} ${best.s}` : best.s;
  }
  const whole = question.replace(/\s+/g, ' ').trim();
  return whole.length <= 120 && !holdsDetail(whole) ? whole : null;
}

const phrasing = new LexicalEmbedder();

/**
 * Up to five different ways customers asked: those spelled right first (a typo is no other way of
 * asking), then the most common, typo variants of a chosen one left out.
 */
function waysAsked(evidence: Evidence[], terms: Map<string, number>): string[] {
  const { spelledRight } = spellingOf(evidence);
  const counts = new Map<string, { text: string; count: number }>();
  for (const q of evidence.map((e) => askingSentence(e.question, terms))) {
    if (!q || q.length < 8 || q.length > 200) continue;
    const key = stepKey(q);
    const entry = counts.get(key) ?? { text: q, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const chosen: { text: string; vector: Float32Array }[] = [];
  const ranked = [...counts.values()]
    .map((entry) => ({ ...entry, spelled: spelledRight(entry.text) }))
    .sort((a, b) => Number(b.spelled) - Number(a.spelled) || b.count - a.count || a.text.length - b.text.length);
  for (const { text } of ranked) {
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
export function extractiveDraft(evidence: Evidence[], boilerplate: Set<string>, meaning?: AnswerMeaning, terms?: TermStats): DraftContent {
  const first = findConsensus(evidence, boilerplate, meaning);
  const setAside = new Set([...first.outliers, ...(first.alternative ?? [])]);
  const kept = evidence.filter((e) => !setAside.has(e.ticketId));
  const { steps, notes } = findConsensus(kept, boilerplate, meaning);
  // central tickets first: the title and the ways of asking start from the most typical
  const central = meaning ? meaning.byCentrality(kept) : kept;
  // a name that no rule caught (a friend, a colleague) never reaches the article
  const keep = sharedWords(kept.flatMap((e) => [e.question, e.answer]));
  const scrub = (text: string) => redactPeople(text, keep).text;
  const title = scrub(titleOf(central, terms));
  const asked = waysAsked(central, new Map(weighedTerms(kept, terms, 8))).map(scrub);
  const body = [`# ${title}`, '', summaryFor(title, steps.length > 0), ''];
  if (steps.length) body.push('## Steps', '', ...steps.map((s, i) => `${i + 1}. ${scrub(s)}`), '');
  else if (central[0]) body.push(ANSWER_HEADING, '', scrub(articleProse((meaning?.central(kept) ?? central[0]).answer, boilerplate)), '');
  if (asked.length) body.push(WAYS_ASKED_HEADING, '', ...asked.map((q) => `- “${q}”`), '');
  // notes that only repeat the answer (a prose answer's own sentences) add nothing
  const answer = steps.length ? '' : ((meaning?.central(kept) ?? central[0])?.answer ?? '');
  const extra = notes
    .filter((n) => !answer.includes(n))
    .map((note) => withoutLeadIns(withoutCourtesies(note)))
    .filter(Boolean)
    .map(scrub);
  if (extra.length) body.push('## Notes and exceptions', '', ...extra.map((n) => `- ${n}`), '');
  return { title, bodyMd: body.join('\n').trim() + '\n', outliers: [...setAside] };
}

/**
 * A card for a question the team has no agreed answer to: its title, the ways customers ask (the
 * most typical tickets first), and an answer section left empty for the lead to write (approving
 * waits for it).
 */
export function questionDraft(evidence: Evidence[], title: string): DraftContent {
  const keep = sharedWords(evidence.flatMap((e) => [e.question, e.answer]));
  const asked = waysAsked(evidence, new Map(weighedTerms(evidence, undefined, 8))).map((q) => redactPeople(q, keep).text);
  // blank lines around the line the answer goes on (see `emptySection`)
  const body = [`# ${title}`, '', summaryFor(title, false), '', ANSWER_HEADING, '', '', ''];
  if (asked.length) body.push(WAYS_ASKED_HEADING, '', ...asked.map((q) => `- “${q}”`), '');
  return { title, bodyMd: body.join('\n').trim() + '\n', outliers: [] };
}

/**
 * A prose reply as an article says it: without the courtesies around the answer ("Sorry to hear
 * that.", "Have a great day!") and lines the team writes on every topic. A reply that is nothing
 * else stays as it is.
 */
function articleProse(answer: string, boilerplate: Set<string>): string {
  const withoutBoilerplate = (line: string) =>
    sentencesOf(line)
      .filter((sentence) => !boilerplate.has(stepKey(sentence)))
      .join(' ');
  return mapLines(answer, (line) => withoutCourtesies(withoutBoilerplate(line))) || answer;
}

const sentencesOf = (line: string) => line.split(/(?<=[.!?])\s+/);

/** A note without a sentence that ends by pointing to what follows ("To cancel your order:"): beside the steps, it points to nothing. */
const withoutLeadIns = (note: string) =>
  sentencesOf(note)
    .filter((sentence) => !/:\s*$/.test(sentence))
    .join(' ');

/** Sentences and steps that appear in the answers of many different topics: pleasantries, not knowledge. */
export function findBoilerplate(answersByTopic: string[][], minTopics = 4): Set<string> {
  const topicsOf = new Map<string, Set<number>>();
  answersByTopic.forEach((answers, topic) => {
    for (const answer of answers) {
      const { steps, sentences } = parseAnswer(answer);
      // a line, and each sentence of a line that holds several ("Thanks for reaching out. Your card…")
      for (const s of [...steps, ...sentences].flatMap((line) => [line, ...sentencesOf(line)])) {
        const key = stepKey(s);
        const set = topicsOf.get(key) ?? new Set<number>();
        set.add(topic);
        topicsOf.set(key, set);
      }
    }
  });
  return new Set([...topicsOf.entries()].filter(([, topics]) => topics.size >= minTopics).map(([key]) => key));
}
