import type { MessageInput, TicketInput } from '../../src/main/core/tickets/format';

/** A solved ticket as a source hands it over, with `messages` and any fields given; created when its first message is. */
export function ticketInput(externalId: string, messages: MessageInput[], fields: Partial<TicketInput> = {}): TicketInput {
  return {
    externalId,
    subject: null,
    status: 'solved',
    channel: 'email',
    createdAt: messages[0]?.createdAt ?? '2026-03-02T09:00:00.000Z',
    updatedAt: null,
    solvedAt: null,
    reopenedAt: null,
    tags: [],
    csat: null,
    requester: null,
    truth: null,
    ...fields,
    messages,
  };
}
