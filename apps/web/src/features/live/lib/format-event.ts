import { cityOf } from '../../../lib/time-zones';
import { type PlainDate, plainDateAsUtc, zoneName } from './zoned-time';

/** Dates and times with Canadian conventions in either language ("19 h 00", "7:00 p.m."). */
export const intlLocale = (language: string): string => (language.startsWith('en') ? 'en-CA' : 'fr-CA');

function safeFormat(locale: string, options: Intl.DateTimeFormatOptions, timeZone: string) {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(locale, options);
  }
}

/** "mardi 12 mai 2026, 19 h 00 – 20 h 30" in the zone. */
export function formatEventRange(
  startsAt: string,
  endsAt: string,
  language: string,
  timeZone: string,
): string {
  const format = safeFormat(intlLocale(language), { dateStyle: 'full', timeStyle: 'short' }, timeZone);
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}

/** "12 mai 2026, 19 h 00". */
export function formatDateTimeShort(iso: string, language: string, timeZone: string): string {
  return safeFormat(intlLocale(language), { dateStyle: 'medium', timeStyle: 'short' }, timeZone).format(
    new Date(iso),
  );
}

/** "19 h 00". */
export function formatTime(iso: string | Date, language: string, timeZone: string): string {
  return safeFormat(intlLocale(language), { timeStyle: 'short' }, timeZone).format(new Date(iso));
}

/** "mardi 12 mai", for a day heading; `withYear` adds the year. */
export function formatDay(date: PlainDate, language: string, withYear = false): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(plainDateAsUtc(date));
}

/** "mai 2026". */
export function formatMonth(year: number, month: number, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(plainDateAsUtc({ year, month, day: 1 }));
}

/** The names of the weekdays from `weekStartsOn` (0 = Sunday), long and short. */
export function weekdayNames(language: string, weekStartsOn: number): { long: string; short: string }[] {
  const locale = intlLocale(language);
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2026-03-01 is a Sunday.
  return Array.from({ length: 7 }, (_, index) => {
    const date = plainDateAsUtc({ year: 2026, month: 3, day: 1 + ((weekStartsOn + index) % 7) });
    return { long: long.format(date), short: short.format(date) };
  });
}

/** "heure avancée de l’Est (Montréal)": the zone's name and its city, never the raw identifier. */
export function describeZone(at: string | Date, timeZone: string, language: string): string {
  const name = zoneName(new Date(at), timeZone, intlLocale(language));
  const city = cityOf(timeZone, language);
  return name === timeZone ? city : `${name} (${city})`;
}

/** "1 h 30 min", "45 min", "2 h". */
export function formatDuration(minutes: number, language: string): string {
  const locale = intlLocale(language);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const unit = (value: number, name: 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const parts = [
    hours > 0 ? unit(hours, 'hour') : null,
    rest > 0 || hours === 0 ? unit(rest, 'minute') : null,
  ];
  const texts = parts.filter((part): part is string => part !== null);
  try {
    return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(texts);
  } catch {
    return texts.join(' ');
  }
}
