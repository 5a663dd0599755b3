import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/open';
import { FIRST_QUESTION, FIRST_REPLY, REPLY_AFTER_BOT } from '../../src/main/core/tickets/sql';
import { tempDir } from '../helpers/temp';

type Said = [role: 'customer' | 'agent' | 'bot' | 'system', body: string, minute?: number];

/** What the ticket asks, as every feature reads it, for a conversation told message by message (a minute apart unless told). */
function questionOf(...conversation: Said[]): string | null {
  return read(FIRST_QUESTION, conversation);
}

/** The team's reply that answers, as every feature reads it. */
function answerOf(...conversation: Said[]): string | null {
  return read(FIRST_REPLY, conversation);
}

/** `notes`: the messages (by position) that are internal notes. */
function read(part: string, conversation: Said[], notes: number[] = []): string | null {
  const db = openDatabase(join(tempDir(), 'q.db'), { create: true });
  try {
    db.prepare(`INSERT INTO sources (id, kind, name, created_at) VALUES (1, 'file', 'test', '2026-01-01T00:00:00Z')`).run();
    db.prepare(`INSERT INTO tickets (id, source_id, external_id, created_at, ingested_at) VALUES (1, 1, 'T1', ?, ?)`).run(
      '2026-03-02T09:00:00Z',
      '2026-03-02T09:00:00Z',
    );
    const insert = db.prepare(`INSERT INTO messages (ticket_id, external_id, role, created_at, body, public) VALUES (1, ?, ?, ?, ?, ?)`);
    conversation.forEach(([role, body, minute], i) =>
      insert.run(`m${i}`, role, `2026-03-02T09:${String(minute ?? i).padStart(2, '0')}:00Z`, body, notes.includes(i) ? 0 : 1),
    );
    return (db.prepare(`SELECT ${part} AS q FROM tickets t WHERE t.id = 1`).get() as { q: string | null }).q;
  } finally {
    db.close();
  }
}

describe('what a ticket asks', () => {
  it('joins a chat customer’s opening burst, before anyone answers, leaving out the hello', () => {
    expect(
      questionOf(
        ['customer', 'hi'],
        ['customer', 'my card'],
        ['customer', 'it doesnt work in shops since yesterday'],
        ['bot', 'Sorry, I can’t help with that.'],
      ),
    ).toBe('my card\nit doesnt work in shops since yesterday');
    // a note the helpdesk adds (assignment, chat started) does not end the burst
    expect(
      questionOf(['customer', 'my card'], ['system', 'Assigned to Maya'], ['customer', 'was declined'], ['agent', 'Which shop?']),
    ).toBe('my card\nwas declined');
  });

  it('keeps to the first message when the customer only answers the team’s questions after it', () => {
    expect(
      questionOf(
        ['customer', 'Where can I download my invoice?'],
        ['agent', 'Which order is it?'],
        ['customer', 'Order 4411'],
        ['agent', 'Order History > Download invoice.'],
      ),
    ).toBe('Where can I download my invoice?');
    // nobody answered yet: a reminder forty minutes later is no part of the question
    expect(questionOf(['customer', 'Where is my refund for order 4411?', 0], ['customer', 'Any news on this please', 40])).toBe(
      'Where is my refund for order 4411?',
    );
  });

  it('takes the first message that says something after a hello answered by the AI agent', () => {
    expect(
      questionOf(
        ['customer', 'Hi there!'],
        ['bot', 'Hello! How can I help?'],
        ['customer', 'How do I change my PIN?'],
        ['customer', 'thanks'],
      ),
    ).toBe('How do I change my PIN?');
  });

  it('joins the burst a chat customer sends after an AI agent that greets first', () => {
    expect(
      questionOf(
        ['bot', 'Hi! I’m the virtual assistant. How can I help?', 0],
        ['customer', 'my card', 1],
        ['customer', 'it doesnt work in shops since yesterday', 1],
        ['bot', 'Sorry, I can’t help with that.', 2],
        ['customer', 'can I talk to a person', 3],
      ),
    ).toBe('my card\nit doesnt work in shops since yesterday');
    // after a hello the AI agent answered, the burst starts at the first message that says something
    expect(
      questionOf(
        ['customer', 'Hi there!', 0],
        ['bot', 'Hello! How can I help?', 1],
        ['customer', 'my card', 2],
        ['customer', 'was declined', 2],
        ['customer', 'still waiting...', 30],
      ),
    ).toBe('my card\nwas declined');
  });

  it('goes on from a terse subject to what the customer tells the AI agent next, before a person replies', () => {
    expect(
      questionOf(
        ['customer', 'card problem', 0],
        ['bot', 'Sure! Could you tell me a bit more about what is going on?', 1],
        ['customer', 'it was declined at the supermarket', 2],
        ['customer', 'but I have money on it', 2],
        ['agent', 'A declined payment usually means…', 20],
      ),
    ).toBe('it was declined at the supermarket\nbut I have money on it');
    // however little they then tell, the subject is left out
    expect(
      questionOf(['customer', 'Refund?\n\nThanks,\nPriya'], ['bot', 'What would you like to know?'], ['customer', 'still not here']),
    ).toBe('still not here');
    // replies that only answer the AI agent add nothing, in any combination
    for (const reply of [
      'yes',
      'talk to a human',
      'Agent please!',
      'I tried that already, I need a human please.',
      "That didn't work, can a person help me?",
      'Thanks, that worked!',
      'Still not working.',
      'Mitarbeiter bitte',
    ])
      expect(questionOf(['customer', 'card problem'], ['bot', 'Try restarting the app.'], ['customer', reply])).toBe('card problem');
    // after a question that says enough, or once a person has replied, what follows is no part of it
    expect(
      questionOf(
        ['customer', 'My card was declined at the supermarket today'],
        ['bot', 'Which card is it?'],
        ['customer', 'the one ending 4821'],
      ),
    ).toBe('My card was declined at the supermarket today');
    expect(
      questionOf(
        ['customer', 'card problem'],
        ['bot', 'Let me get someone.'],
        ['agent', 'Which card is it?'],
        ['customer', 'the one ending 4821'],
      ),
    ).toBe('card problem');
  });

  it('takes the first message when every message of the ticket bears the same time', () => {
    expect(
      questionOf(['customer', 'How do I close my account?', 0], ['agent', 'Profile > Close account.', 0], ['customer', 'Thanks, done', 0]),
    ).toBe('How do I close my account?');
  });
});

describe('which reply answers a ticket', () => {
  it('passes over replies that ask back or hand the question on, to the one that answers', () => {
    const answer = 'Cards arrive within 5 working days.';
    expect(
      answerOf(['customer', 'Where is my card?'], ['agent', 'Which card is this about?'], ['customer', 'The new one'], ['agent', answer]),
    ).toBe(answer);
    expect(
      answerOf(['customer', 'Where is my card?'], ['agent', 'A colleague from the card team will get back to you.'], ['agent', answer]),
    ).toBe(answer);
  });

  it('reads an answer sent in several chat messages as one reply, up to the customer’s next word', () => {
    expect(
      answerOf(
        ['customer', 'Where is my card?', 0],
        ['bot', 'Sorry, I can’t help with that.', 1],
        ['agent', 'Hi Sam! Thanks for waiting.', 5],
        ['agent', 'Cards arrive within 5 working days.', 6],
        ['agent', 'You can follow yours in the app under Card > Order status.', 7],
        ['customer', 'Thanks!', 8],
        ['agent', 'You are welcome, have a great day!', 9],
      ),
    ).toBe('Hi Sam! Thanks for waiting.\nCards arrive within 5 working days.\nYou can follow yours in the app under Card > Order status.');
    // an internal note between two of its messages is no part of the reply and does not end it
    const withNote = read(
      FIRST_REPLY,
      [
        ['customer', 'Where is my card?', 0],
        ['agent', 'Cards arrive within 5 working days.', 5],
        ['agent', 'customer is VIP, escalate if needed', 6],
        ['agent', 'You can follow yours in the app.', 7],
      ],
      [2],
    );
    expect(withNote).toBe('Cards arrive within 5 working days.\nYou can follow yours in the app.');
  });

  it('keeps apart messages sent long apart, and a holding message from the answer after it', () => {
    // an email, then a second one an hour later with no word from the customer between
    expect(
      answerOf(['customer', 'Where is my card?', 0], ['agent', 'Cards arrive within 5 working days.', 5], ['agent', 'Any news?', 59]),
    ).toBe('Cards arrive within 5 working days.');
    expect(
      answerOf(
        ['customer', 'Where is my card?', 0],
        ['agent', 'Let me check that for you.', 2],
        ['agent', 'Found it: your card was posted on Monday and arrives by Friday.', 4],
      ),
    ).toBe('Found it: your card was posted on Monday and arrives by Friday.');
    // a hello, then a question back: the reply asks back as a whole, and the answer comes later
    expect(
      answerOf(
        ['customer', 'Where is my card?', 0],
        ['agent', 'Hi Sam!', 2],
        ['agent', 'Which card is this about?', 3],
        ['customer', 'The new one', 5],
        ['agent', 'It was posted on Monday.', 7],
      ),
    ).toBe('It was posted on Monday.');
  });

  it('passes over a reply that is nothing but a greeting and courtesies, to a later one that says something', () => {
    const answer = 'Cards arrive within 5 working days.';
    expect(
      answerOf(
        ['customer', 'Where is my card?', 0],
        ['agent', 'Hi Jane, thanks for reaching out! 😊', 2],
        ['customer', 'hi', 3],
        ['agent', answer, 5],
      ),
    ).toBe(answer);
    // with nothing said after it, the courtesy still stands as the team's word
    expect(answerOf(['customer', 'Can I pay by card?', 0], ['agent', 'Sure thing!', 2])).toBe('Sure thing!');
  });

  it('takes the correction of a handover from the AI agent’s first word on', () => {
    expect(
      read(REPLY_AFTER_BOT, [
        ['customer', 'Where is my card?', 0],
        ['agent', 'Cards arrive within 3 days.', 1],
        ['bot', 'I can’t help with that.', 2],
        ['agent', 'Cards arrive within 5 working days.', 5],
      ]),
    ).toBe('Cards arrive within 5 working days.');
    expect(
      read(REPLY_AFTER_BOT, [
        ['customer', 'Where is my card?', 0],
        ['agent', 'Cards arrive within 5 working days.', 5],
      ]),
    ).toBeNull();
  });

  it('takes the team’s last word when no reply answers', () => {
    expect(
      answerOf(
        ['customer', 'Where is my card?'],
        ['agent', 'Which card is this about?'],
        ['customer', 'The new one'],
        ['agent', 'Thanks! A colleague from the card team will get back to you.'],
      ),
    ).toBe('Thanks! A colleague from the card team will get back to you.');
    expect(answerOf(['customer', 'Where is my card?'], ['agent', 'Which card is this about?'])).toBe('Which card is this about?');
  });

  it('never takes what the team wrote before the customer asked: a ticket the team opened is answered after the question', () => {
    const outreach: Said = ['agent', 'Your card payment for the annual plan failed. Please update your card in Billing.', 0];
    expect(
      answerOf(
        outreach,
        ['customer', 'Can I pay by bank transfer instead?', 30],
        ['agent', 'Yes: choose Invoice under Billing and pay within 14 days.', 45],
      ),
    ).toBe('Yes: choose Invoice under Billing and pay within 14 days.');
    expect(questionOf(outreach, ['customer', 'Can I pay by bank transfer instead?', 30])).toBe('Can I pay by bank transfer instead?');
    // nobody answered the question yet
    expect(answerOf(outreach, ['customer', 'Can I pay by bank transfer instead?', 30])).toBeNull();
  });
});
