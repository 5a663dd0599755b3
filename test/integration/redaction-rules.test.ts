import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redactedEvidence } from '../../src/main/core/learn/store';
import { runToEnd, tempDir, testEngine } from '../helpers/temp';

const line = (id: string, question: string, reply: string) =>
  JSON.stringify({
    id,
    subject: 'Help',
    status: 'solved',
    created_at: '2026-11-02T09:00:00Z',
    requester: { id: `c-${id}`, name: 'Ada Lovelace', email: 'ada@example.com' },
    messages: [
      { id: 'm1', role: 'customer', public: true, created_at: '2026-11-02T09:00:00Z', body: question },
      { id: 'm2', role: 'agent', public: true, created_at: '2026-11-02T09:30:00Z', body: reply, author: { id: 'a1', name: 'Sam Agent' } },
    ],
  });

describe('redaction rules of the workspace', () => {
  it('adds the lead’s id formats and codenames to what is removed, previews them on a real ticket before saving, and refuses broken patterns', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Rules' });
    await handle.call('learning.configure', { auto: false });
    const file = join(tempDir(), 't.jsonl');
    writeFileSync(
      file,
      `${line('T-1', 'Where is my parcel BK/2231-77? It is for Project Falcon.', 'Your parcel BK/2231-77 ships today; Falcon orders go first.')}\n`,
    );
    await runToEnd(handle, () => handle.call('import.start', { path: file }));

    const before = await handle.call('redaction.preview', {});
    expect(before.original).toContain('BK/2231-77');
    expect(before.redacted).toContain('BK/2231-77');
    expect(before.redacted).not.toContain('Ada');

    // unsaved patterns: only the preview changes
    const trial = await handle.call('redaction.preview', {
      idPatterns: ['BK/\\d{4}-\\d{2}'],
      customPatterns: ['Project Falcon', '\\bFalcon\\b'],
    });
    expect(trial.redacted).toBe(
      'Where is my parcel [order id]? It is for [custom].\n\nYour parcel [order id] ships today; [custom] orders go first.',
    );
    expect(trial.counts).toMatchObject({ 'order id': 2, custom: 2 });
    const db = handle.workspaces.requireCurrent().db;
    expect(redactedEvidence(db, [before.ticketId])[0]!.question).toContain('BK/2231-77');

    // saved: every drafter's evidence from now on
    const saved = await handle.call('redaction.set', {
      idPatterns: ['BK/\\d{4}-\\d{2}', ' '],
      customPatterns: ['Project Falcon', '\\bFalcon\\b'],
    });
    expect(saved).toMatchObject({ idPatterns: ['BK/\\d{4}-\\d{2}'], customPatterns: ['Project Falcon', '\\bFalcon\\b'] });
    expect(saved.builtIn.length).toBeGreaterThan(0);
    const [evidence] = redactedEvidence(db, [before.ticketId]);
    expect(`${evidence!.question} ${evidence!.answer}`).not.toMatch(/BK\/2231|Falcon/);
    expect(evidence!.redacted).toMatchObject({ 'order id': 2, custom: 2 });

    await expect(handle.call('redaction.set', { idPatterns: ['('], customPatterns: [] })).rejects.toThrow(
      /The id pattern "\(" is not a valid regular expression/,
    );
    await expect(handle.call('redaction.set', { idPatterns: [], customPatterns: ['x*'] })).rejects.toThrow(/matches empty text/);
    expect((await handle.call('redaction.get', {})).customPatterns).toEqual(['Project Falcon', '\\bFalcon\\b']);
  });
});
