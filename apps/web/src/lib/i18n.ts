import i18next, { type ResourceKey } from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import commonEn from '../locales/en/common.json';
import homeEn from '../locales/en/home.json';
import commonFr from '../locales/fr/common.json';
import homeFr from '../locales/fr/home.json';
import {
  detectLocale,
  fallbackLocale,
  isLocale,
  type Locale,
  localeStorageKey,
  supportedLocales,
} from './locale';

/**
 * Namespaces shown on the home page are bundled so the first paint needs no extra request. The others
 * (legal pages, later features) live in their own chunks and load with the page that needs them.
 */
export const bundledNamespaces = ['common', 'home'] as const;

const lazyNamespaces = import.meta.glob<ResourceKey>(
  ['../locales/*/*.json', '!../locales/*/common.json', '!../locales/*/home.json'],
  { import: 'default' },
);

function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(localeStorageKey);
  } catch {
    return null; // storage disabled (privacy settings): fall back to the browser language
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(localeStorageKey, locale);
  } catch {
    // the choice then lasts for this page only
  }
}

/** Keeps `<html lang>` equal to the language on screen, for screen readers, spell-checkers and search engines. */
function syncDocumentLanguage(locale: string): void {
  document.documentElement.lang = locale;
}

export function initI18n() {
  const lng = detectLocale(readStoredLocale(), navigator.languages);
  i18next.on('languageChanged', syncDocumentLanguage);
  syncDocumentLanguage(lng);

  void i18next
    .use(
      resourcesToBackend((language: string, namespace: string) => {
        const load = lazyNamespaces[`../locales/${language}/${namespace}.json`];
        return load ? load() : Promise.reject(new Error(`No translations for ${language}/${namespace}`));
      }),
    )
    .use(initReactI18next)
    .init({
      lng,
      fallbackLng: fallbackLocale,
      supportedLngs: supportedLocales,
      load: 'languageOnly',
      ns: bundledNamespaces,
      defaultNS: 'common',
      resources: {
        fr: { common: commonFr, home: homeFr },
        en: { common: commonEn, home: homeEn },
      },
      // The bundled resources above are only part of the namespaces: load the others on demand.
      partialBundledLanguages: true,
      interpolation: { escapeValue: false }, // React escapes already
      returnNull: false,
      initAsync: false,
    });
  return i18next;
}

/** Switches the language on screen and remembers the choice for the next visits. */
export async function changeLocale(locale: Locale): Promise<void> {
  storeLocale(locale);
  await i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLocale(language) ? language : fallbackLocale;
}
