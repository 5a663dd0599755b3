import { describe, expect, it } from 'vitest';
import { BotMatcher } from '../../src/main/core/connectors/connector';
import { sampleAuthors } from '../../src/main/core/sync/bots';
import type { MessageInput, TicketInput } from '../../src/main/core/tickets/format';
import { ticketInput } from '../helpers/tickets';

const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:30Z`;
const message = (role: MessageInput['role'], minute: number, body: string, author: string | null = null): MessageInput => ({
  externalId: `${role}-${minute}`,
  role,
  public: true,
  createdAt: at(minute),
  body,
  authorId: author,
  authorName: author,
});
const ticket = (id: number, messages: MessageInput[]): TicketInput => ticketInput(String(id), messages, { createdAt: at(0) });
const NO_LISTS = { botIds: [], automationIds: [] };

describe('the authors a connection test names as possible AI agents', () => {
  it('names one that always answers within a minute, but not an auto-reply rule that only acknowledges', () => {
    const tickets = [1, 2, 3].map((id) =>
      ticket(id, [
        message('customer', 0, 'How long do refunds take?'),
        message('agent', 0, 'Thanks for reaching out! We’ve received your request and will get back to you within 24 hours.', 'Support'),
        message('agent', 0, 'Refunds take 5 to 10 working days.', 'Helper'),
        message('agent', 40, 'Anything else? We can also refund to store credit at once.', 'Priya'),
      ]),
    );
    // the rule writes first each time; the quick helper answers right after the customer once the rule is left out
    const authors = sampleAuthors(tickets, NO_LISTS);
    expect(authors.map((a) => a.name)).toEqual(['Helper', 'Priya']);
    expect(authors[0]).toMatchObject({ botReason: 'always replies within a minute of the customer', messages: 3 });
    expect(authors[1]!.botReason).toBeNull();
  });

  it('leaves out the helpdesk’s own messages (a rule’s reply), whatever they say', () => {
    const tickets = [1, 2, 3].map((id) =>
      ticket(id, [
        message('customer', 0, 'Where is my order?'),
        message('system', 0, 'Orders ship within 2 working days. Track yours with the link in your confirmation email.', 'Robin Admin'),
        message('agent', 0, 'It left the warehouse this morning.', 'Helper'),
      ]),
    );
    const authors = sampleAuthors(tickets, NO_LISTS);
    expect(authors.map((a) => [a.name, a.botReason])).toEqual([['Helper', 'always replies within a minute of the customer']]);
  });
});

describe('the lead’s list of AI agent authors', () => {
  it('makes the team side’s messages the AI agent’s, even those the helpdesk sends as its own, but never a customer’s', () => {
    const bots = new BotMatcher({ botIds: ['Kettle Assistant', 'B-42'], automationIds: [] });
    expect(bots.role('agent', { name: 'kettle assistant ' })).toBe('bot');
    expect(bots.role('system', { id: 'B-42', name: 'Workflow' })).toBe('bot');
    expect(bots.role('system', { id: 'S-1', name: 'Robin Admin' })).toBe('system');
    expect(bots.role('agent', { id: '7', name: 'Robin Admin' })).toBe('agent');
    expect(bots.role('customer', { name: 'Kettle Assistant' })).toBe('customer');
  });
});

describe('the lead’s list of the helpdesk’s automation', () => {
  it('makes a bot the helpdesk marks, that is not the AI agent, the helpdesk’s own, and never a customer', () => {
    const bots = new BotMatcher({ botIds: ['Operator'], automationIds: ['operator', '77'] });
    expect(bots.role('bot', { id: '5', name: 'Operator' }, true)).toBe('system');
    expect(bots.role('agent', { id: '77', name: 'Rules' })).toBe('system');
    expect(bots.role('bot', { id: '1', name: 'Fin' }, true)).toBe('bot');
    expect(bots.role('customer', { name: 'Operator' })).toBe('customer');
  });

  it('shows listed automation in the connection test, with the helpdesk’s own bot mark, so it can be taken off again', () => {
    const tickets = [1, 2, 3].map((id) =>
      ticket(id, [
        message('customer', 0, 'Where is my refund?'),
        message('bot', 0, 'Which order is it about? Pick one below.', 'Operator'),
        message('bot', 1, 'Refunds reach your card within 5 working days.', 'Fin'),
        message('agent', 30, 'It went out yesterday, so it arrives by Friday.', 'Priya'),
      ]),
    );
    const sample = (automationIds: string[]) =>
      sampleAuthors(tickets, { botIds: [], automationIds }).map((a) => [a.name, a.role, a.helpdeskBot, a.botReason]);
    expect(sample([])).toEqual([
      ['Operator', 'bot', true, 'the helpdesk marks these replies as its AI agent’s'],
      ['Fin', 'bot', true, 'the helpdesk marks these replies as its AI agent’s'],
      ['Priya', 'agent', false, null],
    ]);
    expect(sample(['Operator'])).toEqual([
      ['Operator', 'system', true, 'in your helpdesk automation: neither the AI agent nor a person'],
      ['Fin', 'bot', true, 'the helpdesk marks these replies as its AI agent’s'],
      ['Priya', 'agent', false, null],
    ]);
  });
});
