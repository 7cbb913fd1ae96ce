/** How many days warn ahead of an expiry (the API's `EXPIRY_WARNING_DAYS`). */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

/** Today as YYYY-MM-DD in a time zone (the person's, from their profile); the browser's zone if unknown. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { ...options, timeZone }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', options).formatToParts(now);
  }
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whole days from `today` to `date` (both YYYY-MM-DD): negative when the date is past. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

export type ExpiryState =
  | { kind: 'expired'; days: number }
  | { kind: 'soon'; days: number }
  | { kind: 'valid'; days: number };

/** Expired (the day after its date), expiring within the warning window, or valid for longer. */
export function expiryState(
  expiryDate: string,
  today: string,
  warningDays = EXPIRY_WARNING_DAYS,
): ExpiryState {
  const days = daysBetween(today, expiryDate);
  if (days < 0) return { kind: 'expired', days };
  if (days <= warningDays) return { kind: 'soon', days };
  return { kind: 'valid', days };
}

type Translate = (key: string, options: Record<string, unknown>) => string;

export interface ExpiryBadge {
  tone: 'danger' | 'warning' | 'neutral';
  text: string;
}

/**
 * The badge of a document's expiry date: "Expiré hier", "Expire dans 12 jours", "Expires tomorrow",
 * "Valide jusqu’au 3 mars 2031". The relative part comes from `Intl.RelativeTimeFormat`, so it follows the
 * language; `t` gives the sentence around it (`dossiers:expiry.*`).
 */
export function expiryBadge(expiryDate: string, today: string, locale: string, t: Translate): ExpiryBadge {
  const state = expiryState(expiryDate, today);
  if (state.kind === 'valid') {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${expiryDate}T00:00:00Z`),
    );
    return { tone: 'neutral', text: t('expiry.validUntil', { date }) };
  }
  const when = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(state.days, 'day');
  return state.kind === 'expired'
    ? { tone: 'danger', text: t('expiry.expired', { when }) }
    : { tone: 'warning', text: t('expiry.expires', { when }) };
}
