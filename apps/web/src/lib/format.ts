/**
 * A waiting time in words, rounded up to the unit a person thinks in: "45 secondes", "3 minutes",
 * "2 hours". Through Intl, so it follows the language.
 */
export function formatWait(seconds: number, locale: string): string {
  const whole = Math.max(1, Math.ceil(seconds));
  const [value, unit] =
    whole < 60
      ? [whole, 'second']
      : whole < 90 * 60
        ? [Math.ceil(whole / 60), 'minute']
        : [Math.ceil(whole / 3600), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * A date and time in the given IANA time zone (the user's, from their profile); falls back to the
 * browser's zone if the name is unknown to this browser.
 */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

const sizeUnits = ['byte', 'kilobyte', 'megabyte'] as const;

/**
 * Unit symbols where Intl's differ from usage: French counts in octets ("48 o", "1,5 Ko", "20 Mo"), and
 * Intl's short English byte reads "48 byte".
 */
const sizeSymbols: Record<string, Partial<Record<(typeof sizeUnits)[number], string>>> = {
  fr: { byte: 'o', kilobyte: 'Ko', megabyte: 'Mo' },
  en: { byte: 'B' },
};

/** "48 o", "1,5 Ko", "20 Mo" / "48 B", "1.5 kB", "20 MB": a file size through Intl, number and unit never split. */
export function formatFileSize(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < sizeUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const symbols = sizeSymbols[locale.toLowerCase().split('-')[0] ?? ''] ?? {};
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: sizeUnits[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  })
    .formatToParts(value)
    .map((part) => {
      if (part.type === 'unit') return symbols[sizeUnits[unit] as (typeof sizeUnits)[number]] ?? part.value;
      if (part.type === 'literal' && part.value.trim() === '') return '\u00a0';
      return part.value;
    })
    .join('');
}
