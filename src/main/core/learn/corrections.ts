import { createHash } from 'node:crypto';
import type { DB } from '../db/open';
import { parseAnswer, stepKey } from '../draft/steps';
import { cosine } from '../embed/embedder';
import { LexicalEmbedder } from '../embed/lexical';
import { nowIso } from '../db/open';
import { isFallback } from '../tickets/derive';
import { getSetting, setSetting } from '../system/settings';
import { cleanQuestion, cleanReply } from '../text/clean';
import { isAccountSpecific } from './account-specific';
import { BOT_ATTEMPT, FIRST_QUESTION, REPLY_AFTER_BOT } from '../tickets/sql';

export type DeltaKind = 'no_answer' | 'wrong_answer' | 'incomplete_answer' | 'policy_escalation' | 'account_specific';

export interface Delta {
  kind: DeltaKind;
  /** What the human said that the AI did not. */
  missing: string[];
  /** What the AI said that the human did not. */
  extra: string[];
}

const lexical = new LexicalEmbedder();

/**
 * How the human reply differs from the AI's attempt: no answer (fallback), wrong, incomplete,
 * the right answer escalated anyway (policy), or casework about one account.
 */
export function classifyDelta(botAttempt: string | null, humanReply: string): Delta {
  if (isAccountSpecific(humanReply)) return { kind: 'account_specific', missing: [], extra: [] };
  if (!botAttempt || isFallback(botAttempt)) return { kind: 'no_answer', missing: parseAnswer(humanReply).steps, extra: [] };
  const human = parseAnswer(humanReply).steps;
  const bot = parseAnswer(botAttempt).steps;
  const humanKeys = new Set(human.map(stepKey));
  const botKeys = new Set(bot.map(stepKey));
  const missing = human.filter((s) => !botKeys.has(stepKey(s)));
  const extra = bot.filter((s) => !humanKeys.has(stepKey(s)));
  if (human.length && bot.length) {
    const covered = (human.length - missing.length) / human.length;
    if (covered >= 0.9 && extra.length === 0) return { kind: 'policy_escalation', missing, extra };
    if (extra.length === 0 && covered >= 0.5) return { kind: 'incomplete_answer', missing, extra };
    return { kind: 'wrong_answer', missing, extra };
  }
  // no steps to compare: by overall similarity of the two texts
  const similarity = cosine(lexical.embedOne(botAttempt), lexical.embedOne(humanReply));
  return { kind: similarity >= 0.8 ? 'policy_escalation' : similarity >= 0.5 ? 'incomplete_answer' : 'wrong_answer', missing, extra };
}

/** Records a correction for every handover that has none yet; returns how many were added. */
export function recordCorrections(db: DB): number {
  const rows = db
    .prepare(
      `SELECT t.id,
         ${FIRST_QUESTION} AS question,
         ${BOT_ATTEMPT} AS attempt,
         (SELECT min(public) FROM messages WHERE ticket_id = t.id AND role = 'bot') AS bot_public,
         ${REPLY_AFTER_BOT} AS reply
       FROM tickets t
       WHERE t.handover = 1 AND NOT EXISTS (SELECT 1 FROM corrections c WHERE c.ticket_id = t.id)`,
    )
    .all() as { id: number; question: string | null; attempt: string | null; bot_public: number | null; reply: string | null }[];
  const insert = db.prepare(
    `INSERT INTO corrections (ticket_id, question, bot_mode, bot_attempt, human_reply, delta_kind, delta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let added = 0;
  for (const r of rows) {
    if (!r.reply) continue;
    const reply = cleanReply(r.reply);
    const attempt = r.attempt?.replace(/^Suggested reply:\s*/i, '') ?? null;
    const delta = classifyDelta(attempt, reply);
    const mode = delta.kind === 'no_answer' ? 'none' : r.bot_public === 0 ? 'note' : 'direct';
    insert.run(
      r.id,
      cleanQuestion(r.question ?? ''),
      mode,
      attempt,
      reply,
      delta.kind,
      JSON.stringify({ missing: delta.missing, extra: delta.extra }),
      nowIso(),
    );
    added++;
  }
  return added;
}

/**
 * A correction is classified as it is recorded. When this version classifies differently (told,
 * as for prepared evidence, by what it makes of a few probe replies), the stored ones are
 * classified again, so that casework a newer rule recognises ("Send us a DM…") leaves the topics
 * at the next run. Bump CLASSIFICATION for a change the probes would not show.
 */
const CLASSIFICATION = 1;
const CLASSIFIED = 'corrections.classification';
const PROBES: [string | null, string][] = [
  [null, "We'd like to help! Send us a DM with your order number and we'll take it from there."],
  ["I'm not sure about that.", 'Which card is it about?'],
  ['Refunds take 5 days.', "I've refunded order 4821 for you."],
  ['Refunds take 5 days to reach your card.', 'Refunds take 5 working days to reach your card.'],
  ['1. Open Orders\n2. Tap Return', '1. Open Orders\n2. Tap Return\n3. Print the label'],
  ['Tap Settings.', 'Cards arrive within 5 working days; track yours under Card > Order status.'],
];

function classificationKey(): string {
  const classified = PROBES.map(([attempt, reply]) => classifyDelta(attempt, reply));
  return `${CLASSIFICATION}:${createHash('sha1').update(JSON.stringify(classified)).digest('base64url').slice(0, 16)}`;
}

/** Classifies the stored corrections again when the rules changed since; returns how many now read differently. */
export function reclassifyCorrections(db: DB): number {
  const key = classificationKey();
  if (getSetting<string | null>(db, CLASSIFIED, null) === key) return 0;
  const rows = db.prepare('SELECT ticket_id, bot_attempt, human_reply, delta_kind, delta FROM corrections').all() as {
    ticket_id: number;
    bot_attempt: string | null;
    human_reply: string;
    delta_kind: DeltaKind;
    delta: string;
  }[];
  const update = db.prepare('UPDATE corrections SET delta_kind = ?, delta = ? WHERE ticket_id = ?');
  let changed = 0;
  for (const r of rows) {
    const delta = classifyDelta(r.bot_attempt, r.human_reply);
    const json = JSON.stringify({ missing: delta.missing, extra: delta.extra });
    if (delta.kind === r.delta_kind && json === r.delta) continue;
    update.run(delta.kind, json, r.ticket_id);
    changed++;
  }
  setSetting(db, CLASSIFIED, key);
  return changed;
}
