/**
 * Strips what is not the message itself: quoted earlier mail, signatures, greetings and
 * sign-offs. Used for what gets embedded and compared; what is stored stays untouched.
 */

const QUOTE_STARTS = [
  /^On .{3,200}wrote:\s*$/m,
  /^-{2,}\s*Original Message\s*-{2,}/im,
  /^From: .+$/m,
  /^Sent from my .+$/im,
  /^Am .{3,120} schrieb .+:$/m,
  /^Le .{3,120} a écrit :$/m,
];
const GREETING =
  /^\s*(hi|hello|hey|dear|hiya|good (morning|afternoon|evening)|greetings|hallo|guten tag|bonjour|hola)\b[^\n.!?,]{0,25}[,.!:]\s*(hope (you['’]?re|you are|all is) (well|doing well|good)[.!]?\s*)?/i;
const SIGN_OFF_LINE =
  /^\s*(thanks|thank you|many thanks|cheers|regards|kind regards|best( regards| wishes)?|all the best|sincerely|warmly|danke|merci|gracias|saludos|viele grüße|thx|ty)\b.{0,60}$/i;
const SIGNATURE_MARK = /^\s*(--|—|–)\s?\S{0,40}/;

function cutAtQuote(text: string): string {
  let end = text.length;
  for (const pattern of QUOTE_STARTS) {
    const m = pattern.exec(text);
    if (m && m.index > 0) end = Math.min(end, m.index);
  }
  return text
    .slice(0, end)
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
}

/** A customer's message reduced to the question. */
export function cleanQuestion(text: string): string {
  let body = cutAtQuote(text).replace(GREETING, '');
  // a trailing "Thanks, Grace" / "Cheers" sign-off, on its own line or after the last sentence
  body = body.replace(
    /(?:^|[\s.!?])(thanks( so much| in advance)?|thank you( so much)?|cheers|appreciate it|regards|best)[,.!]*\s*(\p{Lu}[\p{L}'’-]*)?[.!]?\s*$/iu,
    '',
  );
  return body.replace(/\s+/g, ' ').trim();
}

/** An agent's reply without greeting, closing pleasantries and signature. */
export function cleanReply(text: string): string {
  const lines = cutAtQuote(text).split('\n');
  while (lines.length && !lines[0]!.trim()) lines.shift();
  if (lines.length && GREETING.test(lines[0]!) && lines[0]!.replace(GREETING, '').trim().length < 3) lines.shift();
  // drop from the signature or sign-off onwards (looking only at the last few lines)
  for (let i = Math.max(0, lines.length - 6); i < lines.length; i++) {
    if (SIGNATURE_MARK.test(lines[i]!) || SIGN_OFF_LINE.test(lines[i]!)) {
      lines.length = i;
      break;
    }
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Subject and cleaned first customer message: what a ticket asks. */
export function questionText(subject: string | null, firstCustomerMessage: string | null): string {
  const question = firstCustomerMessage ? cleanQuestion(firstCustomerMessage) : '';
  if (!subject) return question;
  return question.toLowerCase().includes(subject.toLowerCase()) ? question : `${subject}. ${question}`.trim();
}
