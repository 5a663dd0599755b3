// The reference beside the import figure: the same file's tickets and messages inserted with bare
// better-sqlite3 into two plain tables in one transaction, no validation, no search index.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { nativeBindingPath } from '../../src/main/core/db/native';

interface Line {
  id: string;
  subject?: string;
  status?: string;
  created_at: string;
  tags?: string[];
  requester?: unknown;
  messages: { id?: string; role: string; public?: boolean; created_at?: string; body: string; author?: unknown }[];
}

/** Seconds to read, parse and insert every line of a JSONL export. */
export async function bareInsertSeconds(file: string): Promise<{ seconds: number; tickets: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-bare-'));
  const db = new Database(join(dir, 'bare.db'), { nativeBinding: nativeBindingPath() });
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE tickets (id INTEGER PRIMARY KEY, external_id TEXT UNIQUE, subject TEXT, status TEXT, created_at TEXT, tags TEXT, requester TEXT);
           CREATE TABLE messages (id INTEGER PRIMARY KEY, ticket_id INTEGER, external_id TEXT, role TEXT, public INTEGER, created_at TEXT, body TEXT, author TEXT)`);
  const ticket = db.prepare('INSERT INTO tickets (external_id, subject, status, created_at, tags, requester) VALUES (?, ?, ?, ?, ?, ?)');
  const message = db.prepare(
    'INSERT INTO messages (ticket_id, external_id, role, public, created_at, body, author) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const started = performance.now();
  let tickets = 0;
  db.exec('BEGIN');
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!text) continue;
    const line = JSON.parse(text) as Line;
    const id = ticket.run(
      line.id,
      line.subject ?? null,
      line.status ?? null,
      line.created_at,
      JSON.stringify(line.tags ?? []),
      JSON.stringify(line.requester ?? null),
    ).lastInsertRowid;
    for (const m of line.messages) {
      message.run(id, m.id ?? null, m.role, m.public === false ? 0 : 1, m.created_at ?? null, m.body, JSON.stringify(m.author ?? null));
    }
    tickets++;
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, tickets };
}
