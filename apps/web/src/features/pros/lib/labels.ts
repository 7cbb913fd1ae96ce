import { regulatorInfo, type TRegulator } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';

export type Language = 'fr' | 'en';

/** The reader's language, French unless English. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
}

const languageNames = new Map<Language, Intl.DisplayNames>();

/** `es` → « espagnol » / "Spanish", from the browser's own data; the code when it has none. */
export function languageName(code: string, reader: Language): string {
  let names = languageNames.get(reader);
  if (!names) {
    names = new Intl.DisplayNames([reader], { type: 'language', fallback: 'code' });
    languageNames.set(reader, names);
  }
  return names.of(code) ?? code;
}

/** « anglais et espagnol » → « Anglais et espagnol »: French writes language names in lower case. */
export function capitalize(text: string, reader: Language): string {
  return text.charAt(0).toLocaleUpperCase(reader) + text.slice(1);
}

export const regulatorName = (regulator: TRegulator, reader: Language) =>
  regulatorInfo[regulator].name[reader];

/** A list in the reader's language: « français, anglais et espagnol ». */
export function formatList(items: readonly string[], reader: Language): string {
  return new Intl.ListFormat(reader, { style: 'long', type: 'conjunction' }).format(items);
}

/** A rating with one decimal, in the reader's number format (4,6 in French). */
export function formatScore(score: number, reader: Language): string {
  return new Intl.NumberFormat(reader, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}

/** A date without time, in the reader's language (verification dates, reviews). */
export function formatDate(iso: string, reader: Language): string {
  return new Intl.DateTimeFormat(reader, { dateStyle: 'long' }).format(new Date(iso));
}

/** Up to two initials, for a pro without a photo. */
export function initials(firstName: string, lastName: string): string {
  return `${firstName.trim().charAt(0)}${lastName.trim().charAt(0)}`.toLocaleUpperCase();
}

/** At most `max` characters, cut at a word (as the server cuts the page's meta description). */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
