import { describe, expect, it } from 'vitest';
import { WRONG_STATEMENTS } from '../../src/main/core/demo/texts';
import type { DemoTruth } from '../../src/main/core/demo/types';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDemoFile } from '../../src/main/core/demo/file';
import { startFakeOllama } from '../helpers/fake-ollama';
import { allDraftDetails, keepForFile, onCleanup, runToEnd, tempDir, testEngine } from '../helpers/temp';

/** A 4,800-ticket import and backfill take a minute or more on a busy 2-core machine. */
const LONG_JOB_MS = 240_000;

/** The demo workspace after a backfill, with each ticket's ground truth at hand. */
async function backfill() {
  const handle = testEngine();
  await handle.call('workspace.create', { name: 'Backfill' });
  // only the backfill learns here: the loop that follows imports is off
  await handle.call('learning.configure', { auto: false });
  const path = join(tempDir(), 'demo.jsonl');
  await writeDemoFile(path, { weeks: 16, perWeek: 300, seed: 7 });
  await runToEnd(handle, () => handle.call('import.start', { path }), LONG_JOB_MS);
  const job = await runToEnd(handle, () => handle.call('learn.backfill', {}), LONG_JOB_MS);
  expect(job.status, job.error ?? '').toBe('done');
  const db = handle.workspaces.requireCurrent().db;
  const truth = new Map(
    (db.prepare('SELECT ticket_id, truth FROM ticket_truth').all() as { ticket_id: number; truth: string }[]).map((r) => [
      r.ticket_id,
      JSON.parse(r.truth) as DemoTruth,
    ]),
  );
  const drafts = await allDraftDetails(handle);
  keepForFile();
  return { handle, db, truth, drafts };
}

/** One backfilled workspace for the tests below; only the last one changes it. */
let shared: ReturnType<typeof backfill> | undefined;
const backfilled = () => (shared ??= backfill());

describe('historic backfill on the demo workspace (ground truth)', () => {
  it(
    'groups tickets into pure topics and drafts one article per recurring topic',
    async () => {
      const { db, truth, drafts } = await backfilled();
      const members = db.prepare(`SELECT topic_id, ticket_id FROM topic_tickets`).all() as { topic_id: number; ticket_id: number }[];
      const byTopic = new Map<number, string[]>();
      for (const m of members) byTopic.set(m.topic_id, [...(byTopic.get(m.topic_id) ?? []), truth.get(m.ticket_id)!.topic ?? 'none']);
      let majority = 0;
      for (const topics of byTopic.values()) {
        const counts = new Map<string, number>();
        for (const t of topics) counts.set(t, (counts.get(t) ?? 0) + 1);
        majority += Math.max(...counts.values());
      }
      const purity = majority / members.length;
      expect(purity).toBeGreaterThanOrEqual(0.9);

      const trueTopicOf = (ids: number[]) => {
        const counts = new Map<string, number>();
        for (const id of ids) counts.set(truth.get(id)!.topic ?? 'none', (counts.get(truth.get(id)!.topic ?? 'none') ?? 0) + 1);
        return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
      };
      const draftsPerTopic = new Map<string, number>();
      for (const d of drafts)
        draftsPerTopic.set(trueTopicOf(d.evidenceTicketIds), (draftsPerTopic.get(trueTopicOf(d.evidenceTicketIds)) ?? 0) + 1);
      const recurring = new Set([...truth.values()].map((t) => t.topic).filter(Boolean));
      expect(draftsPerTopic.size).toBeGreaterThanOrEqual(recurring.size * 0.9);
      expect(drafts.length / draftsPerTopic.size).toBeLessThanOrEqual(1.2);
      console.log(
        `backfill: purity ${purity.toFixed(3)}, ${drafts.length} drafts for ${draftsPerTopic.size} of ${recurring.size} true topics`,
      );
    },
    2 * LONG_JOB_MS,
  );

  it(
    'drafts only from enough distinct tickets, never from casework, outlier answers or personal details',
    async () => {
      const { db, truth, drafts } = await backfilled();
      const wrong = Object.values(WRONG_STATEMENTS).flat();
      const pii = new Set([...truth.values()].flatMap((t) => t.pii).filter((p) => p.length >= 3));
      for (const d of drafts) {
        expect(new Set(d.evidenceTicketIds).size).toBeGreaterThanOrEqual(3);
        for (const id of d.evidenceTicketIds) expect(truth.get(id)!.accountSpecific, `draft ${d.id} uses casework`).toBe(false);
        for (const w of wrong) expect(d.bodyMd, `draft ${d.id} repeats an outlier answer`).not.toContain(w);
        for (const p of pii) {
          expect(d.bodyMd.includes(p) || d.title.includes(p), `draft ${d.id} contains "${p}"`).toBe(false);
        }
        expect(d.redactions.length).toBeGreaterThan(0); // what was removed is recorded
      }
      // outlier answers were kept as evidence but set aside
      const setAside = db.prepare(`SELECT ticket_id FROM draft_evidence WHERE role = 'outlier'`).pluck().all() as number[];
      expect(setAside.length).toBeGreaterThan(0);
      expect(setAside.filter((id) => truth.get(id)!.outlier).length / setAside.length).toBeGreaterThan(0.8);
    },
    2 * LONG_JOB_MS,
  );

  it(
    "lists one run's cards together, the most asked first",
    async () => {
      const { handle } = await backfilled();
      const listed = await handle.call('drafts.list', {});
      expect(new Set(listed.map((c) => c.createdAt)).size).toBe(1);
      const sizes = listed.map((c) => c.evidenceTicketIds.length);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      expect(sizes[0]).toBeGreaterThan(sizes.at(-1)!);
    },
    2 * LONG_JOB_MS,
  );

  it(
    'run again, keeps drafts under review and suggests nothing twice',
    async () => {
      const { handle, db, drafts } = await backfilled();
      const [reviewed, rejected] = drafts;
      db.prepare(`UPDATE drafts SET status = 'in_review' WHERE id = ?`).run(reviewed!.id);
      db.prepare(`UPDATE drafts SET status = 'rejected' WHERE id = ?`).run(rejected!.id);
      const job = await runToEnd(handle, () => handle.call('learn.backfill', {}), LONG_JOB_MS);
      expect(job.message).toMatch(/^0 draft articles/);
      expect((job.result as { drafts: number }).drafts).toBe(0);
      const again = await handle.call('drafts.list', {});
      expect(again.length).toBe(drafts.length);
      expect(again.find((d) => d.id === reviewed!.id)).toMatchObject({ status: 'in_review', title: reviewed!.title });
      expect(again.find((d) => d.id === rejected!.id)).toMatchObject({ status: 'rejected' });
      expect(again.filter((d) => d.title === reviewed!.title)).toHaveLength(1);
    },
    3 * LONG_JOB_MS,
  );
});

describe('an export that leaves statuses out', () => {
  it('learns from the tickets the team answered last, and says why when none is solved yet', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'No statuses' });
    await handle.call('learning.configure', { auto: false });
    const questions = [
      'How do I reset my password?',
      'I forgot my password, how can I reset it?',
      'Password reset please, I cannot log in',
      'how to change my password',
    ];
    const answer = 'Go to Settings > Security and choose Reset password. We email you a link that works for 24 hours.';
    const line = (id: string, day: number, messages: [string, string][]) =>
      JSON.stringify({
        id,
        created_at: `2026-03-0${day}T09:00:00Z`,
        messages: messages.map(([role, body], i) => ({ role, body, created_at: `2026-03-0${day}T09:0${i}:00Z` })),
      });
    const file = (name: string, lines: string[]) => {
      const path = join(tempDir(), name);
      writeFileSync(path, lines.join('\n') + '\n');
      return path;
    };
    const backfill = () => runToEnd(handle, () => handle.call('learn.backfill', {}));

    // the customer wrote last in each: nothing is solved yet
    const waiting = questions.map((q, i) =>
      line(`T${i}`, i + 1, [
        ['customer', q],
        ['agent', answer],
        ['customer', 'Thanks, trying now.'],
      ]),
    );
    await runToEnd(handle, () => handle.call('import.start', { path: file('waiting.jsonl', waiting) }));
    expect((await backfill()).message).toBe(
      'No solved ticket with a person’s reply yet (of 4 tickets): a ticket teaches once it is solved (its status says so, it has a solved date, or the team replied last).',
    );

    // the newer export of the same tickets has the team's reply last
    const answered = questions.map((q, i) =>
      line(`T${i}`, i + 1, [
        ['customer', q],
        ['agent', answer],
        ['customer', 'Thanks, trying now.'],
        ['agent', 'Glad to help!'],
      ]),
    );
    await runToEnd(handle, () => handle.call('import.start', { path: file('answered.jsonl', answered) }));
    const job = await backfill();
    expect(job.result).toMatchObject({ tickets: 4, drafts: 1 });
    const [draft] = await allDraftDetails(handle);
    expect(draft!.bodyMd).toContain('Reset password');
  });
});

describe('personal details with an LLM drafter', () => {
  it(
    'never reach a draft, because the model only ever sees redacted text',
    async () => {
      // a model that copies whatever ticket text it is given into the article
      const echo = (request: { messages: { role: string; content: string }[] }) => {
        const user = request.messages.find((m) => m.role === 'user')!.content;
        const tickets = JSON.parse(user.slice(user.indexOf('<tickets>') + 9, user.lastIndexOf('</tickets>'))) as {
          question: string;
          answer: string;
        }[];
        return JSON.stringify({
          title: tickets[0]!.question.slice(0, 100) || 'Untitled',
          summary: `${tickets[0]!.answer.slice(0, 500)} (summary)`,
          steps: tickets.slice(0, 5).map((t) => t.answer.slice(0, 390) || 'step'),
          waysAsked: tickets.slice(0, 5).map((t) => t.question.slice(0, 190) || 'question'),
          notes: [],
        });
      };
      const fake = await startFakeOllama({ echo: 0 }, [], echo);
      onCleanup(() => fake.close());
      const handle = testEngine();
      await handle.call('workspace.create', { name: 'LLM PII' });
      await handle.call('learning.configure', { auto: false });
      await handle.call('drafting.configure', { provider: 'ollama', model: 'echo', host: fake.url });
      const path = join(tempDir(), 'demo.jsonl');
      await writeDemoFile(path, { weeks: 6, perWeek: 300, seed: 3 });
      await runToEnd(handle, () => handle.call('import.start', { path }), LONG_JOB_MS);
      await runToEnd(handle, () => handle.call('learn.backfill', {}), LONG_JOB_MS);
      const db = handle.workspaces.requireCurrent().db;
      const pii = new Set(
        (db.prepare('SELECT truth FROM ticket_truth').pluck().all() as string[])
          .flatMap((t) => (JSON.parse(t) as DemoTruth).pii)
          .filter((p) => p.length >= 3),
      );
      const drafts = await allDraftDetails(handle);
      expect(drafts.length).toBeGreaterThan(20);
      expect(drafts.every((d) => d.drafter === 'ollama:echo')).toBe(true);
      for (const d of drafts)
        for (const p of pii) expect(d.bodyMd.includes(p) || d.title.includes(p), `draft ${d.id} contains "${p}"`).toBe(false);
    },
    2 * LONG_JOB_MS,
  );
});
