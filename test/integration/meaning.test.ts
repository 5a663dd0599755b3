import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosine, type Embedder } from '../../src/main/core/embed/embedder';
import { SentenceEncoderEmbedder, STATIC_ENCODER_ID, StaticSentenceEncoder } from '../../src/main/core/embed/sentence-encoder';
import { groupItems } from '../../src/main/core/learn/cluster';
import { EvidenceSpace } from '../../src/main/core/learn/evidence-space';
import { mergeSameAnswer } from '../../src/main/core/learn/shared-meaning';
import { mergeSameQuestion } from '../../src/main/core/learn/answer-split';
import type { DB } from '../../src/main/core/db/open';
import { redactedEvidence } from '../../src/main/core/learn/store';
import { KnowledgeMatcher } from '../../src/main/core/learn/matcher';
import { loadArticleVersions, loadQuestions, replayMatcher, unansweredTopics } from '../../src/main/core/metrics/replay';
import { MeaningSpace, type Signals } from '../../src/main/core/learn/meaning';
import { referenceSignals, referenceTexts } from '../../src/main/core/learn/reference';
import { backgroundOfParts } from '../../src/main/core/learn/similarity';
import { SAME_TOPIC_Z } from '../../src/main/core/learn/cluster';
import { banking77 } from '../eval/banking';
import { answerOf, bankingConversations } from '../eval/conversations';
import { withContext } from '../eval/context';
import { questionSentences } from '../../src/main/core/text/clean';
import { ticketTexts } from '../../src/main/core/embed/job';
import { nmi } from '../eval/scores';
import { allDraftDetails, importLines, runToEnd, tempDir, testEngine, waitFor } from '../helpers/temp';

const INTENTS = [
  'card_arrival',
  'lost_or_stolen_card',
  'exchange_rate',
  'top_up_failed',
  'pin_blocked',
  'terminate_account',
  'age_limit',
  'cash_withdrawal_charge',
];

/** A fixed handful of real bank questions per intent (BANKING77, beside the project). */
function sample(split: 'train' | 'test', perIntent: number) {
  const rows = banking77(split);
  if (!rows) throw new Error('BANKING77 is missing: ../shared/datasets/banking77 (see ../shared/datasets/README.md)');
  return INTENTS.flatMap((intent) => rows.filter((r) => r.label === intent).slice(0, perIntent));
}

const models = () => tempDir('tideline-models-');
const encoders: [string, () => Promise<Embedder>][] = [
  ['the full sentence encoder', () => SentenceEncoderEmbedder.load()],
  ['the static sentence encoder', () => StaticSentenceEncoder.load(models())],
];

async function signals(texts: string[], embedder: Embedder | null): Promise<Signals[]> {
  const vectors = embedder ? await embedder.embed(texts, 'passage') : null;
  return texts.map((text, i) => ({ text, semantic: vectors?.[i] ?? null }));
}

/** The cards by id: the board lists one run's cards most asked first, so a card that gains tickets moves up. */
const idsOf = (drafts: { id: number }[]) => drafts.map((d) => d.id).sort((a, b) => a - b);

describe('the offline sentence encoder', () => {
  it.each(encoders)(
    '%s loads from the installed package and puts paraphrases closer than other questions',
    async (_name, load) => {
      const embedder = await load();
      const [reset, forgot, parcel] = await embedder.embed(
        ['How do I reset my password?', 'I forgot the password to my login', 'Where is my parcel?'],
        'passage',
      );
      expect(reset).toHaveLength(512);
      expect(cosine(reset!, forgot!)).toBeGreaterThan(cosine(reset!, parcel!) + 0.1);
      expect(cosine(reset!, reset!)).toBeCloseTo(1, 5);
    },
    60_000,
  );
});

describe('the reference texts every background is drawn with', () => {
  it('keep their vectors, and get new ones once the texts have changed', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Reference' });
    // a workspace indexed with the sentence encoder (the default)
    const path = join(tempDir(), 'one.jsonl');
    const messages = [{ role: 'customer', created_at: '2026-05-02T09:00:00Z', body: 'Where is my invoice?' }];
    writeFileSync(path, JSON.stringify({ id: 'R-1', status: 'solved', created_at: '2026-05-02T09:00:00Z', messages }));
    await runToEnd(handle, () => handle.call('import.start', { path }));
    await waitFor(() => (handle.jobs.runner().ownActive().length === 0 ? true : undefined), 60_000, 'indexing');
    const db = handle.workspaces.requireCurrent().db;
    const first = await referenceSignals(db, STATIC_ENCODER_ID);
    expect(first.reply.every((r) => r.semantic !== null)).toBe(true);
    const count = () => (db.prepare('SELECT count(*) AS n FROM reference_vectors').get() as { n: number }).n;
    const kept = count();
    // kept: asked again, they are read, not made
    const zeros = Buffer.alloc(first.reply[0]!.semantic!.byteLength);
    db.prepare("UPDATE reference_vectors SET vector = ? WHERE kind = 'reply' AND idx = 0").run(zeros);
    expect((await referenceSignals(db, STATIC_ENCODER_ID)).reply[0]!.semantic!.every((x) => x === 0)).toBe(true);
    // vectors kept from the texts as an earlier version read them: neither used nor kept
    db.prepare('UPDATE reference_vectors SET model = ?').run(STATIC_ENCODER_ID);
    const reading = await referenceSignals(db, STATIC_ENCODER_ID, { embedMissing: false });
    expect(reading.reply[0]!.semantic).toBeNull();
    const again = await referenceSignals(db, STATIC_ENCODER_ID);
    expect([...again.reply[0]!.semantic!]).toEqual([...first.reply[0]!.semantic!]);
    expect(count()).toBe(kept);
  }, 60_000);
});

describe('grouping and matching real questions (BANKING77)', () => {
  const questions = sample('test', 20);
  const truth = questions.map((q) => q.label);

  const withWords: [string, () => Promise<Embedder | null>][] = [...encoders, ['the built-in embedder (words)', async () => null]];
  it.each(withWords)(
    '%s groups questions by intent with a cut drawn from the data',
    async (_name, load) => {
      const embedder = await load();
      const texts = questions.map((q) => q.text);
      const s = await signals(texts, embedder);
      const reference = await signals(
        referenceTexts().map((t) => t.question),
        embedder,
      );
      const space = MeaningSpace.fit(s, reference);
      const bg = backgroundOfParts(space.parts([...s, ...reference]));
      const groups = groupItems(space.parts(s), bg.mean + SAME_TOPIC_Z * bg.sd);
      const found = new Array<number>(texts.length);
      groups.forEach((g, k) => g.forEach((i) => (found[i] = k)));
      const score = nmi(truth, found);
      // meaning groups far better than words; words still better than chance
      expect(score).toBeGreaterThan(embedder ? 0.7 : 0.45);
      expect(groups.filter((g) => g.length >= 3).length).toBeGreaterThanOrEqual(INTENTS.length / 2);
    },
    120_000,
  );

  it.each(encoders)(
    '%s matches new questions to the intents the knowledge base was made from, most above the confidence',
    async (_name, load) => {
      const embedder = await load();
      const train = sample('train', 40);
      const entries = INTENTS.map((intent, k) => ({ id: k, evidence: train.flatMap((q, i) => (q.label === intent ? [i] : [])), text: '' }));
      const all = await signals(
        [...train, ...questions].map((q) => q.text),
        embedder,
      );
      const map = new Map(all.map((s, i) => [i, s]));
      const reference = await signals(
        referenceTexts().map((t) => t.question),
        embedder,
      );
      const matcher = KnowledgeMatcher.fromSignals(entries, map, reference);
      let right = 0;
      let answered = 0;
      let answeredRight = 0;
      questions.forEach((q, j) => {
        const question = { ticketId: train.length + j, text: q.text };
        const best = matcher.best(question);
        if (best !== null && INTENTS[best.entry.id] === q.label) right++;
        const match = matcher.match(question);
        if (match) {
          answered++;
          if (INTENTS[match.entry.id] === q.label) answeredRight++;
        }
      });
      expect(right / questions.length).toBeGreaterThan(0.85);
      // the confidence is a real cut: questions asked as the intents' own are, most pass it, and those that do are nearly all right
      expect(answered / questions.length).toBeGreaterThan(0.75);
      expect(answeredRight / answered).toBeGreaterThan(0.9);
      // a question about something else is not answered
      const unrelated = KnowledgeMatcher.fromSignals(entries, map, reference);
      expect(unrelated.match({ ticketId: null, text: 'My kettle will not pair with the app over Bluetooth' })).toBeNull();
    },
    120_000,
  );

  it.each(encoders)(
    '%s matches a question wrapped in context by the sentence that asks it',
    async (_name, load) => {
      const embedder = await load();
      const train = sample('train', 40);
      // "Sorry to bother you on a Sunday. Why was I charged a fee? Please sort it out asap, I need this today!"
      const wrapped = withContext(questions).filter((q) => questionSentences(q.text).length > 1);
      const entries = INTENTS.map((intent, k) => ({ id: k, evidence: train.flatMap((q, i) => (q.label === intent ? [i] : [])), text: '' }));
      const all = await signals(
        [...train, ...wrapped].map((q) => q.text),
        embedder,
      );
      const reference = await signals(
        referenceTexts().map((t) => t.question),
        embedder,
      );
      const score = async (bySentence: boolean) => {
        const map = new Map(all.map((s, i) => [i, s]));
        if (bySentence)
          for (const [j, q] of wrapped.entries()) {
            const sentences = questionSentences(q.text);
            const vectors = await embedder.embed(sentences, 'passage');
            map.set(train.length + j, {
              ...all[train.length + j]!,
              sentences: sentences.map((text, k) => ({ text, semantic: vectors[k]! })),
            });
          }
        const matcher = KnowledgeMatcher.fromSignals(entries, map, reference);
        const asked = wrapped.map((q, j) => ({ label: q.label, question: { ticketId: train.length + j, text: q.text } }));
        const answered = asked.map((a) => ({ label: a.label, match: matcher.match(a.question) })).filter((a) => a.match);
        return {
          right: asked.filter((a) => INTENTS[matcher.best(a.question)!.entry.id] === a.label).length / asked.length,
          answered: answered.length / asked.length,
          answeredRight: answered.filter((a) => INTENTS[a.match!.entry.id] === a.label).length / answered.length,
        };
      };
      const whole = await score(false);
      const bySentence = await score(true);
      // the whole message blurs what is asked below the confidence (0.56 static, 0.63 full); its sentence does not (0.90, 0.93)
      expect(bySentence.answered).toBeGreaterThan(Math.max(0.85, whole.answered + 0.2));
      expect(bySentence.answeredRight).toBeGreaterThan(0.95);
      expect(bySentence.right).toBeGreaterThanOrEqual(whole.right);
    },
    120_000,
  );

  it('reads the sentences of a question the index keeps when the whole message is not answered', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Context' });
    await handle.call('learning.configure', { auto: false });
    const train = sample('train', 40);
    const wrapped = withContext(questions).filter((q) => questionSentences(q.text).length > 1);
    const line = (id: string, question: string) =>
      JSON.stringify({
        id,
        subject: null,
        status: 'solved',
        created_at: '2026-03-02T09:00:00Z',
        messages: [
          { role: 'customer', created_at: '2026-03-02T09:00:00Z', body: question },
          { role: 'agent', created_at: '2026-03-02T09:30:00Z', body: 'We have looked into it for you.' },
        ],
      });
    await importLines(
      handle,
      [...train.map((q, i) => line(`T-${i}`, q.text)), ...wrapped.map((q, j) => line(`W-${j}`, q.text))].join('\n'),
    );
    await runToEnd(handle, () => handle.call('embedding.rebuild', {}));
    const db = handle.workspaces.requireCurrent().db;
    const idOf = new Map(
      db
        .prepare('SELECT external_id, id FROM tickets')
        .all()
        .map((r) => [(r as { external_id: string }).external_id, (r as { id: number }).id]),
    );
    const texts = new Map(ticketTexts(db, { ids: [...idOf.values()] }).map((t) => [t.id, t.question]));
    const entries = INTENTS.map((intent, k) => ({
      id: k,
      evidence: train.flatMap((q, i) => (q.label === intent ? [idOf.get(`T-${i}`)!] : [])),
      text: '',
    }));
    const asked = wrapped.map((_, j) => ({ ticketId: idOf.get(`W-${j}`)!, text: texts.get(idOf.get(`W-${j}`)!)! }));
    const evidence = new Map(entries.flatMap((e) => e.evidence).map((id) => [id, texts.get(id)!]));
    const answered = async () => {
      const matcher = await KnowledgeMatcher.build(db, entries, asked, evidence);
      return asked.filter((q) => matcher.match(q)).length / asked.length;
    };
    const bySentence = await answered();
    db.prepare("DELETE FROM embeddings WHERE kind = 'question' AND chunk > 0").run();
    const whole = await answered();
    expect(bySentence).toBeGreaterThan(Math.max(0.85, whole + 0.2));
  }, 120_000);

  const NEIGHBOURS = [
    'top_up_failed',
    'top_up_reverted',
    'pending_top_up',
    'verify_my_identity',
    'why_verify_identity',
    'unable_to_verify_identity',
    'card_arrival',
    'card_delivery_estimate',
    'exchange_rate',
    'exchange_charge',
  ];
  it.each(withWords)(
    '%s tells neighbouring intents apart by what their own questions do not share',
    async (_name, load) => {
      const embedder = await load();
      const train = banking77('train')!;
      const test = banking77('test')!;
      const evidence = NEIGHBOURS.flatMap((intent) => train.filter((r) => r.label === intent).slice(0, 45));
      const asked = NEIGHBOURS.flatMap((intent) => test.filter((r) => r.label === intent).slice(0, 20));
      const all = await signals(
        [...evidence, ...asked].map((q) => q.text),
        embedder,
      );
      const reference = await signals(
        referenceTexts().map((t) => t.question),
        embedder,
      );
      const entries = NEIGHBOURS.map((intent, k) => ({
        id: k,
        evidence: evidence.flatMap((q, i) => (q.label === intent ? [i] : [])),
        text: '',
      }));
      const matcher = KnowledgeMatcher.fromSignals(entries, new Map(all.map((s, i) => [i, s])), reference);
      const right = asked.filter((q, j) => NEIGHBOURS[matcher.best({ ticketId: evidence.length + j, text: q.text })!.entry.id] === q.label);
      // by the centres and nearest questions alone, without learned weights: 0.86 (full), 0.835 (static), 0.785 (words)
      const floor = /full/.test(_name) ? 0.87 : /static/.test(_name) ? 0.85 : 0.81;
      expect(right.length / asked.length).toBeGreaterThan(floor);
    },
    120_000,
  );

  /** Intents with an article, and beside each a neighbouring one the team has answered only a few times so far. */
  const WITH_ARTICLE = ['top_up_failed', 'verify_my_identity', 'card_arrival', 'exchange_rate', 'cash_withdrawal_charge'];
  const STILL_COLLECTING = [
    'pending_top_up',
    'why_verify_identity',
    'card_delivery_estimate',
    'exchange_charge',
    'declined_cash_withdrawal',
  ];
  it.each(withWords)(
    '%s leaves a question to the topic still collecting evidence it stands closest to, not to the neighbouring article',
    async (_name, load) => {
      const embedder = await load();
      const train = banking77('train')!;
      const test = banking77('test')!;
      const made = WITH_ARTICLE.flatMap((intent) => train.filter((r) => r.label === intent).slice(0, 45));
      const collecting = STILL_COLLECTING.flatMap((intent) => train.filter((r) => r.label === intent).slice(0, 4));
      const own = WITH_ARTICLE.flatMap((intent) => test.filter((r) => r.label === intent).slice(0, 20));
      const neighbours = STILL_COLLECTING.flatMap((intent) => test.filter((r) => r.label === intent).slice(0, 20));
      const all = await signals(
        [...made, ...collecting, ...own, ...neighbours].map((q) => q.text),
        embedder,
      );
      const reference = await signals(
        referenceTexts().map((t) => t.question),
        embedder,
      );
      const ids = (from: number, rows: { label: string }[], intent: string) =>
        rows.flatMap((r, i) => (r.label === intent ? [from + i] : []));
      const articles = WITH_ARTICLE.map((intent, k) => ({ id: k, evidence: ids(0, made, intent), text: '' }));
      const topics = STILL_COLLECTING.map((intent, k) => ({ id: 100 + k, evidence: ids(made.length, collecting, intent), text: '' }));
      const signalsById = new Map(all.map((s, i) => [i, s]));
      const asked = (rows: { label: string; text: string }[], from: number) =>
        rows.map((r, j) => ({ label: r.label, question: { ticketId: from + j, text: r.text } }));
      const ownAsked = asked(own, made.length + collecting.length);
      const neighbourAsked = asked(neighbours, made.length + collecting.length + own.length);
      const score = (others: typeof topics) => {
        const matcher = KnowledgeMatcher.fromSignals(articles, signalsById, reference, undefined, others);
        return {
          right: ownAsked.filter((a) => WITH_ARTICLE[matcher.match(a.question)?.entry.id ?? -1] === a.label).length,
          wrong: neighbourAsked.filter((a) => matcher.match(a.question)).length,
          held: collecting.filter((r, j) => matcher.match({ ticketId: made.length + j, text: r.text })).length,
        };
      };
      const alone = score([]);
      const beside = score(topics);
      // alone, the articles take some of the very questions the topics were made of (4 to 7 of 20) and
      // 39 to 46 of the 100 neighbouring questions; beside the topics, none of the first and fewer of the rest
      expect(alone.held).toBeGreaterThan(0);
      expect(beside.held).toBe(0);
      expect(beside.wrong).toBeLessThan(alone.wrong);
      // while the articles' own questions keep their answers (at most 2 of 100 lost)
      expect(beside.right).toBeGreaterThanOrEqual(alone.right - 2);
    },
    120_000,
  );
});

describe('answers that agree by meaning', () => {
  const INVOICE_QUESTIONS = ['Where can I find my invoice?', 'I need the invoice for my last order', 'How do I get an invoice?'];

  /** Tickets (ten unless told) asking the next of `questions` in turn, each answered by the next of `answers` in turn. */
  function tickets(answers: string[], questions = INVOICE_QUESTIONS, count = 10): string {
    return Array.from({ length: count }, (_, i) => {
      const day = `2026-05-${String(2 + i).padStart(2, '0')}`;
      return JSON.stringify({
        id: `I-${i}`,
        subject: 'Invoice',
        status: 'solved',
        created_at: `${day}T09:00:00Z`,
        requester: { id: `c-${i}` },
        messages: [
          {
            role: 'customer',
            created_at: `${day}T09:00:00Z`,
            body: questions[i % questions.length],
          },
          { role: 'bot', created_at: `${day}T09:00:05Z`, body: 'I’m not sure about that.' },
          { role: 'agent', created_at: `${day}T10:00:00Z`, body: answers[i % answers.length] },
        ],
      });
    }).join('\n');
  }

  /** A handover on day `day` of May 2026: the customer's question, the bot at a loss, the agent's reply. */
  function handover(id: string, day: number, question: string, reply: string): string {
    const date = `2026-05-${String(1 + day).padStart(2, '0')}`;
    return JSON.stringify({
      id,
      status: 'solved',
      created_at: `${date}T09:00:00Z`,
      requester: { id: `c-${id}` },
      messages: [
        { role: 'customer', created_at: `${date}T09:00:00Z`, body: question },
        { role: 'bot', created_at: `${date}T09:00:05Z`, body: 'I’m not sure about that.' },
        { role: 'agent', created_at: `${date}T10:00:00Z`, body: reply },
      ],
    });
  }

  /**
   * 45 handovers of each topic, its questions in turn, each reply written by `reply` with numbers
   * drawn independently of the question asked: the variation is the agents', not the customers'.
   */
  function variedHandovers<T extends { questions: string[] }>(
    prefix: string,
    topics: T[],
    reply: (topic: T, draw: (n: number) => number) => string,
  ): string {
    let seed = 1;
    const draw = (n: number) => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 16) % n;
    return topics
      .flatMap((topic, t) =>
        Array.from({ length: 45 }, (_, i) =>
          handover(`${prefix}-${t}-${i}`, 1 + ((i + t * 3) % 27), topic.questions[i % topic.questions.length]!, reply(topic, draw)),
        ),
      )
      .join('\n');
  }

  async function learn(answers: string[], questions?: string[], count?: number) {
    return learnFrom(tickets(answers, questions, count));
  }

  /** Imports ticket lines, indexes them, runs the learning loop, and returns every draft. */
  async function learnFrom(lines: string) {
    return allDraftDetails(await learnedEngine(lines));
  }

  /** An engine whose workspace has learned from the ticket lines. */
  async function learnedEngine(lines: string) {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Answers' });
    await handle.call('learning.configure', { auto: false });
    await learnMore(handle, lines);
    return handle;
  }

  /** Imports more ticket lines into the engine's workspace, indexes them, and runs the learning loop. */
  async function learnMore(handle: ReturnType<typeof testEngine>, lines: string) {
    const path = join(tempDir(), 'tickets.jsonl');
    writeFileSync(path, lines);
    await runToEnd(handle, () => handle.call('import.start', { path }));
    // as the loop does after an import: once the new tickets are indexed
    await waitFor(() => (handle.jobs.runner().ownActive().length === 0 ? true : undefined), 60_000, 'indexing');
    const learned = await runToEnd(handle, () => handle.call('learn.run', {}));
    expect(learned.status, learned.error ?? '').toBe('done');
  }

  it('takes a question the team answered each time another way as one topic: a coverage gap, not a draft', async () => {
    const test = banking77('test');
    if (!test) throw new Error('BANKING77 is missing: ../shared/datasets/banking77 (see ../shared/datasets/README.md)');
    const asked = (intent: string, count: number, naming = /./) =>
      test
        .filter((r) => r.label === intent && naming.test(r.text))
        .slice(0, count)
        .map((r) => r.text);
    // replies that answer nothing, each worded its own way: no two agree
    const nonAnswers = [
      'Please check our help centre for the latest on this.',
      'I have raised this with the relevant team and they will be in touch shortly.',
      'Thanks for your patience, a colleague will follow up by email.',
      'Let me look into this and get back to you tomorrow.',
      'Good question! We are working on more information about this.',
      'Sorry for the trouble, our specialists will contact you.',
    ];
    const moreNonAnswers = [
      'Our team will reach out to you about this soon.',
      'Thank you, I have passed your message on.',
      'We appreciate you letting us know.',
      'Someone from billing will write to you.',
      'I will check and reply later today.',
      'This is being reviewed at the moment.',
      'Kindly bear with us while we look at it.',
    ];
    const arrival = 'Cards arrive within 5 working days; you can follow the delivery in the app under Card > Order status.';
    const others = ['age_limit', 'exchange_rate', 'terminate_account', 'pin_blocked', 'top_up_failed'].map(
      (intent) => asked(intent, 1)[0]!,
    );
    const lines = [
      // ("how do VR cards work" is asked too, in words the offline encoders do not know)
      ...asked('get_disposable_virtual_card', 6, /disposable/).map((q, i) => handover(`V-${i}`, i, q, nonAnswers[i]!)),
      ...asked('card_arrival', 5).map((q, i) => handover(`A-${i}`, i, q, arrival)),
      // the card's question, not answered this time: that question has its card, no gap
      ...asked('card_arrival', 7)
        .slice(5)
        .map((q, i) => handover(`N-${i}`, 10 + i, q, moreNonAnswers[i]!)),
      // questions asked once, of other matters
      ...others.map((q, i) => handover(`O-${i}`, 20 + i, q, moreNonAnswers[2 + i]!)),
    ];
    const handle = await learnedEngine(lines.join('\n'));
    const drafts = await allDraftDetails(handle);
    expect(drafts.map((d) => d.evidence.map((e) => e.externalId).sort())).toEqual([['A-0', 'A-1', 'A-2', 'A-3', 'A-4']]);
    await handle.call('drafts.approve', { ids: [drafts[0]!.id] });

    const { gaps } = await handle.call('metrics.dashboard', {});
    expect(gaps.map((g) => [g.handovers, g.tickets.map((t) => t.externalId).sort()])).toEqual([
      [6, ['V-0', 'V-1', 'V-2', 'V-3', 'V-4', 'V-5']],
    ]);
    // named after the question it asks; no answer agrees with another
    expect(gaps[0]!.label).toMatch(/disposable/i);
    const topic = (await handle.call('topics.list', {})).find((t) => t.id === gaps[0]!.topicId)!;
    expect([topic.size, topic.agreeing, topic.draftStatus]).toEqual([6, 1, null]);
    expect(gaps[0]!.answersDiffer).toBe(true);

    // the lead writes the answer: a card in review with the six questions, the answer left to write
    const started = await handle.call('drafts.start', { topicId: topic.id });
    const card = await handle.call('drafts.get', { id: started.created! });
    expect([card.kind, card.status, card.title]).toEqual(['new', 'in_review', gaps[0]!.label]);
    expect(card.evidence.map((e) => [e.externalId, e.role]).sort()).toEqual(
      ['V-0', 'V-1', 'V-2', 'V-3', 'V-4', 'V-5'].map((id) => [id, 'supporting']),
    );
    expect(card.bodyMd).toMatch(/## Answer\n\n\n\n## How customers ask\n\n- “[^”]*disposable/i);
    for (const line of nonAnswers) expect(card.bodyMd).not.toContain(line); // no stock line is offered as the answer
    await expect(handle.call('drafts.approve', { ids: [card.id] })).rejects.toThrow(/“Answer” section is empty/);
    expect((await handle.call('metrics.dashboard', {})).gaps.map((g) => [g.label, g.draftId])).toEqual([[card.title, card.id]]);
    await expect(handle.call('drafts.start', { topicId: topic.id })).rejects.toThrow(`has a card already: #${card.id}`);
    await expect(handle.call('drafts.regenerate', { id: card.id })).rejects.toThrow(/no agreed answer to draft from/);

    // learning runs again: the card keeps its tickets, and the question is no gap of its own
    const laterNonAnswers = [
      'Our team will reach out to you about this soon.',
      'We will share more details about this shortly.',
      'Thanks for writing in, we are on it.',
      'Apologies for the wait, an update is coming.',
      'Noted, we will keep you posted.',
    ];
    await learnMore(
      handle,
      asked('get_disposable_virtual_card', 11, /disposable/)
        .slice(6)
        .map((q, i) => handover(`W-${i}`, 12 + i, q, laterNonAnswers[i]!))
        .join('\n'),
    );
    const kept = await handle.call('drafts.get', { id: card.id });
    // new tickets asking it join the card, each answered with yet another stock line
    expect(kept.evidence.map((e) => e.externalId).sort()).toEqual([
      'V-0',
      'V-1',
      'V-2',
      'V-3',
      'V-4',
      'V-5',
      'W-0',
      'W-1',
      'W-2',
      'W-3',
      'W-4',
    ]);
    expect(kept.bodyMd).toBe(card.bodyMd);
    expect((await handle.call('metrics.dashboard', {})).gaps.map((g) => [g.draftId, g.handovers])).toEqual([[card.id, 11]]);

    const answer =
      'Open Cards, tap Add card and choose Disposable virtual card; it works for one payment and a new number comes after each use.';
    await handle.call('drafts.edit', {
      id: card.id,
      title: card.title,
      bodyMd: card.bodyMd.replace('## Answer\n', `## Answer\n\n${answer}\n`),
    });
    expect((await handle.call('drafts.approve', { ids: [card.id] })).approved).toHaveLength(1);
    expect((await handle.call('metrics.dashboard', {})).gaps).toEqual([]);

    // later the team answers it as the article says, or with one stock line: neither changes the article
    const used = new Set(asked('get_disposable_virtual_card', 11, /disposable/));
    const more = asked('get_disposable_virtual_card', 40, /disposable|virtual/).filter((q) => !used.has(q));
    await learnMore(
      handle,
      [
        ...more.slice(0, 3).map((q, i) => handover(`X-${i}`, 25 + i, q, answer)),
        ...more.slice(3, 6).map((q, i) => handover(`Y-${i}`, 28 + i, q, nonAnswers[1]!)),
      ].join('\n'),
    );
    expect((await handle.call('drafts.list', {})).filter((d) => d.status !== 'approved').map((d) => [d.kind, d.title])).toEqual([]);
  }, 120_000);

  it('starts a card for a topic before it reaches the repeat threshold, and undo puts the topic back', async () => {
    const test = banking77('test')!;
    const questions = test.filter((r) => r.label === 'card_arrival').slice(0, 2);
    const arrival = 'Cards arrive within 5 working days; you can follow the delivery in the app under Card > Order status.';
    const handle = await learnedEngine(questions.map((r, i) => handover(`A-${i}`, i, r.text, arrival)).join('\n'));
    expect(await handle.call('drafts.list', {})).toEqual([]); // two tickets: below the threshold of 3
    const topic = (await handle.call('topics.list', {})).find((t) => t.size === 2)!;
    expect([topic.agreeing, topic.draftStatus]).toEqual([2, null]);

    // two answers agree: the card is drafted from them
    const started = await handle.call('drafts.start', { topicId: topic.id });
    const card = await handle.call('drafts.get', { id: started.created! });
    expect(card.status).toBe('in_review');
    expect(card.bodyMd).toContain('5 working days');
    expect(card.history.map((h) => h.action)).toEqual(['start']);
    expect(card.answerToWrite).toBe(false); // drafted from answers that agree: it can be written again

    await handle.call('review.undo', { batch: started.batch });
    expect(await handle.call('drafts.list', {})).toEqual([]);
    expect((await handle.call('topics.list', {})).find((t) => t.id === topic.id)).toMatchObject({ size: 2, draftStatus: null });
    await expect(handle.call('drafts.start', { topicId: 999_999 })).rejects.toThrow(/no topic 999999 any more/);
  }, 60_000);

  it('sets the topics no article answers beside the articles in the replay: a coverage gap, not the article’s later tickets', async () => {
    const test = banking77('test')!;
    const arrival = test.filter((r) => r.label === 'card_arrival').slice(0, 6);
    const delivery = [
      "I'm just wondering when my card will get here.",
      'How long will it take to arrive?',
      'How long will it take to get to me?',
    ];
    const said = (intent: string) =>
      answerOf(intent)!
        .map(([first]) => first)
        .join(' ');
    const handle = await learnedEngine(arrival.map((r, i) => handover(`A-${i}`, i, r.text, said('card_arrival'))).join('\n'));
    await handle.call('drafts.approve', { ids: (await handle.call('drafts.list', {})).map((d) => d.id) });
    // later: one more question of the article's, and questions of delivery times, each given another holding line
    const holding = [
      'Thanks, I have forwarded this to the delivery team.',
      'A colleague from logistics will reply by email.',
      'We are checking this with our card partner.',
    ];
    const later = test.filter((r) => r.label === 'card_arrival')[6]!;
    await learnMore(
      handle,
      [handover('A-6', 9, later.text, said('card_arrival')), ...delivery.map((q, i) => handover(`D-${i}`, 10 + i, q, holding[i]!))].join(
        '\n',
      ),
    );
    const db = handle.workspaces.requireCurrent().db;
    const versions = loadArticleVersions(db);
    const ticket = db.prepare('SELECT id FROM tickets WHERE external_id = ?').pluck();
    const idsOf = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ticket.get(`${prefix}-${i}`) as number);
    const [arrivalIds, deliveryIds] = [idsOf('A', 7), idsOf('D', 3)];
    // the article's topic holds its later ticket too, and is no competitor; the gap is
    const gaps = unansweredTopics(db, versions);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.evidence.length).toBeGreaterThanOrEqual(2);
    expect(gaps[0]!.evidence.every((id) => deliveryIds.includes(id))).toBe(true);
    const questions = loadQuestions(db, '0000', '9999');
    const replay = await replayMatcher(db, versions, questions);
    const answeredBy = (ids: number[]) =>
      questions.filter((q) => ids.includes(q.ticketId)).map((q) => replay.match(q)?.entry.articleId ?? null);
    expect(answeredBy(gaps[0]!.evidence)).toEqual(gaps[0]!.evidence.map(() => null));
    expect(answeredBy(arrivalIds)).toEqual(arrivalIds.map(() => versions[0]!.articleId));
  }, 120_000);

  it('drafts no stock line, even in a small workspace where it reads near the questions it was given to', async () => {
    const test = banking77('test')!;
    // one question of each of twelve matters; the team gave each of two lines to six of them
    const stock = [
      'Please check our help centre for the latest on this.',
      'I have raised this with the relevant team and they will be in touch shortly.',
    ];
    const intents = [...new Set(test.map((r) => r.label))].slice(0, 12);
    const lines = intents.map((intent, i) => handover(`S-${i}`, i, test.find((r) => r.label === intent)!.text, stock[i % 2]!));
    const handle = await learnedEngine(lines.join('\n'));
    expect((await allDraftDetails(handle)).map((d) => d.bodyMd)).toEqual([]);
  }, 60_000);

  it('gathers the questions no card covers, answered by a stock line each time, into coverage gaps once they recur (BANKING77 as conversations)', async () => {
    const { history, later } = bankingConversations(banking77('train')!, banking77('test')!, { withNeighbours: true });
    const handle = await learnedEngine(history.join('\n'));
    await handle.call('drafts.approve', { ids: (await handle.call('drafts.list', {})).map((d) => d.id) });
    await learnMore(handle, later.join('\n'));
    const db = handle.workspaces.requireCurrent().db;
    const intentOf = new Map(
      (
        db.prepare('SELECT t.external_id AS id, tt.truth FROM tickets t JOIN ticket_truth tt ON tt.ticket_id = t.id').all() as {
          id: string;
          truth: string;
        }[]
      ).map((r) => [r.id, (JSON.parse(r.truth) as { topic: string | null }).topic]),
    );
    // the intents the team answers in its own words: each has its article now
    const answered = new Set(history.flatMap((line) => (JSON.parse(line) as { truth: { topic: string | null } }).truth.topic ?? []));
    const { gaps } = await handle.call('metrics.dashboard', {});
    expect(gaps.length).toBeGreaterThanOrEqual(10);
    for (const gap of gaps) {
      expect(gap.handovers).toBeGreaterThanOrEqual(3);
      expect([gap.draftId, gap.answersDiffer]).toEqual([null, true]);
      expect(gap.tickets.filter((t) => answered.has(intentOf.get(t.externalId) ?? '')).map((t) => t.externalId)).toEqual([]);
    }
    // virtual cards, asked about in four ways (ordering one, using one, its limits, one that fails)
    const virtual = ['get_disposable_virtual_card', 'getting_virtual_card', 'virtual_card_not_working', 'disposable_card_limits'];
    const mostVirtual = Math.max(...gaps.map((g) => g.tickets.filter((t) => virtual.includes(intentOf.get(t.externalId) ?? '')).length));
    expect(mostVirtual).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it('takes rewordings of one answer as one answer: an article, no conflict card', async () => {
    const drafts = await learn([
      'Your invoice can be found in Order History: open the order and click Download invoice.',
      'You can download your invoice from Order History, on the page of the order.',
      'Invoices are in Order History. Open the order there and download the invoice as a PDF.',
    ]);
    expect(drafts.map((d) => d.kind)).toEqual(['new']);
    expect(drafts[0]!.bodyMd).toMatch(/Order History/);
    expect(drafts[0]!.title).not.toMatch(/^Conflicting/);
  }, 60_000);

  it('takes two wordings that send the customer to the same place as one answer, though few words are shared', async () => {
    // a bank's support, where every answer speaks of cards and the app: two random answers are alike
    // already; the identity questions (three) and its answers (two) take turns, so neither foretells the other
    const topics: { questions: string[]; answers: string[] }[] = [
      {
        questions: ['How do I verify my identity?', 'Why must I prove my ID?', 'What proof of identification do you need?'],
        answers: [
          'To verify your identity, open Profile > Verify identity and take a photo of your ID and a selfie. Verification usually takes a few minutes, sometimes up to 24 hours.',
          'Go to Profile > Verify identity, photograph your passport or ID card and take a selfie. Most checks finish within minutes, some take up to a day.',
        ],
      },
      {
        questions: ['I lost my card!', 'My card was stolen', 'Someone took my card from my bag'],
        answers: [
          'Freeze the card at once under Card > Freeze, then tap "Report lost or stolen": the card is cancelled and a new one is sent.',
        ],
      },
      {
        questions: ['Where is my new card?', 'My card has not arrived yet', 'Still waiting for my card'],
        answers: [
          'Cards arrive within 5 working days. After 10 working days, tap "Card not received" under Card > Order status and we send a new one.',
        ],
      },
      {
        questions: ['Why was I charged for a cash withdrawal?', 'There is a fee on my ATM withdrawal', 'Why do I pay for taking out cash?'],
        answers: [
          'Withdrawals are free up to 200 a month; above that we charge 2% of the amount. The fee shows on the withdrawal in your transactions.',
        ],
      },
      {
        questions: ['My top up failed', 'Why was my top-up declined?', 'I cannot add money to my account'],
        answers: [
          'A top-up fails when your bank declines it or a card detail is wrong. Check the card under Top up > Cards and try again.',
        ],
      },
      {
        questions: ['How do I close my account?', 'Please delete my account', 'I want to cancel my account'],
        answers: ['Move your balance out first, then close the account in the app under Profile > Close account.'],
      },
    ];
    const lines = topics.flatMap((topic, t) =>
      Array.from({ length: t === 0 ? 60 : 40 }, (_, i) =>
        handover(
          `B-${t}-${i}`,
          1 + ((i + t * 3) % 27),
          topic.questions[i % topic.questions.length]!,
          topic.answers[i % topic.answers.length]!,
        ),
      ),
    );
    const drafts = await learnFrom(lines.join('\n'));
    expect(drafts.filter((d) => d.kind === 'conflict').map((d) => d.title)).toEqual([]);
    // one article for the topic: the two wordings were not taken for two topics either
    expect(drafts.filter((d) => /Verify identity/.test(d.bodyMd)).map((d) => d.kind)).toEqual(['new']);
  }, 90_000);

  it('takes one answer as one answer when replies word it their own way, cut it short, reorder it and wrap it in courtesies', async () => {
    // each reply is one paragraph: an opener the team uses on every topic, then the answer's
    // sentences each in one of two wordings, a third of replies leaving one out, some reordered
    const OPENERS = [
      'Thank you for reaching out about this; I completely understand your concern.',
      'I understand how important this is to you, and I am here to help.',
      "I'm sorry for any inconvenience this has caused.",
      '',
    ];
    const topics: { questions: string[]; answer: [string, string][] }[] = [
      {
        questions: ['Why did my top up fail?', 'My top-up was declined', 'My top up failed again'],
        answer: [
          ["A top up usually fails because the card's bank declined it.", 'Most failed top ups are declined by the card issuer.'],
          ['Make sure 3D Secure is switched on with your bank.', 'Check that your bank has 3D Secure enabled.'],
          [
            'A pending charge from a failed top up drops off within 3 working days.',
            'Any pending amount is released within three business days.',
          ],
        ],
      },
      {
        questions: ['Where is my new card?', 'My card has not arrived yet', 'Still waiting for my card'],
        answer: [
          ['Cards usually arrive within 5 working days of ordering.', 'Your card normally gets to you within five business days.'],
          ['You can follow its delivery under Card > Order status.', 'The app shows where it is: open Card and tap Order status.'],
          [
            'After 10 working days, order a replacement from the same screen.',
            'If ten business days pass, request a new one on that screen.',
          ],
        ],
      },
      {
        questions: ['Why was my transfer declined?', 'My bank transfer was rejected', 'Transfer refused, why?'],
        answer: [
          [
            'A transfer is refused when the name or IBAN does not match the other bank.',
            'Transfers are declined when the recipient details do not match their bank.',
          ],
          ['Double-check the account holder name and IBAN, then send it again.', 'Check the IBAN and the exact name, then resend.'],
          [
            'Transfers over 5,000 euros also need your confirmation in the app.',
            'Anything above 5,000 euros must be confirmed in the app first.',
          ],
        ],
      },
      {
        questions: ['How do I unblock my PIN?', 'My PIN is blocked', 'I entered the wrong PIN too many times'],
        answer: [
          ['Your PIN is blocked after three wrong tries.', 'Three incorrect PIN entries block it.'],
          ['Unblock it in the app under Card > Security > Unblock PIN.', 'Go to Card > Security > Unblock PIN in the app.'],
          ['Then do a balance check at any ATM to reset it.', 'Afterwards use it once at an ATM with a balance check.'],
        ],
      },
    ];
    const lines = variedHandovers('R', topics, (topic, draw) => {
      let sentences = topic.answer.map((wordings) => wordings[draw(2)]!);
      if (draw(3) === 0) sentences.splice(draw(3), 1);
      if (draw(4) === 0) sentences = [sentences[1]!, sentences[0]!, ...sentences.slice(2)];
      return [OPENERS[draw(OPENERS.length)], ...sentences].filter(Boolean).join(' ');
    });
    const drafts = await learnFrom(lines);
    expect(drafts.filter((d) => d.kind === 'conflict').map((d) => d.title)).toEqual([]);
    expect(drafts.map((d) => d.kind)).toEqual(['new', 'new', 'new', 'new']);
    // the team's opener is on every topic: no article's knowledge
    for (const d of drafts) expect(d.bodyMd).not.toMatch(/reaching out|how important|inconvenience/);
  }, 90_000);

  it('takes steps that agents word their own way, some cut short, as one answer: one article per topic, no conflict card', async () => {
    const OPENERS = [
      "Certainly! I'm here to help you with that. To do so, please follow these steps:",
      "I'd be happy to help. Here's how:",
      'Thank you for reaching out to us. It is easy:',
      '',
    ];
    const topics: { questions: string[]; steps: [string, string][] }[] = [
      {
        questions: [
          'I need help to set up my shipping address',
          'how do i add a new shipping address?',
          'where can I set my delivery address',
        ],
        steps: [
          ['Log in to your account on our website.', 'Sign in to your account.'],
          ['Navigate to the "Account Settings" section.', 'Go to "Account Settings".'],
          ['Look for the "Shipping Addresses" option.', 'Open "Shipping Addresses".'],
          ['Click "Add a New Address" and fill in the required fields.', 'Select "Add a New Address" and enter your details.'],
          ['Click "Save" to store the address.', 'Press "Save".'],
        ],
      },
      {
        questions: ['how do I cancel my order', 'I want to cancel purchase', 'help canceling an order'],
        steps: [
          ['Sign in to your account.', 'Log into your account on the website.'],
          ['Open "Order History".', 'Go to the "Order History" section.'],
          ['Find the order and click "Cancel Order".', 'Select the order, then choose "Cancel Order".'],
          ['Confirm the cancellation when asked.', 'Confirm that you want to cancel.'],
        ],
      },
      {
        questions: ['how can I get my invoice', 'I need a copy of my invoice', 'where do I download an invoice'],
        steps: [
          ['Log in to your account.', 'Sign into your account.'],
          ['Go to "Order History".', 'Open the "Order History" page.'],
          ['Click "View Invoice" next to the order.', 'Choose "View Invoice" beside the purchase.'],
          ['Press "Download PDF" to save it.', 'Select "Download PDF".'],
        ],
      },
      {
        questions: ['how do I reset my password', 'forgot my password', 'cannot remember my password'],
        steps: [
          ['Go to the sign-in page and click "Forgot Password".', 'On the login page, choose "Forgot Password".'],
          ['Enter the email address of your account.', 'Type in your account email.'],
          ['Open the link in the email we send you.', 'Follow the link we email to you.'],
          ['Choose a new password and click "Reset".', 'Enter a new password, then press "Reset".'],
        ],
      },
    ];
    const lines = variedHandovers('S', topics, (topic, draw) => {
      const steps = topic.steps.map((w) => w[draw(2)]!);
      if (draw(3) === 0) steps.splice(1 + draw(steps.length - 1), 1);
      return [
        OPENERS[draw(OPENERS.length)],
        '',
        ...steps.map((x, k) => `${k + 1}. ${x}`),
        '',
        'If you have any other questions, feel free to ask.',
      ].join('\n');
    });
    const drafts = await learnFrom(lines);
    expect(drafts.filter((d) => d.kind === 'conflict').map((d) => d.title)).toEqual([]);
    expect(drafts.map((d) => d.kind)).toEqual(['new', 'new', 'new', 'new']);
  }, 90_000);

  const ADDRESS_QUESTIONS = [
    'I need help to set up my shipping address',
    'how do i add a new shipping address?',
    'where can I set my delivery address',
  ];
  const ADDRESS_STEPS = [
    'Certainly! I\'m here to help you set up your shipping address. To do so, please follow these steps:\n\n1. Log in to your account on our website.\n2. Navigate to the "Account Settings" section.\n3. Look for the "Shipping Addresses" option.\n4. Click "Add a New Address" and fill in the required fields.\n5. Click "Save" to store the address.\n\nIf you encounter any difficulties, please don\'t hesitate to reach out.',
    'I\'d be happy to help you with setting up your shipping address. Here\'s how:\n\n1. Sign in to your account.\n2. Go to "Account Settings".\n3. Open "Shipping Addresses".\n4. Select "Add a New Address" and enter your details.\n5. Press "Save".\n\nShould you have any further questions, feel free to contact us.',
    'Thank you for reaching out to us. Setting up a shipping address is easy:\n1. Log into your account\n2. Head to the "Account Settings" area\n3. Find "Shipping Addresses"\n4. Choose "Add a New Address" and complete the form\n5. Click "Save"\nI hope this helps!',
  ];

  it('takes answers that word the same steps each their own way as one answer, with the steps of the most typical one', async () => {
    const drafts = await learn(ADDRESS_STEPS, ADDRESS_QUESTIONS, 9);
    expect(drafts.map((d) => d.kind)).toEqual(['new']);
    const body = drafts[0]!.bodyMd;
    const steps = body.split('## Steps')[1]!.split('##')[0]!;
    expect(steps.match(/^\d+\. /gm)).toHaveLength(5);
    expect(steps).toMatch(/Shipping Addresses/);
    // the kind words around the steps and the line leading into them are no notes
    expect(body).not.toMatch(/happy to help|here to help|Here's how|follow these steps|hesitate|hope this helps/i);
  }, 60_000);

  it('still makes a conflict card when the team gives two different sets of steps at the same time', async () => {
    const drafts = await learn(
      [
        ADDRESS_STEPS[1]!,
        'Here is what to do:\n\n1. Email support@example.com with your order number.\n2. Tell us the new address in full.\n3. We confirm the change by phone within two days.',
      ],
      ADDRESS_QUESTIONS,
      9,
    );
    expect(drafts.map((d) => d.kind)).toEqual(['conflict']);
  }, 60_000);

  it('still makes a conflict card when the team gives two different answers at the same time', async () => {
    const drafts = await learn([
      'Your invoice can be found in Order History: open the order and click Download invoice.',
      'We email every invoice to the address on your account the day after the order ships; check your spam folder.',
    ]);
    expect(drafts.map((d) => d.kind)).toEqual(['conflict']);
  }, 60_000);

  it('takes a card’s arrival and its delivery times, answered side by side, as two answers though both promise 5 working days', async () => {
    const test = banking77('test')!;
    const said = (intent: string) =>
      answerOf(intent)!
        .map(([first]) => first)
        .join(' ');
    const asked = (intent: string) => test.filter((r) => r.label === intent).slice(0, 6);
    // customers ask both in much the same words, so the questions do not tell the two answers apart
    const drafts = await learnFrom(
      [
        ...asked('card_arrival').map((r, i) => handover(`A-${i}`, 2 * i, r.text, said('card_arrival'))),
        ...asked('card_delivery_estimate').map((r, i) => handover(`D-${i}`, 2 * i + 1, r.text, said('card_delivery_estimate'))),
      ].join('\n'),
    );
    expect(drafts.map((d) => d.kind)).toEqual(['conflict']);
    expect(drafts[0]!.bodyMd).toContain('after 10 working days');
    expect(drafts[0]!.bodyMd).toContain('up to 3 weeks');
    expect(drafts[0]!.bodyMd).toMatch(/## One answer\n\n\w/);
    expect(drafts[0]!.bodyMd).toMatch(/## The other answer\n\n\w/);
  }, 60_000);

  it('takes two answers that promise other figures as two answers, however alike they read', async () => {
    const questions = ['How long does a refund take?', 'When will I get my refund?', 'Where is my refund?'];
    const promise = (days: number) =>
      `Once your return reaches our warehouse, the refund goes back to your original payment method within ${days} working days.`;
    // both at once: the team must decide
    const both = await learn([promise(5), promise(10)], questions);
    expect(both.map((d) => d.kind)).toEqual(['conflict']);
    // the promise changed in May: the article gives the newer one
    const changed = await learnFrom(
      Array.from({ length: 10 }, (_, i) => handover(`R-${i}`, 1 + 2 * i, questions[i % 3]!, promise(i < 5 ? 5 : 10))).join('\n'),
    );
    expect(changed.map((d) => d.kind)).toEqual(['new']);
    expect(changed[0]!.bodyMd).toMatch(/within 10 working days/);
    expect(changed[0]!.bodyMd).not.toMatch(/within 5 working days/);
  }, 120_000);

  it('raises a stale card when the team now promises another figure than the approved article says', async () => {
    const questions = ['How long does a refund take?', 'When will I get my refund?', 'Where is my refund?'];
    const promise = (days: number) =>
      `Once your return reaches our warehouse, the refund goes back to your original payment method within ${days} working days.`;
    const handovers = (prefix: string, from: number, days: number) =>
      Array.from({ length: 6 }, (_, i) => handover(`${prefix}-${i}`, from + i, questions[i % 3]!, promise(days))).join('\n');
    const handle = await learnedEngine(handovers('P', 1, 5));
    const [draft] = await allDraftDetails(handle);
    expect(draft!.kind).toBe('new');
    await handle.call('drafts.approve', { ids: [draft!.id] });

    await learnMore(handle, handovers('Q', 15, 10));
    const changes = (await allDraftDetails(handle)).filter((d) => d.id !== draft!.id);
    expect(changes.map((d) => d.kind)).toEqual(['stale']);
    expect(changes[0]!.bodyMd).toMatch(/within 10 working days/);
  }, 120_000);

  it('leaves an approved article be while later tickets ask in new words for its steps, and suggests the step the team adds', async () => {
    const steps = ['Open Orders and choose the order.', 'Click Start a return.', 'Print the label and drop the parcel at any post office.'];
    const numbered = (lines: string[]) => lines.map((line, i) => `${i + 1}. ${line}`).join('\n');
    const handovers = (prefix: string, from: number, questions: string[], answer: string) =>
      Array.from({ length: 6 }, (_, i) => handover(`${prefix}-${i}`, from + i, questions[i % 3]!, answer)).join('\n');
    const handle = await learnedEngine(
      handovers('P', 1, ['How do I return an item?', 'I want to send something back', 'Can I return my order?'], numbered(steps)),
    );
    const [draft] = await allDraftDetails(handle);
    await handle.call('drafts.approve', { ids: [draft!.id] });
    const later = async (lines: string) => {
      await learnMore(handle, lines);
      return (await allDraftDetails(handle)).filter((d) => d.id !== draft!.id);
    };
    // the ways customers ask are no steps: new ones change nothing the article says
    expect(
      await later(
        handovers('Q', 10, ['Return process please', 'How can I send back the shoes?', 'Return a jacket, how?'], numbered(steps)),
      ),
    ).toEqual([]);
    const added = 'Keep the receipt the post office gives you until the refund arrives.';
    const changes = await later(
      handovers('R', 20, ['How do I return an item?', 'Return process please', 'Can I return my order?'], numbered([...steps, added])),
    );
    expect(changes.map((d) => d.kind)).toEqual(['update']);
    expect(changes[0]!.bodyMd).toContain(added);
  }, 120_000);

  it('makes two articles, not a conflict card, when what customers ask tells which of two answers they get', async () => {
    const email = [
      'How do I change the email address on my account?',
      'I have a new work email, can I sign in with it instead?',
      'Need to update the email I log in with',
      'My old email address is closed, how do I change it on my account?',
    ];
    const merge = [
      'I made two accounts by mistake, can you merge them?',
      'My orders are split across two accounts',
      'Can you combine my two logins into one account?',
      'I have a duplicate account, please join them together',
    ];
    const answers = {
      email:
        '1. Open Account → Profile and click "Change email".\n2. Enter the new address and confirm it with the link we send to it.\n3. Orders and subscriptions stay with the account.',
      merge:
        '1. Sign in to the account you want to keep.\n2. Open Account → Profile → "Merge another account" and sign in to the other one there.\n3. Orders and subscriptions move over; the other account is closed.',
    };
    // email and merge questions take turns, each with its own answer
    const questions = email.flatMap((q, i) => [q, merge[i]!]);
    const drafts = await learn([answers.email, answers.merge], questions, 16);
    expect(drafts.map((d) => d.kind).sort()).toEqual(['new', 'new']);
    const asked = drafts.map((d) => d.bodyMd).join('\n');
    expect(drafts.find((d) => /Change email/.test(d.bodyMd))?.bodyMd).not.toMatch(/Merge another account/);
    expect(asked).toMatch(/Merge another account/);
  }, 60_000);
  it('makes two articles when neighbouring questions get answers that read alike as a whole (a top-up pending, a top-up that failed)', async () => {
    const rows = banking77('train');
    if (!rows) throw new Error('BANKING77 is missing: ../shared/datasets/banking77 (see ../shared/datasets/README.md)');
    const asked = (intent: string) =>
      rows
        .filter((r) => r.label === intent)
        .slice(0, 14)
        .map((r) => r.text);
    // pending and failed top-ups take turns
    const failed = asked('top_up_failed');
    const lines = asked('pending_top_up').flatMap((pending, i) => [
      conversation(`P-${i}`, 2 * i, pending, [answerOfIntent('pending_top_up', i)]),
      conversation(`F-${i}`, 2 * i + 1, failed[i]!, [answerOfIntent('top_up_failed', i)]),
    ]);
    const drafts = await learnFrom(lines.join('\n'));
    expect(drafts.map((d) => d.kind).sort()).toEqual(['new', 'new']);
    const pending = drafts.find((d) => /personal reference|own reference/.test(d.bodyMd));
    expect(pending?.bodyMd).not.toMatch(/billing address/);
    expect(drafts.some((d) => /billing address/.test(d.bodyMd))).toBe(true);
  }, 60_000);

  it('takes answers that echo how the customer asked, pointing to the same places, as one answer', async () => {
    const invoice = [
      'Where can I download my invoice?',
      'how do i download the invoice for order 4411',
      'Can I download an invoice for my purchase?',
      'I want to download my invoice please',
      'download invoice?',
      'Where do I download invoices from my orders',
      'need to download the invoice of my last order',
      'Is there a way to download my invoice',
    ];
    const receipt = [
      'I need a copy of my receipt',
      'Can you send me a receipt for what I bought?',
      'where is my receipt',
      'I lost the receipt for my order, can I get another one?',
      'receipt for my purchase last week',
      'Could I get a receipt for my order',
      'How can I get my receipt?',
      'My receipt never arrived',
    ];
    // each agent restates the customer's words: the same place and button, in other sentences
    const lines = invoice.flatMap((q, i) => [
      conversation(`D-${i}`, 2 * i, q, ['You can download your invoice from Order History: open the order and click "Download invoice".']),
      conversation(`R-${i}`, 2 * i + 1, receipt[i]!, [
        'Your receipt is the invoice in Order History. Open that order and press "Download invoice" to get a copy.',
      ]),
    ]);
    const drafts = await learnFrom(lines.join('\n'));
    expect(drafts.map((d) => d.kind)).toEqual(['new']);
  }, 60_000);

  it('makes three articles when three neighbouring questions share a group (a top-up reverted, failed, pending)', async () => {
    const rows = banking77('train');
    if (!rows) throw new Error('BANKING77 is missing: ../shared/datasets/banking77 (see ../shared/datasets/README.md)');
    const intents = ['top_up_reverted', 'top_up_failed', 'pending_top_up'];
    const asked = intents.map((intent) =>
      rows
        .filter((r) => r.label === intent)
        .slice(0, 14)
        .map((r) => r.text),
    );
    // the three take turns, each answered in its own words as the eval's answers are
    const lines = asked[0]!.flatMap((_, i) =>
      intents.map((intent, k) => conversation(`${intent}-${i}`, 3 * i + k, asked[k]![i]!, [answerOfIntent(intent, i)])),
    );
    const handle = await learnedEngine(lines.join('\n'));
    const drafts = await allDraftDetails(handle);
    expect(drafts.map((d) => d.kind)).toEqual(['new', 'new', 'new']);
    const own = [/bank took the money back|pulled the funds back/, /billing address/, /2 working days|two business days/];
    // each article gives one of the three answers, and no other's
    for (const pattern of own) expect(drafts.filter((d) => pattern.test(d.bodyMd))).toHaveLength(1);
    for (const d of drafts) expect(own.filter((pattern) => pattern.test(d.bodyMd))).toHaveLength(1);
    // each card's preview counts its own topic's questions, not its neighbours' (which their own cards answer)
    for (const d of drafts) {
      const impact = await handle.call('drafts.impact', { id: d.id });
      expect(impact.similar, d.title).toBeLessThan(14 + 7);
      expect(impact.wouldAnswer, d.title).toBeGreaterThanOrEqual(10);
    }
  }, 60_000);

  /** The eval's answer to an intent: three sentences, each in one of two wordings picked by `i`'s bits. */
  function answerOfIntent(intent: string, i: number): string {
    return answerOf(intent)!
      .map((wordings, k) => wordings[(i >> k) & 1]!)
      .join(' ');
  }

  /**
   * One handover in May (or `month`): the question, the AI's fallback (unless `bot` is false: a
   * ticket only the team answered), then the team's and the customer's messages in turn.
   */
  function conversation(
    id: string,
    i: number,
    question: string | string[],
    replies: string[],
    { month = '05', bot = true }: { month?: string; bot?: boolean } = {},
  ): string {
    const day = `2026-${month}-${String(2 + (i % 27)).padStart(2, '0')}`;
    return JSON.stringify({
      id,
      status: 'solved',
      created_at: `${day}T09:00:00Z`,
      requester: { id: `c-${id}` },
      messages: [
        ...[question].flat().map((body) => ({ role: 'customer', created_at: `${day}T09:00:00Z`, body })),
        ...(bot ? [{ role: 'bot', created_at: `${day}T09:00:05Z`, body: 'I’m not sure about that.' }] : []),
        ...replies.map((body, k) => ({ role: k % 2 ? 'customer' : 'agent', created_at: `${day}T1${k}:00:00Z`, body })),
      ],
    });
  }
  const INVOICE_ANSWER = 'Your invoice can be found in Order History: open the order and click Download invoice.';

  it('learns the question after a hello and the answer after a question back', async () => {
    const lines = Array.from({ length: 9 }, (_, i) =>
      conversation(
        `Q-${i}`,
        i,
        ['Hi there!', INVOICE_QUESTIONS[i % 3]!],
        ['Hi there,\n\nWhich order is this about?\n\nBest,\nTom', `It is order ${4000 + i}`, `Thanks! ${INVOICE_ANSWER}`],
      ),
    );
    const drafts = await learnFrom(lines.join('\n'));
    expect(drafts.map((d) => d.kind)).toEqual(['new']);
    expect(drafts[0]!.bodyMd).toMatch(/Order History/);
    expect(drafts[0]!.bodyMd).not.toMatch(/Which order/);
    expect(drafts[0]!.bodyMd).toMatch(/invoice for my last order/);
    expect(drafts[0]!.bodyMd).not.toMatch(/Hi there/);
  }, 60_000);

  it('learns from an answer sent in a chat as several messages, whole', async () => {
    // every other agent answers in chat bubbles: a hello, then the answer a sentence at a time
    const lines = Array.from({ length: 8 }, (_, i) => {
      const day = `2026-05-${String(2 + i).padStart(2, '0')}`;
      const at = (minute: number) => `${day}T09:${String(minute).padStart(2, '0')}:00Z`;
      const agent = (body: string, minute: number) => ({ role: 'agent', created_at: at(minute), body });
      return JSON.stringify({
        id: `C-${i}`,
        status: 'solved',
        created_at: at(0),
        requester: { id: `c-${i}` },
        messages: [
          { role: 'customer', created_at: at(0), body: INVOICE_QUESTIONS[i % 3] },
          { role: 'bot', created_at: at(1), body: 'I’m not sure about that.' },
          ...(i % 2
            ? [
                agent('Hi Sam! Thanks for waiting.', 5),
                agent('Your invoice can be found in Order History.', 6),
                agent('Open the order and click Download invoice.', 6),
              ]
            : [
                agent('Hi Sam,\n\nYour invoice can be found in Order History. Open the order and click Download invoice.\n\nBest,\nTom', 5),
              ]),
          { role: 'customer', created_at: at(9), body: 'Thanks!' },
        ],
      });
    });
    const drafts = await learnFrom(lines.join('\n'));
    expect(drafts.map((d) => d.kind)).toEqual(['new']);
    expect(drafts[0]!.evidence.filter((e) => e.role === 'supporting')).toHaveLength(8);
    expect(drafts[0]!.bodyMd).toMatch(/Download invoice/);
    expect(drafts[0]!.bodyMd).not.toMatch(/Thanks for waiting|Hi Sam/);
  }, 60_000);

  it("takes two agents' own wordings of one answer, given side by side, as one answer when they state the same figures", async () => {
    // real bank questions; on two topics each agent answers in a wording of their own, sharing few
    // words with the other's but the same figures (days, a rate)
    const answers: Record<string, string[]> = {
      card_arrival: [
        'Cards usually arrive within 5 working days of ordering. If yours has not come after 10 working days, order a new one in the app and we cancel the first.',
        'Expect your card in five business days from the order. Still nothing after ten business days? Request a replacement from the app; the old one stops working.',
      ],
      exchange_rate: [
        'We convert at the interbank exchange rate when the payment is made, and add 0.5% at weekends to cover market swings.',
        'Payments use the mid-market rate of that moment; a 0.5% markup applies on Saturdays and Sundays only.',
      ],
      lost_or_stolen_card: [
        'Freeze the card under Card > Freeze, then tap Report lost or stolen: we cancel it and post a free replacement.',
      ],
      top_up_failed: [
        'A top-up fails when your bank declines it. Turn on 3D Secure with your bank and check the billing address, then try again.',
      ],
      pin_blocked: [
        'After three wrong PINs the card locks. Unblock it at any ATM of your bank with the right PIN, or reset the PIN in the app.',
      ],
      terminate_account: ['Move your balance out, then close the account under Profile > Settings > Close account.'],
      age_limit: ["You need to be at least 18 to open an account; younger customers can join a parent's family plan."],
      cash_withdrawal_charge: ['Withdrawals are free up to 200 a month; after that we charge 2% of each withdrawal.'],
    };
    const lines = sample('train', 12).map((q, i) =>
      handover(`W-${i}`, 1 + (i % 27), q.text, answers[q.label]![Math.floor(i / INTENTS.length) % answers[q.label]!.length]!),
    );
    for (const provider of ['use', 'builtin'] as const) {
      const handle = testEngine();
      await handle.call('workspace.create', { name: `Wordings ${provider}` });
      await handle.call('learning.configure', { auto: false });
      await handle.call('embedding.configure', { provider });
      const path = join(tempDir(), 'tickets.jsonl');
      writeFileSync(path, lines.join('\n'));
      await runToEnd(handle, () => handle.call('import.start', { path }));
      await waitFor(() => (handle.jobs.runner().ownActive().length === 0 ? true : undefined), 60_000, 'indexing');
      expect((await runToEnd(handle, () => handle.call('learn.run', {}))).status).toBe('done');
      const drafts = await allDraftDetails(handle);
      expect(
        drafts.filter((d) => d.kind === 'conflict').map((d) => d.title),
        provider,
      ).toEqual([]);
      for (const figure of [/\b(5|five) (working|business) days/, /0\.5%/]) {
        const about = drafts.filter((d) => figure.test(d.bodyMd));
        // by words alone the two wordings may share too little to be told one answer: an article each, never a conflict
        if (provider === 'use')
          expect(
            about.map((d) => d.kind),
            `${provider}: ${figure}`,
          ).toEqual(['new']);
        else expect(new Set(about.map((d) => d.kind)), `${provider}: ${figure}`).toEqual(new Set(['new']));
        // every ticket of the topic, whichever agent answered it
        const supporting = about.flatMap((d) => d.evidence.filter((e) => e.role === 'supporting'));
        expect(supporting.length, `${provider}: ${figure}`).toBe(12);
      }
    }
  }, 120_000);

  it('makes no topic of one stock reply under unrelated questions', async () => {
    // real bank questions of twelve different intents, each given the same line
    const rows = banking77('test')!;
    const unrelated = [...new Set(rows.map((r) => r.label))].slice(0, 12).map((label) => rows.find((r) => r.label === label)!.text);
    const stock = 'Thanks for getting in touch! A colleague from the right team will look at this and reply by email.';
    const lines = [
      ...unrelated.map((q, i) => conversation(`S-${i}`, i, q, [stock])),
      ...Array.from({ length: 6 }, (_, i) => conversation(`I-${i}`, i, INVOICE_QUESTIONS[i % 3]!, [INVOICE_ANSWER])),
    ];
    const drafts = await learnFrom(lines.join('\n'));
    expect(drafts.map((d) => d.kind)).toEqual(['new']);
    expect(drafts[0]!.bodyMd).toMatch(/Order History/);
    expect(drafts[0]!.bodyMd).not.toMatch(/colleague/);
  }, 60_000);

  it('makes one topic of questions worded unlike each other that the team answers by sending them to one place', async () => {
    const seats = [
      'How do I add another user to our account?',
      'We hired two people, how can they get access?',
      'I want to invite a colleague to our workspace',
      'how to add seats',
    ];
    const macro = 'Go to Settings > Team and click "Invite". Each new seat is billed pro rata from the day it is added.';
    const rows = banking77('test')!;
    const unrelated = [...new Set(rows.map((r) => r.label))].slice(0, 8).map((label) => rows.find((r) => r.label === label)!.text);
    const stock = 'Thanks for getting in touch! A colleague from the right team will look at this and reply by email.';
    const lines = [
      ...seats.map((q, i) => conversation(`T-${i}`, i, q, [macro])),
      ...unrelated.map((q, i) => conversation(`S-${i}`, i, q, [stock])),
    ];
    const drafts = await learnFrom(lines.join('\n'));
    expect(drafts.map((d) => d.kind)).toEqual(['new']);
    expect(drafts[0]!.bodyMd).toMatch(/Settings > Team/);
    expect(drafts[0]!.evidence.filter((e) => e.role === 'supporting')).toHaveLength(seats.length);
  }, 60_000);

  const steps = (...lines: string[]) => lines.map((line, i) => `${i + 1}. ${line}`).join('\n');
  const RESET_STEPS = steps(
    'Open example.com/login and click "Forgot password".',
    'Enter your email; the reset link arrives within 5 minutes (check spam).',
    'Choose a new password; the link works for 1 hour.',
  );
  const PASSWORD_QUESTIONS = [
    'I forgot my password',
    'How do I reset my password?',
    'Can’t log in, my password doesn’t work',
    'Password reset please',
  ];
  const GERMAN_PASSWORD_QUESTIONS = [
    'Ich habe mein Kennwort vergessen.',
    'Wie bekomme ich ein neues Kennwort?',
    'Ich komme nicht mehr in mein Konto.',
  ];
  const names = ['Nathan', 'Oskar', 'Mia', 'Lena', 'Sam'];
  const openers = ['Happy to help with your account.', 'Thanks for checking with us.', 'Sure thing, just follow these steps:'];
  /** An agent's reply around an answer: a hello with the customer's name, an opener, a sign-off. */
  const reply = (i: number, answer: string) =>
    `Hi ${names[i % 5]},\n\n${openers[i % 3]}\n\n${answer}\n\nHope that helps!\n\nKind regards,\nTom`;

  const ticketIdsOf = (db: DB, prefix: string) =>
    db.prepare(`SELECT id FROM tickets WHERE external_id LIKE ? ORDER BY id`).pluck().all(`${prefix}%`) as number[];
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

  /**
   * A team's handovers: twelve each of four account topics (the first about passwords, answered
   * with `passwordAnswer`), and real bank questions of seven intents with their answers, three of
   * them about top-ups.
   */
  function teamHandovers(passwordAnswer: string): string[] {
    const topics = [
      { questions: PASSWORD_QUESTIONS, answer: passwordAnswer },
      {
        questions: ['How do I change the email on my account?', 'I have a new email address', 'Update the email I log in with'],
        answer: steps('Open Account → Profile and click "Change email".', 'Enter the new address and confirm it with the link we send.'),
      },
      {
        questions: ['How do I cancel my subscription?', 'Stop my monthly plan please', 'I want to end the subscription'],
        answer: steps('Open Account → Subscription and click "Cancel plan".', 'Your plan runs until the end of the month you paid for.'),
      },
      { questions: INVOICE_QUESTIONS, answer: INVOICE_ANSWER },
    ];
    return [
      ...topics.flatMap((topic, t) =>
        Array.from({ length: 12 }, (_, i) =>
          conversation(`T${t}-${i}`, i, topic.questions[i % topic.questions.length]!, [reply(i, topic.answer)]),
        ),
      ),
      ...[
        'card_arrival',
        'lost_or_stolen_card',
        'exchange_rate',
        'change_pin',
        'top_up_failed',
        'pending_top_up',
        'top_up_reverted',
      ].flatMap((intent) =>
        banking77('train')!
          .filter((r) => r.label === intent)
          .slice(0, 12)
          .map((r, i) => conversation(`B-${intent}-${i}`, i, r.text, [reply(i, answerOfIntent(intent, i))])),
      ),
    ];
  }

  it('takes questions asked in another language into the article when the team answers them with the same steps', async () => {
    const lines = teamHandovers(RESET_STEPS);
    const handle = await learnedEngine(lines.join('\n'));
    const before = await allDraftDetails(handle);
    // later, customers write in German, and the team answers with the same steps: no new card
    const germanAsked = Array.from({ length: 6 }, (_, i) =>
      conversation(`G-${i}`, 20 + i, GERMAN_PASSWORD_QUESTIONS[i % 3]!, [reply(i, RESET_STEPS)]),
    );
    await importLines(handle, germanAsked.join('\n'));
    const drafts = await allDraftDetails(handle);
    expect(idsOf(drafts)).toEqual(idsOf(before));
    const password = drafts.find((d) => /Forgot password/.test(d.bodyMd))!;
    expect(password.title).not.toMatch(/Kennwort|Konto/);
    expect(password.evidence.filter((e) => e.role === 'supporting')).toHaveLength(18);

    // grouping may leave the German questions apart (in a workspace of thousands it does): the
    // same steps bring them in, while groups answered otherwise in the same template stay apart
    const db = handle.workspaces.requireCurrent().db;
    const groups = [
      'T0-',
      'G-',
      'T1-',
      'T2-',
      'T3-',
      'B-card_arrival',
      'B-change_pin',
      'B-top_up_failed',
      'B-pending_top_up',
      'B-top_up_reverted',
    ].map((prefix) => ticketIdsOf(db, prefix));
    const space = await EvidenceSpace.build(db, redactedEvidence(db, groups.flat()));
    const merged = mergeSameAnswer(groups, space, 3);
    expect(merged.map(sorted)).toEqual([sorted([...groups[0]!, ...groups[1]!]), ...groups.slice(2).map(sorted)]);
  }, 60_000);

  it('drafts a card the loop made again from all its tickets once the backfill brings many more', async () => {
    // a few handovers where agents slipped a step of another topic into the steps: two answers, a conflict
    const slipped = 'Call your bank and ask them to reverse the charge; we can’t change anything on our side.';
    const resetLines = RESET_STEPS.split('\n').map((line) => line.replace(/^\d+\. /, ''));
    const withSlip = (at: number) => steps(...resetLines.map((line, k) => (k === at ? slipped : line)));
    const handovers = Array.from({ length: 6 }, (_, i) =>
      conversation(`H-${i}`, i, PASSWORD_QUESTIONS[i % 4]!, [reply(i, withSlip(i % 2))]),
    );
    const handle = await learnedEngine([...teamHandovers(RESET_STEPS).filter((line) => !line.includes('"T0-')), ...handovers].join('\n'));
    const before = (await allDraftDetails(handle)).find((d) => /password/i.test(d.bodyMd))!;
    expect(before.bodyMd).toMatch(/Call your bank/);

    // the team's history: the same questions answered with the right steps, no AI agent involved
    const history = Array.from({ length: 20 }, (_, i) =>
      conversation(`R-${i}`, i, PASSWORD_QUESTIONS[i % 4]!, [reply(i, RESET_STEPS)], { month: '04', bot: false }),
    );
    await importLines(handle, history.join('\n'));
    await runToEnd(handle, () => handle.call('learn.backfill', {}));
    const drafts = await allDraftDetails(handle);
    const password = drafts.filter((d) => /password/i.test(d.bodyMd));
    expect(password.map((d) => [d.id, d.kind])).toEqual([[before.id, 'new']]);
    expect(password[0]!.bodyMd).not.toMatch(/Call your bank/);
    expect(password[0]!.evidence.filter((e) => e.role === 'supporting').length).toBeGreaterThanOrEqual(20);
  }, 90_000);

  it('makes one card with the newer answer when the team changed how it answers a question', async () => {
    // until May the team sent temporary passwords by hand; since then customers reset it themselves
    const byHand =
      'We reset passwords by hand for now: reply with the email address on your account and we will send you a temporary password within a day.';
    const april = Array.from({ length: 10 }, (_, i) =>
      conversation(`E-${i}`, i, PASSWORD_QUESTIONS[i % 4]!, [reply(i, byHand)], { month: '04' }),
    );
    const handle = await learnedEngine([...teamHandovers(RESET_STEPS), ...april].join('\n'));
    const password = (await allDraftDetails(handle)).filter((d) => /password/i.test(d.bodyMd));
    expect(password.map((d) => d.kind)).toEqual(['new']);
    expect(password[0]!.bodyMd).toMatch(/Forgot password/);
    expect(password[0]!.bodyMd).not.toMatch(/temporary password/);

    // grouping may keep the two answers apart (in a workspace of thousands it does): asked alike,
    // they are one topic, while neighbouring questions that get answers of their own stay apart,
    // even when one was asked before the other (ten failed top-ups dated back to April here)
    const db = handle.workspaces.requireCurrent().db;
    const groups = ['T0-', 'E-', 'T1-', 'T2-', 'T3-', 'B-top_up_failed', 'B-pending_top_up', 'B-top_up_reverted', 'B-card_arrival'].map(
      (prefix) => ticketIdsOf(db, prefix),
    );
    groups[5] = groups[5]!.slice(0, 10); // fewer than the pending and reverted ones, which it could join
    const failed = new Set(groups[5]);
    const evidence = new Map(
      redactedEvidence(db, groups.flat()).map((e) => [
        e.ticketId,
        failed.has(e.ticketId) ? { ...e, createdAt: `2026-04-01T09:00:00Z` } : e,
      ]),
    );
    const space = await EvidenceSpace.build(db, [...evidence.values()]);
    const merged = mergeSameQuestion(groups, space, 3, (ids) => ids.map((id) => evidence.get(id)!));
    expect(merged.map(sorted)).toEqual([sorted([...groups[0]!, ...groups[1]!]), ...groups.slice(2).map(sorted)]);
  }, 60_000);

  it('takes questions asked in another language into the article when the team answered them with its earlier steps', async () => {
    // the article is learned from May's handovers, answered with the steps since a change; April's
    // come in later, in English and in German, answered with the steps before it
    const codeSteps = steps(
      'Open example.com/login and click "Email me a sign-in code".',
      'Enter the six-digit code from the email; it works for 10 minutes.',
      'Set a new password under Account → Security.',
    );
    const handle = await learnedEngine(teamHandovers(codeSteps).join('\n'));
    const before = await allDraftDetails(handle);
    const april = [
      ...Array.from({ length: 8 }, (_, i) =>
        conversation(`E-${i}`, i, PASSWORD_QUESTIONS[i % 4]!, [reply(i, RESET_STEPS)], { month: '04' }),
      ),
      ...Array.from({ length: 6 }, (_, i) =>
        conversation(`G-${i}`, 10 + i, GERMAN_PASSWORD_QUESTIONS[i % 3]!, [reply(i, RESET_STEPS)], { month: '04' }),
      ),
    ];
    await importLines(handle, april.join('\n'));
    const drafts = await allDraftDetails(handle);
    // no card of its own for the German questions, nor for the earlier steps
    expect(idsOf(drafts)).toEqual(idsOf(before));
    const password = drafts.find((d) => /sign-in code/.test(d.bodyMd))!;
    expect(password.title).not.toMatch(/Kennwort|Konto/);
    expect(password.evidence.map((e) => e.externalId).filter((id) => /^[EG]-/.test(id))).toHaveLength(14);
  }, 60_000);
});
