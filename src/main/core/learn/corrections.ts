import type { DB } from '../db/open';
import { parseAnswer, stepKey } from '../draft/steps';
import { cosine } from '../embed/embedder';
import { LexicalEmbedder } from '../embed/lexical';
import { nowIso } from '../db/open';
import { isFallback } from '../tickets/derive';
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
