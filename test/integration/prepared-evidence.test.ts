import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareEvidence } from '../../src/main/core/draft/evidence';
import { redactionRules } from '../../src/main/core/draft/rules';
import { loadEvidence, redactedEvidence } from '../../src/main/core/learn/store';
import { runToEnd, tempDir, testEngine } from '../helpers/temp';

const line = (id: string, question: string, reply: string) =>
  JSON.stringify({
    id,
    subject: `Order #88123 for Grace`,
    status: 'solved',
    created_at: '2026-11-02T09:00:00Z',
    requester: { id: `c-${id}`, name: 'Grace Hopper', email: 'grace@example.com' },
    messages: [
      { id: `${id}-1`, role: 'customer', public: true, created_at: '2026-11-02T09:00:00Z', body: question },
      {
        id: `${id}-2`,
        role: 'agent',
        public: true,
        created_at: '2026-11-02T09:30:00Z',
        body: reply,
        author: { id: 'a1', name: 'Sam Agent' },
      },
    ],
  });

describe('prepared evidence kept per ticket', () => {
  it('is prepared once, read back while nothing changes, prepared again when the text or the rules change, and goes with its ticket', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Prepared' });
    await handle.call('learning.configure', { auto: false });
    const file = join(tempDir(), 't.jsonl');
    writeFileSync(
      file,
      [
        line(
          'P-1',
          'Hi, Grace here. My bill #00108 is wrong, call me on 0161 496 0000.',
          'Hi Grace,\n\nOpen Billing and press Dispute.\n\nSam',
        ),
        line('P-2', 'How do I reset my password? Account 123456789012.', 'Use the "Forgot password" link on the sign-in page.'),
        line('P-3', 'Can I change my delivery address?', 'Yes, until the order ships: Orders → Change address.'),
      ].join('\n'),
    );
    await runToEnd(handle, () => handle.call('import.start', { path: file }));
    const db = handle.workspaces.requireCurrent().db;
    const ids = db.prepare('SELECT id FROM tickets ORDER BY id').pluck().all() as number[];
    const direct = () => prepareEvidence(loadEvidence(db, ids), redactionRules(db));
    const stored = () => db.prepare('SELECT count(*) FROM prepared_evidence').pluck().get();

    const first = redactedEvidence(db, ids);
    expect(first).toEqual(direct());
    expect(first[0]!.question).not.toMatch(/Grace|00108|0161/);
    expect(stored()).toBe(3);
    expect(redactedEvidence(db, ids)).toEqual(first);

    // what is stored is what is read: a marked row comes back as it is
    db.prepare(`UPDATE prepared_evidence SET answer = 'kept answer' WHERE ticket_id = ?`).run(ids[2]);
    expect(redactedEvidence(db, [ids[2]!])[0]!.answer).toBe('kept answer');

    // the ticket's text changed: prepared again
    db.prepare(`UPDATE messages SET body = 'Only before it ships, under Orders.' WHERE ticket_id = ? AND role = 'agent'`).run(ids[2]);
    expect(redactedEvidence(db, [ids[2]!])[0]!.answer).toBe('Only before it ships, under Orders.');

    // the lead's rules changed: every ticket prepared again with them
    db.prepare(`UPDATE prepared_evidence SET answer = 'kept answer'`).run();
    await handle.call('redaction.set', { idPatterns: [], customPatterns: ['\\bDispute\\b'] });
    const withRules = redactedEvidence(db, ids);
    expect(withRules).toEqual(direct());
    expect(withRules[0]!.answer).toContain('[custom]');
    expect(withRules.map((e) => e.answer)).not.toContain('kept answer');

    // a workspace that takes no writes still gets its evidence
    db.prepare(`UPDATE messages SET body = 'Call us instead.' WHERE ticket_id = ? AND role = 'agent'`).run(ids[1]);
    db.pragma('query_only = ON');
    expect(redactedEvidence(db, [ids[1]!])[0]!.answer).toBe('Call us instead.');
    db.pragma('query_only = OFF');

    db.prepare('DELETE FROM tickets WHERE id = ?').run(ids[0]);
    expect(stored()).toBe(2);
  });
});
