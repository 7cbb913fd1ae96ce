import type { TLocale } from '@capitune/contracts';

/**
 * The languages of the product, French first. Mirrors `locales` / `defaultLocale` of `@capitune/contracts`
 * (a unit test keeps them equal): importing the contracts at run time would pull zod into the home page's
 * bundle, so the code on the home page imports only their types.
 */
export const supportedLocales = ['fr', 'en'] as const satisfies readonly TLocale[];
export type Locale = TLocale;
export const fallbackLocale: Locale = 'fr';

export const localeStorageKey = 'capitune.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value);
}

/** `fr-CA` → `fr`; anything that is not French or English → undefined. */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : undefined;
}

/**
 * The language to show: the one the visitor chose (stored), else the first of the browser's preferred
 * languages that we support, else French.
 */
export function detectLocale(
  stored: string | null | undefined,
  browserLanguages: readonly string[] | undefined,
): Locale {
  const chosen = toLocale(stored);
  if (chosen) return chosen;
  for (const tag of browserLanguages ?? []) {
    const locale = toLocale(tag);
    if (locale) return locale;
  }
  return fallbackLocale;
}
