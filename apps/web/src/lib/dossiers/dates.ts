/** A calendar date (YYYY-MM-DD, no time zone) in words: "3 mars 2031", "Mar 3, 2031". */
export function formatDay(day: string, locale: string, style: 'medium' | 'long' = 'medium'): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(date);
}

/** A moment in the person's time zone: a time today, else a date and a time. */
export function formatMoment(
  iso: string,
  locale: string,
  timeZone: string | undefined,
  now = new Date(),
): string {
  const date = new Date(iso);
  const zone = (options: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      return new Intl.DateTimeFormat(locale, options);
    }
  };
  const dayOf = (value: Date) => zone({ year: 'numeric', month: '2-digit', day: '2-digit' }).format(value);
  if (dayOf(date) === dayOf(now)) return zone({ timeStyle: 'short' }).format(date);
  return zone({ dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
