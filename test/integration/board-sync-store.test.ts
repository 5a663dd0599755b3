import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardSync } from '../../src/main/core/team/board-sync';
import { cardKeys, decide, putCard, readCard } from '../../src/main/core/team/shared-board';
import { testEngine } from '../helpers/temp';

describe('the shared board kept in the workspace', () => {
  it('appends what each sync pass changed, writes the whole document now and then, and loads the same board back', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Member' });
    const db = handle.workspaces.requireCurrent().db;
    const doc = new Y.Doc();
    for (let i = 0; i < 30; i++)
      putCard(doc, { key: `card-${i}`, kind: 'new', title: `Topic ${i}`, labels: [], evidence: [], body: `Text ${i}` });
    const sync = new BoardSync(db, doc, { member: 'ben', name: 'Ben', learner: false });
    sync.reconcile();
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    expect([count('team_state'), count('team_updates'), count('drafts')]).toEqual([1, 0, 30]);
    const whole = (db.prepare('SELECT length(doc) FROM team_state').pluck().get() as number) ?? 0;

    decide(doc, 'card-3', { member: 'ana', name: 'Ana' }, 'approve');
    sync.reconcile();
    expect(count('team_updates')).toBe(1);
    expect((db.prepare('SELECT length(changes) FROM team_updates').pluck().get() as number) < whole / 2).toBe(true);
    sync.reconcile(); // nothing changed: nothing written
    expect(count('team_updates')).toBe(1);

    const loaded = BoardSync.load(db);
    expect(cardKeys(loaded)).toEqual(cardKeys(doc));
    expect(readCard(loaded, 'card-3').decisions.map((d) => d.name)).toEqual(['Ana']);

    // many passes later the document is written whole again and the appended changes go
    for (let i = 0; i < 210; i++) {
      decide(doc, `card-${i % 30}`, { member: 'ana', name: 'Ana' }, i % 2 ? 'reopen' : 'reject', { reason: 'Not ours' });
      sync.reconcile();
    }
    expect(count('team_updates')).toBeLessThan(200);
    const again = BoardSync.load(db);
    for (const key of cardKeys(doc)) expect(readCard(again, key).decisions).toEqual(readCard(doc, key).decisions);
  });
});
