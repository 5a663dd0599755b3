import { describe, expect, it } from 'vitest';
import { redact } from '../../src/main/core/draft/redact';
import { isAccountSpecific } from '../../src/main/core/learn/account-specific';
import { findConsensus, extractiveDraft, sameAnswers } from '../../src/main/core/draft/extractive';
import type { Evidence } from '../../src/main/core/draft/evidence';

describe('PII redaction', () => {
  it('replaces each kind of personal detail with a placeholder and counts it', () => {
    const text =
      'Hi, I am Grace Liu (grace.liu@example.com, +1 (555) 014-6074). Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, ' +
      'order BK-123456 to 12 Maple Avenue, Portland, OR 97205 from 192.168.1.20. My card ending in 4242 was charged. Thanks, Grace';
    const { text: out, counts } = redact(text, ['Grace Liu']);
    for (const secret of [
      'Grace',
      'Liu',
      'grace.liu@example.com',
      '014-6074',
      '4111',
      'DE89',
      'BK-123456',
      'Maple Avenue',
      '192.168.1.20',
      '4242',
    ]) {
      expect(out, secret).not.toContain(secret);
    }
    // names: "Grace Liu" once, and "Grace" alone in the sign-off
    expect(counts).toEqual({ email: 1, phone: 1, card: 2, iban: 1, 'order id': 1, address: 1, ip: 1, name: 2 });
    expect(out).toContain('[email]');
    expect(out).toContain('[card]');
  });

  it('takes a helpdesk account named for a team or a role for no one: its words stay in the answers', () => {
    const answer = 'Contact Acme Support or our Billing Team, and Sarah will follow up. Thanks, Sarah';
    const { text, counts } = redact(answer, ['Support', 'Acme Support', 'Billing Team', 'Sarah (Support)']);
    expect(text).toBe('Contact Acme Support or our Billing Team, and [name] will follow up. Thanks, [name]');
    expect(counts).toEqual({ name: 2 });
    // a person's name is still a person's, whatever it shares with a team's
    expect(redact('Thanks, Kofi Mensah', ['Kofi Mensah']).text).toBe('Thanks, [name]');
  });

  it('leaves what is not personal alone: step numbers, durations, dates, non-Luhn digit runs', () => {
    const text =
      'Hold Temp for 5 seconds. Refunds take 3–10 business days. Firmware 3.2 or later, since 2026-03-02. Serial 1234 5678 9012 3456.';
    const { text: out, counts } = redact(text, []);
    expect(out).toBe(text);
    expect(counts).toEqual({});
  });

  it('removes usernames, secrets, dates of birth, postcodes and whole reference numbers', () => {
    const cases: [string, string][] = [
      ['My username is @jdoe_88, mail jane.doe@example.com', 'My username is [username], mail [email]'],
      [
        'Reset link: https://app.example.com/reset?lang=en&token=abc123XYZ987',
        'Reset link: https://app.example.com/reset?lang=en&token=[secret]',
      ],
      ['My password is hunter22 and the verification code: 481516.', 'My password is [secret] and the verification code: [secret].'],
      ['My date of birth is 14/03/1987, DOB: March 14, 1987', 'My date of birth is [birth date], DOB: [birth date]'],
      ['My SSN is 078-05-1120', 'My SSN is [number]'],
      ['Ship it to 221B Baker Street, London NW1 6XE please', 'Ship it to [address] please'],
      ['I moved, my postcode is 90210 and my zip code: SW1A 1AA', 'I moved, my postcode is [address] and my zip code: [address]'],
      ['Invoice INV-2024-00918 shows the wrong VAT number GB123456789', 'Invoice [order id] shows the wrong VAT number [number]'],
      ['my name is kevin and i cant log in', 'my name is [name] and i cant log in'],
      ['Meine Adresse: Am Lindenweg 12a, 10115 Berlin', 'Meine Adresse: [address]'],
      ['Mein Geburtsdatum ist 14.03.1987, mein Passwort ist Sommer2024', 'Mein Geburtsdatum ist [birth date], mein Passwort ist [secret]'],
      ['Fecha de nacimiento: 14/03/1987, mot de passe : chat2024', 'Fecha de nacimiento: [birth date], mot de passe : [secret]'],
      ['Mi dirección es Calle Mayor 10, 28013 Madrid', 'Mi dirección es [address]'],
      ['Mon adresse est 12 Rue de la Paix, 75002 Paris.', 'Mon adresse est [address].'],
      [
        'Your colleague Chidi promised a callback, your agent Support did not',
        'Your colleague [name] promised a callback, your agent Support did not',
      ],
    ];
    for (const [text, expected] of cases) expect(redact(text, []).text, text).toBe(expected);
    expect(redact('My password is hunter22, DOB 1987-03-14', []).counts).toEqual({ secret: 1, 'birth date': 1 });
  });

  it('leaves help text that names those things alone', () => {
    const text =
      'My name is wrong on the invoice. Your password is case-sensitive and your PIN is 4 digits. Ihr Passwort ist falsch. ' +
      'The policy changed on 14/03/2026, see https://help.example.com/article?lang=en. Unzip the zip file. ' +
      'Click Place Order, then Place the kettle on the base for 10 seconds. The Spring 2026 range ships in March.';
    expect(redact(text, []).text).toBe(text);
  });

  it('applies custom patterns for a business’s own ids and codenames', () => {
    const { text, counts } = redact('Ticket ACME-77 about Project Falcon', [], {
      idPatterns: ['\\bACME-\\d+\\b'],
      customPatterns: ['Project Falcon'],
    });
    expect(text).toBe('Ticket [order id] about [custom]');
    expect(counts).toEqual({ 'order id': 1, custom: 1 });
  });
});

describe('casework and consensus', () => {
  it('tells an action on one order from an answer that teaches', () => {
    expect(isAccountSpecific('I’ve approved a refund of $40 for order [order id]. It reaches your card in 3–5 days.')).toBe(true);
    expect(isAccountSpecific('Done: order [order id] is cancelled.')).toBe(true);
    expect(isAccountSpecific('Here is how:\n1. Open Orders.\n2. Click Cancel. I’ve updated the help page too.')).toBe(false);
    expect(isAccountSpecific('Refunds reach your bank within 3 to 10 business days.')).toBe(false);
  });

  it('takes what one agent did for this customer for casework, and news for everyone for an answer', () => {
    expect(isAccountSpecific('I have checked your account and sorted this out, it should work now.')).toBe(true);
    expect(isAccountSpecific('Done, I have fixed that for you.')).toBe(true);
    expect(isAccountSpecific('I’ve passed this to the billing team; they will email you.')).toBe(true);
    expect(isAccountSpecific('We have fixed the bug in version 2.3: please update the app.')).toBe(false);
    expect(isAccountSpecific('Once you have reset your password, sign in again.')).toBe(false);
  });

  const answer = (id: number, steps: string[], extra = '') =>
    ({
      ticketId: id,
      subject: 'Descale',
      question: 'How do I descale?',
      answer: `${extra}\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
      createdAt: '2026-03-02T00:00:00Z',
      customerId: `c${id}`,
      redacted: {},
    }) satisfies Evidence;

  it('keeps the steps most answers give, in their usual order, and sets aside the one that disagrees', () => {
    const evidence = [
      answer(1, ['Fill with vinegar.', 'Hold Temp 5 s.', 'Rinse twice.'], 'Happy to help!'),
      answer(2, ['Fill with vinegar.', 'Hold Temp 5 s.', 'Rinse twice.']),
      answer(3, ['Fill with vinegar.', 'Rinse twice.', 'Hold Temp 5 s.']),
      answer(4, ['Fill with vinegar.', 'Throw it away and buy a new one.', 'Rinse twice.']),
    ];
    const consensus = findConsensus(evidence, new Set(['happy to help']));
    expect(consensus.steps).toEqual(['Fill with vinegar.', 'Hold Temp 5 s.', 'Rinse twice.']);
    expect(consensus.outliers).toEqual([4]);
    const draft = extractiveDraft(evidence, new Set(['happy to help']));
    expect(draft.bodyMd).toContain('1. Fill with vinegar.\n2. Hold Temp 5 s.\n3. Rinse twice.');
    expect(draft.bodyMd).not.toContain('Throw it away');
    expect(draft.bodyMd).not.toContain('Happy to help');
    expect(draft.outliers).toEqual([4]);
  });

  it('tells two sets of answers that give different lines from a set whose answers swap a step here and there', () => {
    const usual = [1, 2, 3, 4].map((id) => answer(id, ['Press Temp until it blinks.', 'Hold Temp 3 s.', 'Press Temp to save.']));
    const odd = [
      answer(5, ['Reset the kettle first.', 'Hold Temp 3 s.', 'Press Temp to save.']),
      answer(6, ['Only the Pro model has it.', 'Hold Temp 3 s.', 'Press Temp to save.']),
      answer(7, ['Press Temp until it blinks.', 'Hold Temp 3 s.', 'Press Temp to save.']),
    ];
    expect(sameAnswers(usual, odd, new Set())).toBe(true);
    const prose = (id: number, text: string) => ({ ...answer(id, []), answer: text });
    const pending = [prose(8, 'Bank transfer top-ups stay pending for 2 days. Use your personal reference.')];
    const failed = [prose(9, 'A top up fails when your bank declines it. Turn on 3D Secure.')];
    expect(sameAnswers(pending, failed, new Set())).toBe(false);
    expect(
      sameAnswers(pending, [prose(10, 'Bank transfer top-ups stay pending for 2 days. Use your personal reference.')], new Set()),
    ).toBe(true);
  });

  it('takes two sets that word the same steps each their own way as the same answer, and a set with other steps as another', () => {
    const oneWay = [1, 2, 3].map((id) => answer(id, ['Log in to your account.', 'Open "Account Settings".', 'Click "Save".']));
    const otherWay = [4, 5, 6].map((id) =>
      answer(id, ['Sign in.', 'Go to "Account Settings" and edit it there.', 'Press "Save" when done.']),
    );
    const byEmail = [7, 8, 9].map((id) => answer(id, ['Email support@example.com.', 'Give the new address.', 'Wait for our call.']));
    // as the learning engine judges them by meaning: all of them are about changing a setting
    const meaning = {
      same: () => true,
      alike: () => true,
      central: (answers: Evidence[]) => answers[0],
      byCentrality: (tickets: Evidence[]) => tickets,
    };
    expect(sameAnswers(oneWay, otherWay, new Set())).toBe(false);
    expect(sameAnswers(oneWay, otherWay, new Set(), meaning)).toBe(true);
    // other steps point to other places: never the same answer, however alike they read
    expect(sameAnswers(oneWay, byEmail, new Set(), meaning)).toBe(false);
  });

  it('takes prose that sends the customer to the same places in other sentences as the same answer, and prose that names no place as different', () => {
    const prose = (id: number, text: string) => ({ ...answer(id, []), answer: text });
    const meaning = {
      same: () => true,
      alike: () => true,
      central: (answers: Evidence[]) => answers[0],
      byCentrality: (tickets: Evidence[]) => tickets,
    };
    const invoice = [prose(1, 'You can download your invoice from Order History: open the order and click "Download invoice".')];
    const receipt = [prose(2, 'Your receipt is the invoice in Order History. Open that order and press "Download invoice" to get a copy.')];
    const email = [prose(3, 'We email every invoice to the address on your account the day after the order ships.')];
    expect(sameAnswers(invoice, receipt, new Set())).toBe(false);
    expect(sameAnswers(invoice, receipt, new Set(), meaning)).toBe(true);
    expect(sameAnswers(invoice, email, new Set(), meaning)).toBe(false);
    // alike by meaning, but neither names a place: a pending top-up and a failed one
    const pending = [prose(4, 'Bank transfer top-ups stay pending for 2 days. Use your personal reference.')];
    const failed = [prose(5, 'A top up fails when your bank declines it. Turn on 3D Secure.')];
    expect(sameAnswers(pending, failed, new Set(), meaning)).toBe(false);
  });
});
