/**
 * The name of a country in the page's language, from its ISO 3166-1 code (the approximate place of a
 * sign-in), through the browser's own data. Null when there is no code or the browser cannot read it.
 */
export function countryName(code: string | null, locale: string): string | null {
  if (!code) return null;
  try {
    const name = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }).of(code.toUpperCase());
    return name ?? null;
  } catch {
    // Not a region code this browser knows (RangeError): say nothing rather than a raw code.
    return null;
  }
}
