// Export throughput for npm run bench: 1,000 approved articles to a Markdown folder and to a mock Zendesk Guide, then again with nothing changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportKind } from '../../src/shared/domain/export';
import { exportJob } from '../../src/main/core/export/job';
import { activeArticleIds, enqueueExport } from '../../src/main/core/export/queue';
import { ExportTargets } from '../../src/main/core/export/targets';
import { openDatabase } from '../../src/main/core/db/open';
import { nowIso } from '../../src/main/core/db/open';
import { FileSecretStore } from '../../src/main/core/secrets/store';
import { startMockHelpCenter } from '../helpers/help-centers';
import { jobHere } from '../helpers/sync';

const BODY = (i: number) =>
  `# How to do thing ${i}\n\nA short answer with **bold** and a [link](https://acme.test/${i}).\n\n1. First step for ${i}.\n2. Second step.\n3. Third step.\n\n> A note on case ${i}.\n`;

export async function exportFigures(
  kinds: ExportKind[],
  articles = 1000,
): Promise<{ kind: ExportKind; articles: number; firstSeconds: number; againSeconds: number; requests: number }[]> {
  const out = [];
  for (const kind of kinds) {
    const dir = mkdtempSync(join(tmpdir(), 'tideline-export-bench-'));
    const mock = kind === 'markdown' ? null : await startMockHelpCenter(kind as 'zendesk');
    try {
      const db = openDatabase(join(dir, 'bench.tideline.db'), { create: true });
      const now = nowIso();
      const addArticle = db.prepare('INSERT INTO articles (title, created_at, updated_at) VALUES (?, ?, ?)');
      const addVersion = db.prepare(
        `INSERT INTO article_versions (article_id, version, title, body_md, tags, created_by, created_at) VALUES (?, 1, ?, ?, '["bench"]', 'bench', ?)`,
      );
      db.transaction(() => {
        for (let i = 0; i < articles; i++)
          addVersion.run(addArticle.run(`How to do thing ${i}`, now, now).lastInsertRowid, `How to do thing ${i}`, BODY(i), now);
      })();
      const fields = mock ? mock.fields : { folder: join(dir, 'kb') };
      const target = new ExportTargets(db, new FileSecretStore(dir)).add(kind, {
        name: kind,
        fields,
        secrets: mock?.secrets ?? {},
        baseUrl: mock?.url ?? null,
      });
      const run = async (everything: boolean) => {
        const started = performance.now();
        enqueueExport(db, target.id, activeArticleIds(db), { includeUnchanged: everything });
        await jobHere(exportJob, db, { targetId: target.id }, mock?.secrets ?? {});
        return (performance.now() - started) / 1000;
      };
      const firstSeconds = await run(false);
      // the board's Publish checks each article against the help center even when unchanged
      const againSeconds = await run(true);
      db.close();
      out.push({ kind, articles, firstSeconds, againSeconds, requests: mock?.requests.length ?? 0 });
    } finally {
      await mock?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await exportFigures(['markdown', 'zendesk'], Number(process.argv[2] ?? 1000)));
}
