import type { DemoCategory } from './types';

export const OPENERS = [
  '',
  '',
  'Hi there!',
  'Hello,',
  'Hey team,',
  'Good morning!',
  'Hi, hope you’re well.',
  'Hello Brightkettle,',
  'Quick question:',
];
export const CUSTOMER_CLOSERS = ['', '', 'Thanks!', 'Thank you so much.', 'Cheers', 'Appreciate it.', 'Thanks in advance.'];
export const THANKS = ['Thanks, that worked!', 'Perfect, thank you.', 'Great, sorted.', 'ok thanks', 'That did it, cheers!'];
export const STILL_STUCK = [
  'That didn’t work, can a person help me?',
  'Still not working.',
  'I tried that already, I need a human please.',
];

export const GREETINGS = ['Hi {first},', 'Hello {first}!', 'Hey {first},', 'Hi there,', 'Dear {first} {last},', 'Good morning {first},'];
export const EMPATHY: Record<DemoCategory, string[]> = {
  billing: ['Sorry for the trouble with your billing.', 'Happy to help with the payment side.', 'Thanks for reaching out about this.'],
  shipping: ['Thanks for your patience with the delivery.', 'Let’s get your parcel sorted.', 'I understand you want your order soon!'],
  returns: ['No problem at all, returns are easy.', 'Sorry it didn’t work out.', 'Happy to help with that.'],
  account: ['Let’s get your account sorted.', 'Happy to help with your account.', 'Thanks for checking with us.'],
  howto: ['Great question!', 'Glad you asked.', 'Happy to walk you through it.'],
  troubleshooting: ['Sorry it’s giving you trouble.', 'Let’s get this working again.', 'Thanks for the details, that helps.'],
  integrations: ['Great that you’re connecting it!', 'Happy to help you set that up.', 'Good news: that works.'],
};
export const LEAD_INS = [
  'Here’s how:',
  'You can sort this out in a few steps:',
  'Sure thing, just follow these steps:',
  'Here is what to do:',
  'It only takes a minute:',
];
export const AGENT_CLOSERS = [
  'Let me know if that helps!',
  'Anything else, just reply here.',
  'Hope that helps!',
  'Happy brewing!',
  'Just reply if you get stuck.',
];
export const SIGNATURES = [
  '— {agent}',
  'Best,\n{agent}\nBrightkettle Support',
  'Cheers, {agentFirst}',
  'Kind regards,\n{agent}',
  'Thanks!\n{agentFirst} at Brightkettle',
];

/** What an outlier agent gets wrong, per category: plausible, confident and wrong. */
export const WRONG_STATEMENTS: Record<DemoCategory, string[]> = {
  billing: [
    'Call your bank and ask them to reverse the charge; we can’t change anything on our side.',
    'Billing changes can only be made by phone on weekdays.',
  ],
  shipping: [
    'Orders can’t be tracked until they arrive, so please wait about three weeks.',
    'We can’t change anything once the order is placed; please order again.',
  ],
  returns: [
    'Returns are only possible within 7 days and only unopened.',
    'You need to pay the return shipping yourself and include the original receipt.',
  ],
  account: [
    'Send us a photo of your ID and we’ll change it manually within 30 days.',
    'That isn’t possible; you’ll need to create a new account.',
  ],
  howto: [
    'Reset the kettle to factory settings first by holding all buttons for 30 seconds.',
    'That feature is only available on the Pro model.',
  ],
  troubleshooting: [
    'That usually means the unit is faulty; please buy a replacement from our shop.',
    'Run the kettle empty for a minute to reset the sensor.',
  ],
  integrations: ['That integration isn’t supported, sorry.', 'You need to buy the Brightkettle Hub for that to work.'],
};

export const BOT_FALLBACKS = [
  'I’m not sure about that one. Let me connect you with a teammate who can help.',
  'Sorry, I couldn’t find an answer to that. A human colleague will get back to you shortly.',
  'I don’t have that information yet. I’ll pass this to our support team.',
  'Hmm, I’m not sure I understood. Let me transfer you to one of our support agents.',
];
export const BOT_NOTE_FALLBACK = 'No confident answer found in the knowledge base. Needs a human reply.';
export const BOT_INTROS = ['Here’s how to do that:', 'Happy to help! Here are the steps:', 'Good question. Try this:'];

export interface AccountSpecificTemplate {
  subject: string;
  customer: string;
  agent: string;
}

/** Requests about one order or account: a human handles them, and they are no knowledge. */
export const ACCOUNT_SPECIFIC: AccountSpecificTemplate[] = [
  {
    subject: 'Refund for order {order}',
    customer: 'Please refund order {order}. The lid arrived cracked, I already sent photos last week.',
    agent: 'I’ve approved a refund of ${amount} for order {order}. It goes back to your card ending {card} within 3–5 business days.',
  },
  {
    subject: 'Cancel order {order}',
    customer: 'I ordered twice by accident, please cancel order {order}.',
    agent: 'Done: order {order} is cancelled and the ${amount} authorization on your card ending {card} is released.',
  },
  {
    subject: 'Discount not applied',
    customer: 'My WELCOME10 code wasn’t applied to order {order}, can you fix it?',
    agent: 'I’ve refunded the 10% (${amount}) for order {order} to your card ending {card}.',
  },
  {
    subject: 'Order {order} to my new address',
    customer: 'Can you ship order {order} to {address} instead? I moved.',
    agent: 'I’ve updated order {order} to ship to {address}. You’ll get new tracking tomorrow.',
  },
];
