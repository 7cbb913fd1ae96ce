import type { TWatchedWordAction } from '@capitune/contracts';
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

export interface WatchedWord {
  word: string;
  action: TWatchedWordAction;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A watched word as a regular expression over folded text: whole words, spaces flexible, `*` as any ending. */
export function watchedWordPattern(word: string): RegExp {
  const folded = foldText(word).trim();
  const prefix = folded.endsWith('*');
  const core = (prefix ? folded.slice(0, -1) : folded)
    .split(/\s+/)
    .map(escapeRegExp)
    .join('[^\\p{L}\\p{N}]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${core}${prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`, 'u');
}

export interface FilterField {
  /** Where the text comes from, as in field errors: `body.title`, `body.body`, `body.tags`. */
  path: string;
  text: string;
}

export type FilterVerdict = { action: 'allow' } | { action: 'hold'; word: string; path: string };

/**
 * Checks every field. A packaged profanity or a `block` watched word refuses the whole text with
 * CONTENT_BLOCKED (nothing is stored); a `hold` watched word lets it through as held for review.
 */
export function checkContent(fields: FilterField[], watched: WatchedWord[]): FilterVerdict {
  const folded = fields.map((field) => ({ path: field.path, text: foldText(field.text) }));
  const patterns = watched.map((entry) => ({ ...entry, pattern: watchedWordPattern(entry.word) }));
  for (const field of folded) {
    const word =
      findProfanity(field.text) ??
      patterns.find((entry) => entry.action === 'block' && entry.pattern.test(field.text))?.word;
    if (word) {
      throw new AppError('CONTENT_BLOCKED', `Contains a word that is not allowed: "${word}"`, {
        fieldErrors: [{ path: field.path, message: `Word not allowed: "${word}"`, code: 'blocked_word' }],
      });
    }
  }
  for (const field of folded) {
    const held = patterns.find((entry) => entry.action === 'hold' && entry.pattern.test(field.text));
    if (held) return { action: 'hold', word: held.word, path: field.path };
  }
  return { action: 'allow' };
}
