import { addDays, dateKey, dayIn, type PlainDate, sameDay, startOfDay, weekdayOf } from './zoned-time';

/** A month of the calendar: `month` is 1–12. */
export interface YearMonth {
  year: number;
  month: number;
}

export interface GridDay {
  date: PlainDate;
  key: string;
  /** In the month shown (the others fill the first and last weeks). */
  inMonth: boolean;
  isToday: boolean;
}

export interface MonthGrid {
  weeks: GridDay[][];
  /** The first and last days on the grid. */
  first: PlainDate;
  last: PlainDate;
}

/** Sunday, as calendars in Canada show it (in French and in English). */
export const DEFAULT_WEEK_START = 0;

export const monthKey = ({ year, month }: YearMonth) => `${year}-${String(month).padStart(2, '0')}`;

/** `2026-03` → the month; null otherwise. */
export function parseMonthKey(value: string | undefined): YearMonth | null {
  const match = value ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 2000 && year <= 2100 && month >= 1 && month <= 12 ? { year, month } : null;
}

export function addMonths({ year, month }: YearMonth, count: number): YearMonth {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export const monthOf = (date: PlainDate): YearMonth => ({ year: date.year, month: date.month });

/**
 * The weeks that show a month: from the week start on or before its first day to the week end on or after
 * its last day (5 or 6 weeks, 4 for a February that fits exactly). `today` is a day in the viewer's zone.
 */
export function buildMonthGrid(
  target: YearMonth,
  today: PlainDate,
  weekStartsOn: number = DEFAULT_WEEK_START,
): MonthGrid {
  const firstOfMonth: PlainDate = { year: target.year, month: target.month, day: 1 };
  const lastOfMonth = addDays({ ...monthOf(addDays(firstOfMonth, 31)), day: 1 }, -1);
  const first = addDays(firstOfMonth, -((weekdayOf(firstOfMonth) - weekStartsOn + 7) % 7));
  const last = addDays(lastOfMonth, (weekStartsOn + 6 - weekdayOf(lastOfMonth) + 7) % 7);

  const weeks: GridDay[][] = [];
  for (let date = first; ; date = addDays(date, 1)) {
    if (weeks.length === 0 || weeks[weeks.length - 1]?.length === 7) weeks.push([]);
    weeks[weeks.length - 1]?.push({
      date,
      key: dateKey(date),
      inMonth: date.month === target.month && date.year === target.year,
      isToday: sameDay(date, today),
    });
    if (sameDay(date, last)) break;
  }
  return { weeks, first, last };
}

/**
 * The instants to ask the API for: from the start of the grid's first day to the start of the day after its
 * last day, both in the viewer's zone (at most 42 days, within the API's 62).
 */
export function gridRange(grid: MonthGrid, timeZone: string): { from: string; to: string } {
  return {
    from: startOfDay(grid.first, timeZone).toISOString(),
    to: startOfDay(addDays(grid.last, 1), timeZone).toISOString(),
  };
}

/**
 * The events of each day, by day key, in the viewer's zone: an event is shown on every day it takes place
 * on (one that runs past midnight is on both days), in start order.
 */
export function eventsByDay<T extends { startsAt: string; endsAt: string }>(
  events: readonly T[],
  timeZone: string,
): Map<string, T[]> {
  const byDay = new Map<string, T[]>();
  const sorted = [...events].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (const event of sorted) {
    const start = Date.parse(event.startsAt);
    // The last moment of the event: an event that ends at midnight does not appear on the next day.
    const end = Math.max(start, Date.parse(event.endsAt) - 1);
    let day = dayIn(start, timeZone);
    const lastDay = dayIn(end, timeZone);
    for (let guard = 0; guard < 3; guard++) {
      const key = dateKey(day);
      const list = byDay.get(key) ?? [];
      list.push(event);
      byDay.set(key, list);
      if (sameDay(day, lastDay)) break;
      day = addDays(day, 1);
    }
  }
  return byDay;
}

/** Whether an event starts on the given day in the zone (false when it only continues from the day before). */
export const startsOn = (startsAt: string, day: PlainDate, timeZone: string) =>
  sameDay(dayIn(Date.parse(startsAt), timeZone), day);
