import { STREAM_OPENS_MINUTES_BEFORE } from '@capitune/contracts';

/** The API gives registrants the stream from this long before the start. */
export const STREAM_OPENS_MS = STREAM_OPENS_MINUTES_BEFORE * 60_000;

/**
 * Where a scheduled webinar stands for its page:
 * - `before`: more than 15 minutes before the start (a countdown to the opening);
 * - `open`: the stream is open, the session has not started yet (the waiting room);
 * - `live`: between the start and the end (attendance is counted);
 * - `ended`: after the end (the replay, if any).
 */
export type StreamPhase = 'before' | 'open' | 'live' | 'ended';

export interface EventTimes {
  startsAt: string;
  endsAt: string;
}

export function streamPhase(now: number, { startsAt, endsAt }: EventTimes): StreamPhase {
  const start = Date.parse(startsAt);
  if (now >= Date.parse(endsAt)) return 'ended';
  if (now >= start) return 'live';
  if (now >= start - STREAM_OPENS_MS) return 'open';
  return 'before';
}

/** When the stream opens (15 minutes before the start). */
export const opensAt = ({ startsAt }: EventTimes): number => Date.parse(startsAt) - STREAM_OPENS_MS;

/** Milliseconds until the phase changes (the opening, the start, the end); null once ended. */
export function nextPhaseChangeIn(now: number, times: EventTimes): number | null {
  const marks = [opensAt(times), Date.parse(times.startsAt), Date.parse(times.endsAt)];
  const next = marks.find((mark) => mark > now);
  return next === undefined ? null : next - now;
}

export interface CountdownParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** A duration split into days, hours, minutes and seconds (a started second counts as a whole one). */
export function countdownParts(ms: number): CountdownParts {
  let rest = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return { days, hours, minutes, seconds: rest - minutes * 60 };
}

type Unit = 'day' | 'hour' | 'minute' | 'second';

/**
 * A countdown in words, with its two largest units: "2 jours et 3 heures", "1 hour and 44 minutes",
 * "4 minutes et 5 secondes" (zeros left out: "3 hours").
 */
export function formatCountdown(ms: number, locale: string): string {
  const { days, hours, minutes, seconds } = countdownParts(ms);
  const all: [Unit, number][] = [
    ['day', days],
    ['hour', hours],
    ['minute', minutes],
    ['second', seconds],
  ];
  const firstIndex = all.findIndex(([, value]) => value > 0);
  if (firstIndex === -1) return unitText(0, 'second', locale);
  const shown = all.slice(firstIndex, firstIndex + 2).filter(([, value]) => value > 0);
  const texts = shown.map(([unit, value]) => unitText(value, unit, locale));
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(texts);
  } catch {
    return texts.join(' ');
  }
}

function unitText(value: number, unit: Unit, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
