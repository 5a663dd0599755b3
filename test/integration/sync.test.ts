import { describe, expect, it } from 'vitest';
import { HELPDESK_KINDS, type HelpdeskKind } from '../../src/shared/domain/source';
import { Rng } from '../../src/main/core/demo/rng';
import { maxPerWindowAfterFirstLimit, startMockHelpdesk, type MockHelpdesk, type MockOptions } from '../helpers/helpdesks/server';
import { BOT_NAME, World } from '../helpers/helpdesks/world';
import { snapshot, syncHere, SimulatedCrash, type CrashPoint } from '../helpers/sync';
import { onCleanup, runToEnd, testEngine } from '../helpers/temp';

/** Helpdesks that mark no message as the AI's need the lead to name its author. */
const NEEDS_BOT_LIST: HelpdeskKind[] = ['zendesk', 'freshdesk', 'gorgias'];

async function mock(kind: HelpdeskKind, world: World, options: MockOptions = {}): Promise<MockHelpdesk> {
  const m = await startMockHelpdesk(kind, world, options);
  onCleanup(() => m.close());
  return m;
}

async function connected(kind: HelpdeskKind, m: MockHelpdesk, engine = testEngine()) {
  if (!engine.workspaces.current()) await engine.call('workspace.create', { name: `${kind} sync` });
  const source = await engine.call('sources.add', {
    kind,
    name: `Brightkettle ${kind}`,
    fields: m.credentials.fields,
    secrets: m.credentials.secrets,
    baseUrl: m.url,
    botIds: NEEDS_BOT_LIST.includes(kind) ? [BOT_NAME] : [],
    historyDays: 365,
    syncNow: false,
  });
  const db = engine.workspaces.requireCurrent().db;
  return { engine, db, source, secrets: m.credentials.secrets };
}

const world = World.demo({ weeks: 2, perWeek: 40, seed: 11 });

describe.each(HELPDESK_KINDS)('%s sync against its mock server', (kind) => {
  it('brings every ticket and message in, with the same AI flags as importing the tickets', async () => {
    const m = await mock(kind, world);
    const { engine, db, source, secrets } = await connected(kind, m);
    const summary = await syncHere(db, source.id, secrets);
    expect(summary.created).toBe(world.tickets.length);

    const snap = snapshot(db, source.id);
    expect(snap.tickets).toHaveLength(world.tickets.length);
    expect(snap.messages).toHaveLength(world.tickets.reduce((n, t) => n + t.messages.length, 0));
    expect(snap.fts).toBe(world.tickets.length);
    const flags = db.prepare('SELECT external_id, ai_involved, handover, unanswered, ai_resolved FROM tickets WHERE source_id = ?').all(source.id) as {
      external_id: string;
      ai_involved: number;
      handover: number;
    }[];
    for (const row of flags) {
      const t = world.get(Number(row.external_id))!;
      expect({ id: t.id, ai: row.ai_involved === 1, handover: row.handover === 1 }).toEqual({ id: t.id, ai: t.aiInvolved, handover: t.handover });
    }
    const roles = db.prepare(`SELECT role, count(*) AS n FROM messages GROUP BY role ORDER BY role`).all() as { role: string; n: number }[];
    const botMessages = world.tickets.reduce((n, t) => n + t.messages.filter((x) => x.author.kind === 'bot').length, 0);
    expect(roles.find((r) => r.role === 'bot')?.n).toBe(botMessages);

    // the status shows the sync; the source's secrets are not in the database
    const listed = (await engine.call('sources.list', {})).find((s) => s.id === source.id)!;
    expect(listed.tickets).toBe(world.tickets.length);
    expect(listed.sync).toMatchObject({ lastError: null, secretsSet: Object.keys(secrets) });
    const dump = JSON.stringify(db.prepare('SELECT * FROM sources').all());
    for (const value of Object.values(secrets)) expect(dump).not.toContain(value);
  });
});
