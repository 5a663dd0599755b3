import { AppError } from '../../../shared/api/errors';
import type { RedactionPreview } from '../../../shared/domain/draft';
import type { Engine } from '../app';
import { loadEvidence } from '../learn/store';
import { setSetting } from '../system/settings';
import type { Workspaces } from '../workspace/workspaces';
import { prepareEvidence } from './evidence';
import { checkPatterns, REDACTION_KEY, redactionSettings, rulesOf } from './rules';

/** The redaction rules editor: the workspace's own patterns, and a preview on a real ticket. */
export function registerRedactionHandlers(engine: Engine, workspaces: Workspaces): void {
  const db = () => workspaces.requireCurrent().db;
  engine.register('redaction.get', () => redactionSettings(db()));
  engine.register('redaction.set', ({ idPatterns, customPatterns }) => {
    setSetting(db(), REDACTION_KEY, {
      idPatterns: checkPatterns(idPatterns, 'id'),
      customPatterns: checkPatterns(customPatterns, 'custom'),
    });
    return redactionSettings(db());
  });
  engine.register('redaction.preview', ({ ticketId, random, idPatterns, customPatterns }): RedactionPreview => {
    const saved = redactionSettings(db());
    const rules = rulesOf({
      idPatterns: idPatterns ? checkPatterns(idPatterns, 'id') : saved.idPatterns,
      customPatterns: customPatterns ? checkPatterns(customPatterns, 'custom') : saved.customPatterns,
    });
    // a real ticket: the one asked for, or the newest with a customer question and a human answer
    const id =
      ticketId ??
      (db()
        .prepare(
          `SELECT t.id FROM tickets t WHERE EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.role = 'customer')
             AND EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.role = 'agent' AND m.public = 1) ORDER BY ${random ? 'random()' : 't.created_at DESC, t.id DESC'} LIMIT 1`,
        )
        .pluck()
        .get() as number | undefined);
    if (id === undefined)
      throw new AppError(
        'UNAVAILABLE',
        'There is no ticket with a question and a reply to preview on yet: import or sync some tickets first.',
      );
    const [raw] = loadEvidence(db(), [id]);
    if (!raw) throw new AppError('NOT_FOUND', `Ticket ${id} has no customer question with a human reply to preview on.`);
    const [clean] = prepareEvidence([raw], rules);
    const externalId = db().prepare('SELECT external_id FROM tickets WHERE id = ?').pluck().get(id) as string;
    return {
      ticketId: id,
      externalId,
      original: `${raw.question.trim()}\n\n${raw.answer.trim()}`,
      redacted: `${clean!.question}\n\n${clean!.answer}`,
      counts: clean!.redacted as Record<string, number>,
    };
  });
}
