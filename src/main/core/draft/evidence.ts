import { cleanQuestion, replyAnswer, topicalSubject } from '../text/clean';
import type { PiiKind } from '../../../shared/domain/draft';
import { mergeCounts, redact, type RedactionRules } from './redact';

/** One ticket's contribution to a draft, as it comes from the database. */
export interface RawEvidence {
  ticketId: number;
  subject: string | null;
  question: string;
  answer: string;
  /** The requester's and agents' names, to remove. */
  names: string[];
  createdAt: string;
  /** Who asked: distinct customers count toward the repeat threshold. */
  customerId: string | null;
}

/** The same, cleaned and with personal details removed: all a drafter ever sees. */
export interface Evidence {
  ticketId: number;
  subject: string | null;
  question: string;
  answer: string;
  createdAt: string;
  customerId: string | null;
  /** What redaction removed from this ticket's text. */
  redacted: Partial<Record<PiiKind, number>>;
}

/** Redaction runs here, once, before any drafter; drafters take only `Evidence`. */
export function prepareEvidence(items: RawEvidence[], rules?: RedactionRules): Evidence[] {
  return items.map((item) => {
    const redacted: Partial<Record<PiiKind, number>> = {};
    const [subject, question, answer] = [topicalSubject(item.subject) ?? '', cleanQuestion(item.question), replyAnswer(item.answer)].map(
      (text) => {
        const r = redact(text, item.names, rules);
        mergeCounts(redacted, r.counts);
        return r.text;
      },
    );
    return {
      ticketId: item.ticketId,
      subject: subject || null,
      question: question!,
      answer: answer!,
      createdAt: item.createdAt,
      customerId: item.customerId,
      redacted,
    };
  });
}

/** What redaction removed across some evidence. */
export function redactionTotals(evidence: Evidence[]): Partial<Record<PiiKind, number>> {
  const totals: Partial<Record<PiiKind, number>> = {};
  for (const e of evidence) mergeCounts(totals, e.redacted);
  return totals;
}
