import type { Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { demo, field, logIn } from '../support/accounts';
import { verifiedAccount } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';
import {
  addVirtualAuthenticator,
  confirmWithPassword,
  emailedCode,
  nextTotpCode,
  totpCode,
  totpStep,
  twoFactorText,
} from '../support/two-factor';

/**
 * Two-step verification, end to end: a candidate sets up an authenticator app (the test computes its
 * codes from the secret shown) and signs in with it, then with a recovery code; a passkey is registered
 * in Chromium's virtual authenticator and signs in alone; a pro whose grace is over can open nothing
 * but the security page until they set one up; an export asks the person to confirm it is them.
 *
 * Every step-up and every refused code is a 401 of the API, which the browser logs: expected here.
 */

type Language = 'fr' | 'en';

const text = {
  fr: {
    ...twoFactorText.fr,
    offerTitle: 'Protégez votre dossier',
    offerLink: 'Activer la vérification en deux étapes',
    authenticator: 'Application d’authentification',
    logout: 'Déconnexion',
    dashboard: (name: string) => `Bonjour ${name}`,
    exportCsv: 'Exporter en CSV',
    registrants: 'Inscriptions',
    graceLink: 'Configurer la vérification en deux étapes',
    recoverySection: 'Codes de récupération',
    nineLeft: '9 codes inutilisés.',
    usePasskey: 'Utiliser ma clé d’accès',
  },
  en: {
    ...twoFactorText.en,
    offerTitle: 'Protect your dossier',
    offerLink: 'Turn on two-step verification',
    authenticator: 'Authenticator app',
    logout: 'Log out',
    dashboard: (name: string) => `Hello ${name}`,
    exportCsv: 'Export as CSV',
    registrants: 'Registrations',
    graceLink: 'Set up two-step verification',
    recoverySection: 'Recovery codes',
    nineLeft: '9 unused codes.',
    usePasskey: 'Use my passkey',
  },
} as const;

const localeOf = (language: Language) => (language === 'fr' ? 'fr-CA' : 'en-CA');

async function logOut(page: Page, firstName: string, language: Language) {
  const banner = page.getByRole('banner');
  await banner.getByRole('button', { name: new RegExp(firstName) }).click();
  await banner.getByRole('button', { name: text[language].logout }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** The security page at a phone's width: nothing scrolls sideways, and axe finds nothing. */
async function checkAtPhoneWidth(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
  await expectNoA11yViolations(page);
  if (size) await page.setViewportSize(size);
}

/** A six-digit code that none of the steps around now accepts. */
function wrongCode(secret: string): string {
  const now = totpStep();
  const valid = new Set([now - 1, now, now + 1, now + 2].map((step) => totpCode(secret, step)));
  let candidate = 123456;
  while (valid.has(String(candidate))) candidate += 1;
  return String(candidate);
}

for (const language of ['fr', 'en'] as const) {
  test.describe(`two-step verification (${language})`, () => {
    test.use({ locale: localeOf(language), allowedConsoleErrors: /status of 401/ });
    const t = text[language];

    test('a candidate sets up an authenticator app, then signs in with its code and with a recovery code', async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const firstName = language === 'fr' ? 'Léa' : 'Liam';
      const account = await verifiedAccount(page.request, {
        role: 'candidate',
        firstName,
        lastName: 'Martin',
        locale: language,
      });
      const main = page.getByRole('main');

      // The dashboard offers it to a candidate who has none.
      await page.goto('/login');
      await logIn(page, account.email, account.password, language);
      await expect(page).toHaveURL(/\/dashboard$/);
      const offer = main.getByRole('region', { name: t.offerTitle });
      await expect(offer).toBeVisible();
      await offer.getByRole('link', { name: t.offerLink }).click();
      await expect(page).toHaveURL(/\/profile\/security$/);
      await expect(page.getByRole('heading', { level: 1, name: t.securityTitle })).toBeVisible();
      await expectNoA11yViolations(page);

      // Setting it up is a change of factors: the password confirms it is them (no factor yet).
      const app = main.getByRole('region', { name: t.authenticator });
      await app.getByRole('button', { name: t.setUpApp }).click();
      await confirmWithPassword(page, account.password, language);
      await expect(app.getByRole('img', { name: t.qrAlt })).toBeVisible();
      const secret = ((await app.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await expectNoA11yViolations(page);
      await checkAtPhoneWidth(page);

      const enrolStep = totpStep();
      await field(app, t.sixDigits).fill(totpCode(secret, enrolStep));
      await app.getByRole('button', { name: t.turnOn, exact: true }).click();
      await expect(app.getByRole('status').filter({ hasText: t.activated })).toBeVisible();
      const codes = app.getByRole('list', { name: t.recoveryTitle }).getByRole('listitem');
      await expect(codes).toHaveCount(10);
      const recoveryCode = ((await codes.first().textContent()) ?? '').trim();
      expect(recoveryCode).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/i);
      await expectNoA11yViolations(page);
      await app.getByRole('button', { name: t.keptCodes }).click();
      await expect(codes).toHaveCount(0);

      // Signing in now takes the app's code: a wrong one is refused under its field.
      await logOut(page, firstName, language);
      await page.goto('/login');
      await logIn(page, account.email, account.password, language);
      await expect(page.getByRole('heading', { level: 1, name: t.secondStepTitle })).toBeVisible();
      await expectNoA11yViolations(page);
      await field(main, t.appCode).fill(wrongCode(secret));
      await main.getByRole('button', { name: t.verify, exact: true }).click();
      await expect(main.getByText(t.wrongCode)).toBeVisible();
      await field(main, t.appCode).fill(nextTotpCode(secret, enrolStep).code);
      await main.getByRole('button', { name: t.verify, exact: true }).click();
      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(page.getByRole('heading', { level: 1, name: t.dashboard(firstName) })).toBeVisible();

      // Without the phone: a recovery code, once.
      await logOut(page, firstName, language);
      await page.goto('/login');
      await logIn(page, account.email, account.password, language);
      await expect(page.getByRole('heading', { level: 1, name: t.secondStepTitle })).toBeVisible();
      await main.getByRole('radio', { name: t.recoveryMethod }).check();
      await field(main, t.recoveryCode).fill(recoveryCode);
      await main.getByRole('button', { name: t.verify, exact: true }).click();
      await expect(page).toHaveURL(/\/dashboard$/);

      // The security page counts what is left: nine codes.
      await page.goto('/profile/security');
      await expect(main.getByRole('region', { name: t.recoverySection })).toContainText(t.nineLeft);
    });
  });
}

test.describe('codes by email (fr)', () => {
  test.use({ locale: 'fr-CA', allowedConsoleErrors: /status of 401/ });
  const t = text.fr;

  test('a candidate turns on codes by email, then signs in with the code they receive', async ({ page }) => {
    test.setTimeout(60_000);
    const account = await verifiedAccount(page.request, {
      role: 'candidate',
      firstName: 'Chloé',
      lastName: 'Lavoie',
      locale: 'fr',
    });
    const main = page.getByRole('main');
    await page.goto('/login');
    await logIn(page, account.email, account.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto('/profile/security');
    const section = main.getByRole('region', { name: t.emailCodesSection });
    await section.getByRole('button', { name: t.enableEmailCodes }).click();
    await confirmWithPassword(page, account.password, 'fr');
    await expect(section.getByRole('status')).toHaveText(t.emailCodesOn);

    await logOut(page, 'Chloé', 'fr');
    await page.goto('/login');
    await logIn(page, account.email, account.password);
    await expect(page.getByRole('heading', { level: 1, name: t.secondStepTitle })).toBeVisible();
    const asked = new Date(Date.now() - 1000);
    await main.getByRole('button', { name: t.sendEmailCode }).click();
    await expect(main.getByText(t.codeSentTo)).toBeVisible();
    await field(main, t.codeReceived).fill(await emailedCode(page.request, account.email, asked));
    await main.getByRole('button', { name: t.verify, exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});

test.describe('passkeys', () => {
  // WebAuthn needs a domain: the suite opens the app at localhost, the server's public address.
  test.use({ allowedConsoleErrors: /status of 401/ });

  for (const language of ['fr', 'en'] as const) {
    test.describe(`(${language})`, () => {
      test.use({ locale: localeOf(language) });
      const t = text[language];

      test('a passkey is registered and renamed, then signs in alone and as the second step', async ({
        page,
      }) => {
        test.setTimeout(90_000);
        await addVirtualAuthenticator(page);
        const firstName = language === 'fr' ? 'Inès' : 'Noah';
        const account = await verifiedAccount(page.request, {
          role: 'candidate',
          firstName,
          lastName: 'Bouchard',
          locale: language,
        });
        const main = page.getByRole('main');

        await page.goto('/login');
        await logIn(page, account.email, account.password, language);
        await expect(page).toHaveURL(/\/dashboard$/);
        await page.goto('/profile/security');
        const name = language === 'fr' ? 'Ordinateur du bureau' : 'Office laptop';
        await field(main, t.passkeyName).fill(name);
        await main.getByRole('button', { name: t.addPasskey }).click();
        await confirmWithPassword(page, account.password, language);
        await expect(main.getByText(t.passkeyAdded(name))).toBeVisible();
        const list = main.getByRole('list', { name: t.passkeys });
        await expect(list.getByRole('listitem')).toHaveCount(1);
        await expect(list).toContainText(name);

        const renamed = language === 'fr' ? 'Portable personnel' : 'Personal laptop';
        await list.getByRole('button', { name: t.rename(name) }).click();
        await field(list, t.newName).fill(renamed);
        await list.getByRole('button', { name: t.save }).click();
        await expect(list).toContainText(renamed);
        await expectNoA11yViolations(page);

        // The passkey alone: no email, no password.
        await logOut(page, firstName, language);
        await page.goto('/login');
        await main.getByRole('button', { name: t.passkeySignIn }).click();
        await expect(page).toHaveURL(/\/dashboard$/);
        await expect(page.getByRole('heading', { level: 1, name: t.dashboard(firstName) })).toBeVisible();

        // With the password, the passkey is now the second step.
        await logOut(page, firstName, language);
        await page.goto('/login');
        await logIn(page, account.email, account.password, language);
        await expect(page.getByRole('heading', { level: 1, name: t.secondStepTitle })).toBeVisible();
        await main.getByRole('button', { name: t.usePasskey }).click();
        await expect(page).toHaveURL(/\/dashboard$/);
      });
    });
  }
});

test.describe('a professional whose grace is over', () => {
  // The refused pages answer 403 TWO_FACTOR_SETUP_REQUIRED, and the step-up a 401: both expected.
  test.use({ locale: 'fr-CA', allowedConsoleErrors: /status of 40[13]/ });
  const t = text.fr;

  test('can open only the security page until an authenticator app is set up', async ({ page }) => {
    test.setTimeout(90_000);
    const main = page.getByRole('main');
    await page.goto('/login');
    await logIn(page, 'pro3@demo.capitune.ca', demo.password);
    await expect(page).toHaveURL(/\/profile\/security\?setup=required$/);
    await expect(main.getByText(t.setupRequired)).toBeVisible();
    await expect(main.getByRole('link', { name: 'Retour au profil' })).toHaveCount(0);
    await expectNoA11yViolations(page);

    // Another page, typed in or from the menu: back to the security page.
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/profile\/security\?setup=required$/);
    await expect(main.getByText(t.setupRequired)).toBeVisible();
    await page.getByRole('banner').getByRole('button', { name: /Nadia/ }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Profil', exact: true }).click();
    await expect(page).toHaveURL(/\/profile\/security\?setup=required$/);

    const app = main.getByRole('region', { name: t.authenticator });
    await app.getByRole('button', { name: t.setUpApp }).click();
    await confirmWithPassword(page, demo.password, 'fr');
    const secret = ((await app.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await field(app, t.sixDigits).fill(totpCode(secret));
    await app.getByRole('button', { name: t.turnOn, exact: true }).click();
    await expect(app.getByRole('status').filter({ hasText: t.activated })).toBeVisible();
    await app.getByRole('button', { name: t.keptCodes }).click();
    await expect(main.getByText(t.setupRequired)).toBeHidden();

    // Set up: the rest of the site is open again.
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole('heading', { level: 1, name: t.dashboard('Nadia') })).toBeVisible();
  });
});

for (const language of ['fr', 'en'] as const) {
  test.describe(`step-up before an export (${language})`, () => {
    test.use({ locale: localeOf(language), allowedConsoleErrors: /status of 401/ });
    const t = text[language];

    test('the registrants’ CSV asks the host to confirm it is them; cancelling stops it', async ({
      page,
    }) => {
      test.setTimeout(60_000);
      const events = await page.request.get('/api/events?limit=100');
      expect(events.ok()).toBe(true);
      const { items } = (await events.json()) as { items: { id: string; host: { firstName: string } }[] };
      const hosted = items.find((item) => item.host.firstName === 'Julien');
      expect(hosted, 'a webinar of the demo pro').toBeTruthy();

      await page.goto('/login');
      await logIn(page, demo.pro, demo.password, language);
      await expect(page).toHaveURL(/\/dashboard$/);
      // Still in the grace of the policy: the banner says until when, and leads to the security page.
      const banner = page.getByRole('region', { name: t.graceTitle });
      await expect(banner).toBeVisible();
      await expect(banner.getByRole('link', { name: t.graceLink })).toHaveAttribute(
        'href',
        '/profile/security',
      );
      await expectNoA11yViolations(page);

      await page.goto(`/live/${hosted?.id}/registrants`);
      const main = page.getByRole('main');
      await expect(main.getByRole('heading', { level: 1, name: t.registrants })).toBeVisible();

      // Cancelled: nothing is downloaded, and the page says why.
      await main.getByRole('button', { name: t.exportCsv }).click();
      const dialog = page.getByRole('dialog', { name: t.stepUpTitle });
      await expect(dialog).toBeVisible();
      await expectNoA11yViolations(page);
      await dialog.getByRole('button', { name: t.cancel, exact: true }).click();
      await expect(main.getByRole('alert')).toHaveText(t.cancelled);

      // Confirmed with the password (no factor yet): the file comes.
      await main.getByRole('button', { name: t.exportCsv }).click();
      const downloading = page.waitForEvent('download');
      await confirmWithPassword(page, demo.password, language);
      expect((await downloading).suggestedFilename()).toMatch(/\.csv$/);

      // Within the next 10 minutes, no second question.
      const again = page.waitForEvent('download');
      await main.getByRole('button', { name: t.exportCsv }).click();
      expect((await again).suggestedFilename()).toMatch(/\.csv$/);
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });
  });
}
