import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyDelta } from '../../src/main/core/learn/corrections';
import type { DemoTruth } from '../../src/main/core/demo/types';
import { DEMO_TOPICS } from '../../src/main/core/demo/generator';
import { writeDemoFile } from '../../src/main/core/demo/file';
import { learnTopics } from '../../src/main/core/learn/topics';
import { startFakeOllama } from '../helpers/fake-ollama';
import { allDraftDetails, onCleanup, runToEnd, tempDir, testEngine, waitFor } from '../helpers/temp';

describe('corrections', () => {
  it('classify what the human changed', () => {
    const steps = (...s: string[]) => s.map((x, i) => `${i + 1}. ${x}`).join('\n');
    expect(classifyDelta('I’m not sure, let me connect you.', steps('Open Billing.', 'Replace card.')).kind).toBe('no_answer');
    expect(classifyDelta(steps('Open Billing.', 'Replace card.'), steps('Open Billing.', 'Replace card.')).kind).toBe('policy_escalation');
    expect(classifyDelta(steps('Open Billing.'), steps('Open Billing.', 'Replace card.')).kind).toBe('incomplete_answer');
    const wrong = classifyDelta(steps('Call your bank.', 'Replace card.'), steps('Open Billing.', 'Replace card.'));
    expect(wrong).toEqual({ kind: 'wrong_answer', missing: ['Open Billing.'], extra: ['Call your bank.'] });
    expect(classifyDelta(steps('Open Billing.'), 'I’ve refunded $20 for order [order id].').kind).toBe('account_specific');
  });
});

describe('the continuous loop', () => {
  it('after an import, turns repeated corrections into drafts at the threshold, never casework', async () => {
    const handle = testEngine();
    const loops: { kind: string; status: string; result: unknown }[] = [];
    handle.engine.on(
      (event, job) => event === 'job.done' && (job as { kind: string }).kind === 'learn.loop' && loops.push(job as (typeof loops)[number]),
    );
    await runToEnd(handle, async () => (await handle.call('demo.create', { weeks: 6, perWeek: 300, seed: 4 })).job);
    const loop = await waitFor(() => loops[0], 60_000, 'the loop after the import');
    expect(loop.status).toBe('done');
    const db = handle.workspaces.requireCurrent().db;
    const truthOf = (id: number) =>
      JSON.parse(db.prepare('SELECT truth FROM ticket_truth WHERE ticket_id = ?').pluck().get(id) as string) as DemoTruth;
    const handovers = db.prepare('SELECT count(*) FROM tickets WHERE handover = 1').pluck().get() as number;
    const corrections = db.prepare('SELECT count(*) FROM corrections').pluck().get() as number;
    expect(corrections).toBe(handovers);
    const casework = db.prepare(`SELECT ticket_id FROM corrections WHERE delta_kind = 'account_specific'`).pluck().all() as number[];
    expect(casework.length).toBeGreaterThan(0);
    expect(casework.every((id) => truthOf(id).accountSpecific)).toBe(true);

    const drafts = await handle.call('drafts.list', {});
    expect(drafts.length).toBeGreaterThan(20);
    // the impact preview replays a thousand questions and more; requests that come meanwhile (an
    // approval right after opening a card) are let in as it goes, not kept waiting for all of them
    await handle.call('drafts.impact', { id: drafts[0]!.id });
    let replaying = true;
    let turns = 0;
    const count = () => replaying && (turns++, setImmediate(count));
    setImmediate(count);
    const preview = await handle.call('drafts.impact', { id: drafts[1]!.id });
    replaying = false;
    expect(preview.similar).toBeGreaterThan(0);
    expect(turns).toBeGreaterThanOrEqual(5);
    for (const d of drafts) {
      const customers = new Set(
        d.evidenceTicketIds.map((id) => db.prepare('SELECT requester_id FROM tickets WHERE id = ?').pluck().get(id)),
      );
      expect(customers.size).toBeGreaterThanOrEqual(3);
      expect(d.evidenceTicketIds.some((id) => truthOf(id).accountSpecific)).toBe(false);
    }

    // what the AI agent already answers right is no gap: only the topic whose answer changed comes back
    const known = new Set(DEMO_TOPICS.filter((t) => t.botKnows).map((t) => t.id));
    const majorityTopic = (ids: number[]) => {
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(truthOf(id).topic ?? '', (counts.get(truthOf(id).topic ?? '') ?? 0) + 1);
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    };
    const drafted = new Set(drafts.map((d) => majorityTopic(d.evidenceTicketIds)));
    expect([...drafted].filter((t) => known.has(t))).toEqual(['account.reset-password']);

    // a higher threshold: fewer drafts, and none under it
    expect(await handle.engine.dispatch('learning.configure', { repeatThreshold: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await handle.call('learning.configure', { repeatThreshold: 60 })).toMatchObject({
      repeatThreshold: 60,
      auto: true,
      backfillLimit: 5000,
    });
    await runToEnd(handle, () => handle.call('learn.run', {}));
    const strict = await handle.call('drafts.list', {});
    expect(strict.length).toBeLessThan(drafts.length);
    for (const d of strict) expect(d.evidenceTicketIds.length).toBeGreaterThanOrEqual(60);
    // the topics below the threshold are there, collecting evidence
    const topics = (await handle.call('topics.list', {})).filter((t) => t.origin === 'correction');
    expect(topics.filter((t) => t.draftStatus === 'suggested')).toHaveLength(strict.length);
    const collecting = topics.filter((t) => t.draftStatus === null);
    expect(collecting.length).toBeGreaterThan(0);
    expect(collecting.every((t) => t.agreeing < 60 || t.size < 60)).toBe(true);
  }, 120_000);

  it('counts a question collecting evidence once when the loop and a backfill read the same tickets', async () => {
    const handle = testEngine();
    const loops: { status: string }[] = [];
    handle.engine.on(
      (event, job) => event === 'job.done' && (job as { kind: string }).kind === 'learn.loop' && loops.push(job as { status: string }),
    );
    await runToEnd(handle, async () => (await handle.call('demo.create', { weeks: 3, perWeek: 200, seed: 5 })).job);
    await waitFor(() => loops[0], 60_000, 'the loop after the import');
    const db = handle.workspaces.requireCurrent().db;
    // tickets in more than one topic, one of them still collecting evidence
    const twice = () =>
      db
        .prepare(
          `SELECT tt.ticket_id FROM topic_tickets tt JOIN topics t ON t.id = tt.topic_id GROUP BY tt.ticket_id
           HAVING count(*) > 1 AND sum(NOT EXISTS (SELECT 1 FROM drafts d WHERE d.topic_id = t.id)) > 0`,
        )
        .pluck()
        .all();
    const collectingTickets = () =>
      db
        .prepare(
          'SELECT count(DISTINCT ticket_id) FROM topic_tickets tt WHERE NOT EXISTS (SELECT 1 FROM drafts d WHERE d.topic_id = tt.topic_id)',
        )
        .pluck()
        .get() as number;
    const afterLoop = collectingTickets();
    expect(afterLoop).toBeGreaterThan(0);

    const backfill = await runToEnd(handle, () => handle.call('learn.backfill', {}), 120_000);
    expect(backfill.status, backfill.error ?? '').toBe('done');
    // what the loop drafted is not drafted again, and the summary says so
    expect(backfill.message).toMatch(/ \([^)]*[\d,]+ tickets already with a card on the board, /);
    expect(twice()).toEqual([]);
    const listed = (await handle.call('topics.list', {})).filter((t) => t.draftStatus === null);
    expect(listed.reduce((n, t) => n + t.size, 0)).toBe(collectingTickets());

    await runToEnd(handle, () => handle.call('learn.run', {}), 60_000);
    expect(twice()).toEqual([]);
  }, 180_000);

  it('names a topic collecting evidence after the questions it keeps when the other way takes one', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Names' });
    await handle.call('learning.configure', { auto: false });
    const path = join(tempDir(), 'demo.jsonl');
    await writeDemoFile(path, { weeks: 2, perWeek: 150, seed: 9 });
    await runToEnd(handle, () => handle.call('import.start', { path }), 120_000);
    const db = handle.workspaces.requireCurrent().db;
    await learnTopics(db, 'backfill', db.prepare('SELECT id FROM tickets').pluck().all() as number[], 3);
    const questionsOf = (topic: number) =>
      db
        .prepare('SELECT pe.question FROM topic_tickets tt JOIN prepared_evidence pe ON pe.ticket_id = tt.ticket_id WHERE tt.topic_id = ?')
        .pluck()
        .all(topic) as string[];
    // a topic still collecting evidence, and the one ticket whose question it is named after
    const before = db
      .prepare(
        `SELECT t.id, t.label, t.representative, t.size FROM topics t WHERE NOT EXISTS (SELECT 1 FROM drafts d WHERE d.topic_id = t.id)
         AND t.size >= 2 ORDER BY t.size DESC, t.id`,
      )
      .all()
      .find(
        (t) => questionsOf((t as { id: number }).id).filter((q) => q === (t as { representative: string }).representative).length === 1,
      ) as { id: number; label: string; representative: string; size: number } | undefined;
    expect(before, 'a topic collecting evidence').toBeDefined();
    const namedAfter = db
      .prepare(
        'SELECT tt.ticket_id FROM topic_tickets tt JOIN prepared_evidence pe ON pe.ticket_id = tt.ticket_id WHERE tt.topic_id = ? AND pe.question = ?',
      )
      .pluck()
      .get(before!.id, before!.representative) as number;

    // the loop reads that ticket: it collects evidence there now
    await learnTopics(db, 'correction', [namedAfter], 3);
    const after = db.prepare('SELECT label, representative, size FROM topics WHERE id = ?').get(before!.id) as typeof before;
    expect(after!.size).toBe(before!.size - 1);
    expect(questionsOf(before!.id)).toContain(after!.representative);
    expect(after!.representative).not.toBe(before!.representative);
  }, 180_000);

  it('makes a conflict card, not a draft, when the team gives two answers at the same time', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Conflict' });
    const lines: string[] = [];
    for (let i = 0; i < 10; i++) {
      const day = `2026-03-${String(2 + i).padStart(2, '0')}`;
      const answer =
        i % 2 === 0
          ? '1. Open Settings → Warranty.\n2. Enter the serial number.\n3. Click Register.'
          : '1. Email warranty@example.com with your receipt.\n2. Wait for the confirmation.\n3. Keep the receipt.';
      lines.push(
        JSON.stringify({
          id: `W-${i}`,
          subject: 'Register the warranty',
          status: 'solved',
          created_at: `${day}T09:00:00Z`,
          requester: { id: `c-${i}`, name: `Customer ${i}` },
          messages: [
            { role: 'customer', created_at: `${day}T09:00:00Z`, body: 'How do I register my warranty?' },
            { role: 'bot', created_at: `${day}T09:00:05Z`, body: 'I’m not sure about that.' },
            { role: 'agent', created_at: `${day}T10:00:00Z`, body: answer },
          ],
        }),
      );
    }
    const path = join(tempDir(), 'conflict.jsonl');
    writeFileSync(path, lines.join('\n'));
    await runToEnd(handle, () => handle.call('import.start', { path }));
    await runToEnd(handle, () => handle.call('learn.run', {}));
    const drafts = await allDraftDetails(handle);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ kind: 'conflict', title: 'Conflicting answers: Register the warranty' });
    expect(drafts[0]!.bodyMd).toContain('Enter the serial number.');
    expect(drafts[0]!.bodyMd).toContain('Email [email] with your receipt.');
  });
});

describe('drafting with a local LLM', () => {
  it('drafts through the configured Ollama model, and keeps a cloud key out of the workspace', async () => {
    const reply = JSON.stringify({
      title: 'Register your warranty',
      summary: 'Register within 30 days of purchase to get two years of cover.',
      steps: ['Open Settings → Warranty.', 'Enter the serial number.'],
      waysAsked: ['How do I register my warranty?'],
      notes: [],
    });
    const fake = await startFakeOllama({ 'llama3.2': 0 }, [reply]);
    onCleanup(() => fake.close());
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'LLM' });
    const lines = Array.from({ length: 4 }, (_, i) =>
      JSON.stringify({
        id: `L-${i}`,
        subject: 'Warranty',
        status: 'solved',
        created_at: `2026-03-0${i + 1}T09:00:00Z`,
        requester: { id: `c-${i}` },
        messages: [
          { role: 'customer', created_at: `2026-03-0${i + 1}T09:00:00Z`, body: 'How do I register my warranty?' },
          { role: 'bot', created_at: `2026-03-0${i + 1}T09:00:05Z`, body: 'I’m not sure about that.' },
          { role: 'agent', created_at: `2026-03-0${i + 1}T10:00:00Z`, body: '1. Open Settings → Warranty.\n2. Enter the serial number.' },
        ],
      }),
    );
    const path = join(tempDir(), 'w.jsonl');
    writeFileSync(path, lines.join('\n'));
    await handle.call('learning.configure', { auto: false });
    await runToEnd(handle, () => handle.call('import.start', { path }));
    expect(
      await handle.call('drafting.configure', {
        provider: 'ollama',
        model: 'llama3.2',
        host: fake.url,
        apiKey: 'sk-should-not-be-in-sqlite',
      }),
    ).toMatchObject({ hasKey: true });
    await runToEnd(handle, () => handle.call('learn.run', {}));
    const [draft] = await handle.call('drafts.list', {});
    expect(draft).toMatchObject({ drafter: 'ollama:llama3.2', title: 'Register your warranty' });
    const db = handle.workspaces.requireCurrent().db;
    expect(JSON.stringify(db.prepare('SELECT * FROM settings').all())).not.toContain('sk-should-not-be-in-sqlite');
    expect(JSON.stringify(db.prepare('SELECT params FROM jobs').all())).not.toContain('sk-should-not-be-in-sqlite');
  });
});
