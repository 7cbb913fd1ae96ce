import { describe, expect, it } from 'vitest';
import { countdownParts, formatCountdown, nextPhaseChangeIn, opensAt, streamPhase } from './stream-window';

const times = { startsAt: '2026-05-12T23:00:00.000Z', endsAt: '2026-05-13T00:30:00.000Z' };
const at = (iso: string) => Date.parse(iso);
/** Intl puts no-break spaces between a number and its unit in French. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('streamPhase', () => {
  it('opens 15 minutes before the start, is live until the end, then ended', () => {
    expect(streamPhase(at('2026-05-12T22:44:59.999Z'), times)).toBe('before');
    expect(streamPhase(at('2026-05-12T22:45:00.000Z'), times)).toBe('open');
    expect(streamPhase(at('2026-05-12T22:59:59.999Z'), times)).toBe('open');
    expect(streamPhase(at('2026-05-12T23:00:00.000Z'), times)).toBe('live');
    expect(streamPhase(at('2026-05-13T00:29:59.999Z'), times)).toBe('live');
    expect(streamPhase(at('2026-05-13T00:30:00.000Z'), times)).toBe('ended');
  });

  it('tells how long until the next change', () => {
    expect(opensAt(times)).toBe(at('2026-05-12T22:45:00.000Z'));
    expect(nextPhaseChangeIn(at('2026-05-12T20:45:00.000Z'), times)).toBe(2 * 3_600_000);
    expect(nextPhaseChangeIn(at('2026-05-12T22:50:00.000Z'), times)).toBe(10 * 60_000);
    expect(nextPhaseChangeIn(at('2026-05-12T23:30:00.000Z'), times)).toBe(60 * 60_000);
    expect(nextPhaseChangeIn(at('2026-05-13T00:30:00.000Z'), times)).toBeNull();
  });
});

describe('countdown', () => {
  it('splits a duration, counting a started second', () => {
    expect(countdownParts(90_061_001)).toEqual({ days: 1, hours: 1, minutes: 1, seconds: 2 });
    expect(countdownParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('says the two largest units in words, in French and in English', () => {
    expect(plain(formatCountdown(2 * 86_400_000 + 3 * 3_600_000 + 59_000, 'fr-CA'))).toBe(
      '2 jours et 3 heures',
    );
    expect(plain(formatCountdown(3_600_000 + 44 * 60_000 + 30_000, 'en-CA'))).toBe('1 hour and 44 minutes');
    expect(plain(formatCountdown(3 * 3_600_000, 'en-CA'))).toBe('3 hours');
    expect(plain(formatCountdown(4 * 60_000 + 5_000, 'fr-CA'))).toBe('4 minutes et 5 secondes');
    expect(plain(formatCountdown(1_000, 'fr-CA'))).toBe('1 seconde');
    expect(plain(formatCountdown(0, 'en-CA'))).toBe('0 seconds');
  });
});
