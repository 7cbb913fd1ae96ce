import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { deviceAt, failedRequest } from '../support/devices';
import { verifiedAccount } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';

/**
 * Sign-in alerts and the sessions list: a person signed in on one browser sees how (factor), roughly
 * where (country of the address) and when each session was last used; a sign-in from a fresh browser
 * emails an alert whose link ends that session, and that browser is signed out at its next request.
 * The link works once. The list and /end-session pass axe at 1280 and 360 px, in French and English.
 */

type Language = 'fr' | 'en';

const NBSP = '\u00a0';

/**
 * Public addresses the server places in a country (from its IPv4 country data), sent as the
 * X-Forwarded-For the server trusts from the test runner: each browser "comes from" its own country.
 */
const fromCanada = '24.48.0.1';
const fromFrance = '2.16.0.1';

/** The texts of the sessions list and of /end-session (from apps/web/src/locales). */
const text = {
  fr: {
    profile: 'Mon profil',
    sessions: 'Sessions actives',
    thisDevice: 'Cet appareil',
    factorPassword: `Méthode de connexion${NBSP}: mot de passe`,
    place: (country: string) => `Lieu approximatif${NBSP}: ${country}`,
    canada: 'Canada',
    france: 'France',
    ip: (ip: string) => `Adresse IP${NBSP}: ${ip}`,
    lastUsed: `Dernière activité${NBSP}:`,
    endTitle: 'Mettre fin à une session',
    endConfirm: 'Mettre fin à cette session',
    ended: 'Session terminée',
    endedBody: 'L’appareil a été déconnecté.',
    invalid: 'Lien non valide',
    seeSessions: 'Voir mes sessions',
  },
  en: {
    profile: 'My profile',
    sessions: 'Active sessions',
    thisDevice: 'This device',
    factorPassword: 'Signed in with: password',
    place: (country: string) => `Approximate place: ${country}`,
    canada: 'Canada',
    france: 'France',
    ip: (ip: string) => `IP address: ${ip}`,
    lastUsed: 'Last activity:',
    endTitle: 'End a session',
    endConfirm: 'End this session',
    ended: 'Session ended',
    endedBody: 'The device was logged out.',
    invalid: 'Invalid link',
    seeSessions: 'See my sessions',
  },
} as const;

interface MailboxItem {
  to: string;
  subject: string;
  text: string;
}

/** The path of the end-session link of the sign-in alerts emailed to `to`, read from the dev mailbox. */
async function alertLinks(request: APIRequestContext, to: string): Promise<string[]> {
  const response = await request.get('/api/dev/mailbox');
  expect(response.ok()).toBe(true);
  const { items } = (await response.json()) as { items: MailboxItem[] };
  const pattern = /https?:\/\/\S+\/end-session\?token=[\w%-]+/;
  return items
    .filter((item) => item.to === to)
    .map((item) => item.text.match(pattern)?.[0])
    .filter((link): link is string => !!link)
    .map((link) => {
      const url = new URL(link);
      return `${url.pathname}${url.search}`;
    });
}

async function atBothWidths(page: Page, check: () => Promise<void>) {
  await check();
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await check();
  expect(await documentScrollWidth(page), page.url()).toBeLessThanOrEqual(360);
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function sessionsJourney(browser: Browser, request: APIRequestContext, language: Language) {
  const t = text[language];
  const problems: string[] = [];
  const account = await verifiedAccount(request, {
    role: 'candidate',
    firstName: 'Maëlle',
    lastName: 'Bergeron',
    locale: language,
  });

  const contexts: BrowserContext[] = [];
  try {
    // The first browser on record: nothing to compare it with, so no alert.
    const home = await deviceAt(browser, { account, address: fromCanada, language, problems, contexts });
    await home.page.goto('/profile#sessions');
    const main = home.page.getByRole('main');
    const sessions = main.getByRole('region', { name: t.sessions });
    const only = sessions.getByRole('listitem');
    // The first visit loads the page's code and four requests: give a busy machine the time.
    await expect(only).toHaveCount(1, { timeout: 15_000 });
    await expect(only).toContainText(t.thisDevice);
    await expect(only).toContainText(t.factorPassword);
    await expect(only).toContainText(t.place(t.canada));
    await expect(only).toContainText(t.ip(fromCanada));
    await expect(only).toContainText(t.lastUsed);
    expect(await alertLinks(request, account.email)).toEqual([]);

    // A fresh browser, from another country, signs in: the owner is emailed an alert.
    const away = await deviceAt(browser, { account, address: fromFrance, language, problems, contexts });
    let links: string[] = [];
    await expect(async () => {
      links = await alertLinks(request, account.email);
      expect(links).toHaveLength(1);
    }).toPass({ timeout: 5_000 });
    const link = links[0] as string;

    // The first browser lists both: how, where and when each was used, this one marked.
    await home.page.reload();
    const badge = home.page.getByText(t.thisDevice, { exact: true });
    await atBothWidths(home.page, async () => {
      await expect(sessions.getByRole('listitem')).toHaveCount(2);
      const current = sessions.getByRole('listitem').filter({ has: badge });
      const newcomer = sessions.getByRole('listitem').filter({ hasNot: badge });
      await expect(current).toContainText(t.place(t.canada));
      await expect(newcomer).toContainText(t.place(t.france));
      await expect(newcomer).toContainText(t.ip(fromFrance));
      await expect(newcomer).toContainText(t.factorPassword);
      await expect(newcomer).toContainText(t.lastUsed);
    });

    // The owner opens the alert's link and confirms: that session ends. The other browser's open page
    // (its live connection, its token renewal) meets the end at once.
    away.allow(failedRequest(401));
    await home.page.goto(link);
    await atBothWidths(home.page, async () => {
      await expect(main.getByRole('heading', { level: 1, name: t.endTitle })).toBeVisible();
      await expect(main.getByRole('button', { name: t.endConfirm })).toBeVisible();
    });
    await main.getByRole('button', { name: t.endConfirm }).click();
    await expect(main.getByRole('heading', { level: 1, name: t.ended })).toBeFocused();
    await expect(main).toContainText(t.endedBody);
    await expectNoA11yViolations(home.page);

    // The other browser is signed out at its next request: its page sends it to log in.
    await away.page.goto('/profile');
    await expect(away.page).toHaveURL(/\/login\?redirect=%2Fprofile$/);

    // This browser is still signed in, and lists one session.
    await main.getByRole('link', { name: t.seeSessions }).click();
    await expect(sessions.getByRole('listitem')).toHaveCount(1);
    await expect(sessions.getByRole('listitem')).toContainText(t.thisDevice);

    // The link works once.
    home.allow(failedRequest(400));
    await home.page.goto(link);
    await main.getByRole('button', { name: t.endConfirm }).click();
    await expect(main.getByRole('heading', { level: 1, name: t.invalid })).toBeVisible();
    await expectNoA11yViolations(home.page);
  } finally {
    for (const context of contexts) await context.close();
  }

  expect(problems, 'the pages logged errors').toEqual([]);
}

test.describe('sessions and sign-in alerts', () => {
  test('in French: the list shows factor, place and last use; the alert’s link ends the other session', async ({
    browser,
    request,
  }) => {
    test.setTimeout(90_000);
    await sessionsJourney(browser, request, 'fr');
  });

  test.describe('in English', () => {
    test.use({ locale: 'en-CA' });

    test('the list shows factor, place and last use; the alert’s link ends the other session', async ({
      browser,
      request,
    }) => {
      test.setTimeout(90_000);
      await sessionsJourney(browser, request, 'en');
    });
  });
});
