import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src/shared/domain/ticket';
import { main } from '../../src/main/host/cli';
import { REPLY_AFTER_BOT } from '../../src/main/core/tickets/sql';
import { runToEnd, tempDir, testEngine } from '../helpers/temp';

const good = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    subject: `Question ${id}`,
    status: 'solved',
    created_at: '2026-03-02T09:14:00Z',
    tags: ['refund'],
    messages: [
      { id: 'm1', role: 'customer', created_at: '2026-03-02T09:14:00Z', body: `How do refunds work? (${id})` },
      { id: 'm2', role: 'bot', created_at: '2026-03-02T09:14:10Z', body: 'I’m not sure, let me connect you with a teammate.' },
      { id: 'm3', role: 'agent', created_at: '2026-03-02T10:00:00Z', body: 'Refunds take 3–5 days.', author: { id: 'a-1', name: 'Priya' } },
    ],
    ...extra,
  });

async function workspace() {
  const handle = testEngine();
  await handle.call('workspace.create', { name: 'Imports' });
  const dir = tempDir();
  const importFile = async (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    const job = await runToEnd(handle, () => handle.call('import.start', { path }));
    expect(job.status, job.error ?? '').toBe('done');
    return job.result as ImportSummary;
  };
  const count = (sql: string) => (handle.workspaces.requireCurrent().db.prepare(sql).get() as { n: number }).n;
  return { ...handle, importFile, count };
}

describe('open-format import', () => {
  it('reports every kind of bad line with its number and reason, and imports the rest', async () => {
    const { importFile, count } = await workspace();
    const tenMb = 'x'.repeat(10 * 1024 * 1024);
    const lines = [
      good('T-1'),
      '{"id": "T-2", "created_at": ', // malformed
      JSON.stringify({ id: 'T-3', messages: [{ role: 'customer', body: 'hi' }] }), // missing created_at
      JSON.stringify({ id: 'T-4', created_at: '2026-02-30T25:00:00Z', messages: [{ role: 'customer', body: 'hi' }] }), // wrong date
      JSON.stringify({ id: 'T-5', created_at: '2026-03-02T09:00:00Z', messages: [{ role: 'robot', body: 'beep' }] }), // unknown role
      JSON.stringify({ id: 'T-6', created_at: '2026-03-02T09:00:00Z', messages: [{ role: 'customer', body: tenMb }] }), // 10 MB body
      good('T-8'),
    ];
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"id":"T-7","created_at":"2026-03-02T09:00:00Z","messages":[{"role":"customer","body":"caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}]}'),
    ]);
    const content = Buffer.concat([Buffer.from(lines.slice(0, 6).join('\n') + '\n'), invalidUtf8, Buffer.from('\n\n' + lines[6] + '\n')]);
    const summary = await importFile('mixed.jsonl', content);

    expect(summary).toMatchObject({ imported: 2, updated: 0, unchanged: 0, skipped: 6 });
    const byLine = Object.fromEntries(summary.issues.map((i) => [i.line, i.reason]));
    expect(Object.keys(byLine).map(Number)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(byLine[2]).toMatch(/not valid JSON/);
    expect(byLine[3]).toBe('created_at is missing');
    expect(byLine[4]).toMatch(/created_at: .*not a valid date/);
    expect(byLine[5]).toMatch(/messages\.0\.role: unknown role "robot"/);
    expect(byLine[6]).toMatch(/messages\.0\.body: body is 10\.0 MB; the limit is 1 MB/);
    expect(byLine[7]).toBe('invalid UTF-8');
    expect(count('SELECT count(*) AS n FROM tickets')).toBe(2);
  });

  it('says a reason the lines share once, with how many it covers and the first of them', async () => {
    const { importFile } = await workspace();
    const ticket = (i: number, createdAt: string, role: string) =>
      JSON.stringify({
        id: `T-${i}`,
        created_at: createdAt,
        messages: [{ role, created_at: '2026-03-02T09:00:00Z', body: 'Where is my order?' }],
      });
    const lines = Array.from({ length: 500 }, (_, i) =>
      i % 100 === 0
        ? ticket(i, `03/0${1 + (i % 7)}/2026`, 'customer')
        : ticket(i, '2026-03-02T09:00:00Z', i % 2 ? 'assistant' : 'customer'),
    );
    const summary = await importFile('shared.jsonl', lines.join('\n'));
    expect(summary).toMatchObject({ imported: 245, skipped: 255 });
    expect(summary.issues).toHaveLength(200); // as many as are kept one by one
    expect(summary.reasons).toEqual([
      {
        reason: expect.stringMatching(/^created_at: "03\/01\/2026" is not a valid date/),
        lines: 5,
        first: [1, 101, 201, 301, 401],
        alike: true,
      },
      {
        reason: expect.stringMatching(/^messages\.0\.role: role "assistant" could be a person or the AI agent/),
        lines: 250,
        first: [2, 4, 6, 8, 10],
      },
    ]);

    // the command line says each once too
    const file = join(tempDir(), 'shared.jsonl');
    writeFileSync(file, lines.join('\n'));
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => {}, stdin: async () => [] };
    await main(['import', file, '--data-dir', tempDir()], io);
    expect(out.filter((l) => l.includes('could be a person or the AI agent'))).toEqual([
      expect.stringMatching(/^ {2}250 lines \(2, 4, 6, 8, 10, …\): messages\.0\.role: role "assistant"/),
    ]);
    expect(out.filter((l) => l.includes('is not a valid date'))).toEqual([
      expect.stringMatching(/^ {2}5 lines \(1, 101, 201, 301, 401\): created_at: "03\/01\/2026" .*\(line 1; the others alike\)$/),
    ]);
  });

  it('is idempotent: the same file again changes nothing; a newer version updates the ticket', async () => {
    const { importFile, count, call } = await workspace();
    const file = [good('T-1'), good('T-2')].join('\n');
    expect(await importFile('a.jsonl', file)).toMatchObject({ imported: 2, updated: 0, unchanged: 0, skipped: 0 });
    expect(await importFile('a.jsonl', file)).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
    expect(count('SELECT count(*) AS n FROM messages')).toBe(6);

    const newer = good('T-2', {
      subject: 'Refund for a damaged lens',
      messages: [
        { id: 'm1', role: 'customer', created_at: '2026-03-02T09:14:00Z', body: 'How do refunds work? (T-2)' },
        { id: 'm4', role: 'customer', created_at: '2026-03-03T08:00:00Z', body: 'Still waiting for the lens refund.' },
      ],
    });
    expect(await importFile('b.jsonl', newer)).toMatchObject({ imported: 0, updated: 1, unchanged: 0 });
    expect(count('SELECT count(*) AS n FROM tickets')).toBe(2);
    expect(count('SELECT count(*) AS n FROM messages')).toBe(7); // m4 added, earlier ones kept
    const page = await call('tickets.list', { filter: { text: 'lens' } });
    expect(page.rows.map((r) => r.externalId)).toEqual(['T-2']);
    expect(page.rows[0]!.subject).toBe('Refund for a damaged lens');
  });

  it('reads the names exports give the roles, and asks which one an ambiguous name means', async () => {
    const { importFile, call } = await workspace();
    const line = (id: string, roles: string[]) =>
      JSON.stringify({
        id,
        created_at: '2026-03-02T09:00:00Z',
        messages: roles.map((role, i) => ({ role, created_at: `2026-03-02T09:0${i}:00Z`, body: `message ${i} as ${role}` })),
      });
    const summary = await importFile(
      'roles.jsonl',
      [line('R-1', ['End-User', 'AI', 'admin']), line('R-2', ['visitor', 'assistant']), line('R-3', ['constructor'])].join('\n'),
    );
    expect(summary).toMatchObject({ imported: 1, skipped: 2 });
    expect(summary.issues.map((i) => i.reason)).toEqual([
      'messages.1.role: role "assistant" could be a person or the AI agent: use agent for a person, bot for the AI agent',
      'messages.0.role: unknown role "constructor" (use customer, agent, bot, system)',
    ]);
    const detail = await call('tickets.get', { id: (await call('tickets.list', {})).rows[0]!.id });
    expect(detail.messages.map((m) => m.role)).toEqual(['customer', 'bot', 'agent']);
  });

  it('reads Unix times, in seconds or milliseconds, as numbers or digits', async () => {
    const { importFile, call } = await workspace();
    const line = JSON.stringify({
      id: 'U-1',
      created_at: 1772442840,
      solved_at: '1772446440',
      messages: [
        { role: 'customer', created_at: 1772442840000, body: 'How do refunds work?' },
        { role: 'agent', created_at: '1772444640000', body: 'Refunds take 5 to 10 working days.' },
      ],
    });
    expect(await importFile('unix.jsonl', line)).toMatchObject({ imported: 1, skipped: 0 });
    const detail = await call('tickets.get', { id: (await call('tickets.list', {})).rows[0]!.id });
    expect([detail.createdAt, ...detail.messages.map((m) => m.createdAt)]).toEqual([
      '2026-03-02T09:14:00.000Z',
      '2026-03-02T09:14:00.000Z',
      '2026-03-02T09:44:00.000Z',
    ]);
    expect(detail).toMatchObject({ solvedAt: '2026-03-02T10:14:00.000Z' });
  });

  it('reads dates with the zone after a space or named UTC, and mail dates; a date with slashes asks for ISO 8601', async () => {
    const { importFile, call } = await workspace();
    const written = ['2026-03-02 09:14:00 UTC', '2026-03-02 10:14:00 +0100', 'Mon, 02 Mar 2026 09:14:00 GMT', '2 Mar 2026 09:14 +0000'];
    const lines = [...written, '03/02/2026 09:14'].map((createdAt, i) =>
      JSON.stringify({ id: `D-${i}`, created_at: createdAt, messages: [{ role: 'customer', body: 'How do refunds work?' }] }),
    );
    const summary = await importFile('dates.jsonl', lines.join('\n'));
    expect(summary).toMatchObject({ imported: 4, skipped: 1 });
    expect(summary.issues).toEqual([
      { line: 5, reason: expect.stringMatching(/"03\/02\/2026 09:14" .*day and month could be either way round/) },
    ]);
    const rows = (await call('tickets.list', {})).rows;
    expect(rows.map((r) => r.createdAt)).toEqual(written.map(() => '2026-03-02T09:14:00.000Z'));
  });

  it('derives the flags every screen reads', async () => {
    const { importFile, call } = await workspace();
    await importFile('flags.jsonl', good('T-1'));
    const [ticket] = (await call('tickets.list', {})).rows;
    expect(ticket).toMatchObject({
      aiInvolved: true,
      handover: true,
      unanswered: true,
      aiResolved: false,
      handoverAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('reads a helpdesk’s automatic notices as its own: no AI agent at work, no person’s reply, no answer', async () => {
    const { importFile, call, workspaces } = await workspace();
    const at = (second: number) => new Date(Date.parse('2026-03-02T09:00:00Z') + second * 1000).toISOString();
    const autoReply = 'Thanks for reaching out! We’ve received your message and will get back to you within 24 hours.';
    const tickets: { id: string; messages: [string, string, number][] }[] = [
      // a chat's operator before and after a person: nobody's AI agent was at work
      {
        id: 'OP',
        messages: [
          ['customer', 'Can I change my delivery address?', 0],
          ['bot', 'The team typically replies in a few hours.', 5],
          ['agent', 'Yes: open Orders and pick Change address.', 600],
          ['bot', 'How would you rate your conversation with us?', 1200],
        ],
      },
      // the AI agent answered and the ticket closed; the rule's acknowledgement in an agent's name is no person's reply
      {
        id: 'AI',
        messages: [
          ['customer', 'How long do refunds take?', 0],
          ['agent', autoReply, 10],
          ['bot', 'Refunds take 5 to 10 working days.', 20],
        ],
      },
      // a handover whose answer comes after the rule's acknowledgement
      {
        id: 'HO',
        messages: [
          ['customer', 'My card was declined', 0],
          ['bot', 'I’m not sure, let me connect you with a teammate.', 10],
          ['agent', autoReply, 15],
          ['agent', 'Declines usually mean the card is frozen: unfreeze it in Cards.', 900],
        ],
      },
      // a person's reply an hour later that opens like a notice is their answer
      {
        id: 'LATE',
        messages: [
          ['customer', 'Please cancel my subscription', 0],
          ['bot', 'I’m not sure, let me connect you with a teammate.', 10],
          ['agent', 'We have received your request and cancelled your subscription.', 3600],
        ],
      },
      // the customer asked twice; the AI agent answered here, and the agent merged this ticket into the other an hour on
      {
        id: 'DUP',
        messages: [
          ['customer', 'Where is my parcel?', 0],
          ['bot', 'Parcels arrive within 3 working days; the tracking link is in your confirmation email.', 10],
          ['agent', 'This request was closed and merged into request #4821 "Parcel not arrived".', 3600],
        ],
      },
      // the other ticket: the merge brings the customer's words in, then the person answers
      {
        id: '4821',
        messages: [
          ['customer', 'My parcel has not arrived', 0],
          [
            'agent',
            'Request #4820 "Where is my parcel?" was closed and merged into this request. Last comment in request #4820:\n\nWhere is my parcel?',
            3600,
          ],
          ['agent', 'It left our warehouse late: it arrives tomorrow.', 3700],
        ],
      },
    ];
    const lines = tickets.map(({ id, messages }) =>
      JSON.stringify({
        id,
        status: 'solved',
        created_at: at(0),
        solved_at: at(7200),
        messages: messages.map(([role, body, second], i) => ({ id: `m${i}`, role, created_at: at(second), body })),
      }),
    );
    await importFile('notices.jsonl', lines.join('\n'));
    const rows = (await call('tickets.list', {})).rows;
    const flags = (id: string) => rows.find((r) => r.externalId === id)!;
    expect(flags('OP')).toMatchObject({ aiInvolved: false, handover: false, aiResolved: false });
    expect(flags('AI')).toMatchObject({ aiInvolved: true, handover: false, aiResolved: true });
    expect(flags('HO')).toMatchObject({ aiInvolved: true, handover: true, unanswered: true, handoverAt: '2026-03-02T09:15:00.000Z' });
    expect(flags('LATE')).toMatchObject({ handover: true, handoverAt: '2026-03-02T10:00:00.000Z' });
    // a merge note is nobody's reply, and a ticket merged away is no question the AI agent resolved
    expect(flags('DUP')).toMatchObject({ aiInvolved: true, handover: false, aiResolved: false });

    const detail = await call('tickets.get', { id: flags('HO').id });
    expect(detail.messages.map((m) => m.role)).toEqual(['customer', 'bot', 'system', 'agent']);
    const db = workspaces.requireCurrent().db;
    const reply = (id: string) =>
      (db.prepare(`SELECT ${REPLY_AFTER_BOT} AS reply FROM tickets t WHERE external_id = ?`).get(id) as { reply: string }).reply;
    expect(reply('HO')).toBe('Declines usually mean the card is frozen: unfreeze it in Cards.');
    expect(reply('LATE')).toBe('We have received your request and cancelled your subscription.');
    const roles = async (id: string) => (await call('tickets.get', { id: flags(id).id })).messages.map((m) => m.role);
    expect(await roles('DUP')).toEqual(['customer', 'bot', 'system']);
    expect(await roles('4821')).toEqual(['customer', 'system', 'agent']);
  });

  it('imports CSV, one row per message, with quoted newlines, and reports bad rows by line', async () => {
    const { importFile, call, count } = await workspace();
    const csv = [
      'ticket_id,message_id,created_at,role,public,body,subject,status',
      'C-1,m1,2026-03-02T09:00:00Z,customer,true,"Where is my order?",Where is my order,solved',
      'C-1,m2,2026-03-02T09:00:05Z,bot,true,"Here is how:\nopen Orders.",,',
      'C-1,m3,2026-03-02T09:30:00Z,agent,true,"It ships tomorrow, ""express"".",,solved',
      'C-2,m1,not-a-date,customer,true,hello,Hello,open',
      'C-2,m2,2026-03-03T10:00:00Z,customer,true,hello again,Hello,open',
      'C-3,m1,2026-03-03T11:00:00Z,martian,true,zzz,Z,open',
    ].join('\n');
    const summary = await importFile('export.csv', csv);
    expect(summary).toMatchObject({ format: 'csv', imported: 2, skipped: 2 });
    expect(summary.issues).toEqual([
      { line: 6, reason: expect.stringMatching(/created_at: .*not a valid date/) },
      { line: 8, reason: expect.stringMatching(/role: unknown role "martian"/) },
    ]);
    const detail = await call('tickets.get', { id: (await call('tickets.list', { filter: { text: 'express' } })).rows[0]!.id });
    expect(detail.messages.map((m) => m.role)).toEqual(['customer', 'bot', 'agent']);
    expect(detail.messages[1]!.body).toBe('Here is how:\nopen Orders.');
    expect(detail.messages[2]!.body).toBe('It ships tomorrow, "express".');
    expect(detail).toMatchObject({ aiInvolved: true, handover: true, status: 'solved' });
    expect(await importFile('export.csv', csv)).toMatchObject({ imported: 0, unchanged: 2 });
    expect(count('SELECT count(*) AS n FROM messages')).toBe(4);
  });

  it('keeps a body an export left in HTML as its text, and plain text with a "<" as it is', async () => {
    const { importFile, call } = await workspace();
    const html = good('H-1', {
      messages: [
        { id: 'm1', role: 'customer', body: '<p>Hi,<br>my kettle &amp; its <b>lid</b> leak.</p><div>Hannah</div>' },
        { id: 'm2', role: 'agent', body: '<ol><li>Open the lid.</li><li>Check the seal.</li></ol><script>alert(1)</script>' },
        { id: 'm3', role: 'customer', body: 'Thanks <3 and 2 < 3' },
      ],
    });
    expect(await importFile('html.jsonl', html)).toMatchObject({ imported: 1 });
    const detail = await call('tickets.get', { id: (await call('tickets.list', {})).rows[0]!.id });
    expect(detail.messages.map((m) => m.body)).toEqual([
      'Hi,\nmy kettle & its lid leak.\n\nHannah',
      '- Open the lid.\n- Check the seal.',
      'Thanks <3 and 2 < 3',
    ]);
  });

  it('reads a CSV saved with semicolons (as spreadsheets in many locales do) or tabs', async () => {
    const { importFile, call } = await workspace();
    const rows = (d: string) =>
      [
        ['ticket_id', 'created_at', 'role', 'body', 'subject'],
        ['S-1', '2026-03-02T09:00:00Z', 'customer', '"Where is my order; it said 2, then 3 days"', 'Order'],
        ['S-1', '2026-03-02T09:30:00Z', 'agent', '"It ships tomorrow, by courier; tracking follows."', ''],
      ]
        .map((r) => r.join(d))
        .join('\r\n');
    expect(await importFile('export.csv', '\uFEFF' + rows(';'))).toMatchObject({ format: 'csv', imported: 1, skipped: 0 });
    const detail = await call('tickets.get', { id: (await call('tickets.list', { filter: { text: 'courier' } })).rows[0]!.id });
    expect(detail.messages.map((m) => m.body)).toEqual([
      'Where is my order; it said 2, then 3 days',
      'It ships tomorrow, by courier; tracking follows.',
    ]);
    expect(detail.subject).toBe('Order');
    expect(await importFile('export.tsv', rows('\t').replaceAll('S-1', 'S-2'))).toMatchObject({ format: 'csv', imported: 1, skipped: 0 });
    // a comma header whose quoted field holds semicolons is still comma-separated
    expect(await importFile('commas.csv', rows(',').replaceAll('S-1', 'S-3'))).toMatchObject({ imported: 1, skipped: 0 });
    // a spreadsheet's headings name the same columns
    const headings = rows(',').replace('ticket_id,created_at,role,body,subject', 'Ticket ID,Created At,Role,Body,Subject');
    expect(await importFile('headings.csv', headings.replaceAll('S-1', 'S-4'))).toMatchObject({ imported: 1, skipped: 0 });
    expect((await call('tickets.list', { filter: { text: 'courier' } })).rows.map((r) => r.externalId)).toContain('S-4');
  });

  it('refuses a CSV without the required columns, clearly', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Bad CSV' });
    const path = join(tempDir(), 'bad.csv');
    writeFileSync(path, 'id,text\n1,hello\n');
    const job = await runToEnd(handle, () => handle.call('import.start', { path }));
    expect(job.status).toBe('failed');
    expect(job.error).toBe('the CSV header lacks the columns ticket_id, created_at, role, body (it has: id, text)');
  });

  it('answers a missing file with NOT_FOUND', async () => {
    const { engine } = await workspace();
    expect(await engine.dispatch('import.start', { path: '/nowhere/tickets.jsonl' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await engine.dispatch('import.start', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('imports through chunked uploads, as the interface does, and removes the copy afterwards', async () => {
    const { call, engine, dataDir } = await workspace();
    const content = Buffer.from([good('U-1'), good('U-2')].join('\n'));
    const { id } = await call('uploads.begin', { name: 'upload.jsonl' });
    await call('uploads.append', { id, offset: 0, data: content.subarray(0, 100).toString('base64') });
    await call('uploads.append', { id, offset: 0, data: content.subarray(0, 100).toString('base64') }); // a retry: ignored
    expect(await engine.dispatch('uploads.append', { id, offset: 500, data: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await call('uploads.append', { id, offset: 100, data: content.subarray(100).toString('base64') });
    const job = await runToEnd({ engine }, () => call('import.start', { upload: id }));
    expect(job.result).toMatchObject({ file: 'upload.jsonl', imported: 2 });
    const files = new Database(join(dataDir, 'workspaces', 'imports.tideline.db'), { readonly: true });
    files.close();
    expect(await engine.dispatch('import.start', { upload: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('hostile lines', () => {
  it('refuses a line nested 100,000 levels deep by its number and keeps every other line', async () => {
    const { importFile, count } = await workspace();
    const deep = JSON.parse(good('T-2')) as Record<string, unknown>;
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepLine = JSON.stringify({ ...deep, truth: 'X' }).replace('"X"', nested);
    const lines = [good('T-1'), deepLine, ...Array.from({ length: 20 }, (_, i) => good(`T-${i + 3}`))];
    const summary = await importFile('deep.jsonl', lines.join('\n') + '\n');
    expect(summary).toMatchObject({ imported: 21, skipped: 1 });
    expect(summary.issues).toEqual([{ line: 2, reason: 'nested deeper than 64 levels' }]);
    expect(count('SELECT count(*) AS n FROM tickets')).toBe(21);
  });

  it('a stray quote in a CSV costs only its own row: reported at its line, every other row kept', async () => {
    const { importFile, count, workspaces } = await workspace();
    const csv = (badBody: string) => {
      const rows = ['ticket_id,created_at,role,body'];
      for (let i = 1; i < 10_000; i++) rows.push(`T-${i},2026-03-02T09:00:00Z,customer,${i === 19 ? badBody : `Question ${i}`}`);
      return rows.join('\n') + '\n';
    };
    for (const [name, body] of [
      ['closed-too-early.csv', '"He said "hi" and left'],
      ['never-closed.csv', '"He said hi and left'],
    ] as const) {
      const summary = await importFile(name, csv(body));
      expect(summary.issues, name).toEqual([{ line: 20, reason: 'a quote opened on this line is never closed' }]);
      expect(summary.skipped, name).toBe(1);
      expect(summary.imported + summary.unchanged, name).toBe(9_998);
    }
    expect(count('SELECT count(*) AS n FROM tickets')).toBe(9_998);
    // a quoted field over several lines is still one row, and quotes inside a plain field are kept
    const fine = [
      'ticket_id,created_at,role,body',
      'Q-1,2026-03-02T09:00:00Z,customer,"two',
      'lines with ""quotes"""',
      'Q-2,2026-03-02T09:00:00Z,customer,He said "hi"',
    ].join('\n');
    expect(await importFile('fine.csv', fine + '\n')).toMatchObject({ imported: 2, skipped: 0 });
    const body = (id: string) =>
      workspaces
        .requireCurrent()
        .db.prepare('SELECT m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.external_id = ?')
        .pluck()
        .get(id);
    expect(body('Q-1')).toBe('two\nlines with "quotes"');
    expect(body('Q-2')).toBe('He said "hi"');
  });

  it('refuses a CSV field over the size limit without keeping it, and keeps the rows around it', async () => {
    const { importFile } = await workspace();
    const hugeLines = Array.from({ length: 18 }, () => 'x'.repeat(1024 * 1024)).join('\n'); // 18 MB over 18 lines
    const csv = [
      'ticket_id,created_at,role,body',
      'A-1,2026-03-02T09:00:00Z,customer,before',
      `A-2,2026-03-02T09:00:00Z,customer,"${hugeLines}"`,
      'A-3,2026-03-02T09:00:00Z,customer,after',
    ].join('\n');
    const summary = await importFile('huge.csv', csv + '\n');
    expect(summary).toMatchObject({ imported: 2, skipped: 1 });
    expect(summary.issues).toEqual([{ line: 3, reason: 'a field is longer than 16 MB' }]);
  });
});

describe('messages about a bad line', () => {
  it('say what is wrong in plain words: missing, the wrong kind, a role the format does not know', async () => {
    const { importFile } = await workspace();
    const base = JSON.parse(good('X')) as Record<string, unknown>;
    const line = (patch: Record<string, unknown>) => JSON.stringify({ ...base, ...patch });
    const { id: _id, ...withoutId } = base;
    const lines = [
      JSON.stringify(withoutId),
      line({ id: 'M-2', messages: 'hello' }),
      line({ id: 'M-3', messages: ['hello'] }),
      line({ id: 'M-4', messages: [{ role: 'supervisor', body: 'hi' }] }),
      line({ id: { nested: true } }),
      good('M-6'),
    ];
    const summary = await importFile('messages.jsonl', lines.join('\n') + '\n');
    expect(summary).toMatchObject({ imported: 1, skipped: 5 });
    expect(summary.issues).toEqual([
      { line: 1, reason: 'id is missing' },
      { line: 2, reason: 'messages: expected a list, got text' },
      { line: 3, reason: 'messages.0: expected an object, got text' },
      { line: 4, reason: 'messages.0.role: unknown role "supervisor" (use customer, agent, bot, system)' },
      { line: 5, reason: 'id: expected text or a number, got an object' },
    ]);
  });

  it('name a ticket id that comes up twice in one file; the later line wins', async () => {
    const { importFile, call } = await workspace();
    const jsonl = [good('R-1'), good('R-2'), good('R-1', { subject: 'Second version' }), good('R-3')].join('\n');
    const summary = await importFile('repeats.jsonl', jsonl);
    expect(summary).toMatchObject({ imported: 3, updated: 1, skipped: 0, repeated: 1 });
    expect(summary.repeats).toEqual([{ line: 3, reason: 'ticket "R-1" was already on line 1; this later one was kept' }]);
    const [row] = (await call('tickets.list', { filter: { text: 'Second version' } })).rows;
    expect(row).toMatchObject({ externalId: 'R-1', subject: 'Second version' });

    // in a CSV a ticket's rows come together; the same id after another ticket is a repeat
    const csv = [
      'ticket_id,message_id,created_at,role,body,subject',
      'S-1,m1,2026-03-02T09:00:00Z,customer,"Where is my order?",First',
      'S-1,m2,2026-03-02T09:30:00Z,agent,"It ships tomorrow.",First',
      'S-2,m1,2026-03-03T09:00:00Z,customer,"Hello",Other',
      'S-1,m1,2026-03-02T09:00:00Z,customer,"Where is my order now?",Again',
    ].join('\n');
    const fromCsv = await importFile('repeats.csv', csv);
    expect(fromCsv).toMatchObject({ imported: 2, repeated: 1 });
    expect(fromCsv.repeats).toEqual([{ line: 5, reason: 'ticket "S-1" was already on line 2; this later one was kept' }]);
  });
});

describe('a first import from the command line', () => {
  it('creates a workspace on a new install and says so; with several workspaces and none chosen it asks which', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'tickets.jsonl');
    writeFileSync(file, [good('T-1'), good('T-2')].join('\n') + '\n');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => [] };
    const run = (...args: string[]) => main([...args, '--data-dir', dataDir], io);

    expect(await run('import', file)).toBe(0);
    expect(err.join('\n')).toMatch(/Created workspace "My workspace" \(id [^)]+\) for your tickets/);
    expect(out.join('\n')).toMatch(/2 new tickets/);
    out.length = 0;
    expect(await run('workspace', 'list', '--json')).toBe(0);
    const list = JSON.parse(out.join('')) as { name: string; active: boolean }[];
    expect(list).toEqual([expect.objectContaining({ name: 'My workspace', active: true })]);

    // a second import goes to the same workspace, without a second one
    err.length = 0;
    expect(await run('import', file)).toBe(0);
    expect(err.join('\n')).not.toMatch(/Created workspace/);

    // two workspaces, the active one deleted: the CLI asks rather than guessing or creating a third
    expect(await run('workspace', 'create', 'Second', '--no-use')).toBe(0);
    const first = list[0] as unknown as { id: string };
    expect(await run('workspace', 'delete', first.id, '--yes')).toBe(0);
    err.length = 0;
    expect(await run('import', file)).toBe(1);
    expect(err.join('\n')).toMatch(/No workspace is open\. Choose one with: tideline workspace use <id>/);
  }, 180_000);
});
