import { describe, expect, it } from 'vitest';
import { sampleAuthors } from '../../src/main/core/sync/bots';
import type { MessageInput, TicketInput } from '../../src/main/core/tickets/format';

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
const ticket = (id: number, messages: MessageInput[]): TicketInput => ({
  externalId: String(id),
  subject: null,
  status: 'solved',
  channel: 'email',
  createdAt: at(0),
  updatedAt: null,
  solvedAt: null,
  reopenedAt: null,
  tags: [],
  csat: null,
  requester: null,
  messages,
  truth: null,
});

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
    const authors = sampleAuthors(tickets, []);
    expect(authors.map((a) => a.name)).toEqual(['Helper', 'Priya']);
    expect(authors[0]).toMatchObject({ botReason: 'always replies within a minute of the customer', messages: 3 });
    expect(authors[1]!.botReason).toBeNull();
  });
});
