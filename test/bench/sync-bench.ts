// Sync throughput for npm run bench: 10,000 tickets with their messages from a mock helpdesk, no rate limit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HelpdeskKind } from '../../src/shared/domain/source';
import { openDatabase } from '../../src/main/core/db/open';
import { Sources } from '../../src/main/core/sync/sources';
import { FileSecretStore } from '../../src/main/core/secrets/store';
import { startMockHelpdesk } from '../helpers/helpdesks/server';
import { World } from '../helpers/helpdesks/world';
import { syncHere } from '../helpers/sync';

export async function syncFigures(
  kinds: HelpdeskKind[],
  tickets = 10_000,
): Promise<{ kind: HelpdeskKind; tickets: number; messages: number; seconds: number; requests: number }[]> {
  const world = World.demo({ weeks: 20, perWeek: tickets / 20, seed: 13 });
  const out = [];
  for (const kind of kinds) {
    const dir = mkdtempSync(join(tmpdir(), 'tideline-sync-bench-'));
    const mock = await startMockHelpdesk(kind, world);
    try {
      const db = openDatabase(join(dir, 'bench.tideline.db'), { create: true });
      const sources = new Sources(db, new FileSecretStore(dir));
      const source = sources.add(kind, {
        name: kind,
        fields: mock.credentials.fields,
        secrets: mock.credentials.secrets,
        baseUrl: mock.url,
        botIds: ['Kettle Assistant'],
        historyDays: 400,
      });
      const started = performance.now();
      const summary = await syncHere(db, source.id, mock.credentials.secrets);
      const seconds = (performance.now() - started) / 1000;
      const messages = db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
      db.close();
      out.push({ kind, tickets: summary.created, messages, seconds, requests: mock.log.length });
    } finally {
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await syncFigures(['zendesk', 'intercom'], Number(process.argv[2] ?? 10_000)));
}
