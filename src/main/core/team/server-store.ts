import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { digest, sameSecret } from './credentials';

export interface MemberRow {
  member: string;
  name: string;
  joinedAt: string;
  lastSeenAt: string;
  removedAt: string | null;
}

/**
 * The team server's own file: each team's shared document (Yjs updates), the hash of its team
 * secret and of each member's key. No ticket, vector or secret of a workspace ever reaches it.
 */
export class TeamServerStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS teams (
        id           TEXT PRIMARY KEY,
        secret_hash  BLOB NOT NULL,
        created_at   TEXT NOT NULL,
        rotated_at   TEXT
      ) STRICT;
      CREATE TABLE IF NOT EXISTS members (
        team_id      TEXT NOT NULL REFERENCES teams(id),
        member       TEXT NOT NULL,
        name         TEXT NOT NULL,
        key_hash     BLOB NOT NULL,
        joined_at    TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        removed_at   TEXT,
        PRIMARY KEY (team_id, member)
      ) STRICT;
      CREATE TABLE IF NOT EXISTS documents (
        name         TEXT PRIMARY KEY,
        state        BLOB NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;`);
  }

  hasTeam(team: string): boolean {
    return this.db.prepare('SELECT 1 FROM teams WHERE id = ?').get(team) !== undefined;
  }

  createTeam(team: string, secret: string): void {
    this.db.prepare('INSERT INTO teams (id, secret_hash, created_at) VALUES (?, ?, ?)').run(team, digest(secret), now());
  }

  secretMatches(team: string, secret: string): boolean {
    const row = this.db.prepare('SELECT secret_hash FROM teams WHERE id = ?').get(team) as { secret_hash: Buffer } | undefined;
    return row !== undefined && sameSecret(secret, row.secret_hash);
  }

  rotateSecret(team: string, secret: string): void {
    this.db.prepare('UPDATE teams SET secret_hash = ?, rotated_at = ? WHERE id = ?').run(digest(secret), now(), team);
  }

  /** 'ok', 'unknown' (never joined) or 'removed'; a wrong key is 'refused'. */
  checkMember(team: string, member: string, key: string): 'ok' | 'unknown' | 'removed' | 'refused' {
    const row = this.db.prepare('SELECT key_hash, removed_at FROM members WHERE team_id = ? AND member = ?').get(team, member) as
      { key_hash: Buffer; removed_at: string | null } | undefined;
    if (!row) return 'unknown';
    if (row.removed_at) return 'removed';
    return sameSecret(key, row.key_hash) ? 'ok' : 'refused';
  }

  addMember(team: string, member: string, name: string, key: string): void {
    const at = now();
    this.db
      .prepare('INSERT INTO members (team_id, member, name, key_hash, joined_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(team, member, name, digest(key), at, at);
  }

  seen(team: string, member: string, name: string): void {
    this.db.prepare('UPDATE members SET last_seen_at = ?, name = ? WHERE team_id = ? AND member = ?').run(now(), name, team, member);
  }

  removeMember(team: string, member: string): boolean {
    return (
      this.db.prepare('UPDATE members SET removed_at = ? WHERE team_id = ? AND member = ? AND removed_at IS NULL').run(now(), team, member)
        .changes > 0
    );
  }

  members(team: string): MemberRow[] {
    return this.db
      .prepare(
        `SELECT member, name, joined_at AS joinedAt, last_seen_at AS lastSeenAt, removed_at AS removedAt
         FROM members WHERE team_id = ? ORDER BY joined_at, member`,
      )
      .all(team) as MemberRow[];
  }

  loadDocument(name: string): Uint8Array | null {
    const row = this.db.prepare('SELECT state FROM documents WHERE name = ?').get(name) as { state: Buffer } | undefined;
    return row ? new Uint8Array(row.state) : null;
  }

  storeDocument(name: string, state: Uint8Array): void {
    this.db
      .prepare(
        `INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(name, Buffer.from(state), now());
  }

  close(): void {
    this.db.close();
  }
}

const now = () => new Date().toISOString();
