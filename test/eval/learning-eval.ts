import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddingConfig } from '../../src/shared/domain/embedding';
import type { Job } from '../../src/shared/domain/job';
import { createEngine } from '../../src/main/core';
import { writeDemoFile } from '../../src/main/core/demo/file';
import { loadArticleVersions, loadQuestions, replayMatcher } from '../../src/main/core/metrics/replay';
import type { DB } from '../../src/main/core/db/open';
import { gapTopics } from '../../src/main/core/metrics/dashboard';

/** How a workspace learns from one labelled import, scored against the `truth` of its tickets. */
export interface LearningScores {
  tickets: number;
  recurringTopics: number;
  drafts: number;
  draftsPerTopic: number;
  topicsCovered: number;
  /** Drafts whose evidence is mostly tickets of no topic (stock replies, casework). */
  noiseDrafts: number;
  purity: number;
  conflicts: number;
  draftsWithPersonalDetails: number;
  /** Questions in German, Spanish or French a person answered, in their topic's card; `aiAlone` more the AI agent answered alone. */
  otherLanguages: { joined: number; of: number; aiAlone: number };
  heldOut: number;
  answeredRight: number;
  answered: number;
  /** Later questions of topics the history does not hold, and the share an article answered anyway. */
  unknown: { of: number; answered: number };
  /**
   * Once the loop has read the later handovers: the share of those questions that came back in a
   * coverage gap, the gaps, and how pure they are (their labelled tickets of their commonest topic).
   */
  gaps: { inGap: number; count: number; purity: number };
  indexSeconds: number;
  backfillSeconds: number;
}

/** What the scorer reads of a ticket's `truth`; the demo's and the labelled sets' truths both have it. */
interface Truth {
  topic: string | null;
  accountSpecific?: boolean;
  language?: string;
  pii: string[];
}

const HISTORY_WEEKS = 14;
const HELD_OUT_WEEKS = 2;

/**
 * The demo company as a new user meets it, with one embedder: 14 weeks imported and indexed,
 * the backfill, every draft approved; then 2 more weeks arrive and their AI-involved questions
 * are matched against the approved articles.
 */
export async function scoreDemo(config: EmbeddingConfig, perWeek = 300): Promise<LearningScores> {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-eval-demo-'));
  try {
    const file = join(dir, 'demo.jsonl');
    await writeDemoFile(file, { weeks: HISTORY_WEEKS + HELD_OUT_WEEKS, perWeek, seed: 7 });
    // the same company split in time: the held-out weeks arrive after learning
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const cut = new Date(Date.parse(JSON.parse(lines[0]!).created_at as string) + HISTORY_WEEKS * 7 * 864e5).toISOString();
    const at = (l: string) => JSON.parse(l).created_at as string;
    return await scoreLearning(
      config,
      lines.filter((l) => at(l) < cut),
      lines.filter((l) => at(l) >= cut),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A new user's first week with one embedder: the history imported and indexed, the backfill,
 * every draft approved; then the later tickets arrive and their AI-involved questions are matched
 * against the approved articles. Both are open-format lines whose `truth` names each ticket's topic.
 */
export async function scoreLearning(config: EmbeddingConfig, historyLines: string[], laterLines: string[]): Promise<LearningScores> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tideline-eval-'));
  const handle = createEngine({ dataDir, host: 'cli' });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const envelope = await handle.engine.dispatch(method as never, input as never);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.result as T;
  };
  const idle = async () => {
    for (;;) {
      const jobs = await call<Job[]>('jobs.list', { limit: 20 });
      if (!jobs.some((j) => j.status === 'queued' || j.status === 'running')) return jobs;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  try {
    await call('workspace.create', { name: `Eval ${config.provider}` });
    await call('learning.configure', { auto: false });
    await call('embedding.configure', config);
    const history = join(dataDir, 'history.jsonl');
    const later = join(dataDir, 'later.jsonl');
    writeFileSync(history, historyLines.join('\n'));
    writeFileSync(later, laterLines.join('\n'));
    const cut = laterLines.map((l) => JSON.parse(l).created_at as string).sort()[0]!;

    await call('import.start', { path: history });
    let started = performance.now();
    await idle();
    const indexSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await call('learn.backfill', {});
    const jobs = await idle();
    const backfill = jobs.find((j) => j.kind === 'learn.backfill')!;
    if (backfill.status !== 'done') throw new Error(`backfill ${backfill.status}: ${backfill.error}`);
    const backfillSeconds = (performance.now() - started) / 1000;

    const db = handle.workspaces.requireCurrent().db;
    const truth = truthOf(db);
    const cards = await call<{ id: number; kind: string }[]>('drafts.list', {});
    const details = await Promise.all(
      cards.map((c) =>
        call<{ id: number; kind: string; title: string; bodyMd: string; evidence: { ticketId: number; role: string }[] }>('drafts.get', {
          id: c.id,
        }),
      ),
    );
    const counts = new Map<string, number>();
    for (const t of truth.values()) if (t.topic && !t.accountSpecific) counts.set(t.topic, (counts.get(t.topic) ?? 0) + 1);
    const recurring = [...counts.values()].filter((n) => n >= 3).length;
    let majority = 0;
    let supporting = 0;
    const covered = new Set<string>();
    const pii = [...new Set([...truth.values()].flatMap((t) => t.pii).filter((p) => p.length >= 4))];
    let withPii = 0;
    let noise = 0;
    // the card each ticket was placed in, by the card's topic: with any role, since an answer the team
    // has since replaced, set aside, is still in its topic
    const cardTopicOf = new Map<number, string>();
    for (const d of details) {
      const ids = d.evidence.filter((e) => e.role === 'supporting').map((e) => e.ticketId);
      const topics = new Map<string, number>();
      for (const id of ids) topics.set(truth.get(id)?.topic ?? '-', (topics.get(truth.get(id)?.topic ?? '-') ?? 0) + 1);
      const [top, n] = [...topics.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['-', 0];
      majority += n;
      supporting += ids.length;
      if (d.kind !== 'conflict' && top !== '-') covered.add(top);
      if (d.kind !== 'conflict' && top === '-') noise++;
      for (const e of d.evidence) cardTopicOf.set(e.ticketId, top);
      if (pii.some((p) => d.bodyMd.includes(p) || d.title.includes(p))) withPii++;
    }
    const newDrafts = details.filter((d) => d.kind !== 'conflict');
    const foreign = [...truth.entries()].filter(
      ([, t]) => (t.language ?? 'en') !== 'en' && t.topic && !t.accountSpecific && covered.has(t.topic),
    );
    // a question the AI agent answered alone has no human answer to learn from, in any language
    const answeredByTeam = new Set(
      db.prepare(`SELECT DISTINCT ticket_id FROM messages WHERE role = 'agent' AND public = 1`).pluck().all() as number[],
    );
    const learnable = foreign.filter(([id]) => answeredByTeam.has(id));
    const otherLanguages = {
      joined: learnable.filter(([id, t]) => cardTopicOf.get(id) === t.topic).length,
      of: learnable.length,
      aiAlone: foreign.length - learnable.length,
    };
    await call('drafts.approve', { ids: newDrafts.map((d) => d.id) });

    // later tickets: would the approved articles answer them, with the right article?
    await call('import.start', { path: later });
    await idle();
    const questions = loadQuestions(db, cut, '9999').filter((q) => q.truthTopic);
    const versions = loadArticleVersions(db);
    const matcher = await replayMatcher(db, versions, questions);
    let answered = 0;
    let right = 0;
    // every question whose topic recurs in the history counts, answered or not
    const askable = questions.filter((q) => (counts.get(q.truthTopic!) ?? 0) >= 3);
    for (const q of askable) {
      const m = matcher.match(q);
      if (!m) continue;
      answered++;
      if (m.entry.truthTopic === q.truthTopic) right++;
    }
    // questions of topics the history does not hold: any answer is a wrong one
    const unknown = questions.filter((q) => !counts.has(q.truthTopic!));
    const answeredUnknown = unknown.filter((q) => matcher.match(q)).length;

    // the loop reads the later handovers: what no article covers comes back as coverage gaps
    await call('learn.run', {});
    await idle();
    const gaps = gapsOf(db);
    const inGap = unknown.filter((q) => gaps.has(q.ticketId)).length;
    return {
      tickets: truth.size,
      recurringTopics: recurring,
      drafts: newDrafts.length,
      draftsPerTopic: newDrafts.length / recurring,
      topicsCovered: covered.size,
      noiseDrafts: noise,
      purity: supporting ? majority / supporting : 1,
      conflicts: details.length - newDrafts.length,
      draftsWithPersonalDetails: withPii,
      otherLanguages,
      heldOut: askable.length,
      answered: askable.length ? answered / askable.length : 0,
      answeredRight: askable.length ? right / askable.length : 0,
      unknown: { of: unknown.length, answered: unknown.length ? answeredUnknown / unknown.length : 0 },
      gaps: {
        inGap: unknown.length ? inGap / unknown.length : 0,
        count: new Set(gaps.values()).size,
        purity: gapPurity(gaps, truthOf(db)),
      },
      indexSeconds,
      backfillSeconds,
    };
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each ticket's ground truth, as imported. */
function truthOf(db: DB): Map<number, Truth> {
  return new Map(
    (db.prepare('SELECT ticket_id, truth FROM ticket_truth').all() as { ticket_id: number; truth: string }[]).map((r) => [
      r.ticket_id,
      JSON.parse(r.truth) as Truth,
    ]),
  );
}

/** The handed-over tickets of the workspace's coverage gaps (the dashboard's, over all time), by ticket. */
function gapsOf(db: DB): Map<number, number> {
  const members = db.prepare(
    'SELECT tt.ticket_id FROM topic_tickets tt JOIN tickets t ON t.id = tt.ticket_id WHERE tt.topic_id = ? AND t.handover = 1',
  );
  return new Map(
    gapTopics(db, '', '9999').flatMap((gap) => (members.pluck().all(gap.id) as number[]).map((ticket) => [ticket, gap.id] as const)),
  );
}

/** Of the gaps' tickets with a topic in the truth, the share in their gap's commonest topic. */
function gapPurity(gaps: Map<number, number>, truth: Map<number, Truth>): number {
  const byGap = new Map<number, Map<string, number>>();
  for (const [ticket, gap] of gaps) {
    const topic = truth.get(ticket)?.topic;
    if (!topic) continue;
    const counts = byGap.get(gap) ?? byGap.set(gap, new Map()).get(gap)!;
    counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  let labelled = 0;
  let majority = 0;
  for (const counts of byGap.values()) {
    labelled += [...counts.values()].reduce((a, b) => a + b, 0);
    majority += Math.max(...counts.values());
  }
  return labelled ? majority / labelled : 1;
}
