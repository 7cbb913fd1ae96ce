import type { TEvent, TEventCategory, TEventLanguage } from '@capitune/contracts';
import {
  addDays,
  dateKey,
  dayIn,
  parseDateKey,
  parseTimeOfDay,
  timeOfDayKey,
  wallTimeAt,
  zonedToUtc,
} from './zoned-time';

/** What the editor's form holds: strings, as the controls give them. */
export interface EventFormValues {
  title: string;
  description: string;
  language: TEventLanguage;
  category: TEventCategory | '';
  /** Comma-separated. */
  tags: string;
  /** Empty for no limit. */
  capacity: string;
  streamUrl: string;
  replayUrl: string;
  /** `YYYY-MM-DD` and `HH:MM`, in `timeZone`. */
  date: string;
  time: string;
  durationMinutes: string;
  timeZone: string;
}

/** The lengths offered, in minutes (the API allows up to 12 hours). */
export const durationChoices = [
  15, 30, 45, 60, 75, 90, 105, 120, 150, 180, 210, 240, 300, 360, 420, 480, 540, 600, 660, 720,
] as const;

/** The choices, with the event's own length when it is not one of them. */
export function durationOptions(current: string): number[] {
  const value = Number(current);
  const choices: number[] = [...durationChoices];
  if (Number.isInteger(value) && value > 0 && !choices.includes(value)) {
    choices.push(value);
    choices.sort((a, b) => a - b);
  }
  return choices;
}

/** "Visa étudiant, Québec , visa étudiant" → ["visa étudiant", "québec"]. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter((tag) => tag.length > 0);
  return [...new Set(tags)];
}

/** The start and end instants of a date, a time and a length in a zone; null if one of them is invalid. */
export function eventTimes(values: {
  date: string;
  time: string;
  durationMinutes: string | number;
  timeZone: string;
}): { startsAt: string; endsAt: string } | null {
  const date = parseDateKey(values.date);
  const time = parseTimeOfDay(values.time);
  const minutes = Number(values.durationMinutes);
  if (!date || !time || !Number.isFinite(minutes) || minutes <= 0) return null;
  let start: Date;
  try {
    start = zonedToUtc({ ...date, ...time }, values.timeZone);
  } catch {
    return null; // unknown zone
  }
  return {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
  };
}

/** A new event: tomorrow at noon in the host's zone, one hour, in French. */
export function newEventValues(now: number, timeZone: string): EventFormValues {
  return {
    title: '',
    description: '',
    language: 'fr',
    category: '',
    tags: '',
    capacity: '',
    streamUrl: '',
    replayUrl: '',
    date: dateKey(addDays(dayIn(now, timeZone), 1)),
    time: '12:00',
    durationMinutes: '60',
    timeZone,
  };
}

/** An existing event in the form: its date and time as the host set them, in its own zone. */
export function eventToValues(event: TEvent): EventFormValues {
  const start = wallTimeAt(Date.parse(event.startsAt), event.timeZone);
  const minutes = Math.round((Date.parse(event.endsAt) - Date.parse(event.startsAt)) / 60_000);
  return {
    title: event.title,
    description: event.description,
    language: event.language,
    category: event.category,
    tags: event.tags.join(', '),
    capacity: event.capacity === null ? '' : String(event.capacity),
    streamUrl: event.links?.streamUrl ?? '',
    replayUrl: event.links?.replayUrl ?? '',
    date: dateKey(start),
    time: timeOfDayKey(start),
    durationMinutes: String(minutes),
    timeZone: event.timeZone,
  };
}

/**
 * A wall-clock time of one zone as it reads in another: the host sets 19:00 in Paris, and sees that it is
 * 13:00 in Toronto (their own zone). Null until the date and time are complete.
 */
export function sameInstantElsewhere(
  values: { date: string; time: string; timeZone: string },
  otherZone: string,
): { instant: Date; wall: ReturnType<typeof wallTimeAt> } | null {
  const times = eventTimes({ ...values, durationMinutes: 1 });
  if (!times) return null;
  const instant = new Date(times.startsAt);
  try {
    return { instant, wall: wallTimeAt(instant, otherZone) };
  } catch {
    return null;
  }
}
