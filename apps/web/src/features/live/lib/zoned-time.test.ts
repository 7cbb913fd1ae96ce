import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateKey,
  dayIn,
  offsetMs,
  parseDateKey,
  parseTimeOfDay,
  startOfDay,
  wallTimeAt,
  weekdayOf,
  zonedToUtc,
} from './zoned-time';

const HOUR = 3_600_000;

describe('wallTimeAt', () => {
  it('reads an instant in a zone, whatever the machine’s zone', () => {
    const instant = Date.parse('2026-05-12T23:30:00Z');
    expect(wallTimeAt(instant, 'America/Toronto')).toEqual({
      year: 2026,
      month: 5,
      day: 12,
      hour: 19,
      minute: 30,
      second: 0,
    });
    expect(wallTimeAt(instant, 'Europe/Paris')).toMatchObject({ day: 13, hour: 1, minute: 30 });
    expect(wallTimeAt(instant, 'America/St_Johns')).toMatchObject({ day: 12, hour: 21, minute: 0 });
  });

  it('writes midnight as hour 0', () => {
    expect(wallTimeAt(Date.parse('2026-01-01T05:00:00Z'), 'America/Toronto')).toMatchObject({
      day: 1,
      hour: 0,
    });
  });
});

describe('offsetMs', () => {
  it('follows daylight saving time', () => {
    expect(offsetMs(Date.parse('2026-01-15T12:00:00Z'), 'America/Toronto')).toBe(-5 * HOUR);
    expect(offsetMs(Date.parse('2026-07-15T12:00:00Z'), 'America/Toronto')).toBe(-4 * HOUR);
    expect(offsetMs(Date.parse('2026-07-15T12:00:00Z'), 'America/Regina')).toBe(-6 * HOUR);
    expect(offsetMs(Date.parse('2026-07-15T12:00:00Z'), 'America/St_Johns')).toBe(-2.5 * HOUR);
  });
});

describe('zonedToUtc', () => {
  it('turns a wall-clock time of a zone into the instant', () => {
    expect(
      zonedToUtc({ year: 2026, month: 5, day: 12, hour: 19, minute: 0 }, 'America/Toronto').toISOString(),
    ).toBe('2026-05-12T23:00:00.000Z');
    expect(
      zonedToUtc({ year: 2026, month: 1, day: 12, hour: 19, minute: 0 }, 'America/Toronto').toISOString(),
    ).toBe('2026-01-13T00:00:00.000Z');
    expect(
      zonedToUtc({ year: 2026, month: 5, day: 12, hour: 9, minute: 15 }, 'Asia/Kolkata').toISOString(),
    ).toBe('2026-05-12T03:45:00.000Z');
  });

  it('moves a time that does not exist (clocks turned forward) forward by the gap', () => {
    // 8 March 2026, Toronto: 02:00 EST becomes 03:00 EDT.
    const instant = zonedToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/Toronto');
    expect(instant.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(wallTimeAt(instant, 'America/Toronto')).toMatchObject({ hour: 3, minute: 30 });
  });

  it('takes the first of a time that occurs twice (clocks turned back)', () => {
    // 1 November 2026, Toronto: 01:30 EDT, then 01:30 EST.
    const instant = zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/Toronto');
    expect(instant.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('handles the days of the change on both sides', () => {
    expect(
      zonedToUtc({ year: 2026, month: 3, day: 8, hour: 12, minute: 0 }, 'America/Toronto').toISOString(),
    ).toBe('2026-03-08T16:00:00.000Z');
    expect(
      zonedToUtc({ year: 2026, month: 3, day: 7, hour: 12, minute: 0 }, 'America/Toronto').toISOString(),
    ).toBe('2026-03-07T17:00:00.000Z');
    // Europe changes on another Sunday.
    expect(
      zonedToUtc({ year: 2026, month: 3, day: 29, hour: 12, minute: 0 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-03-29T10:00:00.000Z');
  });

  it('round-trips every hour of a year in several zones', () => {
    for (const zone of ['America/Toronto', 'America/Vancouver', 'America/St_Johns', 'Europe/Paris', 'UTC']) {
      for (
        let at = Date.parse('2026-01-01T00:00:00Z');
        at < Date.parse('2027-01-01T00:00:00Z');
        at += 7 * HOUR
      ) {
        const wall = wallTimeAt(at, zone);
        const back = zonedToUtc(wall, zone).getTime();
        // Equal, except for the second occurrence of a repeated hour, which comes back as the first.
        expect(back === at || back === at - HOUR).toBe(true);
        expect(wallTimeAt(back, zone)).toEqual(wall);
      }
    }
  });

  it('finds the start of a day where midnight is skipped', () => {
    // Santiago moves from 00:00 to 01:00 on 6 September 2026.
    const start = startOfDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago');
    expect(wallTimeAt(start, 'America/Santiago')).toMatchObject({ day: 6, hour: 1, minute: 0 });
  });
});

describe('days', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 1 });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });

  it('tells the weekday, and the day of an instant in a zone', () => {
    expect(weekdayOf({ year: 2026, month: 3, day: 1 })).toBe(0);
    expect(dateKey(dayIn(Date.parse('2026-05-13T02:00:00Z'), 'America/Vancouver'))).toBe('2026-05-12');
    expect(dateKey(dayIn(Date.parse('2026-05-13T02:00:00Z'), 'Europe/Paris'))).toBe('2026-05-13');
  });

  it('parses dates and times from form controls', () => {
    expect(parseDateKey('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseDateKey('2026-02-30')).toBeNull();
    expect(parseDateKey('26-02-01')).toBeNull();
    expect(parseTimeOfDay('09:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('9:05')).toBeNull();
  });
});
