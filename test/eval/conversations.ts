import type { Labelled } from './banking';

/**
 * BANKING77 as a helpdesk's conversations look in a real export: real customer questions of twelve
 * intents (3 to 40 tickets each) answered by agents in their own words, around them one-off tickets
 * of the other intents answered by a stock line or by casework, and later tickets to hold out.
 *
 * What makes it messy, as real conversations are: each reply mixes two wordings sentence by
 * sentence and wraps them in a greeting with the customer's name, an opener, a closer and the
 * agent's sign-off; a quarter of replies leave out their last sentence; in 30% of tickets the agent
 * first asks back and the customer answers; in 30% the customer first writes only a hello; a fifth
 * of the longer questions come in two chat messages ("My card was" / "stolen last night."); a
 * third of customers write by email, under their signature (name, role, company, phone or web
 * site, a legal footer); a fifth first type a few words to the AI agent ("card problem"), which
 * asks what it is about, and then ask.
 *
 * With the neighbours, twelve more intents are answered, each next to one of the first twelve.
 * With `ownWords`, each of the four agents words the answer their own way every time instead of
 * mixing the wordings at random.
 */
export interface Conversations {
  history: string[];
  later: string[];
}

/** Each intent's answer: sentences, each in two wordings. */
const ANSWERS: Record<string, [string, string][]> = {
  card_arrival: [
    [
      'Cards usually arrive within 5 working days of ordering.',
      'Your card normally gets to you within five business days after you order it.',
    ],
    ['You can follow its delivery in the app under Card > Order status.', 'The app shows where it is: open Card and tap Order status.'],
    [
      'If it has not arrived after 10 working days, order a replacement from the same screen and we will cancel the first one.',
      'After ten business days without it, request a new one on that screen and the old card will be cancelled.',
    ],
  ],
  exchange_rate: [
    [
      'We use the interbank exchange rate at the moment the payment is made.',
      'Payments are converted at the interbank rate at the time of the transaction.',
    ],
    [
      'On weekdays there is no markup; at weekends we add 0.5% to cover market swings.',
      'There is no extra fee Monday to Friday, and a 0.5% weekend markup protects against rate changes.',
    ],
    [
      'You can see the rate used on each transaction by tapping it in the app.',
      'Tap a payment in the app to see the exact rate that was applied.',
    ],
  ],
  terminate_account: [
    [
      'You can close your account in the app under Profile > Settings > Close account.',
      'To close your account, open Profile, then Settings, and choose Close account.',
    ],
    [
      'Please move any remaining balance out first, as we cannot close an account with money in it.',
      'Transfer out your remaining balance before you do, because an account that still holds money cannot be closed.',
    ],
    [
      'Once closed, your statements stay available by email request for 6 years.',
      'After closing, you can still ask us by email for your statements for six years.',
    ],
  ],
  top_up_failed: [
    [
      "A top up usually fails because the card's bank declined it or the card is not in your name.",
      'Most failed top ups are declined by the card issuer, or the card belongs to someone else.',
    ],
    [
      'Check that 3D Secure is enabled with your bank and that the billing address matches.',
      'Make sure your bank has 3D Secure switched on and the billing address is the same as on the card.',
    ],
    [
      'If a failed top up left a pending charge, it drops off within 3 working days.',
      'Any pending amount from the failed attempt is released by your bank within three business days.',
    ],
  ],
  lost_or_stolen_card: [
    ['Freeze your card straight away in the app under Card > Freeze.', 'First, freeze the card in the app: tap Card, then Freeze.'],
    [
      'Then go to Card > Report lost or stolen, which cancels it and orders a new one free of charge.',
      'Next choose Report lost or stolen on the Card screen; we cancel it and send a free replacement.',
    ],
    [
      'If you see payments you do not recognise, dispute them from the transaction screen.',
      "Any payments you don't recognise can be disputed by tapping the transaction.",
    ],
  ],
  Refund_not_showing_up: [
    [
      'Refunds from a merchant take up to 5 working days to appear, sometimes longer at weekends.',
      'A merchant refund can take five business days to show up in your account.',
    ],
    [
      'The merchant starts the refund, so we cannot see it until they send it.',
      'We only see the refund once the shop has sent it, since they have to start it.',
    ],
    [
      'If it has been more than 5 days, ask the merchant for the refund reference and send it to us in the app chat.',
      'After five days, get the refund reference from the shop and share it with us through the in-app chat.',
    ],
  ],
  change_pin: [
    [
      'You can change your PIN at any ATM that supports PIN changes: insert the card and choose PIN services.',
      'Most ATMs let you change the PIN: put in your card and pick PIN services.',
    ],
    ['You can also view your current PIN in the app under Card > Show PIN.', 'The app shows your current PIN too, under Card, Show PIN.'],
    ['The new PIN works straight away for chip and contactless payments.', 'Your new PIN is active immediately for chip and contactless.'],
  ],
  verify_my_identity: [
    [
      'To verify your identity, open the app and go to Profile > Verify identity.',
      'Identity checks are done in the app: Profile, then Verify identity.',
    ],
    [
      'You need a valid passport or national ID card and a selfie in good light.',
      'Have your passport or national ID ready and take a well-lit selfie.',
    ],
    ['Most checks are done in a few minutes, some take up to 24 hours.', 'Usually it is finished within minutes, at most one day.'],
  ],
  declined_card_payment: [
    [
      'A payment can be declined if the card is frozen, the limit is reached or the merchant is blocked in your security settings.',
      'Declines usually come from a frozen card, a spending limit or a merchant type you have blocked in security settings.',
    ],
    [
      'Check Card > Security to make sure online or contactless payments are switched on.',
      'Under Card, Security, make sure online and contactless payments are on.',
    ],
    [
      'If everything looks right, try the payment again in a few minutes; the decline reason shows on the transaction in the app.',
      'If all is fine, retry shortly; the app shows why it was declined when you tap the transaction.',
    ],
  ],
  apple_pay_or_google_pay: [
    [
      'You can add your card to Apple Pay or Google Pay from the app: open Card and tap Add to wallet.',
      'To use Apple Pay or Google Pay, tap Add to wallet on the Card screen in the app.',
    ],
    [
      "Follow the steps in your phone's wallet to confirm with a code we text you.",
      "Your phone's wallet will ask for a code, which we send by text.",
    ],
    [
      'Apple Pay and Google Pay are supported in every country where we issue cards.',
      'Both wallets work in all the countries where our cards are issued.',
    ],
  ],
  cash_withdrawal_charge: [
    ['ATM withdrawals are free up to 200 GBP a month.', 'You can take out 200 GBP a month from ATMs without a fee.'],
    ['After that we charge 2% of each withdrawal.', 'Beyond that allowance, each withdrawal costs 2%.'],
    [
      'Some ATM operators add their own fee, which the machine shows before you confirm.',
      'The ATM owner may charge too; the screen tells you before you accept.',
    ],
  ],
  pending_transfer: [
    [
      'Transfers to other banks normally arrive within 1 working day, but some are held for a security check for up to 2 days.',
      'A bank transfer usually lands the next business day; a few are reviewed for security, which takes up to two days.',
    ],
    ['You can see the status by tapping the transfer in the app.', 'Tap the transfer in the app to see where it is.'],
    [
      'If it is still pending after 2 working days, message us from the transfer screen.',
      'Still pending after two business days? Contact us from that transfer.',
    ],
  ],
};
/**
 * Answers for twelve intents next to those above (a card's delivery time beside a card that has
 * not arrived, a pending top-up beside a failed one): customers ask them in much the same words,
 * while the team gives each an answer of its own that reads much like its neighbour's.
 */
const NEIGHBOUR_ANSWERS: Record<string, [string, string][]> = {
  card_delivery_estimate: [
    ['Standard delivery takes 3 to 5 working days within the country.', 'In-country delivery normally needs three to five business days.'],
    [
      'Express delivery arrives the next working day for a fee of 9 euros.',
      'For 9 euros you can choose express and get it the next business day.',
    ],
    ['Cards sent abroad take up to 3 weeks.', 'International shipping can take as long as three weeks.'],
  ],
  top_up_reverted: [
    [
      'A reversed top-up means your bank took the money back, usually because the card issuer flagged it.',
      'When a top-up is reverted, the paying bank has pulled the funds back, mostly after its own fraud check.',
    ],
    ['The money returns to your card within 7 days.', 'You will see the amount back on that card in up to seven days.'],
    ['Call your bank to approve payments to us, then top up again.', 'Ask your bank to allow payments to us before you try again.'],
  ],
  pending_top_up: [
    [
      'Bank transfer top-ups can stay pending for up to 2 working days.',
      'A top-up by bank transfer may show as pending for two business days.',
    ],
    [
      'Card top-ups are instant unless your card needs 3D Secure approval.',
      'Topping up by card is immediate, except when your bank asks for 3D Secure.',
    ],
    [
      'Check that you used your personal reference, or we cannot match the payment.',
      'Make sure the transfer carries your own reference so we can match it.',
    ],
  ],
  declined_transfer: [
    [
      'Transfers are declined when the recipient details do not match their bank records.',
      'A transfer is refused if the name or IBAN does not match what the other bank has.',
    ],
    [
      'Check the IBAN and the exact name of the account holder and send it again.',
      'Double-check the account holder name and IBAN, then resend.',
    ],
    [
      'Transfers over 5,000 euros also need you to confirm them in the app.',
      'Anything above 5,000 euros must be confirmed in the app first.',
    ],
  ],
  declined_cash_withdrawal: [
    [
      'Withdrawals are declined when the ATM asks for more than your daily limit of 500 euros.',
      'An ATM withdrawal fails once it goes beyond the 500 euro daily limit.',
    ],
    ['Some ATMs do not accept our cards; try one from a large bank.', 'Not every cash machine takes our card, so try a major bank ATM.'],
    ['Make sure ATM withdrawals are switched on under Card > Security.', 'Check that Card > Security allows ATM withdrawals.'],
  ],
  why_verify_identity: [
    [
      'The law requires us to know who our customers are before we open an account.',
      'Regulations oblige every bank to confirm the identity of its customers.',
    ],
    ['It protects you: nobody can open an account in your name.', 'This keeps anyone else from opening an account as you.'],
    [
      'Your documents are stored encrypted and only used for this check.',
      'We keep your documents encrypted and use them for nothing else.',
    ],
  ],
  unable_to_verify_identity: [
    [
      'Photos fail when there is glare or a corner of the document is cut off.',
      'Verification usually fails because of reflections or a cropped document.',
    ],
    [
      'Take the photo in daylight on a dark surface with the whole document visible.',
      'Put the document on a dark table in natural light so all four corners show.',
    ],
    [
      'After three failed tries, the app offers a video call with our team.',
      'If it fails three times you can book a video check in the app.',
    ],
  ],
  compromised_card: [
    [
      'If you think someone has your card details, freeze the card in the app right away.',
      'Freeze your card in the app as soon as you suspect your details were stolen.',
    ],
    [
      'Then dispute any payment you do not recognise from the payment screen.',
      'Any payment you did not make can be disputed from its screen.',
    ],
    ['Order a new card with a new number under Card > Replace.', 'Get a card with a fresh number under Card > Replace.'],
  ],
  card_swallowed: [
    [
      'If an ATM kept your card, cancel it in the app under Card > Report a problem.',
      'When a cash machine keeps your card, report it in the app via Card > Report a problem.',
    ],
    [
      'The bank that owns the ATM destroys retained cards, so you cannot get it back.',
      'Retained cards are destroyed by the ATM owner and cannot be returned.',
    ],
    ['A free replacement is sent automatically.', 'We send you a new card for free.'],
  ],
  exchange_charge: [
    ['Exchanging currency is free up to 1,000 euros a month.', 'The first 1,000 euros you exchange each month carry no fee.'],
    ['Above that we charge 0.5% of the amount.', 'Beyond that amount a fee of 0.5% applies.'],
    ['The fee is shown before you confirm the exchange.', 'You see the fee on the confirmation screen before you exchange.'],
  ],
  card_payment_wrong_exchange_rate: [
    [
      'The merchant may have charged in your currency with its own rate: always choose to pay in the local currency.',
      'If a shop converts for you it uses its own rate, so pick the local currency at the terminal.',
    ],
    [
      'Card networks can settle a payment a day after it was made, at that day rate.',
      'A payment may settle one day later at the rate of that day.',
    ],
    [
      'Send us the receipt from the payment screen and we will check the rate.',
      'Share the receipt from the payment screen so we can review the rate.',
    ],
  ],
  pin_blocked: [
    ['Your PIN is blocked after three wrong tries.', 'Three incorrect PIN entries block it.'],
    ['Unblock it in the app under Card > Security > Unblock PIN.', 'Go to Card > Security > Unblock PIN in the app.'],
    ['Then use it once at any ATM with a balance check to reset the counter.', 'Afterwards do a balance check at an ATM to reset it.'],
  ],
};
/** Tickets per intent in the history, in the order of the answers: a long tail, as real topics come. */
const SIZES = [40, 30, 24, 18, 14, 11, 9, 7, 6, 5, 4, 3];
const NEIGHBOUR_SIZES = [35, 26, 20, 16, 12, 10, 8, 6, 5, 4, 3, 3];

const STOCK = [
  'A colleague from the right team will look at this and reply by email.',
  'Please check our help centre for the latest on this.',
  'I have raised this with the relevant team and they will be in touch shortly.',
];
const CASEWORK = [
  'Done, I have fixed that for you.',
  "I've sorted that out on your account now.",
  'I have passed this to our payments team, they will be in touch within 2 working days.',
];
const OPENERS = ['Thanks for reaching out!', 'Thanks for getting in touch.', 'Sorry to hear about that.', ''];
const CLOSERS = ['Let me know if there is anything else I can help with.', 'Have a great day!', ''];
const ASKS_BACK = [
  'Which card is this about?',
  'Could you tell me when this happened?',
  'Can you confirm the email address on your account?',
];
const HELLOS = ['Hi there!', 'Hello?', 'hi'];
/** What a customer first types to an AI agent, and how it asks what it is about. */
const SUBJECTS = ['card problem', 'account question', 'payment issue', 'question about my account', 'problem with the app', 'problem'];
const WHAT_ABOUT = [
  'Sure! Could you tell me a bit more about what is going on?',
  'Happy to help. What would you like to know?',
  'Can you describe your issue in a few words?',
];
const CUSTOMERS = [
  'Jeremiah Olsen',
  'Priya Raman',
  'Tomasz Nowak',
  'Aoife Brennan',
  'Carlos Mendes',
  'Hannah Weiss',
  'Kwame Mensah',
  'Sofia Lindqvist',
];
const AGENTS = ['Maya', 'Jonas', 'Ruth', 'Idris'];
const ROLES = ['Finance Manager', 'Operations Lead', 'Office Manager', 'Founder', 'Head of Sales'];
const COMPANIES = ['Acme GmbH', 'Brightkettle Ltd', 'Norrland AB', 'Castillo & Hijos S.L.', 'Oakfield Dental'];
/** How a customer writing by email signs: the same few companies recur, as a business's staff write in. */
const SIGNATURES: ((name: string, role: string, company: string, phone: string) => string)[] = [
  (name, role, company, phone) => `Thanks,\n${name}\n${role} | ${company}\nTel: ${phone}`,
  (name, role, company) => `Kind regards\n${name}\n${role}\n${company}\nwww.${company.split(' ')[0]!.toLowerCase()}.com`,
  (name, _role, company, phone) => `--\n${name}\n${company}\n${phone}`,
  (name, role, company) =>
    `${name}\n${role} | ${company}\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee.`,
  (name) => `Thanks in advance,\n${name}\n\nSent from my iPhone`,
];

/** A small seeded generator, so every run builds the same tickets. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The sentences of the team's answer to an intent, each in its two wordings. */
export function answerOf(intent: string): [string, string][] | undefined {
  return ANSWERS[intent] ?? NEIGHBOUR_ANSWERS[intent];
}

/** The twelve intents answered; `withNeighbours` adds the twelve next to them. */
export function bankingConversations(
  train: Labelled[],
  test: Labelled[],
  options: { seed?: number; withNeighbours?: boolean; ownWords?: boolean } = {},
): Conversations {
  const seed = options.seed ?? 3;
  const answers = options.withNeighbours ? { ...ANSWERS, ...NEIGHBOUR_ANSWERS } : ANSWERS;
  const sizes = options.withNeighbours ? [...SIZES, ...NEIGHBOUR_SIZES] : SIZES;
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // signatures and subjects draw from their own generators, so the tickets are otherwise those drawn without them
  const signing = random(seed + 1);
  const subjecting = random(seed + 2);
  const subjectFirst = () => (subjecting() < 1 / 5 ? [SUBJECTS, WHAT_ABOUT].map((xs) => xs[Math.floor(subjecting() * xs.length)]!) : null);
  const signed = (customer: string, phone: string): string => {
    const draw = <T>(xs: readonly T[]): T => xs[Math.floor(signing() * xs.length)]!;
    return draw(SIGNATURES)(customer, draw(ROLES), draw(COMPANIES), phone);
  };
  const shuffled = <T>(xs: readonly T[]): T[] =>
    xs
      .map((x) => [rnd(), x] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, x]) => x);
  const intents = Object.keys(answers);
  const start = Date.parse('2026-03-02T08:00:00Z');
  const HISTORY_DAYS = 70;
  let n = 0;

  const ticket = (question: string, topic: string | null, answer: string | ((agent: number) => string), day: number) => {
    const id = `B-${++n}`;
    const customer = pick(CUSTOMERS);
    const email = `${customer.split(' ')[0]!.toLowerCase()}${n}@example.com`;
    const agent = pick(AGENTS);
    const at = (minutes: number) => new Date(start + day * 864e5 + (n % 480) * 6e4 + minutes * 6e4).toISOString();
    const reply = (body: string) =>
      [`Hi ${customer.split(' ')[0]},`, [pick(OPENERS), body].filter(Boolean).join(' '), pick(CLOSERS), `Best,\n${agent}`]
        .filter(Boolean)
        .join('\n\n');
    const customerSays = (body: string, minutes: number) => ({ role: 'customer', created_at: at(minutes), body });
    const agentSays = (body: string, minutes: number) => ({
      role: 'agent',
      created_at: at(minutes),
      body,
      author: { id: agent, name: agent },
    });
    const phone = `+44 20 7946 ${String(1000 + n).slice(-4)}`;
    const hello = rnd() < 0.3 ? [customerSays(pick(HELLOS), 0)] : [];
    const parts = burst(question);
    if (signing() < 1 / 3) parts[parts.length - 1] += `\n\n${signed(customer, phone)}`;
    const subject = subjectFirst();
    const messages = [
      ...(subject ? [customerSays(subject[0]!, 0), { role: 'bot', created_at: at(0.5), body: subject[1] }] : hello),
      ...parts.map((part, k) => customerSays(part, 1 + k / 2)),
      { role: 'bot', created_at: at(2), body: "I'm sorry, I couldn't find an answer to that. Let me get someone from the team." },
    ];
    if (rnd() < 0.3) {
      const ask = pick(ASKS_BACK);
      messages.push(
        agentSays(reply(ask), 20),
        customerSays(
          ask.includes('email') ? `Sure, it is ${email}` : pick(['The one ending 4821.', 'Yesterday evening.', 'This morning']),
          30,
        ),
      );
    }
    messages.push(agentSays(reply(typeof answer === 'string' ? answer : answer(AGENTS.indexOf(agent))), 60));
    return JSON.stringify({
      id,
      subject: null,
      status: 'solved',
      created_at: at(0),
      requester: { id: `c-${n}`, name: customer, email },
      messages,
      truth: { topic, accountSpecific: false, language: 'en', pii: [customer, ...customer.split(' '), email, phone, agent] },
    });
  };
  // a chat customer's question in two messages: "My card" / "was stolen last night."
  const burst = (question: string): string[] => {
    const words = question.split(' ');
    if (words.length < 6 || rnd() >= 0.2) return [question];
    const cut = Math.ceil(words.length / 3);
    return [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
  };
  const answer = (intent: string) => {
    const sentences = answers[intent]!.map((wordings) => pick(wordings));
    const short = rnd() < 0.25;
    const say = (said: string[]) => (short ? said.slice(0, -1) : said).join(' ');
    if (!options.ownWords) return say(sentences);
    // each agent words each sentence the same way every time: four styles of one answer, the
    // first and last agents' sharing no sentence (the draws above keep the tickets as they are)
    return (agent: number) => say(answers[intent]!.map((wordings, k) => wordings[(agent >> (k % 2)) & 1]!));
  };

  const history: string[] = [];
  intents.forEach((intent, i) => {
    const questions = shuffled(train.filter((r) => r.label === intent)).slice(0, sizes[i]);
    for (const q of questions) history.push(ticket(q.text, intent, answer(intent), Math.floor(rnd() * HISTORY_DAYS)));
  });
  // one-off tickets of every other intent, answered by a stock line or by what the agent did
  for (const intent of new Set(train.map((r) => r.label))) {
    if (answers[intent]) continue;
    const [a, b] = shuffled(train.filter((r) => r.label === intent));
    history.push(ticket(a!.text, null, pick(STOCK), Math.floor(rnd() * HISTORY_DAYS)));
    history.push(ticket(b!.text, null, pick(CASEWORK), Math.floor(rnd() * HISTORY_DAYS)));
  }
  // later questions come as the history did: as many of each intent, and two of each other
  // intent, which no article can answer (an answer to one of those is a wrong answer)
  const size = new Map(intents.map((intent, i) => [intent, sizes[i]!]));
  const seen = new Map<string, number>();
  const laterQuestions = test.filter((r) => seen.set(r.label, (seen.get(r.label) ?? 0) + 1).get(r.label)! <= (size.get(r.label) ?? 2));
  const later = laterQuestions.map((q, i) =>
    ticket(q.text, q.label, answers[q.label] ? answer(q.label) : pick(STOCK), HISTORY_DAYS + Math.floor((14 * i) / laterQuestions.length)),
  );
  return { history: shuffled(history), later };
}

/** What a team writes around every answer, whatever the topic. */
const WRITTEN_OPENERS = [
  'Thank you for reaching out about this; I completely understand your concern.',
  'I understand how important this is to you, and I am here to help.',
  "I'm sorry for any inconvenience this has caused.",
  'I can certainly help you with that.',
  '',
];
const WRITTEN_CLOSERS = [
  'If you have any other questions, feel free to ask. We are here to help!',
  'Is there anything else I can assist you with today?',
  'Thank you for your patience and understanding.',
  '',
];

/**
 * BANKING77 as a clean labelled set looks: the 24 answered intents (the twelve and their
 * neighbours) with 45 tickets each, a question and one written reply; around them two tickets of
 * every other intent, answered by a stock line; later, 15 test questions of each answered intent
 * and 2 of each other. Each reply says its intent's answer in its own way: every sentence in one
 * of its two wordings, a third of replies leaving one out, a quarter with the first two the other
 * way round, inside an opener and a closer the team writes on every topic.
 */
export function bankingWrittenReplies(train: Labelled[], test: Labelled[], seed = 5): Conversations {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const answers = { ...ANSWERS, ...NEIGHBOUR_ANSWERS };
  const start = Date.parse('2026-03-02T08:00:00Z');
  const HISTORY_DAYS = 70;
  let n = 0;
  const ticket = (question: string, topic: string | null, day: number) => {
    const id = `W-${++n}`;
    const at = (minutes: number) => new Date(start + day * 864e5 + (n % 480) * 6e4 + minutes * 6e4).toISOString();
    let sentences = (answers[topic ?? ''] ?? []).map((wordings) => pick(wordings));
    if (sentences.length && rnd() < 1 / 3) sentences.splice(Math.floor(rnd() * sentences.length), 1);
    if (sentences.length > 1 && rnd() < 1 / 4) sentences = [sentences[1]!, sentences[0]!, ...sentences.slice(2)];
    const reply = sentences.length ? [pick(WRITTEN_OPENERS), ...sentences, pick(WRITTEN_CLOSERS)] : [pick(STOCK)];
    return JSON.stringify({
      id,
      subject: null,
      status: 'solved',
      created_at: at(0),
      requester: { id: `w-${n}` },
      messages: [
        { role: 'customer', created_at: at(0), body: question },
        { role: 'bot', created_at: at(1), body: "I'm sorry, I couldn't find an answer to that." },
        { role: 'agent', created_at: at(30), body: reply.filter(Boolean).join(' '), author: { id: 'agent', name: 'Support' } },
      ],
      truth: { topic, accountSpecific: false, language: 'en', pii: [] },
    });
  };
  const history: string[] = [];
  for (const intent of new Set(train.map((r) => r.label))) {
    const questions = train.filter((r) => r.label === intent).slice(0, answers[intent] ? 45 : 2);
    for (const q of questions) history.push(ticket(q.text, answers[intent] ? intent : null, Math.floor(rnd() * HISTORY_DAYS)));
  }
  const seen = new Map<string, number>();
  const laterQuestions = test.filter((r) => seen.set(r.label, (seen.get(r.label) ?? 0) + 1).get(r.label)! <= (answers[r.label] ? 15 : 2));
  const later = laterQuestions.map((q, i) => ticket(q.text, q.label, HISTORY_DAYS + Math.floor((14 * i) / laterQuestions.length)));
  return { history: history.sort(() => rnd() - 0.5), later };
}
