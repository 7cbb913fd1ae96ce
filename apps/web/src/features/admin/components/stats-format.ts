/**
 * How the statistics page writes its numbers, days, months and durations, through Intl in the reader's
 * language. Days and months come from the API as `YYYY-MM-DD` and `YYYY-MM` (Montréal days): they are
 * formatted as calendar dates, in UTC, so no time zone moves them.
 */
export function statsFormat(locale: string) {
  const number = new Intl.NumberFormat(locale);
  const shortDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const longDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  // Number and unit never split across lines.
  const unit = (value: number, name: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: name,
      unitDisplay: 'long',
      maximumFractionDigits: 1,
    })
      .formatToParts(value)
      .map((part) => (part.type === 'literal' && part.value.trim() === '' ? '\u00a0' : part.value))
      .join('');
  return {
    number: (value: number) => number.format(value),
    shortDay: (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`)),
    longDay: (day: string) => longDay.format(new Date(`${day}T00:00:00Z`)),
    month: (value: string) => month.format(new Date(`${value}-01T00:00:00Z`)),
    /** "45 minutes", "3,5 heures", "12 jours": the unit a person thinks in. */
    duration: (seconds: number) =>
      seconds < 90 * 60
        ? unit(Math.max(1, Math.round(seconds / 60)), 'minute')
        : seconds < 48 * 3600
          ? unit(Math.round((seconds / 3600) * 10) / 10, 'hour')
          : unit(Math.round((seconds / 86400) * 10) / 10, 'day'),
  };
}

export type StatsFormat = ReturnType<typeof statsFormat>;
