/**
 * Strips what is not the message itself: quoted earlier mail, signatures, greetings and
 * sign-offs. Used for what gets embedded and compared; what is stored stays untouched.
 */

/**
 * Where an email's own text ends: the header of the message it quotes (as mail programs write it
 * in English, German, Spanish and French, wrapped onto a second line by long addresses), the line
 * a forwarded message or an Outlook reply starts with (its "From:" in bold too), or the phone's
 * signature.
 */
const QUOTE_STARTS = [
  /^On [^\n]{3,200}(?:\n[^\n]{0,100})?wrote:\s*$/m,
  /^Am [^\n]{3,120}(?:\n[^\n]{0,100})?schrieb[^\n]*:\s*$/m,
  /^El [^\n]{3,120}(?:\n[^\n]{0,100})?escribió:\s*$/m,
  /^Le [^\n]{3,120}(?:\n[^\n]{0,100})?a écrit\s?:\s*$/m,
  /^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Mensaje original|Message d['’]origine|Forwarded message|Weitergeleitete Nachricht|Mensaje reenviado|Message transféré)\s*-{2,}/im,
  /^Begin forwarded message:\s*$/m,
  /^_{10,}\s*$/m,
  /^\*?From:\*? .+$/m,
  /^(?:Von|De|Da)\s?: .+\n(?:Gesendet|Enviado|Envoyé|Inviato|Date|Sent)\s?: /m,
  /^(?:Sent from my .+|Get Outlook for .+|Von meinem .+ gesendet|Enviado desde mi .+|Envoyé de mon .+|Envoyé depuis mon .+)$/im,
];
const GREETING_WORD = String.raw`(?:hi|hello|hey|dear|hiya|good (?:morning|afternoon|evening)|greetings|hallo|guten tag|bonjour|hola)(?=[\s,.!:]|$)`;
/** "Hi Kwame,", "Hello support team!", "Hey, hope you're well." */
const GREETING = new RegExp(
  String.raw`^\s*${GREETING_WORD}(?<greeted>[^\n.!?,]{0,25})[,.!:]\s*(?:hope (?:you['’]?re|you are|all is) (?:well|doing well|good)[.!]?\s*)?`,
  'i',
);
/** A greeting's word alone, with "there", "team" or "all" after it. */
const BARE_GREETING = new RegExp(String.raw`^\s*${GREETING_WORD}(?:\s+(?:there|team|all|guys|folks|everyone))?[\s,.!:]*`, 'i');
/**
 * Words no one is greeted by: after them a greeting's line is the message ("hey cant reset my
 * password, the email never comes").
 */
const SAYS_SOMETHING =
  /\b(?:i|i'm|im|i've|ive|me|my|we|our|you|your|it|its|this|that|is|am|are|was|were|can|cant|can't|could|have|has|had|do|does|did|don't|dont|need|want|got|would|will|wont|won't|just|please|not|no)\b/i;

/** A message without the greeting it opens with; a greeting that runs straight into the message loses only its word. */
function withoutGreeting(text: string): string {
  const greeting = GREETING.exec(text);
  if (greeting && !SAYS_SOMETHING.test(greeting.groups!.greeted!)) return text.slice(greeting[0].length);
  return text.replace(BARE_GREETING, '');
}
const SIGN_OFF_LINE =
  /^\s*(thanks|thank you|many thanks|cheers|regards|kind regards|best( regards| wishes)?|all the best|sincerely|warmly|danke|merci|gracias|saludos|un saludo|atentamente|viele grüße|beste grüße|liebe grüße|mit freundlichen grüßen|cordialement|bien cordialement|bien à vous|thx|ty)(?![\p{L}]).{0,60}$/iu;
const SIGNATURE_MARK = /^\s*(--|—|–)\s?\S{0,40}/;
/** "Kind regards," alone on its line (or with a name): where a signature block starts, however long the block. */
const BARE_SIGN_OFF =
  /^\s*(kind regards|best regards|warm regards|regards|best|best wishes|all the best|cheers|thanks|thank you|many thanks|sincerely|yours sincerely|viele grüße|beste grüße|mit freundlichen grüßen|saludos|un saludo|atentamente|cordialement|bien cordialement|bien à vous)(?: (?:so|very) much| a lot| in advance| for (?:your|any|the) (?:help|time|assistance|support))?[,.!]?(\s+\p{Lu}[\p{L}'’-]*){0,3}\s*$/iu;
/** "This email and any attachments are confidential…": the legal footer under a signature. */
const DISCLAIMER =
  /^\s*(disclaimer\b|confidentiality notice\b|(this|the information in this) (e-?mail|message)\b[^\n]{0,80}\b(confidential|privileged|intended (solely |only )?for)|if you (have )?received this (e-?mail|message) in error)/i;
/** How many last lines of a message can hold its signature block. */
const SIGNATURE_LINES = 15;
/** A line of a signature block that says how to reach the writer: a web address, an email address, a phone number, "Role | Company". */
const CONTACT = /https?:\/\/\S|www\.\S|\S@\S+\.\w|\+?\d[\d ().-]{7,}\d|\s\|\s/;
/** A name on its own line: up to four capitalized words. */
const NAME_LINE = /^\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*$/u;
/** The end of a sentence, not of a company's abbreviation ("Acme Ltd.", "Castillo S.L."). */
const SENTENCE_END = /(?:[!?:]|\b\p{Ll}{2,}\.)\s*$/u;
/** How many lines a signature without a sign-off above it (a name, then role, company, phone, web site) runs to. */
const CONTACT_BLOCK_LINES = 8;
/** Inline images as mail programs leave them in plain text ("[image: logo.png]", "[cid:image001.png@01D9…]"). */
const INLINE_IMAGE = /[ \t]*\[(?:image|cid|inline image)\b[^\]\n]{0,200}\]/gi;

/**
 * A message as a social channel, chat or mail program carries it into the helpdesk, without what
 * belongs to the channel: the @handles it is addressed to ("@AppleSupport", "@115712"), short
 * links ("https://t.co/…"), the initials an agent signs a public reply with ("^JK", "-DN", "/SC"), inline
 * images and emoji, which say how the writer feels, not what about ("refund not showing yet 🙄").
 */
function withoutChannelMarks(text: string): string {
  return text
    .replace(INLINE_IMAGE, '')
    .replace(EMOJI, endsSentence)
    .replace(/(?<=^|\s)@\w+:?[ \t]*/gm, '')
    .replace(/[ \t]*https?:\/\/t\.co\/\S+/g, '')
    .replace(/\s+(?:[\^/]|[-–—~*] ?)\p{Lu}{1,3}\s*$/u, '');
}

/** An emoji with its modifiers and joined parts; ©, ® and ™ belong to names and stay. */
const EMOJI = /[ \t]*(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic})*/gu;
/** An emoji between a word and a capital ends the sentence it closes ("Happy to help 😊 Go to Settings"). */
const endsSentence = (emoji: string, at: number, text: string): string =>
  /[\p{L}\p{N}]$/u.test(text.slice(0, at)) && /^\s+\p{Lu}/u.test(text.slice(at + emoji.length)) ? '.' : '';

/**
 * Where a message's signature starts (`lines.length` when it has none), after its first line,
 * which says something: the legal footer anywhere; a bare sign-off ("Kind regards,", "Thanks in
 * advance") in the last SIGNATURE_LINES, as a company signature runs on to role, address, phone
 * and web site; a signature mark ("--") in the last few lines. An agent's reply also ends at a
 * line near its end that opens with a sign-off ("Thanks again for your patience!"), where a
 * customer may go on ("Thanks, but it still fails"). A customer's ends at a block of short lines
 * under a blank one that starts with a name and says how to reach them, where an agent's may be
 * the answer ("Billing team / billing@acme.com").
 */
function signatureStart(lines: string[], writer: 'customer' | 'agent'): number {
  let end = lines.length;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const inSignature = i >= lines.length - SIGNATURE_LINES && BARE_SIGN_OFF.test(line);
    const inLastFew = i >= lines.length - 6 && (SIGNATURE_MARK.test(line) || (writer === 'agent' && SIGN_OFF_LINE.test(line)));
    if (DISCLAIMER.test(line) || inSignature || inLastFew) {
      end = i;
      break;
    }
  }
  // the contact lines may stand above the legal footer
  return writer === 'customer' ? contactBlockStart(lines.slice(0, end)) : end;
}

/** The first line of a trailing block like "Maria Gonzalez / Finance Manager | Acme / www.acme.com", or `lines.length`. */
function contactBlockStart(lines: string[]): number {
  let end = lines.length;
  while (end > 0 && !lines[end - 1]!.trim()) end--;
  let start = end;
  while (start > 0 && lines[start - 1]!.trim() && end - start < CONTACT_BLOCK_LINES) start--;
  const block = lines.slice(start, end);
  const above = lines.slice(0, start).filter((line) => line.trim());
  const signature =
    start > 1 &&
    !lines[start - 1]!.trim() &&
    !/:\s*$/.test(above.at(-1) ?? ':') &&
    block.length >= 2 &&
    NAME_LINE.test(block[0]!) &&
    block.some((line) => CONTACT.test(line)) &&
    block.every((line) => line.trim().length <= 60 && !SENTENCE_END.test(line.replace(/\S*(?:www\.|@|:\/\/)\S*/g, '')));
  return signature ? start : lines.length;
}

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

/**
 * A web form's fields that say who is asking, not what ("Name: Hannah Weiss", "Order number:
 * BK-1234", "Browser: Chrome"): the line goes. The field that holds the message ("Message:",
 * "Description:") loses its label. Fields that say what the question is about ("Reason: Refund")
 * stay.
 */
const FORM_FIELD =
  /^[ \t]*(?:(?:your |full |first |last |customer |company |contact )?(?:name|e-?mail(?: address)?|phone(?: number)?|telephone|mobile|tel|company|organi[sz]ation|address|street|city|town|state|zip(?: code)?|post ?code|postal code|country|(?:order|account|customer|member|invoice|booking|tracking|reference|ref) ?(?:number|no\.?|#|id)|ip(?: address)?|url|page(?: url)?|browser|device|operating system|os|platform|app version|user agent|submitted(?: (?:at|on|from))?|date|time|language|locale|attachments?)|nom|nombre|correo(?: electrónico)?|teléfono|téléphone|telefon|adresse|dirección|bestellnummer|numéro de commande|número de pedido|pays|país|land)[ \t]*:[^\n]*$/gimu;
const MESSAGE_LABEL =
  /^[ \t]*(?:(?:your )?(?:message|description|question|comments?|details|enquiry|inquiry|request|how can we help(?: you)?\??)|nachricht|mensaje|beschreibung|descripción)[ \t]*:[ \t]*/gimu;

/** A customer's message reduced to the question. */
export function cleanQuestion(text: string): string {
  let body = withoutChannelMarks(cutAtQuote(text)).replace(FORM_FIELD, '').replace(MESSAGE_LABEL, '');
  const lines = withoutGreeting(body).split('\n');
  body = lines.slice(0, signatureStart(lines, 'customer')).join('\n');
  // a trailing "Thanks, Grace" / "Cheers" sign-off, on its own line or after the last sentence
  body = body.replace(
    /(?:^|[\s.!?])(thanks( so much| in advance)?|thank you( so much)?|cheers|appreciate it|regards|best)[,.!]*\s*(\p{Lu}[\p{L}'’-]*)?[.!]?\s*$/iu,
    '',
  );
  // the comma a sign-off followed ("… 2 weeks ago, cheers")
  return body
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[,;]$/, '');
}

/**
 * A question as one line to name its ticket by: without the hello, the quoted mail and the
 * signature (`cleanQuestion`), or as typed when that leaves nothing.
 */
export function questionLine(question: string): string {
  return cleanQuestion(question) || question.replace(/\s+/g, ' ').trim();
}

/** An agent's reply without greeting, closing pleasantries and signature. */
export function cleanReply(text: string): string {
  const lines = withoutChannelMarks(cutAtQuote(text)).split('\n');
  const dropBlank = () => {
    while (lines.length && !lines[0]!.trim()) lines.shift();
  };
  dropBlank();
  // "Hi Kwame," on its own line, or before the answer on the same line ("Hey Jeremiah! Go to…")
  const first = lines[0]?.trim() ?? '';
  const rest = withoutGreeting(first).trim();
  if (rest !== first) {
    if (rest.length < 3) lines.shift();
    else lines[0] = rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  dropBlank();
  // a reply that opens with "Thanks for reaching out!" goes on with the answer: a line opening with
  // a sign-off ends it only near its end
  lines.length = signatureStart(lines, 'agent');
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A message that is only a hello, a thanks or a call for attention ("Hi there!", "anyone there?",
 * "Hi, I have a question", "Can you help me?"), or several of them.
 */
const ATTENTION = [
  /(?:hi|hello|hey|hiya|yo|good (?:morning|afternoon|evening)|greetings|hallo|guten (?:morgen|tag|abend)|bonjour|bonsoir|salut|hola|buen(?:os|as) (?:días|dias|tardes|noches)|buenas)(?: there| team| all| guys| zusammen| à tous| a todos)?/,
  /(?:is )?any(?:one|body) (?:there|around)|are you there|ist (?:da )?jemand da|hay alguien(?: ahí| ahi)?|(?:il )?y a(?:-t-il)? quelqu['’]un/,
  /help|hilfe|ayuda|aide|thanks|thank you|danke|gracias|merci|ok(?:ay)?/,
  // "I have a question", "Quick question", "Can you help me?", "I need help"
  /(?:i )?(?:have|['’]ve got|have got|got) (?:a|an|one|another|some) (?:quick |small |little )?(?:question|problem|issue|query|enquiry|inquiry)s?(?: for you)?|quick question/,
  /(?:can|could) (?:you|someone|anyone|somebody) (?:please )?help(?: me)?(?: out)?(?: please)?|(?:i )?need (?:some )?help(?: please)?|help me(?: please)?/,
]
  .map((r) => r.source)
  .join('|');
const NOTHING = new RegExp(`^[¡¿]?(?:${ATTENTION})(?:[\\s!?.,:)(-]+(?:${ATTENTION}))*[\\s!?.,:)(-]*$`, 'iu');

/** A customer's message that asks nothing yet: the question is in the next one. */
export function saysNothing(message: string): boolean {
  const body = cutAtQuote(message).trim();
  return !/\p{L}/u.test(body) || NOTHING.test(body);
}

/**
 * A part of a customer's reply to the AI agent that adds nothing to what they ask: yes, no or
 * thanks, asking for a person ("talk to a human", "can a person help me?"), or how the answer
 * went ("that didn't work", "I tried that already", "that did it").
 */
const TO_BOT_CLAUSE = new RegExp(
  '^(?:' +
    [
      /yes|yeah|yep|yup|no|nope|nah|ok(?:ay)?|sure|great|perfect|cool|nice|sorted|thanks|thank you|thx|ty|cheers|ja|nein|sí|si|oui|non|danke|gracias|merci/,
      /(?:(?:can|could|may) i |let me |i (?:want|need|would like|'d like) to )?(?:talk|speak|chat) (?:to|with) (?:a |an |the |your |some )?(?:human|person|real person|agent|someone|somebody|representative|operator)/,
      /(?:i (?:want|need|would like|'d like) )?(?:a |an )?(?:human|person|real person|agent|representative|operator)/,
      /(?:can|could) (?:a |an )?(?:human|person|real person|agent|someone|somebody) help(?: me)?/,
      /(?:that|this|it) (?:didn't|doesn't|did not|does not|won't|isn't|is not|wasn't) (?:work|help(?:ful)?|answer (?:my|the) question|it|what i (?:asked|meant|need|want)(?:ed)?)|not helpful/,
      /i (?:already )?(?:tried|did) (?:that|this|it)(?: already)?|(?:that|this|it) (?:worked|did it|helped|fixed it|solved it)/,
      /(?:(?:that|this|it)(?: is|'s)? )?still (?:not working|(?:doesn't|does not|won't|will not) work)|(?:that|this|it) (?:doesn't|does not|won't) work/,
      /mit einem (?:menschen|mitarbeiter) sprechen|mitarbeiter|hablar con (?:un |una )?(?:agente|humano|persona)|parler à (?:un )?(?:conseiller|humain|agent)/,
    ]
      .map((r) => r.source)
      .join('|') +
    ")(?: (?:please|pls|so much|a lot|again|already|bitte|por favor|s'il vous plaît|svp))*$",
  'i',
);

/**
 * Whether a customer's message after the AI agent spoke only answers it, every part of it
 * (`TO_BOT_CLAUSE`), or says nothing.
 */
export function onlyAnswersBot(message: string): boolean {
  if (saysNothing(message)) return true;
  const clauses = cleanQuestion(message)
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/\s*[,.!?;:]+\s*|\s+(?:and|but|so)\s+/)
    .filter(Boolean);
  return clauses.every((clause) => TO_BOT_CLAUSE.test(clause));
}

/** Asks a question as a suggestion to try something ("Have you tried restarting the app?"): an answer. */
const SUGGESTION = /\b(have|did) you (tried|checked|restarted|cleared|updated|reinstalled)\b|\b(could|can) you (please )?try\b/i;
/** "Let me look into this", "Bear with me", "A colleague will get back to you": the team is on it, the answer is still to come. */
const HOLDING = new RegExp(
  [
    /\b(let me|i['’]ll|i will|i['’]m going to|i am going to|we['’]ll|we will)\s+(just\s+)?(check|look|have a look|take a look|find out|investigate|get back|dig into|see what)\b|\b(looking|checking) into (this|that|it)\b|\bbear with (me|us)\b|\bgive (me|us) a (moment|minute|sec)/,
    // handed on: "A colleague from billing will get back to you by email", "Our team will be in touch"
    /\b(colleague|specialist|someone|somebody|team ?mate|team)s?\b[^.!?\n]{0,60}\b(will|['’]ll|is going to|are going to)\s+(be in touch|get back|reply|respond|contact|reach out|follow up|look (at|into)|take a look|call)\b/,
    /\b(ein(e)? (kollege|kollegin)|unser(e)? \S*team)\b[^.!?\n]{0,60}\b(meldet sich|wird sich[^.!?\n]{0,30}melden|kümmert sich)\b|\b(un(a)? compañer[oa]|(nuestro|el) equipo)\b[^.!?\n]{0,60}\b(se pondrá en contacto|(te|le|les) (responderá|contactará|escribirá)|revisará)\b|\b(un(e)? collègue|(notre|l['’])\s?équipe)\b[^.!?\n]{0,60}\b(reviendra vers (vous|toi)|vous (contactera|répondra|recontactera|écrira)|prendra contact)/,
    // on a social channel, the answer goes on in private: "Send us a DM with your account number"
    /\b(dm|direct message|private message|private (secure |secured )?link)\b/,
    // a live chat's lines before the answer: "An agent will be with you shortly", "You're now
    // chatting with Sam", "I'll transfer you to billing", "Just a sec!", "Please hold"
    /\b(will|['’]ll) be (right )?with you\b(?<=\b(agents?|advis[eo]rs?|someone|somebody|colleagues?|specialists?|members?|team|we|i)\b[^.!?\n]{0,40}\b(will|['’]ll) be (right )?with you)|\b(i['’]ll|i will) be (helping|assisting) you\b/,
    /\b(now chatting with|(you['’]re|you are) (now )?chatting with|(you['’]ve been|you have been|you['’]re|you are|now) connected (to|with) (an? |our )?(agent|advisor|adviser|colleague|member|specialist|team)|connect(ing)? you (to|with)|transfer(ring)? you\b|pass(ing)? you (on |over )?to)/,
    /(^|[.!?,]\s*)(just a|one) (sec|second|moment|minute)\b|\bplease hold\b|\bhold on\b|\bhang (on|tight)\b|\bplease wait (a|one) (moment|minute|sec)/,
    // German, Spanish, French: "Ich schaue mir das an", "Voy a revisar", "Je vais vérifier"
    /\b(ich|wir)\s+(schaue|schauen|sehe|sehen|prüfe|prüfen|kläre|klären|kümmere|kümmern)\s+(mir |uns |mich )?(das|dies|es)\b|\blass(en sie)? mich\s+(das\s+)?(prüfen|nachsehen|nachschauen|klären)\b|\b(einen (moment|augenblick),? bitte|(geben sie|gib) mir einen (moment|augenblick))\b|\bich melde mich\b/,
    /\b(voy a|vamos a|déjame|dejame|permíteme|permítame)\s+(revisar|comprobar|verificar|consultar|mirar|investigar)\b|\b(estoy|estamos) (revisando|comprobando|investigando)\b|\b(un momento,? por favor|dame un momento)\b/,
    /\b(je vais|nous allons|laissez-moi|permettez-moi)\s+(vérifier|regarder|examiner|voir|me renseigner|contrôler)\b|\bje regarde (ça|cela)\b|\b(un (instant|moment),? s['’]il vous plaît|patientez un (instant|moment))|\bje reviens vers vous\b/,
  ]
    .map((r) => r.source)
    .join('|'),
  'i', // no 'u', as `NOTICE`: fifteen times faster here, and the same answers
);
/** "Thanks for reaching out!", "Sorry to hear that.": a short courtesy. */
const COURTESY =
  /^(thanks|thank you|sorry|apologies|happy to help|glad to help|no problem|sure|of course|danke|vielen dank|entschuldigung|es tut mir leid|gerne|gracias|muchas gracias|lo siento|disculpa|con gusto|merci|désolée?|toutes nos excuses|avec plaisir)(?![\p{L}])/iu;
/**
 * "Have a great day!", "Let me know if there is anything else I can help with.": a closing
 * courtesy ("Feel free to change your PIN at any ATM" is not one).
 */
const CLOSER =
  /^(have a (great|good|nice|lovely|wonderful) (day|one|weekend|evening|week)|let (me|us) know if (there is|there['’]s|you have|you need|we can|(that|this) (helps|works))|(is there )?anything else (i|we) can|((i|we) )?hope (this|that) (helps|answers|clarifies)|(if|should) you have any (other |further |more |additional )?(questions|concerns)(?! (about|regarding|on|with) )|(please )?(do not|don['’]t) hesitate to (contact|reach|ask|let|get in touch)|(if|should) you [^,.;:]{0,60}, (please )?((do not|don['’]t) hesitate to |feel free to )?(reach out|contact (us|me|our)|ask (us|me)|let (us|me) know|get in touch)|feel free to (reach out|contact|get in touch|ask|write|let (me|us) know)|take care|talk (to you )?soon|(einen )?schönen (tag|abend)|melden sie sich (gerne|jederzeit|bei fragen)|bei (weiteren )?fragen|que (tengas|tenga) (un )?(buen|feliz) día|avísame si|no dudes en (contactarnos|escribirnos|preguntar)|bonne (journée|soirée)|n['’]hésitez pas à (nous contacter|nous écrire|revenir vers nous))(?![\p{L}])/iu;

/** What a sentence that is nothing but a courtesy says: "Thanks for reaching out!", "Sorry to hear that.", "I'm on it!". */
const COURTESY_PHRASE = [
  /(?:thanks|thank you|many thanks)(?: so much)?(?: for (?:reaching out|contacting (?:us|support|our (?:support )?team)|getting in touch|your (?:message|patience|question|email|understanding)|letting us know|the question|asking|waiting)(?: to us)?)?/,
  /(?:(?:i['’]m|i am|we['’]re|we are) )?(?:so |really |very )?sorry(?: to hear (?:about )?(?:that|this)| for the (?:trouble|inconvenience|wait|delay)| about that)?/,
  /(?:my )?apologies(?: for the (?:trouble|inconvenience|wait|delay))?|(?:i|we) (?:sincerely |truly |do )?apologi[sz]e(?: for (?:the|any) (?:trouble|inconvenience|confusion|frustration|wait|delay)(?: (?:this|that|it) (?:may have |might have |has )?caused(?: you)?| caused)?)?|(?:happy|glad) to help|(?:we|i) can (?:definitely |certainly )?(?:help|assist|guide you)(?: (?:you )?(?:with )?(?:that|this|here))?|no problem|of course|sure(?: thing)?|certainly|absolutely|great question|good question/,
  /(?:i['’]m|i am|we['’]re|we are) on it|(?:i|we)['’]ll get (?:right )?on (?:it|that|this)|no worries(?:,? (?:this|that|it) happens(?: to (?:the best of )?(?:us|everyone))?)?/,
  // an agent saying who they are: "Sam here", "My name is Sam and I'll be helping you today"
  /(?:(?:my name is|this is) [a-zà-ÿ'’-]+|[a-zà-ÿ'’-]+ here)(?: from [^.!?,]{1,40})?(?:,? and i['’]ll be (?:helping|assisting) you(?: today)?)?/,
  // "I'm sorry to hear that your card was declined.": the customer's case told back, kindly
  /(?:(?:i['’]m|i am|we['’]re|we are) )?(?:so |really |very )?sorry to hear (?:that|about|you)\b[^:;,]*/,
  // "I'd be happy to help you with setting up your address.", "I'm here to help you set it up."
  /(?:i['’]d|i would|i['’]ll|i will|we['’]d|we would|we['’]ll|we will|i['’]m|i am|we['’]re|we are) (?:be )?(?:more than |always )?(?:here|happy|glad|delighted|like) to (?:help|assist)(?: you(?: [^:;,]*)?| with (?:that|this|your [^:;,]*|[^:;,]*ing\b[^:;,]*))?/,
  // on a social channel, before the conversation moves to private messages
  /that['’]s not (?:what we (?:want|like|wanted|hoped) to (?:hear|see)|the experience we (?:want|expect)(?: (?:you|our customers) to have)?)|we (?:want|['’]d like|would like|['’]d love|would love) to (?:get (?:this|that|it) (?:sorted|fixed|resolved)(?: out)?|make (?:this|that|it) right|help)(?: for you)?/,
  /let me (?:guide|walk|take) you through (?:the (?:process|steps)|it|this|that)|let me help(?: you)?(?: with (?:that|this))?|we appreciate your (?:patience|understanding)|i understand your (?:concern|frustration)/,
  // "I understand that you'd like to know about our fees.": the request told back
  /i (?:completely |totally |fully )?understand(?:(?: that)? you(?:['’]d| would|['’]re| are)? (?:like|want|wish|need|looking|trying|wondering|concerned|interested|asking)\b[^:;]*)?/,
  // "I understand how important it is for you to cancel your order."
  /i (?:completely |totally |fully )?understand how (?:important|frustrating|stressful|concerning|inconvenient|urgent) (?:this|that|it) (?:is|can be|must be|may be)\b[^:;]*/,
  /(?:vielen )?dank(?:e)?(?: für ihre (?:nachricht|geduld|anfrage))?|es tut (?:mir|uns) leid|(?:muchas )?gracias(?: por (?:escribirnos|contactarnos|tu mensaje|su mensaje))?|lo siento(?: mucho)?|merci(?: beaucoup)?(?: pour votre (?:message|patience))?|désolée?(?: pour (?:ce|le) (?:souci|désagrément))?/,
]
  .map((r) => r.source)
  .join('|');
const ONLY_COURTESY = new RegExp(`^(?:${COURTESY_PHRASE})[\\s!.,]*$`, 'iu');

/**
 * A reply's answer: the reply without greeting and signature (`cleanReply`), and without the
 * courtesies around what it says and the line that leads into its steps ("Thanks for reaching
 * out!", "Here's how:", "Have a great day!"). A reply that is nothing else stays as it is.
 */
export function replyAnswer(text: string): string {
  const cleaned = cleanReply(text);
  return mapLines(cleaned, withoutCourtesies) || cleaned;
}

/** A text with each line rewritten (an empty line drops out), without the blank runs left behind. */
export function mapLines(text: string, rewrite: (line: string) => string): string {
  return text
    .split('\n')
    .map(rewrite)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A line without its courtesies and without a sentence that only leads into the steps ("Here's how:"). */
export function withoutCourtesies(line: string): string {
  return line
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => !onlyCourtesy(sentence) && !LEADS_INTO_STEPS.test(sentence))
    .join(' ');
}

/** "Here's how:", "To do so, please follow these steps:" ("We accept these cards:" says what follows, and stays). */
const LEADS_INTO_STEPS = /\b(?:how|steps?|follow(?:ing)?|below)\b[^.!?]*:\s*$/i;

/** Whether a sentence carries nothing of the answer: only a courtesy, or a closing one. */
export function onlyCourtesy(sentence: string): boolean {
  const plain = sentence.trim().replace(/^[¡¿]/, '');
  if (ONLY_COURTESY.test(plain) || CLOSER.test(plain)) return true;
  // courtesies in a row ("Absolutely, I can help with that.", "No problem, I can guide you.")
  const parts = plain.split(/(?<=[,!.])\s+/);
  return parts.length > 1 && parts.every((part) => ONLY_COURTESY.test(part));
}

/**
 * A reply that is not yet the answer: it only asks the customer something back ("Could you tell
 * me which card?") or says the team is looking into it, beside courtesies. The answer comes in a
 * later reply, when there is one.
 */
export function asksBack(reply: string): boolean {
  if (!reply.includes('?') && !HOLDING.test(reply)) return false; // most replies: nothing to read closer
  const sentences = replySentences(reply);
  if (!sentences.length || SUGGESTION.test(sentences.join(' '))) return false;
  const waiting = (s: string) => /\?["'”’)]*$/.test(s) || HOLDING.test(s);
  return sentences.some(waiting) && sentences.every((s) => waiting(s) || courtesy(s));
}

/**
 * A reply that is nothing but a greeting and courtesies ("Hi Jane, thanks for reaching out!"): a
 * later reply that says something is the answer.
 */
export function onlyCourtesies(reply: string): boolean {
  if (reply.length > 200) return false; // courtesies alone are a line or two: most replies need no closer look
  return replySentences(reply).every(courtesy);
}

/**
 * What a helpdesk says on its own around the people who answer: that the request arrived, when
 * the team replies, where the reply will come, that the team is away, that the message is
 * automatic; afterwards, that the conversation closed and how the customer would rate it. An
 * auto-reply rule sends it in an agent's name, a chat's operator in the AI agent's.
 */
const NOTICE = new RegExp(
  [
    /\b(we['’]ve|we have|we) (successfully |just )?(received|got) your (request|message|e-?mail|enquiry|inquiry|ticket|query|question|note)\b/,
    /\b(your|this) (request|ticket|case|enquiry|inquiry|message|e-?mail|query)( (number|id|reference))?( \(?#?[\w-]+\)?)? (has been|was|is now) (received|created|logged|opened|submitted|registered|assigned)\b|\byour (ticket|case|reference|request) (number|id) is\b/,
    /\bthis is an? (automated|automatic|auto-generated) (message|reply|response|e-?mail|notification)\b|\bauto-?(reply|response)\b|\bplease do not reply to this (e-?mail|message)\b/,
    // when the team replies: "The team typically replies in a few hours", "We aim to respond within 24 hours"
    /\b(team|we|agents?|support)\b[^.!?\n]{0,40}\b(typically|usually|normally|generally) (replies|reply|responds?|gets? back|answers?)\b|\b(typical|usual|average|expected|current) (reply|response|wait(ing)?) times?\b/,
    /\b(we|the team|our team|our agents)( will|['’]ll| aim to| try to| strive to| endeavou?r to)( be)? (get back to you|respond|reply|be in touch|answer)[^.!?\n]{0,40}\b(within|in (the next|under|about|less than)|as soon as (possible|we can|they can)|shortly|soon|during (our )?(business|office|working) hours|by the end of|on the next|when (we|the team|our team) (return|(are|is|['’]re) back|re-?open))\b/,
    /\b(a|one of our|an?) (support )?(representative|agent|team member|member of (our|the) team) will (be )?(review(ing)?|repl(y|ying)|respond(ing)?|get(ting)? back|contact(ing)?|send(ing)?)\b|\b(the team|we)( will|['’]ll) be back (online )?(in|tomorrow|on|at|later|soon)\b/,
    // where the reply comes: "Give the team a way to reach you", "You'll get replies here and in your email"
    /\bgive (the|our) team a way to reach you\b|\b(you['’]ll|you will) (get|receive|be notified of) (replies|a reply|our reply|an? (e-?mail|notification))\b[^.!?\n]{0,30}\b(here|e-?mail|inbox)\b|\bget notified by e-?mail\b|\b(view|check|track) the status of (your|the|this) (ticket|request|case)\b|\b(add (additional |further |more )?comments|respond),? (simply )?(reply to|by replying to) this e-?mail\b/,
    // away: "We're currently closed", "You've reached us outside our business hours" ("Our hours are 9 to 5" answers a question)
    /\b(we['’]re|we are) currently (closed|offline|away|out of (the )?office)\b|\b(office|team|support) is (currently |now )?closed (for|until|over|today)\b|\bout of (the )?office\b|\boutside (of )?(our )?(business|office|support|working) hours\b/,
    // after the conversation: "How would you rate your conversation?", "This conversation has been closed"
    /\bhow would you rate (your|the|this|our)\b|\brate (your|the|this) (conversation|chat|experience|support|service|interaction)\b|\b(take|fill (in|out)|complete) (a|our|this|the) (short |quick |brief )?(survey|questionnaire)\b|\b(this|the|your) (conversation|chat|ticket|request|case) (has been|was|is now|is) (closed|resolved|marked as (solved|resolved))\b|\bwie zufrieden (waren|sind) sie\b|\bcómo (calificarías|valorarías|calificaría|valoraría)\b|\bcomment (évalueriez|noteriez)-vous\b/,
    // a pointer to self-help while waiting: "In the meantime, you may find an answer in our Help Center"
    /\b(in the meantime|meanwhile),? [^.!?\n]{0,60}\b(help ?cent(er|re)|faqs?|knowledge ?base|help articles|documentation)\b/,
    /\bwir haben ihre (anfrage|nachricht|e-?mail)( \S+)? erhalten\b|\bautomatische (antwort|nachricht|e-?mail)\b|\bwir melden uns (so schnell wie möglich|schnellstmöglich|in kürze|innerhalb)\b/,
    /\bhemos recibido (tu|su) (mensaje|solicitud|correo|consulta|e-?mail)\b|\b(mensaje|respuesta) automátic[oa]\b|\b(te|le) (responderemos|contestaremos) (lo antes posible|en (las próximas|un plazo|breve)|pronto|en cuanto)\b/,
    /\bnous avons (bien )?reçu votre (message|demande|e-?mail|requête)\b|\b(message|réponse) automatique\b|\bnous (vous répondrons|vous recontacterons|reviendrons vers vous) (dans les plus brefs délais|au plus vite|sous|dans|rapidement)\b/,
  ]
    .map((r) => r.source)
    .join('|'),
  'i', // no 'u': unicode matching is many times slower on this many alternatives, and nothing here needs it
);

/**
 * A message that is only a helpdesk's automatic notice ("We've received your request #4821 and
 * will get back to you within 24 hours. Thanks for your patience!"): each sentence a notice, a
 * courtesy or the team's promise to reply, one of them a notice. Not an answer, nor a person's
 * reply. One sentence of substance ("Refunds take 5 days.") makes it a reply like any other.
 */
export function isAutoNotice(message: string): boolean {
  if (!NOTICE.test(message)) return false; // most messages: nothing to read closer
  const sentences = replySentences(message);
  return sentences.some((s) => NOTICE.test(s)) && sentences.every((s) => NOTICE.test(s) || HOLDING.test(s) || courtesy(s));
}

/**
 * What a helpdesk writes into both tickets, in the name of the agent who merged them: "This
 * request was closed and merged into request #4821 "Refund"." and "Request #4820 "Refund" was
 * closed and merged into this request. Last comment in request #4820: …". Whenever it comes, it
 * answers nothing.
 */
const MERGED_AWAY =
  /^\s*this (?:request|ticket|conversation) (?:was|has been|is) (?:closed and )?merged into (?:request|ticket|conversation) #?\d+/i;
const MERGED_IN =
  /^\s*(?:request|ticket|conversation) #?\d+\b[^\n]{0,300}? (?:was|has been) (?:closed and )?merged into this (?:request|ticket|conversation)/i;

export const isMergeNote = (message: string): boolean => MERGED_AWAY.test(message) || MERGED_IN.test(message);

/** The note a ticket closed by a merge carries: its question goes on in the other ticket. */
export const isMergedAway = (message: string): boolean => MERGED_AWAY.test(message);

/** A reply's sentences, without its greeting and signature. */
function replySentences(reply: string): string[] {
  const body = withoutGreeting(cleanReply(reply)).trim();
  return body ? body.split(/(?<=[.!?])\s+/).map((s) => s.trim()) : [];
}

/** A short courtesy ("Thanks for your patience, Sam!"), or a sentence that is nothing but one. */
function courtesy(sentence: string): boolean {
  const plain = sentence.replace(/^[¡¿]/, '');
  return (COURTESY.test(plain) && sentence.split(/\s+/).length <= 6) || onlyCourtesy(plain);
}

/** Subject and cleaned first customer message: what a ticket asks. */
export function questionText(rawSubject: string | null, firstCustomerMessage: string | null): string {
  const question = firstCustomerMessage ? cleanQuestion(firstCustomerMessage) : '';
  const subject = topicalSubject(rawSubject);
  if (!subject) return question;
  return question.toLowerCase().includes(subject.toLowerCase()) ? question : `${subject}. ${question}`.trim();
}

/** A sentence this short ("Any ideas?", "Quick one.") says too little to be matched on its own. */
const SENTENCE_MIN_WORDS = 3;
/** Beyond this many sentences a message is a story; its first ones say what it is about. */
const SENTENCES_KEPT = 6;

/**
 * The sentences of a question (`questionText`) when it has several: one vector for the whole
 * question blends what is asked with the context around it ("I've been with you for years. My card
 * hasn't arrived. Please hurry."), so each sentence is also matched on its own (see matcher.ts).
 * Empty for a question of one sentence.
 */
export function questionSentences(question: string): string[] {
  const sentences = question
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= SENTENCE_MIN_WORDS);
  return sentences.length >= 2 ? sentences.slice(0, SENTENCES_KEPT) : [];
}

/**
 * A subject a helpdesk, a chat widget or a form gives tickets alike ("Contact form submission",
 * "Chat with Hannah Weiss", "New message from website", "(no subject)"): it says nothing of the
 * topic, and read as part of every question it would make unrelated tickets look alike.
 */
const GENERIC_SUBJECT =
  /^\W*(?:\(?no subject\)?|(?:(?:new|a|an|your)\s+)?(?:(?:contact|web|website|online|support|help|customer|service|general)\s+)*(?:form|request|submission|enquiry|inquiry|message|ticket|question|conversation|chat|e-?mail|call|voicemail|feedback)s?(?:\s+(?:submission|submitted|received|from|with|by|via)\b.*)?|(?:chat|conversation|call|voicemail|message|e-?mail|ticket|request)\s+(?:with|from|by|via)\b.*|help|support|hello|hi|urgent|question|questions|inquiry|enquiry)\W*$/iu;
const REPLY_PREFIX = /^\s*(?:(?:re|fw|fwd|aw|wg|tr|rv|sv|antw)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** A ticket's subject as a name for what it asks, without "Re:" / "Fwd:"; null when it names nothing (GENERIC_SUBJECT). */
export function topicalSubject(subject: string | null): string | null {
  const plain = (subject ?? '').replace(REPLY_PREFIX, '').trim();
  return plain && !GENERIC_SUBJECT.test(plain) ? plain : null;
}
