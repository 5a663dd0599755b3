import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ftsQuery } from '../../src/main/core/tickets/query';
import { runToEnd, tempDir, testEngine } from '../helpers/temp';

const line = (
  id: string,
  createdAt: string,
  opts: { subject: string; body: string; tags?: string[]; status?: string; bot?: string | null; agent?: boolean },
) =>
  JSON.stringify({
    id,
    subject: opts.subject,
    status: opts.status ?? 'solved',
    created_at: createdAt,
    solved_at: createdAt,
    tags: opts.tags ?? [],
    messages: [
      { role: 'customer', created_at: createdAt, body: opts.body },
      ...(opts.bot === null ? [] : [{ role: 'bot', created_at: createdAt, body: opts.bot ?? 'Open Settings → Billing.' }]),
      ...(opts.agent ? [{ role: 'agent', created_at: createdAt.replace('T09', 'T11'), body: 'Here you go.' }] : []),
    ],
  });

async function browse() {
  const handle = testEngine();
  await handle.call('workspace.create', { name: 'Browse' });
  const path = join(tempDir(), 't.jsonl');
  writeFileSync(
    path,
    [
      line('A', '2026-03-02T09:00:00Z', {
        subject: 'Refund for a damaged lens',
        body: 'The zoom lens arrived cracked',
        tags: ['refund', 'damage'],
        agent: true,
        bot: 'I’m not sure.',
      }),
      line('B', '2026-03-03T09:00:00Z', { subject: 'Invoice copy', body: 'Need my invoice', tags: ['billing'] }),
      line('C', '2026-03-09T09:00:00Z', { subject: 'Café crème order', body: 'Where is my café order?', tags: ['shipping'], agent: true }),
      line('D', '2026-03-10T23:30:00Z', { subject: 'Password', body: 'forgot password', status: 'open', bot: null, agent: true }),
    ].join('\n'),
  );
  await runToEnd(handle, () => handle.call('import.start', { path }));
  const ids = async (filter: Record<string, unknown>) => (await handle.call('tickets.list', { filter })).rows.map((r) => r.externalId);
  return { ...handle, ids };
}

describe('ticket browser queries', () => {
  it('searches full text across subject and messages, accent- and case-insensitive, with prefixes', async () => {
    const { ids } = await browse();
    expect(await ids({ text: 'LENS' })).toEqual(['A']);
    expect(await ids({ text: 'cafe' })).toEqual(['C']);
    expect(await ids({ text: 'invo' })).toEqual(['B']); // prefix of the last word
    expect(await ids({ text: 'Settings billing' })).toEqual(['C', 'B']); // words from the bot's message
    expect(await ids({ text: '"); DROP TABLE tickets; --' })).toEqual([]);
    expect(await ids({})).toHaveLength(4);
    expect(await ids({ text: '***' })).toEqual(['D', 'C', 'B', 'A']); // nothing searchable: no text filter
  });

  it('filters by flags, status, tag and date range, newest first', async () => {
    const { ids } = await browse();
    expect(await ids({})).toEqual(['D', 'C', 'B', 'A']);
    expect(await ids({ handover: true })).toEqual(['C', 'A']);
    expect(await ids({ unanswered: true })).toEqual(['A']);
    expect(await ids({ aiResolved: true })).toEqual(['B']);
    expect(await ids({ aiInvolved: false })).toEqual(['D']);
    expect(await ids({ status: 'open' })).toEqual(['D']);
    expect(await ids({ tag: 'refund' })).toEqual(['A']);
    expect(await ids({ from: '2026-03-03', to: '2026-03-09' })).toEqual(['C', 'B']);
    expect(await ids({ to: '2026-03-10' })).toEqual(['D', 'C', 'B', 'A']); // the whole last day is included
    expect(await ids({ handover: true, tag: 'shipping' })).toEqual(['C']);
  });

  it('counts each flag within the other filters, and lists statuses and tags', async () => {
    const { call } = await browse();
    const all = await call('tickets.facets', {});
    expect(all).toMatchObject({ total: 4, aiInvolved: 3, handover: 2, aiResolved: 1, unanswered: 1 });
    expect(all.statuses).toEqual([
      { value: 'solved', count: 3 },
      { value: 'open', count: 1 },
    ]);
    expect(all.tags.map((t) => t.value).sort()).toEqual(['billing', 'damage', 'refund', 'shipping']);
    const handovers = await call('tickets.facets', { filter: { handover: true } });
    expect(handovers.handover).toBe(2); // flag counts ignore flag filters, so chips keep their numbers
    expect(handovers.statuses).toEqual([{ value: 'solved', count: 2 }]);
  });

  it('pages through results and opens one ticket with its conversation in order', async () => {
    const { call } = await browse();
    const page = await call('tickets.list', { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.externalId)).toEqual(['C', 'B']);
    const ticket = await call('tickets.get', { id: page.rows[0]!.id });
    expect(ticket.messages.map((m) => m.role)).toEqual(['customer', 'bot', 'agent']);
    expect(ticket.preview).toBe('Where is my café order?');
    expect(ticket.tags).toEqual(['shipping']);
  });

  it('previews what the customer asks, not the hello before it nor the signature under it, with a question sent in two messages whole', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Chat' });
    const path = join(tempDir(), 'chat.jsonl');
    const at = (minute: number) => `2026-03-02T09:0${minute}:00Z`;
    const email = {
      id: 'mail-1',
      status: 'solved',
      created_at: at(2),
      messages: [
        {
          role: 'customer',
          created_at: at(2),
          body: 'Hi there,\n\nAre your cards available in Europe?\n\nThanks,\nTomasz Nowak\nFinance Manager | Oakfield Dental\nTel: +44 20 7946 1850',
        },
        { role: 'agent', created_at: at(6), body: 'Yes, in every EU country.' },
      ],
    };
    writeFileSync(
      path,
      [
        JSON.stringify({
          id: 'chat-1',
          status: 'solved',
          created_at: at(0),
          messages: [
            { role: 'customer', created_at: at(0), body: 'hi' },
            { role: 'customer', created_at: at(1), body: 'My card was' },
            { role: 'customer', created_at: at(1), body: 'stolen last night.' },
            { role: 'agent', created_at: at(5), body: 'Freeze it under Card > Freeze.' },
          ],
        }),
        JSON.stringify(email),
      ].join('\n'),
    );
    await runToEnd(handle, () => handle.call('import.start', { path }));
    const { rows } = await handle.call('tickets.list', {});
    expect(rows.map((r) => r.preview)).toEqual(['Are your cards available in Europe?', 'My card was stolen last night.']);
    const [hit] = await handle.call('search.query', { text: 'stolen', limit: 5 });
    expect(hit!.preview).toBe('My card was stolen last night.');
    const [mail] = await handle.call('search.query', { text: 'Europe', limit: 5 });
    expect(mail!.preview).toBe('Are your cards available in Europe?');
  });

  it('turns any typed text into a safe FTS query', () => {
    expect(ftsQuery('refund lens')).toBe('"refund" "lens"*');
    expect(ftsQuery('a"b OR c*')).toBe('"a" "b" "OR" "c"*');
    expect(ftsQuery('  --- ')).toBeNull();
  });
});
