import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/main/core/draft/evidence';
import { extractiveDraft } from '../../src/main/core/draft/extractive';
import { redactPeople, sharedWords } from '../../src/main/core/draft/people';
import { redact } from '../../src/main/core/draft/redact';
import { neutralTitle, summaryFor, titleFor } from '../../src/main/core/draft/title';

const evidence = (rows: [string, string][], subject: string | null = null): Evidence[] =>
  rows.map(([question, answer], i) => ({
    ticketId: i + 1,
    subject,
    question,
    answer,
    createdAt: `2026-03-0${(i % 9) + 1}T09:00:00Z`,
    customerId: `c-${i}`,
    redacted: {},
  }));

describe('personal details', () => {
  it('removes names after greetings and sign-offs, and reference numbers, whoever the ticket says its people are', () => {
    const { text, counts } = redact(
      'Hey Jeremiah! My bill #00108 is wrong, account 123456789012 too. My name is Sarah Connor. Thanks Maria for the help',
      [],
    );
    for (const gone of ['Jeremiah', '00108', '123456789012', 'Sarah', 'Connor', 'Maria']) expect(text).not.toContain(gone);
    expect(text).toContain('Thanks [name] for the help'); // the word after the name stays
    expect(counts).toMatchObject({ name: 3 });
    expect(counts['order id']! + (counts.number ?? 0)).toBe(2);
  });

  it('leaves greetings without a name, error codes, versions and order history alone', () => {
    const text = 'Hi there, error 503 on firmware 3.2 since 2026-03-02. Order history is empty; thanks for the help.';
    expect(redact(text, []).text).toBe(text);
  });

  it('finds names nobody introduced with an NLP library, but not a product many tickets name', () => {
    const keep = sharedWords(['Use Alexa routines', 'Alexa cannot find the kettle', 'alexa skill']);
    const { text, count } = redactPeople('I asked my friend Sarah Connor, and she said Alexa routines work.', keep);
    expect(text).toBe('I asked my friend [name], and she said Alexa routines work.');
    expect(count).toBe(1);
  });
});

describe('titles and summaries', () => {
  it('turn a customer’s question into a neutral title', () => {
    expect(neutralTitle('How do I download my invoice?')).toBe('How to download your invoice');
    expect(neutralTitle('Can you tell me how to cancel my subscription?')).toBe('How to cancel your subscription');
    expect(neutralTitle('Help to set up my shipping address')).toBe('Set up your shipping address');
    expect(neutralTitle('Where is my parcel?')).toBe('Where is your parcel?');
  });

  it('never copy a typo or a customer’s detail into the title', () => {
    const rows: [string, string][] = [
      ['Help to sset up my shipping address', 'Open Account, then Addresses, and add your shipping address.'],
      ['How do I set up my shipping address?', 'Go to Account → Addresses and add the shipping address there.'],
      ['Where do I add a shipping address?', 'Under Account → Addresses you can add a shipping address.'],
      ['shipping address for [name], how?', 'Add it under Account → Addresses.'],
    ];
    const title = titleFor(evidence(rows));
    expect(['How to set up your shipping address', 'Where do you add a shipping address?']).toContain(title);
  });

  it('make a summary that says what the article is for, not the answer again', () => {
    expect(summaryFor('Download an invoice', true)).toBe('The steps to download an invoice, as your team gives them.');
    expect(summaryFor('How to set up your shipping address', false)).toBe(
      'What to do to set up your shipping address, as your team answers it.',
    );
    expect(summaryFor('Return policy', false)).toBe('What your team tells customers about return policy.');
    const answer = 'Your invoice can be found in Order History: open the order and click Download invoice.';
    const draft = extractiveDraft(
      evidence([
        ['Where can I find my invoice?', answer],
        ['Where is the invoice for my order?', answer],
        ['I need my invoice', answer],
      ]),
      new Set(),
    );
    const lines = draft.bodyMd.split('\n');
    expect(lines[2]).not.toContain('Order History'); // the summary line
    expect(draft.bodyMd.split(answer).length - 1).toBe(1); // the answer once, not again as a note
  });
});
