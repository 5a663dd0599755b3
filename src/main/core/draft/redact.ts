import type { PiiKind } from '../../../shared/domain/draft';
import { isEnglishWord } from '../text/english-words';
import { personalNames } from './people';

/**
 * Removes personal details before any drafter sees ticket text: emails, @usernames, phone numbers,
 * card numbers (Luhn-checked), IBANs, IP addresses, order, invoice and other reference numbers,
 * long digit runs, street addresses and postcodes, dates of birth, passwords and codes (also in a
 * link's query), the names of the ticket's people, and names after a greeting, a sign-off or
 * "my name is". Each kind becomes a neutral placeholder, and what was removed is counted, so a
 * reviewer can see it. (Names nobody introduced are caught again on what reaches a draft, by
 * people.ts.)
 */

export interface RedactionRules {
  /** Patterns for ids of this business (order numbers, account numbers), as regular expression sources. */
  idPatterns: string[];
  /** Extra patterns (internal codenames and the like). */
  customPatterns: string[];
}

export const DEFAULT_RULES: RedactionRules = {
  idPatterns: [
    '\\b[A-Z]{2,5}-\\d{4,10}(?:-[A-Z\\d]{2,10})*\\b',
    '(?<=\\b(?:order|account|acct|invoice|bill|ticket|case|ref|reference|booking|confirmation|receipt|transaction|customer|member|membership|policy|claim|tracking|parcel|shipment)\\s*(?:number|no\\.?|nr\\.?|id|#)?\\s*[:#]?\\s*)#?(?=(?:[A-Z-]*\\d){3})[A-Z]{0,3}\\d[\\dA-Z-]{2,}\\b',
    '(?<![\\w#])#\\d{3,}\\b',
  ],
  customPatterns: [],
};

export interface Redaction {
  text: string;
  counts: Partial<Record<PiiKind, number>>;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
/** A social or forum handle ("@jdoe_88"); runs after EMAIL, so what is left of an address is never one. */
const HANDLE = /(?<![\p{L}\p{N}._%+\-@])@[A-Za-z0-9_]{2,30}\b/gu;
/** A link's query value that opens something: a token, a key, a reset or sign-in code. */
const URL_SECRET =
  /(?<=[?&#](?:token|access_token|auth|key|api_key|apikey|code|sig|signature|session|sid|password|pwd|otp|reset|hash|secret)=)[^&#\s]{4,}/gi;
/** A password, PIN or one-time code someone wrote out; the value must hold a digit or a sign, so "password is wrong" stays. */
const SPOKEN_SECRET =
  /(?<=\b(?:password|passcode|passwort|kennwort|contraseña|mot de passe|pin|otp|one-time code|verification code|security code|2fa code|bestätigungscode|código|code de vérification)\s*(?:is|was|ist|es|est|:|=)?\s*)(?=[^\s,;]*\d)[^\s,;]{4,}(?<![.!?])/giu;
const MONTH = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
/** A date after "date of birth", "DOB" or "born": a date alone is often a policy's, never redacted. */
const BIRTH_DATE = new RegExp(
  String.raw`(?<=\b(?:date of birth|birth ?date|birthday|dob|d\.o\.b\.?|born(?: on)?|geburtsdatum|geboren am|fecha de nacimiento|nacid[oa] el|date de naissance|née? le)\s*(?:is|was|ist|es|est|:)?\s*)` +
    String.raw`(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTH})[a-z]*\.?,?\s+\d{4}|(?:${MONTH})[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})`,
  'giu',
);
/** A US social security number: three, two and four digits. */
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
/** A UK postcode ("NW1 6XE", "SW1A 1AA"). */
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/g;
/** A postcode said to be one: US, German or French digits, a British or a Canadian code. */
const SAID_POSTCODE =
  /(?<=\b(?:post ?code|postal code|zip(?: ?code)?|plz)\s*(?:is|:)?\s*)(?:\d{3,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b/gi;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b/gi;
const CARD_CANDIDATE = /\b(?:\d[ -]?){13,19}\b/g;
const CARD_DIGITS_NEAR = /\b(card|visa|mastercard|amex|ending( in)?|last (4|four)( digits)?)\b[^.\n\d]{0,20}(\d{4})\b/gi;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}\b/g;
/** Seven or more digits in a row that nothing else claimed: account, membership or tracking numbers. */
const LONG_NUMBER = /(?<![\d.,])(?:(?<!\p{L})\p{L}{1,3})?\d{7,}(?![\d.,]\d)/gu;
const NAME = String.raw`\p{Lu}[\p{L}'’-]+`;
/** Words a greeting is often followed by that are not names. */
const NOT_NAMES = new Set([
  'there',
  'team',
  'all',
  'everyone',
  'again',
  'support',
  'folks',
  'guys',
  'so',
  'for',
  'and',
  'the',
  'you',
  'in',
  'a',
  'sir',
  'madam',
  'both',
  'friend',
  'friends',
]);
/** Keywords matched in any case, names only capitalised: "(?i:…)" needs a newer engine than Node 20's. */
const anyCase = (words: string[]) =>
  words.map((w) => [...w].map((c) => (/\p{L}/u.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('')).join('|');
const GREETINGS = [
  'hi',
  'hello',
  'hey',
  'hiya',
  'dear',
  'morning',
  'evening',
  'afternoon',
  'thanks',
  'thank you',
  'many thanks',
  'cheers',
  'regards',
  'best',
  'sincerely',
  'bye',
  'hallo',
  'hola',
  'bonjour',
  'merci',
  'danke',
  'gracias',
  'saludos',
  'my name is',
  "my name's",
  'name is',
  'name:',
];
/** A name after a greeting or sign-off ("Hey Jeremiah!", "Thanks, Ana", "Dear Mr Smith"), or "my name is …". */
const INTRODUCED = new RegExp(
  String.raw`(?<=\b(?:${anyCase(GREETINGS)})[,!.:]?[ \t]+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+)?)(${NAME}(?:[ \t]+${NAME})?)`,
  'gu',
);
/** Who a person is to the writer, said before their name ("your colleague Chidi", "my husband Rajesh Kumar"). */
const RELATIONS = [
  'colleague',
  'coworker',
  'co-worker',
  'agent',
  'representative',
  'rep',
  'manager',
  'supervisor',
  'husband',
  'wife',
  'partner',
  'son',
  'daughter',
  'sister',
  'brother',
  'mother',
  'father',
  'mum',
  'mom',
  'dad',
  'friend',
  'boss',
  'assistant',
];
/** A name after a relation; only a word English does not have (never "your agent Support"). */
const RELATED = new RegExp(String.raw`(?<=\b(?:${anyCase(RELATIONS)})[ \t]+)(${NAME}(?:[ \t]+${NAME})?)`, 'gu');
const STREET = new RegExp(
  String.raw`\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\p{L}'-]+\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Way|Drive|Dr|Court|Ct|Crescent|Boulevard|Blvd|Place|Pl|Row|Terrace|Straße|Strasse|Weg|Gasse|Rue|Calle)\b\.?(?:,\s*[\p{L} .'-]+(?![\p{L}\p{N}])(?:,\s*[A-Z]{2})?(?:\s+(?:\d{4,5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}))?)?`,
  'gu',
);

/** A German street: the name ends in its kind, the number follows ("Hauptstraße 5", "Am Lindenweg 12a, 10115 Berlin"). */
const GERMAN_STREET =
  /\b(?:(?:Am|An der|An den|Im|In der|Auf dem|Auf der|Zum|Zur|Unter den)\s+)?\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer)\s+\d{1,4}\s?[a-z]?\b(?:,\s*\d{5}\s+\p{Lu}[\p{L}-]+)?/gu;
const STREET_KIND = String.raw`(?:Calle|Avenida|Avda\.|Paseo|Plaza|Carrer|Camino|Rua|Viale|Piazza|Corso|Rue|Avenue|Boulevard|Place|Chemin|Allée|Impasse|Quai)`;
const STREET_NAME = String.raw`(?:(?:de|del|la|las|los|le|les|des|du|di|da|do|dos|das|y|et|\p{Lu}[\p{L}'’-]*)\s+){0,4}\p{Lu}[\p{L}'’-]*`;
const CITY = String.raw`(?:,\s*\d{4,5}\s+\p{Lu}[\p{L}-]+)?`;
/**
 * A Spanish, French, Italian or Portuguese street: its kind first, with a house number before
 * ("12 Rue de la Paix") or after ("Calle Mayor 10"), so "Place Order" is no address.
 */
const LATIN_STREET = new RegExp(
  String.raw`\b(?:\d{1,4}(?:\s?(?:bis|ter))?,?\s+${STREET_KIND}\s+${STREET_NAME}|${STREET_KIND}\s+${STREET_NAME},?\s+\d{1,4}[a-zA-Z]?\b)${CITY}`,
  'gu',
);

/** "my name is kevin": a name typed in lower case, told from "my name is wrong" by not being an English word. */
const LOWER_CASE_NAME = /(?<=\b(?:my name is|my name's|name's|call me|i am called)\s+)\p{Ll}[\p{L}'’-]+/giu;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const compiledRules = new WeakMap<RedactionRules, { ids: RegExp[]; custom: RegExp[] }>();

/** A rule set's patterns, compiled once. */
function compile(rules: RedactionRules): { ids: RegExp[]; custom: RegExp[] } {
  let compiled = compiledRules.get(rules);
  if (!compiled) {
    compiled = { ids: rules.idPatterns.map((p) => new RegExp(p, 'gi')), custom: rules.customPatterns.map((p) => new RegExp(p, 'gi')) };
    compiledRules.set(rules, compiled);
  }
  return compiled;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * Replaces a ticket's people by "[name]": a full name ("Grace Liu") counts once, and each part
 * of a name also alone ("Hi Grace,", "— Sven"). Works word by word with one shared pattern.
 */
function redactNames(text: string, names: string[]): { text: string; count: number } {
  const full = names.map((n) => n.trim().split(/\s+/).filter(Boolean)).filter((parts) => parts.join(' ').length >= 2);
  if (!full.length) return { text, count: 0 };
  const single = new Set(full.flat().filter((part) => part.length >= 3));
  for (const parts of full) if (parts.length === 1) single.add(parts[0]!);
  const words = [...text.matchAll(WORD)];
  let out = '';
  let cursor = 0;
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // the longest full name starting here, its words separated by single spaces
    const match = full
      .filter(
        (parts) =>
          parts.length > 1 &&
          parts.every(
            (p, k) =>
              words[i + k]?.[0] === p &&
              (k === 0 || text.slice(words[i + k - 1]!.index! + words[i + k - 1]![0].length, words[i + k]!.index) === ' '),
          ),
      )
      .sort((a, b) => b.length - a.length)[0];
    const span = match ? match.length : single.has(word[0]) ? 1 : 0;
    if (!span) continue;
    const last = words[i + span - 1]!;
    out += `${text.slice(cursor, word.index)}[name]`;
    cursor = last.index! + last[0].length;
    count++;
    i += span - 1;
  }
  return { text: out + text.slice(cursor), count };
}

/** Replaces personal details in `text`. `names` are the people of the ticket (requester, agents). */
export function redact(text: string, names: string[], rules: RedactionRules = DEFAULT_RULES): Redaction {
  const counts: Partial<Record<PiiKind, number>> = {};
  let out = text;
  const swap = (pattern: RegExp, kind: PiiKind, accept: (match: string) => boolean = () => true) => {
    out = out.replace(pattern, (match: string) => {
      if (!accept(match)) return match;
      counts[kind] = (counts[kind] ?? 0) + 1;
      return `[${kind}]`;
    });
  };

  swap(EMAIL, 'email');
  swap(HANDLE, 'username');
  swap(URL_SECRET, 'secret');
  swap(SPOKEN_SECRET, 'secret');
  swap(BIRTH_DATE, 'birth date');
  swap(IBAN, 'iban');
  swap(CARD_CANDIDATE, 'card', (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhn(digits);
  });
  out = out.replace(CARD_DIGITS_NEAR, (match: string, _w: string, _e: string, _l: string, _d: string, last4: string) => {
    counts.card = (counts.card ?? 0) + 1;
    return match.replace(last4, '[card]');
  });
  const compiled = compile(rules);
  for (const pattern of compiled.ids) swap(pattern, 'order id');
  for (const pattern of compiled.custom) swap(pattern, 'custom');
  swap(STREET, 'address');
  swap(GERMAN_STREET, 'address');
  swap(LATIN_STREET, 'address');
  swap(UK_POSTCODE, 'address');
  swap(SAID_POSTCODE, 'address');
  swap(SSN, 'number');
  swap(IPV4, 'ip');
  swap(IPV6, 'ip');
  swap(PHONE, 'phone', (m) => {
    const digits = m.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 15 && !/^\d{4}-\d{2}-\d{2}$/.test(m.trim()); // E.164 has at most 15 digits
  });
  swap(LONG_NUMBER, 'number');
  swap(INTRODUCED, 'name', (m) => !NOT_NAMES.has(m.split(/\s+/)[0]!.toLowerCase()));
  swap(LOWER_CASE_NAME, 'name', (m) => !isEnglishWord(m));
  swap(RELATED, 'name', (m) => !isEnglishWord(m.split(/\s+/)[0]!));

  const people = redactNames(out, personalNames(names));
  if (people.count) {
    out = people.text;
    counts.name = (counts.name ?? 0) + people.count;
  }
  return { text: out, counts };
}

/**
 * Whether text holds one customer's detail that was taken out: a redaction placeholder ("[name]"),
 * or a helpdesk's template placeholder ("{{Order Number}}", "{{ticket.requester.name}}") that an
 * export or an anonymised data set left in its place. Such text is never a title or a way of asking.
 */
export const holdsDetail = (text: string): boolean => text.includes('[') || text.includes('{{');

export function mergeCounts(into: Partial<Record<PiiKind, number>>, from: Partial<Record<PiiKind, number>>): void {
  for (const [kind, n] of Object.entries(from) as [PiiKind, number][]) into[kind] = (into[kind] ?? 0) + n;
}
