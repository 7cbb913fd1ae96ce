const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat, made once per locale and options: making one takes tens of microseconds (the
 * locale and zone data are loaded), formatting with it a few. Emails and calendar files format dates on
 * every registration. Throws a RangeError for an unknown time zone, as the constructor does.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    // Locales × zones × the few option sets in the code: bounded; the cap guards against a bug.
    if (formats.size < 5_000) formats.set(key, format);
  }
  return format;
}

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(value: string): boolean {
  try {
    dateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
