import type { TLocale, TWatchedWordAction } from '@capitune/contracts';
import leoProfanity from 'leo-profanity';
import { AppError, InvariantError } from '../../lib/errors';

/**
 * The keyword filter of Inside: the packaged profanity lists of `leo-profanity` (its English list and the
 * French one of `french-badwords-list`, which it loads as `fr`), plus the admins' watched words.
 *
 * Matching is on whole words, ignoring case and accents, so "Scunthorpe", "cocktail", "Sussex", "analyse"
 * or "compter" never match "cunt", "cock", "sex", "anal" or "con". The packaged lists also hold ordinary
 * words of French or English (or of the other language): those are in `ALLOWED_WORDS` below, each with the
 * reason, and the tests prove ordinary sentences about immigration pass.
 */

export const ALLOWED_WORDS: Record<string, string> = {
  // French list, but ordinary words in English or in French.
  bite: 'English "bite", "bite-sized"',
  con: 'English "con" ("con artist", "pros and cons"); Spanish and Italian "con"',
  cons: 'English "pros and cons"',
  sale: 'English "sale", "for sale"',
  pet: 'English "pet" (travelling with a pet)',
  minus: 'English "minus"',
  gland: 'English "gland" (medical exam)',
  miserable: 'English "miserable" and French "misérable"',
  coche: 'French "coche" (a tick in a box: "cochez la case")',
  manche: 'French "manche" (sleeve, La Manche)',
  gourde: 'French "gourde" (water bottle)',
  punaise: 'French "punaise" (bedbug, drawing pin): housing posts',
  raton: 'French "raton laveur" (raccoon)',
  rosbif: 'French "rosbif" (roast beef)',
  crouton: 'French "croûton"',
  chauffard: 'French "chauffard" (reckless driver): driving licence posts',
  epais: 'French "épais" (thick): "un dossier épais"',
  crotte: 'French "crotte" (mild, everyday)',
  pouf: 'French "pouf" (furniture)',
  cricri: 'French "cricri" (cricket)',
  lavette: 'French "lavette" (dishcloth)',
  magot: 'French "magot" (savings): proof of funds posts',
  courtaud: 'French "courtaud" (stocky)',
  pourriture: 'French "pourriture" (rot, mould): housing posts',
  godon: 'French, archaic',
  // English list, but words people need when they talk about immigration, medicine or safety.
  escort: 'English "escort" (escorted removal, "escorte")',
  domination: 'English and French "domination"',
  intercourse: 'English "intercourse" (legal texts)',
  suck: 'English "suck" (mild)',
  sucks: 'English "this sucks" (mild)',
  xx: 'placeholders such as "XX-XX"',
  hardcore: 'mild',
  genitals: 'medical exam',
  rape: 'refugee claims on the ground of sexual violence must be speakable',
  rapist: 'refugee claims on the ground of sexual violence must be speakable',
  incest: 'refugee and family-law questions',
  nude: 'English "nude" (colour)',
};

/** Lowercase, without accents (é → e, œ stays œ), in NFC otherwise. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .normalize('NFC');
}

const profanity = buildProfanityList();

function buildProfanityList(): { words: Set<string>; phrases: string[] } {
  const french = leoProfanity.wordDictionary.fr;
  if (!french || french.length < 100) {
    // leo-profanity loads the French list from the optional `french-badwords-list` package.
    throw new InvariantError('The French profanity list (french-badwords-list) is not installed');
  }
  const all = [...(leoProfanity.wordDictionary.en ?? []), ...french].map(foldText);
  const words = new Set<string>();
  const phrases: string[] = [];
  for (const entry of all) {
    if (entry in ALLOWED_WORDS) continue;
    if (entry.includes(' ')) phrases.push(entry);
    else words.add(entry);
  }
  return { words, phrases };
}

/** Every word-like token of a text: split on anything but letters and digits, and again keeping leetspeak. */
function tokensOf(folded: string): { tokens: Set<string>; joined: string } {
  const plain = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const leet = folded.split(/[^\p{L}\p{N}@$!]+/u).filter(Boolean);
  const whole = folded.split(/\s+/u).filter(Boolean);
  return { tokens: new Set([...plain, ...leet, ...whole]), joined: ` ${plain.join(' ')} ` };
}

/** The first packaged profanity in the text, or null. */
export function findProfanity(text: string): string | null {
  const { tokens, joined } = tokensOf(foldText(text));
  for (const token of tokens) {
    if (profanity.words.has(token) && !(token in ALLOWED_WORDS)) return token;
  }
  for (const phrase of profanity.phrases) {
    if (joined.includes(` ${phrase} `)) return phrase;
  }
  return null;
}

/** An admins' rule, as the filter reads it. */
export interface WatchedWord {
  id?: string;
  word: string;
  action: TWatchedWordAction;
  /** The list: French texts, English texts, or null for both. */
  locale: TLocale | null;
  tag: string | null;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A watched word as a regular expression over folded text: whole words, spaces flexible, `*` as any run
 * of letters or digits where it stands (`garanti*`, `*visa`, `visa*garanti*`).
 */
export function watchedWordPattern(word: string, flags = 'u'): RegExp {
  const core = foldText(word)
    .trim()
    .split(/\s+/)
    .map((part) => part.split('*').map(escapeRegExp).join('[\\p{L}\\p{N}]*'))
    .join('[^\\p{L}\\p{N}]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${core}(?![\\p{L}\\p{N}])`, flags);
}

/**
 * A text folded character by character (as {@link foldText}), with where each folded unit comes from in
 * the original: a match in folded text is replaced in the original, accents and case kept around it.
 */
export function foldWithOffsets(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const part = foldText(char);
    folded += part;
    for (let unit = 0; unit < part.length; unit += 1) origin.push(index);
    index += char.length;
  }
  origin.push(index);
  return { folded, origin };
}

/** A span of the original text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Every place a watched word matches in a text, as spans of the original text. */
export function watchedWordSpans(text: string, word: string): TextSpan[] {
  const { folded, origin } = foldWithOffsets(text);
  const spans: TextSpan[] = [];
  for (const match of folded.matchAll(watchedWordPattern(word, 'gu'))) {
    if (match[0].length === 0) continue;
    const start = origin[match.index] ?? text.length;
    const end = origin[match.index + match[0].length] ?? text.length;
    spans.push({ start, end });
  }
  return spans;
}

/** The text with these spans replaced (overlapping spans merged). */
export function replaceSpans(text: string, spans: TextSpan[], replacement: string): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let result = '';
  let at = 0;
  for (const span of sorted) {
    if (span.end <= at) continue;
    result += text.slice(at, Math.max(at, span.start)) + replacement;
    at = span.end;
  }
  return result + text.slice(at);
}

/** A short excerpt around a span, on one line. */
export function excerptAround(text: string, span: TextSpan, context = 30): string {
  const from = Math.max(0, span.start - context);
  const to = Math.min(text.length, span.end + context);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

export interface FilterField {
  /** Where the text comes from, as in field errors: `body.title`, `body.body`, `body.tags`. */
  path: string;
  text: string;
}

/** Refuses a text with CONTENT_BLOCKED, naming the word and the field. */
export function contentBlocked(word: string, path: string): AppError {
  return new AppError('CONTENT_BLOCKED', `Contains a word that is not allowed: "${word}"`, {
    fieldErrors: [{ path, message: `Word not allowed: "${word}"`, code: 'blocked_word' }],
  });
}
