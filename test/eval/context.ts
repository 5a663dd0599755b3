import type { Labelled } from './banking';

/**
 * Questions as they come in an email rather than a chat: what is asked with a sentence of context
 * before it (70% of questions) and a closing one after it (60%), the way customers write. These
 * sentences are ours; the questions and their intents are BANKING77's. A fixed seed keeps the
 * wrapping the same on every run.
 */
const BEFORE = [
  "I've been a customer for three years and never had a problem until now.",
  'Sorry to bother you on a Sunday.',
  'Quick one for you.',
  'I hope you can help me with something.',
  'I tried looking on your website but could not find anything.',
  'This is the second time I am writing about this.',
  'I am travelling at the moment and only have my phone.',
  'My friend recommended your bank to me last year.',
  'I have a question that is probably simple.',
  'I am not very good with technology so please bear with me.',
  'Your chat assistant was not able to help me.',
  'I have been waiting on hold for ages.',
];
const AFTER = [
  "I'd appreciate a quick reply.",
  'Please sort it out asap, I need this today!',
  'You guys are usually great, so I am sure this is a small thing.',
  'Let me know if you need anything else from me.',
  'This is really frustrating to be honest.',
  'I look forward to hearing from you soon.',
  'It is quite urgent as I am going abroad next week.',
  'Thanks for your patience with me.',
  'I would rather not have to call.',
  'Hope you are having a good day.',
];

export function withContext(items: Labelled[]): Labelled[] {
  let state = 12345;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  return items.map((item) => {
    const before = random() < 0.7 ? `${pick(BEFORE)} ` : '';
    const after = random() < 0.6 ? ` ${pick(AFTER)}` : '';
    return { ...item, text: `${before}${item.text}${after}` };
  });
}
