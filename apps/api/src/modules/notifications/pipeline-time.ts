import type { TQuietHours } from '@capitune/contracts';
import { dateTimeFormat } from '../../lib/intl';

/**
 * Wall-clock arithmetic in a person's own time zone (often abroad), with Intl alone: the quiet hours and
 * the digest's hour are local times, the database keeps instants.
 */
const FALLBACK_ZONE = 'America/Toronto';
const MINUTE = 60_000;

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  };
  try {
    return dateTimeFormat('en-US', { ...options, timeZone });
  } catch {
    return dateTimeFormat('en-US', { ...options, timeZone: FALLBACK_ZONE });
  }
}

/** The date and time on the wall clocks of `timeZone` at `instant`. */
export function localTimeAt(instant: Date, timeZone: string): LocalTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of zoneFormat(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Minutes the zone is ahead of UTC at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const local = localTimeAt(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);
}

/**
 * The instant when the wall clocks of `timeZone` show this local time. A time skipped by a DST change
 * gives the instant just after the gap; a repeated one, its first occurrence.
 */
export function instantOfLocalTime(local: LocalTime, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * MINUTE;
  const second = guess - offsetMinutes(new Date(first), timeZone) * MINUTE;
  return new Date(Math.min(first, second));
}

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** The local day `days` after the given one (calendar arithmetic, no zone). */
function addDays(local: LocalTime, days: number): LocalTime {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: local.hour,
    minute: local.minute,
  };
}

/** The next instant (strictly after `now`) at which the local clock shows `hh:mm`. */
export function nextLocalTime(now: Date, timeZone: string, time: string): Date {
  const local = localTimeAt(now, timeZone);
  const target = minutesOf(time);
  const today = { ...local, hour: Math.floor(target / 60), minute: target % 60 };
  const candidate = instantOfLocalTime(today, timeZone);
  return candidate > now ? candidate : instantOfLocalTime(addDays(today, 1), timeZone);
}

/**
 * Whether `now` falls within the quiet hours, on the person's clock. `start` after `end` spans midnight
 * (22:00–07:00); the end is not quiet.
 */
export function isQuiet(now: Date, timeZone: string, quiet: TQuietHours | null): boolean {
  if (!quiet) return false;
  const local = localTimeAt(now, timeZone);
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** When the quiet hours around `now` end (the next local `end`). */
export function quietHoursEnd(now: Date, timeZone: string, quiet: TQuietHours): Date {
  return nextLocalTime(now, timeZone, quiet.end);
}

/** The next top of the hour on the person's clock (zones with half-hour offsets included). */
export function nextLocalHour(now: Date, timeZone: string): Date {
  const local = localTimeAt(now, timeZone);
  const intoHour = (local.minute * 60 + local.second) * 1000 + (now.getTime() % 1000);
  return new Date(now.getTime() - intoHour + 60 * MINUTE);
}

/** The daily digest's hour: 08:00 on the person's clock. */
export const DAILY_DIGEST_TIME = '08:00';

export function nextDailyDigest(now: Date, timeZone: string): Date {
  return nextLocalTime(now, timeZone, DAILY_DIGEST_TIME);
}
