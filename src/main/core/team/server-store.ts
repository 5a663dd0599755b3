import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as Y from 'yjs';
import { digest, sameSecret } from './credentials';

/** A team server process on the file: the Redis it relays through (null: none), where it runs, when it last said so. */
export interface ServerProcess {
  relay: string | null;
  host: string;
  pid: number;
  aliveAt: number;
}

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
 *
 * Several server processes may share one file (WAL): members, secrets, failed attempts and who
 * is connected where are read from it on every check, a stored document is merged into what is
 * there (never replaced), and each process says every HEARTBEAT_MS that it is still running.
 */
export class TeamServerStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
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
      ) STRICT;
      CREATE TABLE IF NOT EXISTS failed_attempts (
        address      TEXT NOT NULL,
        at           INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS failed_attempts_by_address ON failed_attempts (address, at);
      CREATE TABLE IF NOT EXISTS processes (
        id           TEXT PRIMARY KEY,
        relay        TEXT,
        host         TEXT NOT NULL,
        pid          INTEGER NOT NULL,
        alive_at     INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS connections (
        process_id   TEXT NOT NULL,
        team_id      TEXT NOT NULL,
        member       TEXT NOT NULL,
        count        INTEGER NOT NULL,
        PRIMARY KEY (process_id, team_id, member)
      ) STRICT;`);
  }

  /** Creates the team with this secret, unless it exists. */
  createTeamIfNew(team: string, secret: string): void {
    this.db
      .prepare('INSERT INTO teams (id, secret_hash, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(team, digest(secret), now());
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

  /** Adds the member with this key, unless it is already there. */
  addMemberIfNew(team: string, member: string, name: string, key: string): void {
    const at = now();
    this.db
      .prepare(
        'INSERT INTO members (team_id, member, name, key_hash, joined_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
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

  /** Merges the state into the stored one: a process whose copy missed another's last change cannot erase it. */
  storeDocument(name: string, state: Uint8Array): void {
    this.db.transaction(() => {
      const stored = this.loadDocument(name);
      const merged = stored ? Y.mergeUpdates([stored, state]) : state;
      this.db
        .prepare(
          `INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        )
        .run(name, Buffer.from(merged), now());
    })();
  }

  /** Failed attempts from the address since `since` (ms), across every process. */
  failuresSince(address: string, since: number): number {
    return (this.db.prepare('SELECT count(*) AS n FROM failed_attempts WHERE address = ? AND at > ?').get(address, since) as { n: number })
      .n;
  }

  /** Records a failed attempt and forgets those older than `forgetBefore`. */
  recordFailure(address: string, at: number, forgetBefore: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM failed_attempts WHERE at <= ?').run(forgetBefore);
      this.db.prepare('INSERT INTO failed_attempts (address, at) VALUES (?, ?)').run(address, at);
    })();
  }

  /** Other processes heard from since `aliveSince`, with the Redis each relays through (null: none). */
  otherProcesses(process: string, aliveSince: number): ServerProcess[] {
    return this.db
      .prepare('SELECT relay, host, pid, alive_at AS aliveAt FROM processes WHERE id != ? AND alive_at > ?')
      .all(process, aliveSince) as ServerProcess[];
  }

  /** The process is running (called every HEARTBEAT_MS); processes not heard from since `forgetBefore` (they crashed) are forgotten. */
  heartbeat(process: string, me: Omit<ServerProcess, 'aliveAt'>, at: number, forgetBefore: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO processes (id, relay, host, pid, alive_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET alive_at = excluded.alive_at`,
        )
        .run(process, me.relay, me.host, me.pid, at);
      this.db.prepare('DELETE FROM connections WHERE process_id IN (SELECT id FROM processes WHERE alive_at <= ?)').run(forgetBefore);
      this.db.prepare('DELETE FROM processes WHERE alive_at <= ?').run(forgetBefore);
    })();
  }

  /** A member's connection to the process opened (+1) or closed (-1). */
  connected(process: string, team: string, member: string, change: 1 | -1): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO connections (process_id, team_id, member, count) VALUES (?, ?, ?, ?)
           ON CONFLICT(process_id, team_id, member) DO UPDATE SET count = count + excluded.count`,
        )
        .run(process, team, member, change);
      this.db
        .prepare('DELETE FROM connections WHERE process_id = ? AND team_id = ? AND member = ? AND count <= 0')
        .run(process, team, member);
    })();
  }

  /** Members connected to a process that is still running (heard from since `aliveSince`). */
  online(team: string, aliveSince: number): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT c.member FROM connections c JOIN processes p ON p.id = c.process_id
         WHERE c.team_id = ? AND p.alive_at > ?`,
      )
      .all(team, aliveSince) as { member: string }[];
    return new Set(rows.map((r) => r.member));
  }

  /** The process stopped: its connections are gone. */
  stopped(process: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM connections WHERE process_id = ?').run(process);
      this.db.prepare('DELETE FROM processes WHERE id = ?').run(process);
    })();
  }

  close(): void {
    this.db.close();
  }
}

const now = () => new Date().toISOString();
