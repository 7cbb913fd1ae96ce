/** The parts of an ISO 8601 duration (`P6Y`, `P30D`, `PT1H`, `P1Y2M10DT2H30M`), or null if it is not one. */
export interface DurationParts {
  year: number;
  month: number;
  week: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const durationPattern =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const units = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

export function parseIsoDuration(text: string): DurationParts | null {
  const value = text.trim().toUpperCase();
  const match = durationPattern.exec(value);
  // "P" alone, or a "T" with nothing after it, is not a duration.
  if (!match || value === 'P' || value.endsWith('T')) return null;
  const number = (index: number) => {
    const part = match[index + 1];
    return part ? Number(part.replace(',', '.')) : 0;
  };
  return {
    year: number(0),
    month: number(1),
    week: number(2),
    day: number(3),
    hour: number(4),
    minute: number(5),
    second: number(6),
  };
}

/**
 * A retention period in words, in the reader's language: "6 ans", "30 jours", "1 heure" / "6 years",
 * "30 days", "1 hour"; several units are joined as a list ("1 an et 6 mois"). A zero period reads
 * "0 jour" / "0 days" (destroyed as soon as it is due). Anything that is not an ISO 8601 duration is
 * shown as it came.
 */
export function formatIsoDuration(text: string, locale: string): string {
  const parts = parseIsoDuration(text);
  if (!parts) return text;
  const numberIn = (unit: (typeof units)[number], value: number) =>
    // A number and its unit never part on two lines.
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 2 })
      .format(value)
      .replace(/ /g, '\u00a0');
  const present = units.filter((unit) => parts[unit] > 0).map((unit) => numberIn(unit, parts[unit]));
  if (present.length === 0) return numberIn('day', 0);
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(present);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** An ISO moment as the value of a `datetime-local` field, in the browser's time zone (`2026-12-06T09:30`). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` (or `date`) field's value as an ISO moment in UTC; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value.trim()) return undefined;
  // A bare date is read as the start of that day, where the browser is.
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00` : value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
