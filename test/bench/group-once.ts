// Grouping N demo tickets (question and answer, sentence encoder fast, fused with words) in a fresh
// process, so its peak memory is the grouping's own. Prints JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoCompany } from '../../src/main/core/demo/generator';
import { StaticSentenceEncoder } from '../../src/main/core/embed/sentence-encoder';
import { groupItems, joinThreshold } from '../../src/main/core/learn/cluster';
import { MeaningSpace, type Signals } from '../../src/main/core/learn/meaning';
import type { VectorPart } from '../../src/main/core/learn/similarity';
import { referenceTexts } from '../../src/main/core/learn/reference';
import { cleanReply, questionText } from '../../src/main/core/text/clean';

const count = Number(process.argv[2]);
const models = mkdtempSync(join(tmpdir(), 'tideline-bench-models-'));
const encoder = await StaticSentenceEncoder.load(models);
const tickets: { question: string; answer: string }[] = [];
for (const line of new DemoCompany({
  seed: 5,
  weeks: 20,
  perWeek: Math.ceil((count * 1.3) / 20),
  start: '2025-01-06T00:00:00.000Z',
}).all()) {
  const agent = line.messages.find((m) => m.role === 'agent' && m.public);
  if (!agent) continue;
  tickets.push({ question: questionText(line.subject, line.messages[0]!.body), answer: cleanReply(agent.body) });
  if (tickets.length === count) break;
}
const signals = async (texts: string[]): Promise<Signals[]> =>
  (await encoder.embed(texts)).map((semantic, i) => ({ text: texts[i]!, semantic }));
const questions = await signals(tickets.map((t) => t.question));
const answers = await signals(tickets.map((t) => t.answer));
const reference = referenceTexts();
const refQ = await signals(reference.map((r) => r.question));
const refA = await signals(reference.map((r) => r.reply));
const baseline = process.memoryUsage().rss;
const started = performance.now();
const q = MeaningSpace.fit(questions, refQ);
const a = MeaningSpace.fit(answers, refA);
const half = (parts: VectorPart[]) => parts.map((p) => ({ ...p, weight: p.weight / 2 }));
const parts = [...half(q.parts(questions)), ...half(a.parts(answers))];
const background = [...half(q.parts([...questions, ...refQ])), ...half(a.parts([...answers, ...refA]))];
const groups = groupItems(parts, joinThreshold(background));
const seconds = (performance.now() - started) / 1000;
rmSync(models, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({
    tickets: tickets.length,
    groups: groups.length,
    recurring: groups.filter((g) => g.length >= 3).length,
    seconds,
    baselineMb: baseline / 2 ** 20,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }),
);
