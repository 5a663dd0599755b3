import type { AuthorSample } from '../../../shared/domain/source';
import { BotMatcher, type ConnectorSettings } from '../connectors/connector';
import { INSTANT_MS, withKeptRoles } from '../tickets/derive';
import type { TicketInput } from '../tickets/format';

const BOT_NAME = /\b(bot|ai|assistant|virtual agent|automat\w*|fin|freddy|answer ?bot|copilot)\b/i;
const MIN_MESSAGES = 3;

/**
 * The company-side authors of a sample of tickets read with no lists (each message in the role
 * the helpdesk gives it), with the role the lead's lists give their messages and why one looks
 * like the AI agent: the helpdesk's own flag, the lead's list, a bot-like name, or replies that
 * always come within a minute of the customer. Authors the lead listed as the helpdesk's
 * automation are there too, so they can be taken off the list again.
 */
export function sampleAuthors(tickets: TicketInput[], lists: Pick<ConnectorSettings, 'botIds' | 'automationIds'>): AuthorSample[] {
  const listed = new BotMatcher(lists);
  const byKey = new Map<string, { sample: AuthorSample; instant: number }>();
  for (const t of tickets) {
    const messages = t.messages.map((m) => ({
      ...m,
      helpdeskBot: m.role === 'bot',
      role: listed.role(m.role, { id: m.authorId, name: m.authorName }),
    }));
    // the helpdesk's own messages (a rule's, an automatic notice) are nobody's reply: a rule answering at once is no AI agent
    const kept = withKeptRoles(messages);
    const ordered = messages
      .filter((m, i) => kept[i]!.role === m.role && (m.role !== 'system' || listed.isAutomation(m.authorId, m.authorName)))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    ordered.forEach((m, i) => {
      if (m.role === 'customer') return;
      const key = m.authorId ?? m.authorName ?? `(${m.role})`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = {
          sample: { id: m.authorId, name: m.authorName, role: m.role, helpdeskBot: false, messages: 0, botReason: null },
          instant: 0,
        };
        byKey.set(key, entry);
      }
      entry.sample.messages++;
      if (m.helpdeskBot) entry.sample.helpdeskBot = true;
      if (m.role === 'bot') entry.sample.role = 'bot';
      const previous = ordered[i - 1];
      if (previous?.role === 'customer' && Date.parse(m.createdAt) - Date.parse(previous.createdAt) < INSTANT_MS) entry.instant++;
    });
  }
  return [...byKey.values()]
    .map(({ sample, instant }) => {
      const isListed = listed.isListed(sample.id, sample.name);
      let botReason: string | null = null;
      if (sample.role === 'system') botReason = 'in your helpdesk automation: neither the AI agent nor a person';
      else if (sample.role === 'bot')
        botReason = isListed ? 'in your AI agent authors' : 'the helpdesk marks these replies as its AI agent’s';
      else if (sample.name && BOT_NAME.test(sample.name)) botReason = 'the name looks like a bot’s';
      else if (sample.messages >= MIN_MESSAGES && instant === sample.messages) botReason = 'always replies within a minute of the customer';
      return { ...sample, botReason };
    })
    .sort((a, b) => Number(b.botReason !== null) - Number(a.botReason !== null) || b.messages - a.messages);
}
