import nlp from 'compromise';
import type { Evidence } from './evidence';
import { isEnglishWord } from '../text/english-words';
import { questionLine } from '../text/clean';
import { inEnglish, wordsOf } from '../text/language';
import { holdsDetail } from './redact';

/**
 * An article's title and summary line from its topic's tickets, with no LLM. The title names
 * the topic in the team's words, never a customer's sentence as typed: of the ways customers ask,
 * the most central one that is spelled right (each word an English word, or also in the agents'
 * answers or in other customers' questions), short, free of the customer's own case (amounts,
 * names nobody else uses) and saying most of the topic's distinctive terms
 * (class-based TF-IDF, as BERTopic labels topics) is turned into a neutral title ("How do I
 * download my invoice?" → "How to download your invoice"); with none, the distinctive terms themselves.
 */

/** Words across all topics of a run: how many topics use each, to weigh a topic's own words. */
export interface TermStats {
  topics: number;
  topicsWith: Map<string, number>;
}

const STOP = new Set(
  `a an and are as at be been but by can could do does did for from had has have how i i'm if in into is it its just me my of on or our please pls so
   that the their them then there these they this to too us was we were what when where which who why will with would you your yours hi hello hey
   thanks thank cheers regards dear can't don't doesn't won't im am any some get got need want help know tell wondering able also again still very
   no ok up go he oh ya yo ur
   der die das und ist ich mein meine mit nicht ein eine wie kann bitte zu du im el la los las de que y en un una es mi por para como puedo al lo se te
   le les et je pas mon ma est une comment il ne ce qu`.split(/\s+/),
);

/** The words a ticket asks with, without those of template placeholders ("{{Order Number}}"). */
const askedWords = (e: Evidence) => wordsOf(`${e.subject ?? ''} ${e.question}`.replace(/\{\{[^}]*\}\}/g, ' '));

/** Topic counts of the words of several topics' questions, for `titleOf`. */
export function termStats(topics: Evidence[][]): TermStats {
  const topicsWith = new Map<string, number>();
  for (const topic of topics) for (const w of new Set(topic.flatMap(askedWords))) topicsWith.set(w, (topicsWith.get(w) ?? 0) + 1);
  return { topics: topics.length, topicsWith };
}

/**
 * A word's rough stem ("charging", "charged", "charges" → "charg"; "withdrawals" → "withdraw"):
 * enough to see that the team answers with a word a customer asked with.
 */
export function stemOf(word: string): string {
  let w = word.replace(/['’]s$/, '');
  for (let pass = 0; pass < 2; pass++) {
    const suffix = ['ing', 'ed', 'es', 'al', 's'].find((x) => w.endsWith(x) && w.length - x.length >= 3);
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  return w.replace(/e$/, '');
}

/**
 * The topic's most distinctive words, each with its weight: frequent in its questions, rare in
 * other topics', and the more so the more of its answers use them too. The words a topic is about
 * are the ones the team answers with ("top up", "declined"); a story several customers tell alike
 * ("a couple of days ago it worked") is theirs. Together they weigh as many as they are, the most
 * distinctive the most.
 */
export function weighedTerms(evidence: Evidence[], stats: TermStats | undefined, count: number): [string, number][] {
  const tf = new Map<string, number>();
  for (const e of evidence) for (const w of new Set(askedWords(e))) if (!STOP.has(w) && w.length >= 2) tf.set(w, (tf.get(w) ?? 0) + 1);
  const answered = new Map<string, number>();
  for (const e of evidence) for (const s of new Set(wordsOf(e.answer).map(stemOf))) answered.set(s, (answered.get(s) ?? 0) + 1);
  const idf = (w: string) => (stats ? Math.log(1 + stats.topics / (stats.topicsWith.get(w) ?? 1)) : 1);
  const inAnswers = (w: string) => 1 + (answered.get(stemOf(w)) ?? 0) / evidence.length;
  const top = [...tf.entries()]
    .filter(([, n]) => n >= Math.min(2, evidence.length))
    .map(([w, n]) => [w, (n / evidence.length) * idf(w) * inAnswers(w)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
  const total = top.reduce((sum, [, score]) => sum + score, 0);
  return top.map(([w, score]) => [w, (score * top.length) / total]);
}

/** The sentences of a message that ask, without redacted details or quoted mail. */
function askingSentences(question: string): string[] {
  return (question.match(/[^.!?\n]+[.!?]*/g) ?? []).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 3 && !holdsDetail(s));
}

const FILLERS = [
  /^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))\b[^a-z]*(?:there|team|all)?[,!. ]*/i,
  /^(?:please|pls|quick question|question)[,:]?\s+/i,
  /^(?:i was|i am|i'm|just|was) wondering (?:if|whether)\s+/i,
  /^(?:can|could|would) (?:you|someone|anyone) (?:please )?(?:help me(?: with)?|tell me|let me know|explain)\s+/i,
  /^(?:you|someone|anyone) (?:can|could|would) (?:please )?(?:help me(?: with)?|tell me|let me know|explain)\s+/i,
  /^(?:i need|i'd like|i would like|i want) (?:some )?help (?:with|to)\s+/i,
  /^(?:help (?:with|to|me)|need help(?: with| to)?)\s+/i,
  // "I need to verify my identity" is the task "Verify your identity"
  /^(?:i(?:'d| would) like|(?:i )?(?:need|want|wish)|i have) to\s+/i,
  /^(?:do|does) (?:you|anyone|someone) know\s+/i,
  /^(?:i was |i am |i'm |just |was |i )?wonder(?:ing)?\s+(?=(?:how|what|why|when|where|which|who)\b)/i,
  /^(?:tell me|let me know|explain(?: to me)?)\s+(?=(?:why|how|what|when|where|which|who|whether|if)\b)/i,
  // "I don't know how to verify my identity" asks how to verify it
  /^(?:i )?(?:don['’]?t|do not) know\s+(?=(?:how|what|why|when|where|which|who|whether|if)\b)/i,
  // "I want to know how rates are set": what the customer wants to know is the title
  /^(?:know|find out|understand|learn)\s+(?=(?:why|how|what|when|where|which|who|whether|if)\b)/i,
  // "Tell me about the refund policy", "I want to know more about fees": what it is about is the title
  /^(?:tell me|explain(?: to me)?|know|find out|learn|hear|ask(?: you)?|enquire|inquire)\s+(?:more\s+)?about\s+/i,
  // "What can you tell me about getting a virtual card?" asks about getting one
  /^(?:what|anything)\s+(?:can|could|do)\s+you\s+(?:tell me|say|share)\s+(?:more\s+)?about\s+/i,
  /^(?:(?:i\s+)?(?:need|want|would like|'d like|am looking for|'m looking for)\s+)?(?:some\s+|more\s+)?(?:info|information|details)\s+(?:on|about|regarding)\s+/i,
  /^about\s+/i,
];
/** "Tell me why my card was declined": a question inside a request, whose words stay in statement order. */
const EMBEDDED =
  /\b(?:tell me|let me know|explain(?: to me)?|know|find out|understand|learn|wonder(?:ing)?)\s+(?:why|how|what|when|where|which|who)\b/i;
const PRONOUNS: [RegExp, string][] = [
  [/\bhow (?:do|can|could|should) i\b/gi, 'how to'],
  // "Why have I got a pending transfer?" asks why the reader has one: "have you got" would ask the team
  [/\bhave i got\b/gi, 'do you have'],
  [/\b(?:i['’]ve|i have) got\b/gi, 'you have'],
  [/\bam i\b/gi, 'are you'],
  [/\bmay i\b/gi, 'can you'],
  [/\bwas i\b/gi, 'were you'],
  [/\bi was\b/gi, 'you were'],
  [/\bi'm\b/gi, "you're"],
  [/\bi am\b/gi, 'you are'],
  [/\bi've\b/gi, "you've"],
  [/\bmy\b/gi, 'your'],
  [/\bmine\b/gi, 'yours'],
  [/\bme\b/gi, 'you'],
  [/\bi\b/gi, 'you'],
];

/** What customers type for speed ("wanna see my bill"), spelled out before a title is made of it. */
const SPOKEN: [RegExp, string][] = [
  [/\bwanna\b/gi, 'want to'],
  [/\bgonna\b/gi, 'going to'],
  [/\bgotta\b/gi, 'have to'],
  [/\bdunno\b/gi, "don't know"],
];

/** A customer's question as a neutral title: fillers off, "my" → "your", "how do I" → "how to". */
export function neutralTitle(sentence: string): string {
  let t = unshouted(sentence.replace(/\s+/g, ' ').trim());
  for (const [from, to] of SPOKEN) t = t.replace(from, to);
  const whole = t;
  for (let changed = true; changed;) {
    const before = t;
    for (const f of FILLERS) t = t.replace(f, '');
    changed = t !== before;
  }
  // "I lost my card" is the case "Lost your card"
  if (/^i\s/i.test(t) && nlp(t).has("^i (#PastTense|can't|cannot|couldn't|didn't|don't|haven't|never)")) t = t.replace(/^i\s+/i, '');
  // "Currency exchanges have any extra fees?" asks in statement order; a request or case cut down
  // to its task does not, nor a case with a question tacked on ("Card lost, what now?"), nor a
  // task ("Change my pin?")
  const asSaid = t === whole && /\?\s*$/.test(t) && !/[,;]/.test(t) ? t : null;
  const askedAsSaid = () => asSaid !== null && !nlp(asSaid).has('^#Verb');
  // "How come my payment was declined?" asks why, its words in statement order
  const howCome = /^how come\s+/i.test(t);
  if (howCome) t = t.replace(/^how come\s+/i, 'why ');
  // "(I'd like to know) if there is a way to…" asks "Is there a way to…?"
  const yesNo =
    /^(?:if|whether)\s+(there)\s+(is|are|was|were)\b/i.exec(t) ?? /^(?:if|whether)\s+(i|you|we)\s+(can|could|should|will|may)\b/i.exec(t);
  if (yesNo) t = `${yesNo[2]} ${yesNo[1]}${t.slice(yesNo[0].length)}`;
  // "Im waiting for my transfer" is "I'm" typed fast (German "Im Ausland" goes on in capitals)
  t = t.replace(/^[Ii]m(?=\s+\p{Ll})/u, "I'm");
  // "I got to pay" is "I have to pay", not "I reached"
  t = t.replace(/(?<!\bhave\s+)\bi got to (\p{L}+)/giu, (said, verb: string) =>
    tagsOf(verb.toLowerCase()).includes('Infinitive') ? `I have to ${verb}` : said,
  );
  for (const [from, to] of PRONOUNS) t = t.replace(from, to);
  const startsAsking = /^(?:how|what|where|when|why|which|who|can|could|is|are|was|were|does|do|will|should)\b(?!['’]t)/i.test(t);
  const asks = !/^how to\b/i.test(t) && !EMBEDDED.test(sentence) && !howCome && (startsAsking || askedAsSaid());
  t = t.replace(/[?.!,;:\s]+$/, '');
  // "Delete my account now!": the customer's hurry is not the topic's, nor their sighs and pleas
  // ("Reset link says expired every time ugh", "Email not arriving pls help")
  t = t.replace(
    /(?:\s+(?:now|asap|immediately|right away|right now|please|pls|plz|already|thanks|thank you|thx|ugh|argh|lol|smh|omg|(?:please|pls|plz) help(?: me)?|help (?:please|pls|plz)))+$/i,
    '',
  );
  if (asks && !startsAsking) t = inQuestionOrder(t) ?? t;
  t = t.charAt(0).toUpperCase() + t.slice(1);
  return asks ? `${t}?` : t;
}

/** Verbs that ask by coming first ("Is your card blocked?"), and "have" or "do" when a verb follows. */
const AUXILIARY =
  /^(?:(?:is|are|was|were|can|could|will|would|should|has|have|had|does|do|did)|(?:is|are|was|were|ca|could|wo|would|should|has|have|had|does|do|did)n['’]t)$/i;
/** What may stand before the verb of a plain statement: its subject, and an adverb ("Your card still has…"). */
const SUBJECT_TAGS = ['Noun', 'Adjective', 'Determiner', 'Possessive', 'Pronoun', 'Value', 'Adverb'];

/**
 * A question typed in statement order, put in question order: "Currency exchanges have any extra
 * fees" → "Do currency exchanges have any extra fees", "Your card is blocked" → "Is your card
 * blocked", "The transfer failed" → "Did the transfer fail". Null unless it is a plain subject
 * and verb; one that asks in place ("Transfers take how long") stays as it is.
 */
function inQuestionOrder(statement: string): string | null {
  const terms = termsOf(statement);
  if (terms.some((t) => t.tags.includes('QuestionWord'))) return null;
  const k = terms.findIndex((t) => t.tags.includes('Verb'));
  const subject = terms.slice(0, k);
  const there = subject.length === 1 && subject[0]!.text.toLowerCase() === 'there'; // "There is a fee…"
  const plain = subject.some((t) => t.tags.includes('Noun')) && subject.every((t) => SUBJECT_TAGS.some((tag) => t.tags.includes(tag)));
  // "Your card payments being declined" has no verb that could ask
  const finite = k >= 0 && !terms[k]!.tags.includes('Gerund') && terms[k]!.text.toLowerCase() !== 'being';
  if (k < 1 || !(there || plain) || !finite) return null;
  const words = statement.split(/\s+/);
  const at = words.findIndex((w) => w.toLowerCase() === terms[k]!.text.toLowerCase());
  if (at < 1) return null;
  const verb = words[at]!.toLowerCase();
  // "Google Pay is…" keeps its capitals, as "ATM fees are…" does
  const name = terms[0]!.tags.some((tag) => tag === 'ProperNoun' || tag === 'Acronym');
  const who = [name ? words[0]! : lowerFirst(words[0]!), ...words.slice(1, at)].join(' ');
  const rest = words.slice(at + 1).join(' ');
  const verbFollows = terms.slice(k + 1).some((t) => t.tags.includes('Verb'));
  // "You have to verify it again" asks "Do you have to…", not "Have you to…"
  const haveTo = /^(?:has|have|had)$/.test(verb) && words[at + 1]?.toLowerCase() === 'to';
  if (AUXILIARY.test(verb) && !haveTo && (verbFollows || !/^(?:has|have|had|do|does|did)$/.test(verb)))
    return `${capitalize(verb)} ${who}${rest ? ` ${rest}` : ''}`;
  const infinitive = haveTo ? 'have' : terms[k]!.root;
  const does = verb === 'had' || terms[k]!.tags.includes('PastTense') ? 'Did' : verb !== infinitive && verb.endsWith('s') ? 'Does' : 'Do';
  return `${does} ${who} ${infinitive}${rest ? ` ${rest}` : ''}`;
}

/**
 * A sentence with its shouting lowered: "How do I TRANSFER MONEY from my account" → "How do I
 * transfer money from my account". Capitals are shouting when two or more words in them are
 * English words; a lone one ("my PIN", "SEPA", "ATM") is an abbreviation and stays.
 */
function unshouted(sentence: string): string {
  const shouting = (w: string) => w.length >= 2 && w !== 'I' && isEnglishWord(w);
  const capitals = sentence.match(/\b\p{Lu}{2,}\b/gu) ?? [];
  if (capitals.filter(shouting).length < 2) return sentence;
  return sentence.replace(/\b\p{Lu}{2,}\b/gu, (w) => (shouting(w) ? w.toLowerCase() : w));
}

/**
 * What is spelled right in a topic: words its team writes, or that several of its customers use,
 * and English words; a capitalised word inside a sentence is a name ("my Netflix subscription"),
 * not a typo.
 */
export function spellingOf(evidence: Evidence[]) {
  const known = new Map<string, number>();
  for (const e of evidence) for (const w of new Set(wordsOf(e.question))) known.set(w, (known.get(w) ?? 0) + 1);
  const answerWords = new Set(evidence.flatMap((e) => wordsOf(e.answer)));
  const spelledRight = (s: string) => {
    const names = new Set(wordsOf((s.match(/(?<=\S\s+)\p{Lu}[\p{L}\p{N}'’]*/gu) ?? []).join(' ')));
    return wordsOf(s).every(
      (w) => STOP.has(w) || answerWords.has(w) || (known.get(w) ?? 0) >= 2 || /\d/.test(w) || names.has(w) || isEnglishWord(w),
    );
  };
  return { known, answerWords, spelledRight };
}

/**
 * The title: of the topic's asking sentences (central ones first: `evidence` comes in that
 * order), the first spelled right that carries most distinctive terms. When none makes a title,
 * an article is named by its terms; a topic still collecting evidence (`unnamed: 'question'`) by
 * its most central question, which tells a lead more than terms its questions do not share.
 */
export function titleFor(evidence: Evidence[], stats?: TermStats, unnamed: 'terms' | 'question' = 'terms'): string {
  const weighed = weighedTerms(evidence, stats, 4);
  const terms = weighed.map(([w]) => w);
  const weightOf = new Map<string, number>();
  for (const [w, weight] of weighed) weightOf.set(stemOf(w), (weightOf.get(stemOf(w)) ?? 0) + weight);
  const { known, answerWords, spelledRight } = spellingOf(evidence);
  // an amount, or a name no other customer and no agent uses, is this customer's own case
  // ("$100", "at Amazon"); a name the topic's questions share is the topic's ("in China"); so is
  // when it happened ("the order I made yesterday")
  const details = (s: string) =>
    (s.match(/\S*\d\S*|(?<=\S\s+)\p{Lu}\p{L}*/gu) ?? [])
      .map((w) => w.toLowerCase().replace(/^[^\p{L}\p{N}$£€]+|[^\p{L}\p{N}%]+$/gu, ''))
      .filter((w) => !STOP.has(w) && !answerWords.has(w) && (known.get(w) ?? 0) < 2).length + (s.match(WHEN)?.length ?? 0);
  // every asking sentence short enough for a title, scored once
  const scored = (sentences: { s: string; asked: string; rank: number }[]) =>
    sentences
      .filter(({ s }) => s.split(/\s+/).length <= LONG_TITLE.words && spelledRight(s) && !FRAGMENT.test(s) && !DANGLING.test(s))
      // the more central and the more of the distinctive terms' weight, the better; past six words,
      // each four more words cost a term, since a long question is a customer's story, not a name
      // for the topic; each amount or name of the customer's own case costs half a term; and a
      // question or a task ("Why was my transfer declined?", "How to…") that says the topic's main
      // term, or two of its terms, gains half a term over a statement ("Tried to make a transfer
      // five times"); the customer's feelings ("Unhappy with service, need to delete account") cost a term
      .map(({ s, asked, rank }) => {
        const said = saysTerms(s, terms);
        const title = neutralTitle(s);
        const asks = ASKS.test(title) && (said.length >= 2 || said.includes(stemOf(terms[0] ?? '')));
        return {
          s,
          asked,
          rank,
          title,
          words: s.split(/\s+/).length,
          says: said.length > 0,
          score:
            said.reduce((sum, stem) => sum + weightOf.get(stem)!, 0) -
            rank / 30 -
            Math.max(0, wordsOf(title).length - 6) / 4 -
            details(s) / 2 +
            (asks ? 0.5 : 0) -
            (UPSET.test(s) ? 1 : 0),
        };
      })
      // "If there's a way to…" left over from "I want to know if there's a way to…"
      .filter((c) => !FRAGMENT.test(c.title));
  const byScore = (a: { score: number }, b: { score: number }) => b.score - a.score;
  const first = scored(
    evidence
      .slice(0, 30)
      .flatMap((e, rank) => askingSentences(e.question).map((asked) => ({ s: withoutAsides(asked, terms), asked, rank }))),
  ).sort(byScore);
  // a sentence typed on without a stop is read as its clauses (a parse each) only among the best
  // few, where its clauses can change the title; read so, it stands for the sentence
  const read = first.slice(0, RUN_ONS_READ).map((c) => ({ c, clause: withoutAsides(c.asked, terms, true) }));
  const runOns = read.filter(({ c, clause }) => clause !== c.s);
  const candidates = runOns.length
    ? [
        ...first.filter((c) => !runOns.some((r) => r.c === c)),
        ...scored(runOns.map(({ c, clause }) => ({ s: clause, asked: c.asked, rank: c.rank }))),
      ].sort(byScore)
    : first;
  const titleOfAtMost = (most: { words: number; chars: number }): string | null => {
    const within = candidates.filter((c) => c.words <= most.words);
    // a customer who speaks to the team ("the card you sent me") says "you" of it: turned round,
    // that would be the reader, so such a sentence makes a title only when no other says enough
    // (and one that says any of the topic's terms is still a better title than the terms alone)
    const best =
      within.find((c) => c.score > 0 && !ADDRESSES_TEAM.test(c.s)) ??
      within.find((c) => c.score > 0) ??
      within.find((c) => c.says && !ADDRESSES_TEAM.test(c.s)) ??
      within.find((c) => c.says);
    if (!best) return null;
    return best.title.split(/\s+/).length >= 2 && best.title.length <= most.chars ? best.title : null;
  };
  // a short title if any sentence makes one; else a longer question is still a better title than
  // the terms alone ("Made, payment, amount")
  const title = titleOfAtMost(SHORT_TITLE) ?? titleOfAtMost(LONG_TITLE);
  if (title) return inTeamSpelling(asReadersCase(title), evidence);
  if (unnamed === 'question' && evidence[0]) return lineOfAtMost(questionLine(evidence[0].question), LONG_TITLE.chars);
  // the terms spelled right where two are ("Shipping, address", not "Sset, shipping, address");
  // one alone says too little ("Minecraft, work", not "Work")
  const spelled = terms.filter((w) => spelledRight(w));
  const named = spelled.length >= 2 ? spelled : terms;
  return named.length ? capitalize(named.slice(0, 3).join(', ')) : UNTITLED;
}

/** A line cut at the last word that fits in `chars`, with an ellipsis when cut. */
function lineOfAtMost(line: string, chars: number): string {
  if (line.length <= chars) return line;
  const cut = line.slice(0, chars - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[\s,;:.-]+$/, '')}…`;
}

/**
 * A case the reader is the subject of, turned from a customer's account into an article's title:
 * "Your card is stolen" → "What to do if your card is stolen". Said of "you", it reads as
 * if the help center told the reader what happened to them.
 */
function asReadersCase(title: string): string {
  if (!/^(?:you|your|you['’](?:re|ve))\b/i.test(title) || title.endsWith('?')) return title;
  const read = readStatement(title);
  return read.kind === 'case' ? `What to do if ${read.clause}` : title;
}

/**
 * Names as the team writes them ("google pay" → "Google Pay", "iphone" → "iPhone"): customers type
 * in lower case, agents spell a product's name. A name is, in the answers, several capitalised
 * words in a row inside a sentence that are never written in lower case together, or one such word
 * that is no English word and never written in lower case ("Netflix"). A label of the app that is
 * also a word ("tap Card") is no name: "your card" keeps its case.
 */
export function inTeamSpelling(title: string, evidence: Evidence[]): string {
  const answers = evidence.map((e) => e.answer).join('\n');
  // a name is letters, digits and spaces: nothing in it to escape
  const wholeWords = (form: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])${form}(?![\\p{L}\\p{N}])`, flags);
  // inside a sentence: after a word, a comma or a bracket and a space on the same line
  const runs = new Set(
    Array.from(answers.matchAll(/(?<=[\p{L}\p{N},;)] +)\p{L}*\p{Lu}[\p{L}\p{N}]*(?: +\p{Lu}[\p{L}\p{N}]*)*/gu), ([run]) => run),
  );
  let out = title;
  // longest first: "Google Pay" before "Google"; only what the title says is read against the answers
  for (const run of [...runs].sort((a, b) => b.length - a.length)) {
    const words = run.split(/ +/);
    if (words.length > 3 || !wholeWords(run, 'iu').test(out) || wholeWords(run.toLowerCase(), 'u').test(answers)) continue;
    if (words.length > 1 || !isEnglishWord(run.toLowerCase())) out = out.replace(wholeWords(run, 'giu'), run);
  }
  return out;
}

/**
 * A sentence reduced to its clause that says most of the topic's distinctive terms, when one says
 * more than each other: "This company is bad, delete my account now" is about "delete my account
 * now", and "how do I reset my password the link does nothing" about resetting the password.
 */
function withoutAsides(sentence: string, terms: string[], runOns = false): string {
  const punctuated = sentence.split(/\s*[,;]\s+|\s+-\s+/);
  const clauses = runOns ? punctuated.flatMap(runOnClauses) : punctuated;
  const says = clauses.map((c) => saysTerms(c, terms).length);
  const most = Math.max(...says);
  const at = says.indexOf(most);
  if (clauses.length < 2 || most === 0 || says.some((n, i) => i !== at && n >= most)) return sentence;
  return clauses[at]!.split(/\s+/).length >= 3 ? clauses[at]! : sentence;
}

/**
 * A clause typed on into the next without a stop, as chats and posts are ("how do I change my pin
 * the app wont let me"), in its clauses: one starts where, after a verb and then a noun, "the" or
 * "my" opens a noun that a verb follows ("the app wont"), or where "and" or "but" comes before
 * such a noun ("I forgot my password and the link is broken"). A noun given a second one ("send
 * my friend the money", "the card you sent") starts nothing.
 */
function runOnClauses(clause: string): string[] {
  if (!MAY_RUN_ON.test(clause)) return [clause]; // most clauses: too short to hold two, or nothing opens a second
  const read = clausesRead.get(clause);
  if (read) return read;
  if (clausesRead.size >= CLAUSES_KEPT) clausesRead.clear();
  const clauses = splitRunOn(clause);
  clausesRead.set(clause, clauses);
  return clauses;
}

/** Sentences already read into clauses: each learning run titles many of the same questions again. */
const clausesRead = new Map<string, string[]>();
const CLAUSES_KEPT = 20_000;

function splitRunOn(clause: string): string[] {
  const terms = (
    nlp(clause).terms().json({ offset: true }) as { text: string; terms: { tags: string[] }[]; offset: { start: number } }[]
  ).map((t) => ({ text: t.text, tags: t.terms[0]?.tags ?? [], start: t.offset.start }));
  const is = (i: number, tag: string) => terms[i]?.tags.includes(tag) ?? false;
  // "all" and "both" are tagged nouns, but "all my payments" is one noun
  const noun = (i: number) =>
    is(i, 'Noun') && !is(i, 'Pronoun') && !is(i, 'Possessive') && !/^(?:all|both|each|any|some|none|half)$/i.test(terms[i]!.text);
  // "the" or "my", the noun it opens with the words describing it, and then a verb that says
  // something ("my order never came", not "my payments being declined")
  const opensClause = (i: number) => {
    if (!/^(?:the|my|our|your|his|her|their|this|that)$/i.test(terms[i]!.text)) return false;
    let j = i + 1;
    while (j < terms.length && !is(j, 'Verb') && (noun(j) || is(j, 'Adjective') || is(j, 'Value'))) j++;
    if (j === i + 1) return false;
    while (j < terms.length && (is(j, 'Negative') || is(j, 'Adverb'))) j++;
    return is(j, 'Verb') && !is(j, 'Gerund') && terms[j]!.text.toLowerCase() !== 'being';
  };
  for (let i = 2; i < terms.length; i++) {
    if (!opensClause(i)) continue;
    const joined = /^(?:and|but|so)$/i.test(terms[i - 1]!.text);
    const end = joined ? i - 1 : i;
    if ((!joined && !noun(i - 1)) || !terms.slice(0, end).some((_, k) => is(k, 'Verb'))) continue;
    const first = clause.slice(0, terms[end]!.start).trim();
    return [first, ...runOnClauses(clause.slice(terms[i]!.start))];
  }
  return [clause];
}

/** Four words or more, then "the" or "my" with two words or more after it: the least a run-on clause needs. */
const MAY_RUN_ON = /^\s*(?:\S+\s+){4,}(?:the|my|our|your|his|her|their|this|that|and|but|so)\s+\S+\s+\S+/i;

/** The topic's terms a sentence says, by stem ("charge" says "charging"), each once. */
function saysTerms(sentence: string, terms: string[]): string[] {
  const stems = new Set(terms.map(stemOf));
  return [...new Set(wordsOf(sentence).map(stemOf))].filter((s) => stems.has(s));
}

/**
 * A clause that leans on another ("If I ordered my card last week", "Because I don't have one
 * yet"), or a sentence typed without its "I" ("Was charged extra", "Was able to a few days ago"),
 * which would read as a question.
 */
const FRAGMENT = /^(?:(?:if|because|but|and|so|although|though|since|unless|or|as|while)\b|(?:was|were)\s+(?:able\b|\p{L}+ed\b))/iu;

/** When a customer's own case happened (a weekday has its capital, and counts as a name does). */
const WHEN =
  /\b(?:yesterday|today|tonight|this (?:morning|afternoon|evening|week)|last (?:night|week|month|year|time)|(?:\w+ )?(?:days?|weeks?|months?|years?|ages) ago)\b/gi;

/** A customer's feelings are theirs, not the topic's name. */
const UPSET =
  /\b(?:unhappy|angry|annoyed|frustrat\w*|furious|disappoint\w*|upset|terrible|horrible|awful|ridiculous|useless|worst|hate|fed up|sick of|unacceptable|disgust\w*|pathetic|rubbish|stupid|scam)\b/i;

/** A sentence that ends on a word pointing elsewhere ("Is someone else using it?") needs the one before it. */
export const DANGLING = /\b(?:it|this|that|them|these|those)\W*$/i;

/** A neutral title that asks ("Why…?") or names a task ("How to…"), as help-centre titles do. */
const ASKS = /\?$|^How to\b/;

const ADDRESSES_TEAM = /\b(?:you|your|yours|you're|you've|u)\b/i;

/** How many of the best-scored sentences are read for clauses typed on without a stop. */
const RUN_ONS_READ = 5;

/** A title made from a customer's sentence is this short, or this long when no shorter one will do. */
const SHORT_TITLE = { words: 14, chars: 90 };
const LONG_TITLE = { words: 20, chars: 130 };

/** The title of a topic whose questions share no term. */
const UNTITLED = 'Untitled topic';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * One line above the answer that says what the article is for, without repeating the answer. It
 * goes to the help center with the article, so it speaks as the company ("we") to the reader, as
 * fit for a customer as for the lead reviewing it.
 */
export function summaryFor(title: string, steps: boolean): string {
  const to = (what: string) => (steps ? `The steps to ${what}.` : `What to do to ${what}.`);
  // a title in another language ("Ich habe mein Passwort vergessen") reads badly inside an English sentence
  if (title === UNTITLED || !inEnglish(title)) return steps ? 'The steps we give for this.' : 'What we answer on this.';
  title = title.replace(/[.!]+$/, '');
  if (/^how to /i.test(title)) return to(title.slice(7).replace(/\?$/, ''));
  const whatIf = /^what to do if (.+)$/i.exec(title);
  if (whatIf) return steps ? `The steps to take if ${whatIf[1]}.` : `What we advise if ${whatIf[1]}.`;
  if (title.endsWith('?')) return `What we answer when you ask: ${lowerFirst(title)}`;
  // a question in statement order ("Why your top up failed") is asked as it stands
  if (/^(?:how|what|where|when|why|which|who|whether)\b/i.test(title)) return `What we answer when you ask ${lowerFirst(title)}.`;
  // the topic's terms ("Refund, warranty") are what it is about
  if (/^[^\s,]+(?:, [^\s,]+)+$/.test(title)) return `What to know about ${lowerFirst(title)}.`;
  const read = readStatement(title);
  if (read.kind === 'case') return `What to do if ${read.clause}.`;
  if (read.kind === 'task') return to(lowerFirst(title));
  return `What to know about ${read.inSentence}.`;
}

/**
 * A title that is a statement, read as a sentence: a customer's case (with the clause that
 * follows "if"), a task, or a thing (as it reads inside a sentence).
 */
function readStatement(title: string): { kind: 'case'; clause: string } | { kind: 'task' } | { kind: 'thing'; inSentence: string } {
  const terms = termsOf(title);
  const tags = terms.map((t) => t.tags);
  // a name keeps its capital inside the sentence ("Netflix keeps charging…")
  const first = terms[0]?.text.replace(/[^\p{L}'’]/gu, '').toLowerCase() ?? '';
  const name = tags[0]?.includes('ProperNoun') || !(STOP.has(first) || tags[0]?.includes('Determiner') || isEnglishWord(first));
  const inSentence = name ? title : lowerFirst(title);
  // a part of a hyphenated word ("sign-in", "top-up") names a thing, whatever it is tagged
  const hyphenated = (i: number) => terms[i]!.text.endsWith('-') || (i > 0 && terms[i - 1]!.text.endsWith('-'));
  // a participle right before a noun describes it ("Declined card payment", "Report stolen card"):
  // it is no verb of a case
  const describing = (i: number) => isParticiple(terms[i]?.text ?? '', tags[i] ?? []) && isBareNoun(tags[i + 1] ?? []);
  // a case told without its subject ("Lost your card", "Can't log in") happened to the reader; a
  // verb with no object after it was done to them ("Charged twice", "Locked out of my account"),
  // one with an object or a particle of its own they did ("Lost my card", "Signed up twice")
  if ((tags[0]?.includes('PastTense') && !describing(0)) || /^(?:can't|cannot|couldn't|didn't|don't|haven't|never)\b/i.test(title)) {
    const next = terms[1];
    const doneTo =
      tags[0]!.includes('PastTense') &&
      (!next ||
        next.tags.includes('Adverb') ||
        (next.tags.includes('Preposition') && next.text.toLowerCase() !== 'to') ||
        (next.tags.includes('Particle') && next.text.toLowerCase() !== 'up'));
    return { kind: 'case', clause: `you ${doneTo ? 'were ' : ''}${lowerFirst(title)}` };
  }
  // a case with its subject ("Your card keeps getting declined", "The ATM ate your card"); a
  // particle is no verb ("The ATM at Metro bank on High St"); a thing named bare, as a customer
  // types it ("Kettle doesn't heat"), is the one they have
  const firstVerb = tags.findIndex((t, i) => t.includes('Verb') && !t.includes('Particle') && !hyphenated(i) && !describing(i));
  if (CASE_VERB.test(title) || firstVerb > 0) {
    const bare =
      tags[0]!.includes('Singular') &&
      !hyphenated(0) &&
      !['ProperNoun', 'Acronym', 'Pronoun', 'Possessive', 'Determiner'].some((tag) => tags[0]!.includes(tag)) &&
      isEnglishWord(first);
    return { kind: 'case', clause: `${bare ? 'the ' : ''}${inSentence}` };
  }
  // a title that starts with a verb ("Download an invoice", "Stop marketing emails") is a task, as
  // is one whose first word is a verb on its own before a described noun ("Report stolen card"),
  // but a phrasal verb before a bare plural is a compound name ("Top up limits", "Log in problems")
  const thing = /^\S+\s+(?:up|out|in|off|on)\s+\S+$/i.test(title) && tags.at(-1)?.includes('Plural');
  // a word before "the" or "your" is a verb, however it is tagged ("Reset the password", "Descale the kettle")
  const beforeArticle =
    (tags[1]?.includes('Determiner') || tags[1]?.includes('Possessive')) &&
    ['Noun', 'Verb'].some((tag) => tags[0]!.includes(tag)) &&
    !['Pronoun', 'Possessive', 'Determiner', 'ProperNoun', 'Acronym', 'Gerund'].some((tag) => tags[0]!.includes(tag)) &&
    !/ing$/i.test(terms[0]!.text);
  const verbFirst = tags[0]?.includes('Infinitive') || beforeArticle || (describing(1) && tagsOf(terms[0]!.text).includes('Infinitive'));
  return verbFirst && !hyphenated(0) && !thing ? { kind: 'task' } : { kind: 'thing', inSentence };
}

/** A sentence's words as compromise tags them, each with its root ("failed" → "fail"; a word without one is its own). */
function termsOf(sentence: string): { text: string; tags: string[]; root: string }[] {
  const terms = nlp(sentence).compute('root').terms().json() as { text: string; terms: { tags: string[]; root?: string }[] }[];
  return terms.map((t) => ({ text: t.text, tags: t.terms[0]?.tags ?? [], root: t.terms[0]?.root ?? t.text.toLowerCase() }));
}

const tagsOf = (word: string): string[] => termsOf(word)[0]?.tags ?? [];

/** A word or title with its first letter lowered, unless it starts with an abbreviation ("ATM fees"). */
const lowerFirst = (s: string) => (/^\p{Lu}{2}/u.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** A past participle: tagged so, or the past tense of a regular verb ("declined"), which is the same word. */
function isParticiple(word: string, tags: string[]): boolean {
  if (!tags.includes('PastTense')) return false;
  if (tags.includes('Participle')) return true;
  const forms = (nlp(word).verbs().conjugate() as { Participle?: string }[])[0];
  return !forms?.Participle || forms.Participle === word.toLowerCase();
}

/** A noun that is no pronoun ("your card" is a verb's object, "card" may be described). */
const isBareNoun = (tags: string[]) => tags.includes('Noun') && !tags.includes('Pronoun') && !tags.includes('Possessive');

// a word of its own, not part of a hyphenated one ("Keep-warm mode")
const CASE_VERB =
  /(?<![\w-])(?:is|are|was|were|has|have|had|keeps?|got|isn't|aren't|wasn't|weren't|hasn't|haven't|doesn't|don't|didn't|won't|can't)(?![\w-])/i;
