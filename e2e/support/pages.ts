import { expect, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** The texts the specs look for, in both languages (from apps/web/src/locales). */
export const text = {
  fr: {
    heroTitle: 'Votre projet d’immigration, suivi pas à pas avec des professionnels vérifiés',
    ctaCandidate: 'Je suis candidat·e',
    ctaPro: 'Je suis professionnel·le',
    switchTo: 'English',
    languageSaved:
      'Langue enregistrée dans votre compte\u00a0: vos courriels et rappels seront aussi en français.',
    skipLink: 'Aller au contenu',
    notFound: 'Page introuvable',
    home: 'Retour à l’accueil',
    privacy: 'Politique de confidentialité',
    terms: 'Conditions d’utilisation',
    signup: 'Créer un compte',
    menu: 'Menu',
    inside: 'Inside',
    routeError: 'Une erreur est survenue',
    retry: 'Réessayer',
  },
  en: {
    heroTitle: 'Your immigration project, followed step by step with verified professionals',
    ctaCandidate: 'I’m a candidate',
    ctaPro: 'I’m a professional',
    switchTo: 'Français',
    languageSaved: 'Language saved to your account: your emails and reminders will be in English too.',
    skipLink: 'Skip to content',
    notFound: 'Page not found',
    home: 'Back to the home page',
    privacy: 'Privacy policy',
    terms: 'Terms of use',
    signup: 'Create an account',
    menu: 'Menu',
    inside: 'Inside',
    routeError: 'Something went wrong',
    retry: 'Try again',
  },
} as const;

export type Language = keyof typeof text;

/** The scrollable width of the document: no wider than the viewport when nothing scrolls sideways. */
export async function documentScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
}

export function heroHeading(page: Page, language: Language) {
  return page.getByRole('heading', { level: 1, name: text[language].heroTitle });
}

/** French strings carry no-break spaces (U+00A0, U+202F) where the tests write plain ones: a whole text. */
export function loosely(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0\\u202f]');
  return new RegExp(`^${escaped}$`);
}

/** The page again at 360 px: the check still holds, nothing scrolls sideways, axe is clean. */
export async function atPhoneWidth(page: Page, check: () => Promise<void>) {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await check();
  expect(await documentScrollWidth(page), page.url()).toBeLessThanOrEqual(360);
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}
