import { AppError } from '../../../shared/api/errors';
import type { RedactionSettings } from '../../../shared/domain/draft';
import type { DB } from '../db/open';
import { getSetting } from '../system/settings';
import { DEFAULT_RULES, type RedactionRules } from './redact';

export const REDACTION_KEY = 'redaction.rules';

type Additions = Pick<RedactionSettings, 'idPatterns' | 'customPatterns'>;

/** The lead's own patterns, on top of the built-in ones (which always apply). */
export function redactionSettings(db: DB): RedactionSettings {
  const own = getSetting<Additions>(db, REDACTION_KEY, { idPatterns: [], customPatterns: [] });
  return { builtIn: DEFAULT_RULES.idPatterns, ...own };
}

export function rulesOf(own: Additions): RedactionRules {
  return { idPatterns: [...DEFAULT_RULES.idPatterns, ...own.idPatterns], customPatterns: [...own.customPatterns] };
}

/** The rules every drafter, the retention archive and the preview apply in this workspace. */
export function redactionRules(db: DB): RedactionRules {
  return rulesOf(redactionSettings(db));
}

/** Keeps non-empty patterns that compile and cannot match nothing (which would mark every gap). */
export function checkPatterns(patterns: string[], what: string): string[] {
  const out: string[] = [];
  for (const raw of patterns) {
    const p = raw.trim();
    if (!p) continue;
    let re: RegExp;
    try {
      re = new RegExp(p, 'gi');
    } catch (error) {
      throw new AppError('VALIDATION', `The ${what} pattern "${p}" is not a valid regular expression: ${(error as Error).message}`);
    }
    if (re.test(''))
      throw new AppError('VALIDATION', `The ${what} pattern "${p}" matches empty text; it needs at least one character to find.`);
    out.push(p);
  }
  return out;
}
