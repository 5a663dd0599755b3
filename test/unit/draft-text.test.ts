import { describe, expect, it } from 'vitest';
import { prepareEvidence, type Evidence } from '../../src/main/core/draft/evidence';
import { anchorsOf, figuresOf, promisesOtherwise, shareAnchors } from '../../src/main/core/draft/anchors';
import { extractiveDraft, WAYS_ASKED_HEADING } from '../../src/main/core/draft/extractive';
import { redactPeople, sharedWords } from '../../src/main/core/draft/people';
import { redact } from '../../src/main/core/draft/redact';
import { neutralTitle, summaryFor, termStats, titleFor } from '../../src/main/core/draft/title';
import { onlyCourtesy } from '../../src/main/core/text/clean';

/** The "How customers ask" section of a draft, up to the next heading. */
const waysAskedIn = (bodyMd: string) => bodyMd.split(WAYS_ASKED_HEADING)[1]!.split('##')[0]!;

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
    // what customers type for speed, spelled out
    expect(neutralTitle('wanna see my bill')).toBe('See your bill');
    expect(neutralTitle('i gotta change my address')).toBe('Change your address');
    // a task, a case, a question inside a request, and the verb agreeing once "I" is "you"
    expect(neutralTitle('I need to verify my identity')).toBe('Verify your identity');
    expect(neutralTitle('I lost my card!')).toBe('Lost your card');
    expect(neutralTitle("I can't log in to my account")).toBe("Can't log in to your account");
    expect(neutralTitle('Can you tell me why my card payment has been declined?')).toBe('Why your card payment has been declined');
    expect(neutralTitle('I was wondering how long delivery takes')).toBe('How long delivery takes');
    // what a customer wants to hear about is the topic ("Tell me about…" would turn round to "Tell you about…")
    expect(neutralTitle('tell me about the refund policy')).toBe('The refund policy');
    expect(neutralTitle('Can you tell me about delivery times?')).toBe('Delivery times');
    expect(neutralTitle('What can you tell me about getting a virtual disposable card?')).toBe('Getting a virtual disposable card');
    expect(neutralTitle('I need information about the warranty')).toBe('The warranty');
    expect(neutralTitle('I want to know more about premium plans')).toBe('Premium plans');
    expect(neutralTitle('I want to know how exchange rates are calculated')).toBe('How exchange rates are calculated');
    expect(neutralTitle('I need to find out why my transfer is pending')).toBe('Why your transfer is pending');
    expect(neutralTitle('Why was I charged for a cash withdrawal?')).toBe('Why were you charged for a cash withdrawal?');
    // "have I got" turned round as "have you got" would ask the team
    expect(neutralTitle('why have I got a pending transfer?')).toBe('Why do you have a pending transfer?');
    expect(neutralTitle("I've got a fee on my statement")).toBe('You have a fee on your statement');
    // "got to" and "have to" before a verb say must: asked, it is "do you have to"
    expect(neutralTitle('How come I got to pay to get my money from the ATM?')).toBe('Why you have to pay to get your money from the ATM');
    expect(neutralTitle("I've got to verify my identity again?")).toBe('Do you have to verify your identity again?');
    expect(neutralTitle('The transfer has to go through today?')).toBe('Does the transfer have to go through today?');
    expect(neutralTitle('I got to the ATM and it kept my card')).toBe('Got to the ATM and it kept your card');
    // a question typed in statement order is asked in question order; one that asks in place stays
    // as it is; a request cut down to its task is no question
    expect(neutralTitle('Currency exchanges have any extra fees?')).toBe('Do currency exchanges have any extra fees?');
    expect(neutralTitle('My card still has not arrived?')).toBe('Has your card still not arrived?');
    expect(neutralTitle('The transfer failed?')).toBe('Did the transfer fail?');
    expect(neutralTitle('My account costs money every month?')).toBe('Does your account cost money every month?');
    expect(neutralTitle('The app doesn’t work?')).toBe('Doesn’t the app work?');
    expect(neutralTitle('ATM withdrawals are free?')).toBe('Are ATM withdrawals free?');
    expect(neutralTitle('Virtual cards work abroad?')).toBe('Do virtual cards work abroad?');
    expect(neutralTitle('There is a fee for transfers?')).toBe('Is there a fee for transfers?');
    expect(neutralTitle('Transfers take how long?')).toBe('Transfers take how long?');
    expect(neutralTitle('Help to set up my shipping address?')).toBe('Set up your shipping address');
    expect(neutralTitle('Change my pin?')).toBe('Change your pin');
    expect(neutralTitle('How come my payment was declined?')).toBe('Why your payment was declined');
    // shouting is lowered, an abbreviation stays
    expect(neutralTitle('How do I TRANSFER MONEY FROM my BANK ACCOUNT')).toBe('How to transfer money from your bank account');
    expect(neutralTitle('MY CARD DOES NOT WORK AT THE ATM')).toBe('Your card does not work at the ATM');
    expect(neutralTitle('How do I change my PIN for a SEPA transfer?')).toBe('How to change your PIN for a SEPA transfer');
    // the customer's hurry is not part of the topic
    expect(neutralTitle('How do I delete my account now!')).toBe('How to delete your account');
    expect(neutralTitle('Please cancel my transfer asap')).toBe('Cancel your transfer');
  });

  it('spell a name as the team writes it, and leave a label of the app that is also a word as the customer wrote it', () => {
    const answer =
      'Hi, you can add your card to Apple Pay or Google Pay from the app: tap Card, then Add to wallet. It works on any iphone or with Revolut.';
    const rows: [string, string][] = [
      ['how do i top up my google pay', answer],
      ['how do i top up my google pay?', answer],
      ['Can I top up google pay with my card?', answer],
    ];
    expect(titleFor(evidence(rows))).toBe('How to top up your Google Pay');
    const labels: [string, string][] = [
      ['how do i add my card to my revolut wallet', answer],
      ['how do i add my card to my revolut wallet', answer],
      ['how can I add my card to revolut', answer],
    ];
    // "Card" is a label of the app and "card" a word; "iphone" is written in lower case once, so it is no name
    expect(titleFor(evidence(labels))).toBe('How to add your card to your Revolut wallet');
  });

  it('are not made from a sentence that says "you" of the team, which would turn round to mean the reader', () => {
    const rows: [string, string][] = [
      ['How do I track the card you sent me?', 'Cards arrive within 5 working days; see Card > Order status.'],
      ['How do I track the card you sent me?', 'Cards arrive within 5 working days; see Card > Order status.'],
      ['Where is my new card?', 'Cards arrive within 5 working days; see Card > Order status.'],
      ['My new card has not arrived, where is it?', 'Cards arrive within 5 working days; see Card > Order status.'],
    ];
    expect(titleFor(evidence(rows))).toBe('Where is your new card?');
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

  it('take a question in words the team does not use, when they are English words', () => {
    const rows: [string, string][] = [
      ['How do I deactivate my account?', 'You can close your account in the app under Profile > Close account.'],
      ['Remove my account immediately.', 'Empty the balance, then go to Profile > Close account in the app.'],
      ['Are you able to delete my account?', 'To close your account, go to Profile > Close account.'],
    ];
    expect(titleFor(evidence(rows))).toBe('How to deactivate your account');
  });

  it('leave out a clause beside the topic, such as a cry for help or a complaint', () => {
    const rows: [string, string][] = [
      ['Help, I lost my card somewhere', 'Freeze the card under Card > Freeze, then report it lost.'],
      ['I lost my card yesterday', 'Freeze it under Card > Freeze and report it lost.'],
      ['Card lost, what now?', 'Freeze the card in the app and report it lost.'],
    ];
    expect(titleFor(evidence(rows))).toBe('Lost your card somewhere');
  });

  it('prefer a short way of asking to a customer’s story that says no more of the topic', () => {
    const rows: [string, string][] = [
      ['Today my card payment was declined at the shop near my office again', 'Check Card > Security and retry.'],
      ['My card payment was declined', 'Check Card > Security and try again.'],
      ['Why was my card payment declined?', 'Check Card > Security, then retry the payment.'],
    ];
    expect(titleFor(evidence(rows))).toBe('Why was your card payment declined?');
  });

  it('name the topic by the words the team answers with, not by a story several customers tell alike', () => {
    const answer = 'A top up fails when your bank declined it. Check that 3D Secure is on with your bank.';
    const rows: [string, string][] = [
      ['I tried to top up with my card but it was declined. Was able to a couple days ago and it worked.', answer],
      ["I tried to top up but it's not working. A couple days ago it worked.", answer],
      ['Tried to add money, it got rejected. A couple days ago it worked.', answer],
      ['My credit card got declined for top up!', answer],
      ['Top-up failed, why?', answer],
    ];
    expect(titleFor(evidence(rows))).toBe('Tried to top up with your card but it was declined');
  });

  it('weigh each of the topic’s terms by how much it is the topic’s, so a story two customers tell does not outweigh it', () => {
    const answer = 'Refunds go out within 5 business days of the return reaching our warehouse.';
    const rows: [string, string][] = [
      ['sent my return back last week', answer],
      ['returned my shoes ages ago, no money back', answer],
      ['where is my refund??', answer],
      ['returned the item 2 weeks ago', answer],
      ['refund not showing on my card yet', answer],
      ['When will I get my refund', answer],
    ];
    expect(titleFor(evidence(rows))).toBe('Where is your refund?');
  });

  it('read a sentence typed on into the next without a stop as two, and leave out a customer’s sighs and pleas', () => {
    const answer = 'Reset links expire after 30 minutes, so request a new one and open it right away.';
    const rows: [string, string][] = [
      ['how do I reset my password the link does nothing', answer],
      ['how do I reset my password the app wont let me', answer],
      ['password link expired', answer],
    ];
    expect(titleFor(evidence(rows))).toBe('How to reset your password');
    expect(neutralTitle('password reset email not arriving pls help')).toBe('Password reset email not arriving');
    expect(neutralTitle('reset link says expired every time ugh')).toBe('Reset link says expired every time');
    // a noun given a second one, "all my payments" and a verb that says nothing yet start no clause
    const payments = 'Declines come from a frozen card or a spending limit.';
    expect(
      titleFor(
        evidence([
          ['Why are all my card payments being declined?', payments],
          ['Why are all my card payments being declined?', payments],
        ]),
      ),
    ).toBe('Why are all your card payments being declined?');
    const money = 'Transfers to a friend arrive within a day.';
    expect(
      titleFor(
        evidence([
          ['Can I send my friend the money?', money],
          ['Can I send my friend the money?', money],
        ]),
      ),
    ).toBe('Can you send your friend the money?');
  });

  it('prefer a question or a task about the topic to a statement, and never end on a word that points elsewhere', () => {
    const rows: [string, string][] = [
      [
        'I tried to make a transfer like five different times',
        'Transfers fail when the beneficiary details are wrong; check them under Payments.',
      ],
      ['My transfer failed again', 'Check the beneficiary details under Payments and retry the transfer.'],
      ["Why didn't my transfer complete?", 'A transfer fails when the beneficiary details are wrong; check them under Payments.'],
      ['Is someone using my transfer limit or what is causing it?', 'Check the beneficiary details under Payments.'],
    ];
    expect(titleFor(evidence(rows))).toBe("Why didn't your transfer complete?");
    const pointing: [string, string][] = [
      ['Is someone else using it?', 'Freeze your card under Card > Freeze and report the payments.'],
      ['I think that someone else is using my card without my permission', 'Freeze your card under Card > Freeze.'],
      ['Someone is using my card without my permission since yesterday at the shop', 'Freeze the card under Card > Freeze.'],
    ];
    expect(titleFor(evidence(pointing))).not.toMatch(/\bit\?$/);
    const upset: [string, string][] = [
      ['unhappy with service need to delete account', 'Close it under Profile > Settings > Close account.'],
      ['How do I delete my account now', 'Go to Profile > Settings > Close account.'],
      ['I want to delete my account, the service is poor', 'Profile > Settings > Close account.'],
    ];
    expect(titleFor(evidence(upset))).toBe('How to delete your account');
  });

  it('are not made of one customer’s own case: an amount, a name nobody else uses, or when it happened', () => {
    const rows: [string, string][] = [
      ['The ATM gave me the wrong amount of cash: £20', 'Report it under Cash > Wrong amount and we refund the difference.'],
      ['The ATM gave me the wrong amount of cash', 'Report it under Cash > Wrong amount; we refund the difference.'],
      ['At the station the ATM gave me the wrong amount of cash', 'Use Cash > Wrong amount to report it.'],
    ];
    const others = [evidence([['How do I top up by card?', 'Use Top up > Card.']]), evidence([['Is there an ATM fee abroad?', 'No fee.']])];
    expect(titleFor(evidence(rows), termStats([evidence(rows), ...others]))).toBe('The ATM gave you the wrong amount of cash');
    // nor when it happened
    const cancel = 'Go to My Orders and click Cancel Order.';
    const orders: [string, string][] = [
      ['I need to cancel the order I made yesterday', cancel],
      ['I would like to cancel the order I made', cancel],
    ];
    expect(titleFor(evidence(orders))).toBe('Cancel the order you made');
  });

  it('never hold a template placeholder standing for a customer’s detail, nor list it as a way of asking', () => {
    const answer = 'Open Order History, choose the order and click Cancel order.';
    const rows: [string, string][] = [
      ['I want to cancel order {{Order Number}}', answer],
      ['help me cancel order {{Order Number}} please', answer],
      ['cancel purchase {{Order Number}}', answer],
      ['How can I cancel an order I made?', answer],
      ['Is it possible to cancel an order?', answer],
    ];
    const draft = extractiveDraft(evidence(rows), new Set());
    expect(draft.title).not.toContain('{{');
    expect(draft.title).toMatch(/cancel/i);
    const asked = waysAskedIn(draft.bodyMd);
    expect(asked).toContain('cancel an order');
    expect(asked).not.toContain('{{');
  });

  it('are not made of a clause that leans on another', () => {
    const rows: [string, string][] = [
      ['If I ordered my new card, when does it arrive?', 'Cards arrive within 5 working days; see Card > Order status.'],
      ['When will my new card arrive?', 'Cards arrive within 5 working days; see Card > Order status.'],
      ['I ordered a new card, where is it?', 'Cards arrive within 5 working days; see Card > Order status.'],
    ];
    expect(titleFor(evidence(rows))).not.toMatch(/^If\b/);
    // a sentence typed without its "I" is no question
    const charged: [string, string][] = [
      ['Was charged extra for a payment abroad.', 'The shop may have used its own rate; pay in the local currency.'],
      ['Why did I pay more for a payment abroad?', 'The shop may have used its own rate; pay in the local currency.'],
      ['The rate for a payment abroad was wrong', 'The shop may have used its own rate; pay in the local currency.'],
    ];
    expect(titleFor(evidence(charged))).not.toMatch(/^Was\b/);
  });

  it('name a topic by a short word the questions share, or by a long question, before a list of terms', () => {
    const eu = titleFor(
      evidence([
        ['Can I use your app if I am from the EU?', ''],
        ['I am from the EU, can I sign up?', ''],
        ['Am I able to get a card in EU?', ''],
      ]),
    );
    expect(eu).toMatch(/\bEU\b/);
    const long = titleFor(
      evidence([
        ['I would like to know if there is a way to trace a card payment from weeks ago', ''],
        ['Is it possible for you to trace a card payment that was made several weeks ago?', ''],
        ['Somebody made a card payment from my account weeks ago and I would like you to trace it', ''],
      ]),
    );
    expect(long).not.toMatch(/^\p{L}+, \p{L}+/u);
    expect(long).toMatch(/trace/i);
    // a name inside a sentence is no typo; a typo stays out of the terms when two others say enough;
    // a case the reader is the subject of is what to do about it
    const netflix = 'My Netflix subscription says there is an issue with my card, but I thought everything was fine.';
    expect(titleFor(evidence([[netflix, '']]))).toBe('What to do if your Netflix subscription says there is an issue with your card');
    expect(
      titleFor(
        evidence([
          ['I think someone else is using my card', ''],
          ['I think someone is using my card!', ''],
        ]),
      ),
    ).toMatch(/^What to do if you think someone (?:else )?is using your card$/);
    expect(
      titleFor(
        evidence([
          ['My card is stuck inside the ATM', ''],
          ['My card is stuck in the ATM!', ''],
        ]),
      ),
    ).toMatch(/^What to do if your card is stuck in(?:side)? the ATM$/);
    // a question, or a thing of the reader's, stays as it is
    expect(
      titleFor(
        evidence([
          ['Is my card stuck in the ATM?', ''],
          ['My card stuck in the ATM?', ''],
        ]),
      ),
    ).toBe('Is your card stuck in the ATM?');
    expect(titleFor(evidence([['Help to sset up my shipping address', '']]))).toBe('Shipping, address');
  });

  it('read a hurried “Im”, a bare “need to” and a polite “may I” as a customer means them', () => {
    expect(neutralTitle('Need to change my account name')).toBe('Change your account name');
    expect(neutralTitle('May I get a new PIN?')).toBe('Can you get a new PIN?');
    expect(neutralTitle('Im waiting for my transfer')).toBe("You're waiting for your transfer");
    expect(neutralTitle('Im Ausland bezahlen')).toBe('Im Ausland bezahlen');
  });

  it('ask what a customer says they do not know, or why with “how come”', () => {
    expect(neutralTitle("I don't know how to verify my identity")).toBe('How to verify your identity');
    expect(neutralTitle('Dont know why my top up failed')).toBe('Why your top up failed');
    expect(neutralTitle('How come my card payment has been declined?')).toBe('Why your card payment has been declined');
  });

  it('make a summary that says what the article is for, not the answer again', () => {
    expect(summaryFor('Download an invoice', true)).toBe('The steps to download an invoice.');
    expect(summaryFor('How to set up your shipping address', false)).toBe('What to do to set up your shipping address.');
    expect(summaryFor('Return policy', false)).toBe('What to know about return policy.');
    // a customer's case, with or without its subject, reads as one
    expect(summaryFor('Lost your card', false)).toBe('What to do if you lost your card.');
    expect(summaryFor("Can't log in to your account", false)).toBe("What to do if you can't log in to your account.");
    expect(summaryFor('Your card keeps getting declined for top up', false)).toBe(
      'What to do if your card keeps getting declined for top up.',
    );
    expect(summaryFor('Top-up is not working', false)).toBe('What to do if top-up is not working.');
    expect(summaryFor('ATM fees', false)).toBe('What to know about ATM fees.');
    // a subject line shared by the topic's tickets, in the customers' language
    expect(summaryFor('Ich habe mein Passwort vergessen.', true)).toBe('The steps we give for this.');
    expect(summaryFor('Refund policy.', false)).toBe('What to know about refund policy.');
    // a case whose subject is not the reader, a case the reader is in, a question in statement order
    expect(summaryFor('The ATM ate your card', false)).toBe('What to do if the ATM ate your card.');
    expect(summaryFor('You need your PIN unlocked', false)).toBe('What to do if you need your PIN unlocked.');
    expect(summaryFor('Why your top up failed', false)).toBe('What we answer when you ask why your top up failed.');
    // a bare task is a task; a phrasal verb before a bare plural names a thing
    expect(summaryFor('Delete account', false)).toBe('What to do to delete account.');
    expect(summaryFor('Stop marketing emails', false)).toBe('What to do to stop marketing emails.');
    expect(summaryFor('Top up limits', false)).toBe('What to know about top up limits.');
    // a participle before a noun describes it: no case of the reader's, and no verb of one
    expect(summaryFor('Report stolen card', false)).toBe('What to do to report stolen card.');
    expect(summaryFor('Declined card payment', false)).toBe('What to know about declined card payment.');
    expect(summaryFor('Forgot passcode', false)).toBe('What to do if you forgot passcode.');
    // a hyphenated word is a thing, whatever its parts are tagged
    expect(summaryFor('Two-factor sign-in', false)).toBe('What to know about two-factor sign-in.');
    expect(summaryFor('Log-in problems', false)).toBe('What to know about log-in problems.');
    // a thing named bare, as customers type it, is the reader's own; a name is not
    expect(summaryFor('Item arrived damaged', false)).toBe('What to do if the item arrived damaged.');
    expect(summaryFor('Kettle won’t join Wi-Fi', true)).toBe('What to do if the kettle won’t join Wi-Fi.');
    expect(summaryFor('Netflix keeps charging your card', false)).toBe('What to do if Netflix keeps charging your card.');
    expect(summaryFor('Top-up is not working', false)).toBe('What to do if top-up is not working.');
    // a case without its subject and without an object was done to the reader
    expect(summaryFor('Charged twice for one order', true)).toBe('What to do if you were charged twice for one order.');
    expect(summaryFor('Locked out of your account', false)).toBe('What to do if you were locked out of your account.');
    expect(summaryFor('Signed up twice', false)).toBe('What to do if you signed up twice.');
    // a verb inside a hyphenated name is no case; a word before "the" is a task, however it is tagged
    expect(summaryFor('Keep-warm mode', true)).toBe('What to know about keep-warm mode.');
    expect(summaryFor('Reset the password', true)).toBe('The steps to reset the password.');
    expect(summaryFor('Descale the kettle', false)).toBe('What to do to descale the kettle.');
    expect(summaryFor('Tracking your order', false)).toBe('What to know about tracking your order.');
    // a title that already says "what to do if" is not asked back
    expect(summaryFor('What to do if your card is stolen', false)).toBe('What we advise if your card is stolen.');
    expect(summaryFor('What to do if you were charged twice', true)).toBe('The steps to take if you were charged twice.');
    expect(summaryFor('The ATM at Metro bank on High St', false)).toBe('What to know about the ATM at Metro bank on High St.');
    // a title of terms, or none, is never read as a case
    expect(summaryFor('Refund, warranty, days', false)).toBe('What to know about refund, warranty, days.');
    expect(summaryFor('Untitled topic', false)).toBe('What we answer on this.');
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

describe('the article a topic makes', () => {
  const cardAnswer = 'Freeze the card under Card > Freeze, then tap Report lost or stolen: a new card is on its way.';
  it('shows how customers ask by the sentence that says what the topic is about, not "Can you help?"', () => {
    const draft = extractiveDraft(
      evidence([
        ["I'm panicking! I lost my card!", cardAnswer],
        ['Can you help? My card was stolen yesterday.', cardAnswer],
        ['What is going on? I cannot find my card anywhere.', cardAnswer],
        ['Please help. Someone stole my card.', cardAnswer],
      ]),
      new Set(),
    );
    const asked = waysAskedIn(draft.bodyMd);
    for (const way of ['I lost my card!', 'My card was stolen yesterday.', 'Someone stole my card.']) expect(asked).toContain(way);
    for (const filler of ["I'm panicking!", 'Can you help?', 'What is going on?', 'Please help.']) expect(asked).not.toContain(filler);
  });

  it('shows how customers ask by the topic’s own words, not by a subject several customers open with', () => {
    const pin = 'You can change your PIN at any ATM under PIN services, or in the app under Card > Change PIN.';
    const draft = extractiveDraft(
      evidence([
        ['Question about my account. Change my pin?', pin],
        ['Question about my account. Can I change my PIN at an ATM?', pin],
        ['How do I change the PIN on my card?', pin],
        ['I want to change my PIN.', pin],
        ['Where can I change my PIN?', pin],
      ]),
      new Set(),
    );
    const asked = waysAskedIn(draft.bodyMd);
    expect(asked).not.toContain('Question about my account');
    expect(asked).toContain('“Change my pin?”');
  });

  it('shows the ways of asking spelled right before a typo, though the typo is the shortest', () => {
    const cancel = 'Go to My Orders and click Cancel Order.';
    const draft = extractiveDraft(
      evidence([
        ['how do i cancle my order', cancel],
        ['Can I stop a purchase I made?', cancel],
        ['I want to cancel an order.', cancel],
      ]),
      new Set(),
    );
    const asked = waysAskedIn(draft.bodyMd)
      .split('\n')
      .filter((line) => line.startsWith('- '));
    expect(asked.slice(0, 2).sort()).toEqual(['- “Can I stop a purchase I made?”', '- “I want to cancel an order.”']);
    expect(asked.slice(2)).toEqual(['- “how do i cancle my order”']);
  });

  it('shows a way of asking that points back ("Is someone else using it?") with the sentence it points to', () => {
    const answer = 'Freeze your card in the app, then dispute any payment you do not recognise.';
    const draft = extractiveDraft(
      evidence([
        ['There are payments on my card I never made. Is someone else using it?', answer],
        ['Someone is using my card without my permission.', answer],
        ['I think my card details were stolen, someone used my card.', answer],
      ]),
      new Set(),
    );
    const asked = waysAskedIn(draft.bodyMd);
    expect(asked).toContain('“There are payments on my card I never made. Is someone else using it?”');
    expect(asked).not.toContain('“Is someone else using it?”');
  });

  it('is not titled by a subject every form gives alike', () => {
    const raw = ['How do I descale the kettle?', 'how to descale my kettle', 'Descaling the kettle, how?'].map((question, i) => ({
      ticketId: i + 1,
      subject: i === 2 ? 'Re: Contact form submission' : 'Contact form submission',
      question: `Name: Customer ${i}\nMessage: ${question}`,
      answer: 'Fill the kettle with descaler and boil it twice.',
      names: [],
      createdAt: '2026-03-01T09:00:00Z',
      customerId: `c-${i}`,
    }));
    const prepared = prepareEvidence(raw);
    expect(prepared.map((e) => e.subject)).toEqual([null, null, null]);
    expect(prepared[0]!.question).toBe('How do I descale the kettle?');
    const { title } = extractiveDraft(prepared, new Set());
    expect(title).not.toMatch(/form|submission|customer/i);
    expect(title).toMatch(/descale/i);
  });

  it('gives a prose answer without the courtesies around it, in English and other languages', () => {
    const fee = 'ATM withdrawals are free up to 200 GBP a month. Beyond that, each withdrawal costs 2%.';
    const draft = extractiveDraft(
      evidence([
        ['Why was I charged for an ATM withdrawal?', `Sorry to hear about that. ${fee} Have a great day!`],
        [
          'Is there a fee for cash withdrawals?',
          `Thanks for reaching out! ${fee}\n\nLet me know if there is anything else I can help with.`,
        ],
        ['ATM fee?', `Sorry to hear about that. ${fee} Hope this helps!`],
      ]),
      new Set(),
    );
    const answer = draft.bodyMd.split('## Answer')[1]!.split('##')[0]!.trim();
    expect(answer).toBe(fee);
    expect(draft.bodyMd).not.toMatch(/Sorry to hear|Thanks for reaching out|Have a great day|Let me know|Hope this helps/);
    // a courtesy that leads into the answer is the answer
    const sure = 'Sure, tap Card > Freeze and the card stops at once.';
    const freeze = extractiveDraft(
      evidence([
        ['How do I freeze my card?', sure],
        ['Freeze my card', sure],
        ['Can I freeze the card?', sure],
      ]),
      new Set(),
    );
    expect(freeze.bodyMd).toContain(sure);
    expect(onlyCourtesy('¡Gracias por escribirnos!')).toBe(true);
    expect(onlyCourtesy('Vielen Dank für Ihre Nachricht.')).toBe(true);
    expect(onlyCourtesy('Merci pour votre message !')).toBe(true);
    expect(onlyCourtesy('Danke, die Karte ist unterwegs.')).toBe(false);
    expect(onlyCourtesy('Feel free to reach out if anything else comes up.')).toBe(true);
    expect(onlyCourtesy('Feel free to change your PIN at any ATM.')).toBe(false);
    expect(onlyCourtesy('Melden Sie sich in der App an und tippen Sie auf Karte.')).toBe(false);
    // the kind words a long written reply wraps its answer in
    for (const kind of [
      'Certainly!',
      "I'm sorry to hear that you're having trouble with your card.",
      "I'd be happy to help you with setting up your shipping address.",
      'Thank you for reaching out to us.',
      'Let me guide you through the process.',
      "If you have any other questions, please don't hesitate to ask.",
      'Should you have any further questions, feel free to contact us.',
      'We appreciate your patience.',
      "I understand that you'd like to know about our cancellation fees.",
      "I'm on it!",
      'No worries, this happens!',
      "I'm sorry to hear you want to cancel.",
      'Absolutely, I can help with that.',
      'No problem, I can guide you.',
      'Sam here',
      "My name is Sam and I'll be helping you today.",
      'I apologize for any inconvenience.',
      'We apologise for the inconvenience this may have caused.',
      "I'll get right on it!",
      'I understand how important it is for you to cancel your order.',
      "That's not what we want to hear.",
      'We want to get this sorted for you.',
    ])
      expect(onlyCourtesy(kind), kind).toBe(true);
    for (const answer of [
      "I'm happy to help: open Card > Freeze.",
      'Absolutely, you can change your PIN at any ATM.',
      'We are happy to help with refunds within 30 days of purchase.',
      'If you have any questions about fees, see the Fees page.',
      'I understand your card was declined because the limit was reached.',
      "I'm afraid not.",
      'Click here to reset it.',
      'We apologize to customers whose orders were delayed with a 10% voucher, sent by email.',
      'I understand how important it is: orders placed before noon ship the same day.',
    ])
      expect(onlyCourtesy(answer), answer).toBe(false);
  });

  it('does not list another wording of the answer as a note, but keeps a note the team adds beside it', () => {
    const reworded = 'A card is frozen at once under Card > Freeze; Report lost or stolen then sends a new one.';
    const note = 'Payments you did not make can be disputed from the transaction.';
    const draft = extractiveDraft(
      evidence([
        ['I lost my card', cardAnswer],
        ['My card was stolen', cardAnswer],
        ['Lost card', `${cardAnswer}\n${note}`],
        ['Stolen card, what now?', reworded],
        ['Someone took my card', reworded],
        ['My card is gone', `${reworded}\n${note}`],
      ]),
      new Set(),
      // as the learning engine judges them by meaning: all six say the same
      { same: () => true, alike: () => true, central: (answers) => answers[0], byCentrality: (tickets) => tickets },
    );
    const notes = draft.bodyMd.split('## Notes and exceptions')[1] ?? '';
    expect(notes).toContain(note);
    expect(notes).not.toContain(reworded);
  });

  it('gives a note once when agents word it two ways, and keeps two facts that come side by side', () => {
    const steps = '1. Open the login page.\n2. Click Forgot Password.\n3. Follow the link we email you.';
    const expires = 'Note that the reset link expires after 24 hours.';
    const valid = 'The link is valid for 24 hours.';
    const spam = 'Check your spam folder if the email does not arrive within 10 minutes.';
    const draft = extractiveDraft(
      evidence([
        ['I forgot my password', `${steps}\n${expires}\n${spam}`],
        ['Reset my password', `${steps}\n${expires}\n${spam}`],
        ['How do I reset my password?', `${steps}\n${valid}\n${spam}`],
        ['Lost my password', `${steps}\n${valid}\n${spam}`],
      ]),
      new Set(),
    );
    const notes = draft.bodyMd.split('## Notes and exceptions')[1] ?? '';
    expect(notes.split('24 hours').length - 1).toBe(1);
    expect(notes).toContain(spam);
  });

  it('leaves out of the notes a line that only leads into the steps, in whatever words', () => {
    const steps = '1. Log in to your account.\n2. Go to My Orders.\n3. Click Cancel Order.';
    const draft = extractiveDraft(
      evidence([
        [
          'How do I cancel my order?',
          `I'm sorry to hear you want to cancel. To cancel your order:\n${steps}\nOrders can be cancelled until they ship.`,
        ],
        ['Cancel my order', `Here's what to do:\n${steps}\nOrders can be cancelled until they ship.`],
        ['I want to cancel an order', `To cancel your order:\n${steps}`],
        ['cancel order pls', `Here's what to do:\n${steps}`],
      ]),
      new Set(),
    );
    const notes = draft.bodyMd.split('## Notes and exceptions')[1] ?? '';
    expect(notes).toContain('Orders can be cancelled until they ship.');
    expect(notes).not.toMatch(/To cancel your order:|Here's what to do:|sorry/);
  });
});

describe('what an answer points to', () => {
  it('finds the buttons, menu paths and labels an answer names, not the words around them', () => {
    expect([...anchorsOf('Go to Profile > Verify identity and take a selfie.')].sort()).toEqual(['profile', 'verify identity']);
    expect([...anchorsOf('Open the app, go to Card > Order status and tap "Card not received".')].sort()).toEqual([
      'card',
      'card not received',
      'order status',
    ]);
    expect([...anchorsOf('Your invoice can be found in Order History: open the order.')]).toEqual(['order history']);
    expect(
      shareAnchors(
        anchorsOf('You can download your invoice from ‘Order History’.'),
        anchorsOf('Invoices are in Order History, under the order.'),
      ),
    ).toBe(true);
    expect(
      shareAnchors(
        anchorsOf('Your invoice can be found in Order History.'),
        anchorsOf('We email every invoice the day after the order ships.'),
      ),
    ).toBe(false);
  });

  it('finds the figures an answer states with their unit, however it words them, and no bare number', () => {
    expect(figuresOf('Refunds take up to 5 working days to appear, sometimes longer.')).toEqual(new Set(['5 day']));
    expect(figuresOf('A refund can take five business days to show up.')).toEqual(new Set(['5 day']));
    expect(figuresOf('At weekends we add 0.5% to cover market swings.')).toEqual(new Set(['0.5 %']));
    expect(figuresOf('A fee of $20 (20 dollars), a 3-day wait, within 24 hours, kept six years.')).toEqual(
      new Set(['20 usd', '3 day', '24 hour', '6 year']),
    );
    expect(figuresOf('1. Open Settings.\n2. Choose option 3. One of our agents will call.')).toEqual(new Set());
    // a different figure is a different answer
    expect(shareAnchors(figuresOf('Cards arrive within 5 working days.'), figuresOf('Cards arrive within 10 working days.'))).toBe(false);
  });

  it('tells answers that promise otherwise by their figures of one kind, not by figures one of them leaves out', () => {
    const otherwise = (a: string, b: string) => promisesOtherwise(figuresOf(a), figuresOf(b));
    expect(otherwise('Cards arrive within 5 working days.', 'Cards arrive within 10 working days.')).toBe(true);
    expect(
      otherwise('ATM withdrawals are free up to 200 GBP a month.', 'Withdrawals above your daily limit of 500 euros are declined.'),
    ).toBe(true);
    expect(otherwise('We charge 2% after that.', 'We charge 3% after that.')).toBe(true);
    // one figure shared, and each with another of its own: a card's arrival against its delivery times
    expect(
      otherwise(
        'Cards arrive within 5 working days; after 10 working days, order a replacement.',
        'Standard delivery takes 3 to 5 working days; cards sent abroad take up to 3 weeks.',
      ),
    ).toBe(true);
    // rewordings, and one time said in other units
    expect(otherwise('Refunds take five business days.', 'A refund shows up after 5 working days.')).toBe(false);
    expect(otherwise('We reply within 24 hours.', 'We reply within one day.')).toBe(false);
    // an answer cut short, or figures of different kinds
    expect(otherwise('Free up to £200 a month, then 2% per withdrawal.', 'After that each withdrawal costs 2%.')).toBe(false);
    expect(
      otherwise('Cards arrive within 5 working days; after 10 working days, order a replacement.', 'Cards arrive in five business days.'),
    ).toBe(false);
    expect(otherwise('Cards arrive within 5 working days.', 'Delivery costs $5.')).toBe(false);
    expect(otherwise('Cards arrive soon.', 'Cards arrive within 10 working days.')).toBe(false);
  });
});
