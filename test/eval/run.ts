// npm run eval: how well Tideline learns, on the demo and on BANKING77, with each offline embedder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../../src/main/core/embed/embedder';
import { ParallelSentenceEncoder } from '../../src/main/core/embed/encoder-pool';
import { StaticSentenceEncoder } from '../../src/main/core/embed/sentence-encoder';
import type { EmbeddingConfig } from '../../src/shared/domain/embedding';
import { banking77 } from './banking';
import { scoreGrouping, scoreMatching, scoreToldK } from './banking-eval';
import { bankingConversations, bankingWrittenReplies } from './conversations';
import { withContext } from './context';
import { scoreDemo, scoreLearning } from './learning-eval';

const only = process.argv.slice(2);
const models = join(mkdtempSync(join(tmpdir(), 'tideline-eval-models-')), 'models');
interface Choice {
  name: string;
  config: EmbeddingConfig;
  load: () => Promise<Embedder | null>;
}
const choices: Choice[] = [
  { name: 'Built-in (words)', config: { provider: 'builtin' }, load: async () => null },
  { name: 'Sentence encoder, static', config: { provider: 'use' }, load: () => StaticSentenceEncoder.load(models) },
  { name: 'Sentence encoder, full', config: { provider: 'use', model: 'full' }, load: () => ParallelSentenceEncoder.load() },
];
const embedders = choices.filter((e) => !only.length || only.some((o) => e.name.toLowerCase().includes(o)));

const rows = new Map<string, string[]>();
const put = (row: string, column: number, value: string) => {
  const cells = rows.get(row) ?? embedders.map(() => '');
  cells[column] = value;
  rows.set(row, cells);
};
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

const test = banking77('test');
const train = banking77('train');
const conversations = test && train ? bankingConversations(train, test) : null;
const neighbours = test && train ? bankingConversations(train, test, { withNeighbours: true }) : null;
const ownWords = test && train ? bankingConversations(train, test, { ownWords: true }) : null;
const written = test && train ? bankingWrittenReplies(train, test) : null;
for (const [column, e] of embedders.entries()) {
  process.stderr.write(`${e.name}: demo…\n`);
  const demo = await scoreDemo(e.config);
  put('Demo: drafts for recurring topics', column, `${demo.drafts} for ${demo.recurringTopics} (${demo.draftsPerTopic.toFixed(2)} each)`);
  put('Demo: true topics with a draft', column, `${demo.topicsCovered} of ${demo.recurringTopics}`);
  put('Demo: evidence purity', column, f3(demo.purity));
  put('Demo: conflict cards', column, String(demo.conflicts));
  put('Demo: drafts with personal details', column, String(demo.draftsWithPersonalDetails));
  const foreign = demo.otherLanguages;
  put(
    'Demo: German, Spanish, French questions a person answered, in their topic',
    column,
    `${foreign.joined} of ${foreign.of} (+${foreign.aiAlone} AI-only)`,
  );
  put(
    'Demo: held-out questions answered by the right article',
    column,
    `${pct(demo.answeredRight)} (answered ${pct(demo.answered)} of ${demo.heldOut})`,
  );
  put('Demo: index 3,700 tickets / backfill', column, `${demo.indexSeconds.toFixed(0)} s / ${demo.backfillSeconds.toFixed(0)} s`);
  if (!test || !train) continue;
  for (const [name, short, set] of [
    ['BANKING77 as conversations', 'conversations', conversations!],
    ['BANKING77 as conversations, with neighbouring intents', 'with neighbours', neighbours!],
    ['BANKING77 as conversations, each agent in their own words', 'own words', ownWords!],
    ['BANKING77 as written replies (24 intents, 45 tickets each)', 'written replies', written!],
  ] as const) {
    process.stderr.write(`${e.name}: ${name}…\n`);
    const talk = await scoreLearning(e.config, set.history, set.later);
    put(`${name}: drafts for recurring intents`, column, `${talk.drafts} for ${talk.recurringTopics}, ${talk.noiseDrafts} of no intent`);
    put(
      `  ${short}: intents with a draft / evidence purity`,
      column,
      `${talk.topicsCovered} of ${talk.recurringTopics} / ${f3(talk.purity)}`,
    );
    put(`  ${short}: conflict cards / drafts with personal details`, column, `${talk.conflicts} / ${talk.draftsWithPersonalDetails}`);
    put(
      `  ${short}: later questions answered by the right article`,
      column,
      `${pct(talk.answeredRight)} (answered ${pct(talk.answered)} of ${talk.heldOut})`,
    );
    put(`  ${short}: later questions of other intents answered anyway`, column, `${pct(talk.unknown.answered)} of ${talk.unknown.of}`);
    put(
      `  ${short}: those in a coverage gap once the loop read them (gaps, purity)`,
      column,
      `${pct(talk.gaps.inGap)} (${talk.gaps.count}, ${f3(talk.gaps.purity)})`,
    );
  }
  process.stderr.write(`${e.name}: BANKING77…\n`);
  const embedder = await e.load();
  const g = await scoreGrouping(test, embedder);
  put('BANKING77 test: groups found (77 intents)', column, `${g.groups} (${g.recurring} with 3+)`);
  put('BANKING77 test: NMI / ARI', column, `${f3(g.nmi)} / ${f3(g.ari)}`);
  put('BANKING77 test: accuracy (Hungarian) / purity', column, `${f3(g.accuracy)} / ${f3(g.purity)}`);
  put('BANKING77 test: grouping time', column, `${g.seconds.toFixed(1)} s`);
  const told = await scoreToldK(test, embedder);
  put('  for reference, k-means told 77: NMI / ARI / accuracy', column, `${f3(told.nmi)} / ${f3(told.ari)} / ${f3(told.accuracy)}`);
  const byLabel = await scoreMatching(train, test, embedder, 'labels');
  put('BANKING77: test matched to the 77 intents of train, accuracy@1', column, f3(byLabel.accuracyAt1));
  put('  answered above the confidence (right of those)', column, `${pct(byLabel.answered)} (${pct(byLabel.rightWhenAnswered)})`);
  const wrapped = await scoreMatching(train, withContext(test), embedder, 'labels');
  put('BANKING77: test with context around the question, matched to the 77 intents, accuracy@1', column, f3(wrapped.accuracyAt1));
  put(
    '  with context: answered above the confidence (right of those)',
    column,
    `${pct(wrapped.answered)} (${pct(wrapped.rightWhenAnswered)})`,
  );
  const learned = await scoreMatching(train, test, embedder, 'learned');
  put('BANKING77: test matched to topics learned from train, accuracy@1', column, `${f3(learned.accuracyAt1)} (${learned.topics} topics)`);
  put('  answered above the confidence (right of those) ', column, `${pct(learned.answered)} (${pct(learned.rightWhenAnswered)})`);
}
rmSync(join(models, '..'), { recursive: true, force: true });

const header = ['', ...embedders.map((e) => e.name)];
const table = [header, ...[...rows.entries()].map(([k, v]) => [k, ...v])];
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.slice(1).map(line)].join('\n'));
if (!test || !train) console.log('\nBANKING77 not found beside the project (../shared/datasets/banking77): its rows are left out.');
