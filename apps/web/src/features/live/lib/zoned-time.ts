/**
 * Dates and times in a named IANA time zone, with `Intl` only (no date library): the wall-clock time of an
 * instant in a zone, the instant of a wall-clock time in a zone (through DST changes), and calendar days.
 * Nothing here depends on the zone of the machine that runs it.
 */

/** A calendar day, without a zone. `month` is 1–12. */
export interface PlainDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time in some zone (which the value does not carry). */
export interface WallTime extends PlainDate {
  hour: number;
  minute: number;
  second: number;
}

const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether this browser knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone of this browser (UTC if it cannot tell). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The wall-clock time of an instant in a zone. */
export function wallTimeAt(instant: Date | number, timeZone: string): WallTime {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    // Some engines write midnight as 24 even in the h23 cycle.
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

const wallToUtcMs = (wall: PlainDate & Partial<WallTime>) =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);

/** The zone's offset from UTC at an instant, in milliseconds (Toronto in winter: −5 h). */
export function offsetMs(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return wallToUtcMs(wallTimeAt(wholeSecond, timeZone)) - wholeSecond;
}

/**
 * The instant a wall-clock time names in a zone. Like Temporal's `compatible` choice: a time that occurs
 * twice (clocks turned back) is the first one; a time that does not exist (clocks turned forward) is moved
 * forward by the length of the gap (02:30 on the spring change in Toronto is 03:30).
 */
export function zonedToUtc(wall: PlainDate & Partial<WallTime>, timeZone: string): Date {
  const local = wallToUtcMs(wall);
  // At most one change of offset within a day on either side: the offsets before and after it.
  const before = offsetMs(local - DAY_MS, timeZone);
  const after = offsetMs(local + DAY_MS, timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((instant) => wallToUtcMs(wallTimeAt(instant, timeZone)) === local);
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(local - before);
}

export const dateKey = (date: PlainDate): string =>
  `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

/** `2026-03-08` → the day; null when it is not a real date. */
export function parseDateKey(value: string): PlainDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

/** `14:30` → hours and minutes; null otherwise. */
export function parseTimeOfDay(value: string): { hour: number; minute: number } | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

export const timeOfDayKey = (wall: Pick<WallTime, 'hour' | 'minute'>) =>
  `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;

/** Calendar arithmetic on days (no zone involved: a day is a day). */
export function addDays(date: PlainDate, days: number): PlainDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: PlainDate): number =>
  new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();

export const sameDay = (a: PlainDate, b: PlainDate) =>
  a.year === b.year && a.month === b.month && a.day === b.day;

/** The calendar day of an instant in a zone. */
export function dayIn(instant: Date | number, timeZone: string): PlainDate {
  const { year, month, day } = wallTimeAt(instant, timeZone);
  return { year, month, day };
}

/** When a day begins in a zone (usually midnight; 01:00 where midnight is skipped by a DST change). */
export const startOfDay = (date: PlainDate, timeZone: string): Date => zonedToUtc(date, timeZone);

/** A date for `Intl.DateTimeFormat` with `timeZone: 'UTC'`, standing for a calendar day. */
export const plainDateAsUtc = (date: PlainDate): Date =>
  new Date(Date.UTC(date.year, date.month - 1, date.day, 12));

/** The name of a zone in a language at an instant: "heure normale de l’Est", "Eastern Daylight Time". */
export function zoneName(
  instant: Date | number,
  timeZone: string,
  locale: string,
  style: 'long' | 'short' = 'long',
): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(instant);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
