import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, decide, outcomeOf, putCard, readCard, undoOwn } from '../../src/main/core/team/shared-board';

const ana = { member: 'm-ana', name: 'Ana' };
const ben = { member: 'm-ben', name: 'Ben' };

/** Two members' copies; `sync` exchanges what each has that the other lacks, as the server would on reconnecting. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, toB);
    Y.applyUpdate(a, toA);
  };
  putCard(a, {
    key: 'topic-7',
    kind: 'new',
    title: 'Reset a password',
    labels: ['account'],
    evidence: [
      {
        externalId: 'Z-101',
        link: 'https://acme.zendesk.com/agent/tickets/101',
        question: 'How do I reset my password?',
        answer: 'Use the link.',
      },
    ],
    body: 'Open Settings. Press Reset.',
  });
  sync();
  return { a, b, sync };
}

describe('the shared review board', () => {
  it('merges two members’ edits of one card made at the same time', () => {
    const { a, b, sync } = pair();
    bodyOf(a, 'topic-7').insert(0, 'To reset your password: ');
    const text = bodyOf(b, 'topic-7');
    text.insert(text.length, ' You get an email.');
    sync();
    expect(readCard(a, 'topic-7').body).toBe('To reset your password: Open Settings. Press Reset. You get an email.');
    expect(readCard(b, 'topic-7').body).toBe(readCard(a, 'topic-7').body);
  });

  it('approve against reject at once: one outcome for both, the approval stands, the audit keeps both and names who gave way', () => {
    const { a, b, sync } = pair();
    const approval = decide(a, 'topic-7', ana, 'approve', { at: '2026-12-01T10:00:05Z' });
    const rejection = decide(b, 'topic-7', ben, 'reject', { reason: 'Duplicate', at: '2026-12-01T10:00:01Z' });
    sync();
    const [oa, ob] = [outcomeOf(readCard(a, 'topic-7').decisions), outcomeOf(readCard(b, 'topic-7').decisions)];
    expect(oa).toEqual(ob);
    expect(oa.status).toBe('approved');
    expect(oa.decision?.id).toBe(approval.id);
    expect(oa.overruled.map((o) => [o.decision.id, o.by.name])).toEqual([[rejection.id, 'Ana']]);
    expect(
      readCard(a, 'topic-7')
        .decisions.map((d) => d.name)
        .sort(),
    ).toEqual(['Ana', 'Ben']);
    expect(oa.versions.map((v) => v.text)).toEqual(['Open Settings. Press Reset.']);
  });

  it('two different texts approved at once are both kept as versions, the later one current', () => {
    const { a, b, sync } = pair();
    bodyOf(a, 'topic-7').insert(0, 'A: ');
    const first = decide(a, 'topic-7', ana, 'approve', { at: '2026-12-01T10:00:00Z' });
    bodyOf(b, 'topic-7').insert(0, 'B: ');
    const second = decide(b, 'topic-7', ben, 'approve', { at: '2026-12-01T10:00:02Z' });
    sync();
    const o = outcomeOf(readCard(b, 'topic-7').decisions);
    expect(o.versions.map((v) => [v.text, v.by])).toEqual([
      ['A: Open Settings. Press Reset.', 'Ana'],
      ['B: Open Settings. Press Reset.', 'Ben'],
    ]);
    expect(o.decision?.id).toBe(second.id);
    expect(o.overruled.map((x) => x.decision.id)).toEqual([first.id]);
  });

  it('a decision taken after seeing another replaces it; undo takes back only one’s own decision', () => {
    const { a, b, sync } = pair();
    decide(a, 'topic-7', ana, 'reject', { reason: 'Not yet', at: '2026-12-01T09:00:00Z' });
    sync();
    decide(b, 'topic-7', ben, 'reopen', { at: '2026-12-01T09:05:00Z' });
    sync();
    expect(outcomeOf(readCard(a, 'topic-7').decisions).status).toBe('open');
    expect(outcomeOf(readCard(a, 'topic-7').decisions).overruled).toEqual([]);

    const approval = decide(a, 'topic-7', ana, 'approve', { at: '2026-12-01T09:10:00Z' });
    sync();
    expect(undoOwn(a, 'topic-7', ben.member)).toBeNull(); // nothing of Ben's is in force
    expect(undoOwn(a, 'topic-7', ana.member)).not.toBeNull();
    sync();
    expect(outcomeOf(readCard(b, 'topic-7').decisions).status).toBe('open');
    // Ben cannot take back Ana's approval by writing an undo in his name
    const forged = { ...approval, id: 'forged', member: ben.member, action: 'undo' as const, undoes: approval.id, seen: [approval.id] };
    const decisions = [...readCard(a, 'topic-7').decisions.filter((d) => d.action !== 'undo'), forged];
    expect(outcomeOf(decisions).status).toBe('approved');
  });

  it('a member offline for a while catches up on reconnecting, with nothing lost or doubled', () => {
    const { a, b, sync } = pair();
    for (let i = 0; i < 20; i++)
      putCard(b, { key: `topic-${100 + i}`, kind: 'new', title: `Card ${i}`, labels: [], evidence: [], body: `Text ${i}` });
    decide(a, 'topic-7', ana, 'approve');
    bodyOf(b, 'topic-7').insert(0, 'Offline edit. ');
    sync();
    sync();
    const keys = (d: Y.Doc) => [...d.getMap('cards').keys()].sort();
    expect(keys(a)).toEqual(keys(b));
    expect(keys(a)).toHaveLength(21);
    expect(readCard(a, 'topic-7').decisions).toHaveLength(1);
    expect(readCard(a, 'topic-7').body).toBe('Offline edit. Open Settings. Press Reset.');
    // the approval kept the text Ana approved, whatever was edited afterwards
    expect(outcomeOf(readCard(a, 'topic-7').decisions).versions[0]!.text).toBe('Open Settings. Press Reset.');
  });
});
