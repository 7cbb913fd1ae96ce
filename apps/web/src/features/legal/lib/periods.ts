/**
 * A retention period (ISO 8601: `P6Y`, `P30D`, `PT1H`, `P0D`) in words, through Intl: "6 ans", "30 days".
 * Null for a zero period (destroyed at once) or one this page cannot read (shown as written).
 */
export function formatPeriod(iso: string, locale: string): string | null {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) return null;
  const units = ['year', 'month', 'week', 'day', 'hour', 'minute'] as const;
  const parts = units
    .map((unit, index) => [unit, Number(match[index + 1] ?? 0)] as const)
    .filter(([, value]) => value > 0)
    .map(([unit, value]) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value),
    );
  if (parts.length === 0) return null;
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(parts);
}

/** Whether the period is zero (`P0D`): destroyed as soon as it starts. */
export const isZeroPeriod = (iso: string) => /^P(?:0[YMWD])*(?:T(?:0[HMS])*)?$/.test(iso) && /0/.test(iso);
