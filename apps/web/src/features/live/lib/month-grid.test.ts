import { describe, expect, it } from 'vitest';
import { addMonths, buildMonthGrid, eventsByDay, gridRange, parseMonthKey } from './month-grid';
import { dateKey } from './zoned-time';

const today = { year: 2026, month: 3, day: 18 };

describe('buildMonthGrid', () => {
  it('shows whole weeks from Sunday, with the days of the months around', () => {
    // March 2026 starts on a Sunday and ends on a Tuesday.
    const grid = buildMonthGrid({ year: 2026, month: 3 }, today);
    expect(grid.weeks).toHaveLength(5);
    expect(grid.weeks.every((week) => week.length === 7)).toBe(true);
    expect(dateKey(grid.first)).toBe('2026-03-01');
    expect(dateKey(grid.last)).toBe('2026-04-04');
    expect(grid.weeks[4]?.map((day) => day.inMonth)).toEqual([true, true, true, false, false, false, false]);
    const marked = grid.weeks.flat().filter((day) => day.isToday);
    expect(marked.map((day) => day.key)).toEqual(['2026-03-18']);
  });

  it('takes six weeks when the month needs them, and starts on Monday when asked', () => {
    // May 2026 starts on a Friday and has 31 days.
    const sunday = buildMonthGrid({ year: 2026, month: 5 }, today);
    expect(sunday.weeks).toHaveLength(6);
    expect(dateKey(sunday.first)).toBe('2026-04-26');
    expect(dateKey(sunday.last)).toBe('2026-06-06');
    const monday = buildMonthGrid({ year: 2026, month: 5 }, today, 1);
    expect(dateKey(monday.first)).toBe('2026-04-27');
    expect(dateKey(monday.last)).toBe('2026-05-31');
    expect(monday.weeks).toHaveLength(5);
  });

  it('handles a February that fits in four weeks, and the turn of the year', () => {
    expect(buildMonthGrid({ year: 2026, month: 2 }, today).weeks).toHaveLength(4);
    const january = buildMonthGrid({ year: 2027, month: 1 }, today);
    expect(dateKey(january.first)).toBe('2026-12-27');
    expect(january.weeks.flat().some((day) => day.isToday)).toBe(false);
  });
});

describe('gridRange', () => {
  it('runs from the first day’s midnight to the midnight after the last day, in the viewer’s zone', () => {
    const grid = buildMonthGrid({ year: 2026, month: 3 }, today);
    // 1 March is in standard time (−5 h), 5 April in daylight time (−4 h).
    expect(gridRange(grid, 'America/Toronto')).toEqual({
      from: '2026-03-01T05:00:00.000Z',
      to: '2026-04-05T04:00:00.000Z',
    });
    expect(gridRange(grid, 'Europe/Paris')).toEqual({
      from: '2026-02-28T23:00:00.000Z',
      to: '2026-04-04T22:00:00.000Z',
    });
  });

  it('never asks for more days than the API allows', () => {
    for (let month = 1; month <= 12; month++) {
      const { from, to } = gridRange(buildMonthGrid({ year: 2026, month }, today), 'Pacific/Kiritimati');
      expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBeLessThanOrEqual(42);
    }
  });
});

describe('eventsByDay', () => {
  const event = (id: string, startsAt: string, endsAt: string) => ({ id, startsAt, endsAt });

  it('puts each event on its day in the viewer’s zone, in start order', () => {
    const events = [
      event('late', '2026-03-11T00:30:00Z', '2026-03-11T01:30:00Z'),
      event('early', '2026-03-10T14:00:00Z', '2026-03-10T15:00:00Z'),
    ];
    const toronto = eventsByDay(events, 'America/Toronto');
    // 00:30 UTC on the 11th is 20:30 on the 10th in Toronto (daylight time since 8 March).
    expect(toronto.get('2026-03-10')?.map((item) => item.id)).toEqual(['early', 'late']);
    const paris = eventsByDay(events, 'Europe/Paris');
    expect(paris.get('2026-03-10')?.map((item) => item.id)).toEqual(['early']);
    expect(paris.get('2026-03-11')?.map((item) => item.id)).toEqual(['late']);
  });

  it('shows an event that runs past midnight on both days, but not one that ends at midnight', () => {
    const events = [
      event('overnight', '2026-03-10T03:00:00Z', '2026-03-10T05:00:00Z'),
      event('until-midnight', '2026-03-10T02:00:00Z', '2026-03-10T04:00:00Z'),
    ];
    const byDay = eventsByDay(events, 'America/Toronto');
    expect(byDay.get('2026-03-09')?.map((item) => item.id)).toEqual(['until-midnight', 'overnight']);
    expect(byDay.get('2026-03-10')?.map((item) => item.id)).toEqual(['overnight']);
  });
});

describe('months', () => {
  it('moves by months across years, and reads a month key', () => {
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 5 }, -17)).toEqual({ year: 2024, month: 12 });
    expect(parseMonthKey('2026-03')).toEqual({ year: 2026, month: 3 });
    expect(parseMonthKey('2026-13')).toBeNull();
    expect(parseMonthKey(undefined)).toBeNull();
  });
});
