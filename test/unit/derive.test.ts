import { describe, expect, it } from 'vitest';
import { deriveFlags, isFallback } from '../../src/main/core/tickets/derive';

type Msg = { role: 'customer' | 'agent' | 'bot' | 'system'; public?: boolean; at: string; body?: string };
const ticket = (status: string | null, messages: Msg[], extra: { solvedAt?: string; reopenedAt?: string } = {}) =>
  deriveFlags({
    status,
    solvedAt: extra.solvedAt ?? null,
    reopenedAt: extra.reopenedAt ?? null,
    messages: messages.map((m) => ({
      role: m.role,
      public: m.public ?? true,
      createdAt: `2026-03-0${m.at}Z`,
      body: m.body ?? 'Here is how: open Settings.',
    })),
  });

describe('derived ticket flags (DESIGN §2)', () => {
  it('a bot answer, solved, no human: AI-resolved', () => {
    const flags = ticket(
      'solved',
      [
        { role: 'customer', at: '2T09:00:00' },
        { role: 'bot', at: '2T09:00:10' },
      ],
      { solvedAt: '2026-03-02T09:10:00Z' },
    );
    expect(flags).toEqual({
      solved: true,
      aiInvolved: true,
      handover: false,
      handoverAt: null,
      aiResolved: true,
      unanswered: false,
      reopened: false,
    });
  });

  it('a human public reply after the bot: handover at that time, not AI-resolved', () => {
    const flags = ticket('solved', [
      { role: 'customer', at: '2T09:00:00' },
      { role: 'bot', at: '2T09:00:10' },
      { role: 'agent', at: '2T10:30:00' },
    ]);
    expect(flags).toMatchObject({
      aiInvolved: true,
      handover: true,
      handoverAt: '2026-03-02T10:30:00Z',
      aiResolved: false,
      unanswered: false,
    });
  });

  it('a bot that only fell back makes the handover an unanswered question', () => {
    const flags = ticket('solved', [
      { role: 'customer', at: '2T09:00:00' },
      { role: 'bot', at: '2T09:00:10', body: 'I’m not sure about that. Let me connect you with a teammate.' },
      { role: 'agent', at: '2T10:00:00' },
    ]);
    expect(flags).toMatchObject({ handover: true, unanswered: true });
  });

  it('notes mode: an internal bot note then a human reply is a handover; an internal human note alone is not', () => {
    const sent = ticket('solved', [
      { role: 'customer', at: '2T09:00:00' },
      { role: 'bot', public: false, at: '2T09:00:10', body: 'Suggested reply: open Settings.' },
      { role: 'agent', at: '2T09:20:00' },
    ]);
    expect(sent).toMatchObject({ aiInvolved: true, handover: true, unanswered: false });
    const noteOnly = ticket('solved', [
      { role: 'customer', at: '2T09:00:00' },
      { role: 'bot', at: '2T09:00:10' },
      { role: 'agent', public: false, at: '2T09:20:00' },
    ]);
    expect(noteOnly).toMatchObject({ handover: false, aiResolved: true });
  });

  it('reopened within 7 days is not AI-resolved; a human reply before the bot is no handover', () => {
    const reopened = ticket(
      'solved',
      [
        { role: 'customer', at: '2T09:00:00' },
        { role: 'bot', at: '2T09:00:10' },
      ],
      {
        solvedAt: '2026-03-02T09:10:00Z',
        reopenedAt: '2026-03-05T09:00:00Z',
      },
    );
    expect(reopened).toMatchObject({ aiResolved: false, reopened: true });
    const customerCameBack = ticket(
      'solved',
      [
        { role: 'customer', at: '2T09:00:00' },
        { role: 'bot', at: '2T09:00:10' },
        { role: 'customer', at: '4T09:00:00' },
      ],
      {
        solvedAt: '2026-03-02T09:10:00Z',
      },
    );
    expect(customerCameBack).toMatchObject({ aiResolved: false, reopened: true });
    const humanFirst = ticket('solved', [
      { role: 'customer', at: '2T09:00:00' },
      { role: 'agent', at: '2T09:05:00' },
      { role: 'bot', at: '2T09:06:00' },
    ]);
    expect(humanFirst).toMatchObject({ aiInvolved: true, handover: false, aiResolved: false });
  });

  it('no bot at all: none of the AI flags; open tickets are not AI-resolved', () => {
    expect(
      ticket('solved', [
        { role: 'customer', at: '2T09:00:00' },
        { role: 'agent', at: '2T09:30:00' },
      ]),
    ).toMatchObject({ aiInvolved: false, handover: false, aiResolved: false });
    expect(
      ticket('open', [
        { role: 'customer', at: '2T09:00:00' },
        { role: 'bot', at: '2T09:00:10' },
      ]),
    ).toMatchObject({ aiResolved: false });
  });

  it('what a person wrote to open the ticket is no reply: the AI agent that answered the customer resolved it', () => {
    const opened = [
      { role: 'agent', at: '2T08:00:00', body: 'Your card payment failed. Please update your card in Billing.' },
      { role: 'customer', at: '2T09:00:00', body: 'Can I pay by bank transfer instead?' },
      { role: 'bot', at: '2T09:00:10', body: 'Yes: choose Invoice under Billing and pay within 14 days.' },
    ] as Msg[];
    expect(ticket('solved', opened)).toMatchObject({ aiInvolved: true, handover: false, aiResolved: true });
    expect(ticket('solved', [...opened, { role: 'agent', at: '2T09:30:00' }])).toMatchObject({ handover: true, aiResolved: false });
  });

  it('a ticket without a status is solved by a solved date or the team’s last word, never by a fallback or the customer’s', () => {
    const asked = { role: 'customer', at: '2T09:00:00' } as const;
    // the AI agent answered and the customer did not write again: solved, and the AI agent's
    expect(ticket(null, [asked, { role: 'bot', at: '2T09:00:10' }])).toMatchObject({ solved: true, aiResolved: true });
    // a person answered last; a closing notice after it changes nothing
    expect(
      ticket(null, [asked, { role: 'agent', at: '2T09:30:00' }, { role: 'system', at: '2T09:31:00', body: 'How would you rate us?' }]),
    ).toMatchObject({ solved: true, aiInvolved: false });
    // the AI agent only fell back and nobody answered: not solved, and the question counts as open
    const fellBack = ticket(null, [asked, { role: 'bot', at: '2T09:00:10', body: "Sorry, I couldn't find an answer to that." }]);
    expect(fellBack).toMatchObject({ solved: false, aiResolved: false });
    // the customer wrote last: waiting for the team, unless a solved date says otherwise
    const waiting = [
      asked,
      { role: 'agent', at: '2T09:30:00' },
      { role: 'customer', at: '2T10:00:00', body: 'That did not work.' },
    ] as Msg[];
    expect(ticket(null, waiting)).toMatchObject({ solved: false });
    expect(ticket(null, waiting, { solvedAt: '2026-03-02T11:00:00Z' })).toMatchObject({ solved: true });
    // an internal note is not the last word
    expect(ticket(null, [asked, { role: 'agent', at: '2T09:30:00', public: false }])).toMatchObject({ solved: false });
    // a status decides when there is one, in the words helpdesks use
    expect(ticket('done', waiting)).toMatchObject({ solved: true });
    expect(ticket('pending', [asked, { role: 'agent', at: '2T09:30:00' }])).toMatchObject({ solved: false });
  });

  it('recognizes fallbacks in four languages and typographic apostrophes, but not real answers', () => {
    for (const text of [
      'I’m not sure about that one.',
      "Sorry, I couldn't find an answer to that.",
      'Ich bin mir nicht sicher, ein Kollege meldet sich.',
      'Je ne suis pas sûr, un conseiller va vous répondre.',
      'No estoy seguro, un agente te contactará.',
    ]) {
      expect(isFallback(text), text).toBe(true);
    }
    expect(isFallback('Open Account → Billing and click Replace card.')).toBe(false);
  });
});
