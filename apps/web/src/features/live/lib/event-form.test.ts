import type { TEvent } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import {
  durationOptions,
  eventTimes,
  eventToValues,
  newEventValues,
  parseTags,
  sameInstantElsewhere,
} from './event-form';

describe('eventTimes', () => {
  it('turns the date, time and length in the chosen zone into UTC instants', () => {
    expect(
      eventTimes({ date: '2026-05-12', time: '19:00', durationMinutes: '90', timeZone: 'America/Toronto' }),
    ).toEqual({ startsAt: '2026-05-12T23:00:00.000Z', endsAt: '2026-05-13T00:30:00.000Z' });
    expect(
      eventTimes({ date: '2026-05-12', time: '19:00', durationMinutes: '60', timeZone: 'Europe/Paris' }),
    ).toEqual({ startsAt: '2026-05-12T17:00:00.000Z', endsAt: '2026-05-12T18:00:00.000Z' });
  });

  it('counts the length in real time across a change of clocks', () => {
    // 1 November 2026, Toronto: from 00:30 EDT, three hours end at 02:30 EST.
    expect(
      eventTimes({ date: '2026-11-01', time: '00:30', durationMinutes: 180, timeZone: 'America/Toronto' }),
    ).toEqual({ startsAt: '2026-11-01T04:30:00.000Z', endsAt: '2026-11-01T07:30:00.000Z' });
  });

  it('is null while something is missing or wrong', () => {
    const base = { date: '2026-05-12', time: '19:00', durationMinutes: '60', timeZone: 'America/Toronto' };
    expect(eventTimes({ ...base, date: '' })).toBeNull();
    expect(eventTimes({ ...base, time: '7 pm' })).toBeNull();
    expect(eventTimes({ ...base, durationMinutes: '' })).toBeNull();
    expect(eventTimes({ ...base, timeZone: 'Mars/Olympus' })).toBeNull();
  });
});

describe('sameInstantElsewhere', () => {
  it('shows the host’s time in another zone, days included', () => {
    const paris = { date: '2026-05-12', time: '19:00', timeZone: 'Europe/Paris' };
    expect(sameInstantElsewhere(paris, 'America/Toronto')?.wall).toMatchObject({ day: 12, hour: 13 });
    expect(sameInstantElsewhere(paris, 'Asia/Tokyo')?.wall).toMatchObject({ day: 13, hour: 2 });
    expect(sameInstantElsewhere({ ...paris, time: '' }, 'Asia/Tokyo')).toBeNull();
  });

  it('follows each zone’s own change of clocks', () => {
    // 15 March 2026: Toronto is already on daylight time (−4 h), Paris not yet (+1 h).
    const toronto = { date: '2026-03-15', time: '12:00', timeZone: 'America/Toronto' };
    expect(sameInstantElsewhere(toronto, 'Europe/Paris')?.wall).toMatchObject({ hour: 17 });
    const later = { ...toronto, date: '2026-04-15' };
    expect(sameInstantElsewhere(later, 'Europe/Paris')?.wall).toMatchObject({ hour: 18 });
  });
});

describe('form values', () => {
  it('starts a new event tomorrow at noon in the host’s zone', () => {
    // 23:30 on 12 May in Toronto is already the 13th in UTC.
    const values = newEventValues(Date.parse('2026-05-13T03:30:00Z'), 'America/Toronto');
    expect(values).toMatchObject({ date: '2026-05-13', time: '12:00', durationMinutes: '60' });
  });

  it('shows an existing event in its own zone', () => {
    const event = {
      title: 'Entrée express',
      description: '',
      language: 'fr',
      category: 'express_entry',
      tags: ['crs', 'fsw'],
      capacity: null,
      startsAt: '2026-05-12T17:00:00.000Z',
      endsAt: '2026-05-12T18:45:00.000Z',
      timeZone: 'Europe/Paris',
      links: { streamUrl: 'https://youtu.be/jNQXAC9IVRw', replayUrl: null },
    } as unknown as TEvent;
    expect(eventToValues(event)).toMatchObject({
      date: '2026-05-12',
      time: '19:00',
      durationMinutes: '105',
      tags: 'crs, fsw',
      capacity: '',
      streamUrl: 'https://youtu.be/jNQXAC9IVRw',
      replayUrl: '',
    });
    expect(durationOptions('105')).toContain(105);
    expect(durationOptions('100')).toContain(100);
    expect(durationOptions('100').indexOf(100)).toBe(durationOptions('100').indexOf(105) - 1);
  });

  it('reads tags separated by commas, once each', () => {
    expect(parseTags(' Visa étudiant, Québec ,, visa   étudiant ')).toEqual(['visa étudiant', 'québec']);
    expect(parseTags('')).toEqual([]);
  });
});
