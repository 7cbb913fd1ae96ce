import { expectNoA11yViolations } from '../support/a11y';
import {
  emailedLink,
  field,
  logIn,
  registerThroughApi,
  strongPassword,
  uniqueEmail,
} from '../support/accounts';
import { expect, test } from '../support/fixtures';

test.describe('forgotten password', () => {
  test.use({
    locale: 'fr-CA',
    // Refused on purpose (the old password, a bad link): the browser reports the 401 and the 400.
    allowedConsoleErrors: /Failed to load resource: the server responded with a status of 40[01]/,
  });

  test('asks for a link, sets a new password from the email; the old one no longer works', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const email = uniqueEmail('oubli');
    const oldPassword = strongPassword();
    const newPassword = strongPassword();
    await registerThroughApi(page.request, {
      role: 'candidate',
      email,
      password: oldPassword,
      firstName: 'Mathis',
      lastName: 'Gagnon',
      locale: 'fr',
    });
    const main = page.getByRole('main');

    await page.goto('/login');
    await main.getByRole('link', { name: 'Mot de passe oublié\u00a0?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
    await expectNoA11yViolations(page);
    await field(main, 'Adresse courriel').fill(email);
    await main.getByRole('button', { name: 'Envoyer le lien' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte de réception' }),
    ).toBeVisible();
    await expect(main).toContainText(`Si un compte existe pour ${email}`);

    // The link of the email.
    await page.goto(await emailedLink(page.request, email, '/reset-password'));
    await expect(
      page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }),
    ).toBeVisible();
    await expectNoA11yViolations(page);
    await field(main, 'Nouveau mot de passe').fill(newPassword);
    await main.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();

    // Back to the login page, with a message.
    await expect(page).toHaveURL(/\/login\?notice=password-reset$/);
    await expect(main.getByRole('status')).toContainText('Votre mot de passe a été changé');

    await logIn(page, email, oldPassword);
    await expect(main.getByRole('alert')).toHaveText('Adresse courriel ou mot de passe incorrect.');
    await expect(page).toHaveURL(/\/login/);

    await field(main, 'Mot de passe').fill(newPassword);
    await main.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test('a link that is not valid says so as the page opens, and offers a new one', async ({ page }) => {
    await page.goto(`/reset-password?token=${'x'.repeat(43)}`);
    const main = page.getByRole('main');
    await expect(main.getByRole('alert')).toHaveText('Ce lien n’est pas valide. Demandez-en un nouveau.');
    await expect(field(main, 'Nouveau mot de passe')).toHaveCount(0);
    await expect(main.getByRole('link', { name: 'Demander un nouveau lien' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
  });

  test('a link without its token sends to a new request', async ({ page }) => {
    await page.goto('/reset-password');
    await expect(page.getByRole('main')).toContainText('Ce lien est incomplet.');
    await page.getByRole('main').getByRole('link', { name: 'Demander un nouveau lien' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  });
});

for (const language of ['fr', 'en'] as const) {
  const t = {
    fr: {
      invalid: 'Ce lien n’est pas valide. Demandez-en un nouveau.',
      newPassword: 'Nouveau mot de passe',
      save: 'Enregistrer le mot de passe',
      requestNew: 'Demander un nouveau lien',
    },
    en: {
      invalid: 'This link is not valid. Request a new one.',
      newPassword: 'New password',
      save: 'Save the password',
      requestNew: 'Ask for a new link',
    },
  }[language];

  test.describe(`a used reset link (${language})`, () => {
    test.use({
      locale: language === 'fr' ? 'fr-CA' : 'en-CA',
      // The check of the used link is refused on purpose: the browser reports the 400.
      allowedConsoleErrors: /Failed to load resource: the server responded with a status of 400/,
    });

    test('is reported as the page opens, without the form', async ({ page }) => {
      const email = uniqueEmail(`reset-used-${language}`);
      await registerThroughApi(page.request, {
        role: 'candidate',
        email,
        password: strongPassword(),
        firstName: 'Noah',
        lastName: 'Bouchard',
        locale: language,
      });
      expect((await page.request.post('/api/auth/forgot-password', { data: { email } })).status()).toBe(202);
      const link = await emailedLink(page.request, email, '/reset-password');
      const main = page.getByRole('main');

      // Used once, from the email.
      await page.goto(link);
      await field(main, t.newPassword).fill(strongPassword());
      await main.getByRole('button', { name: t.save }).click();
      await expect(page).toHaveURL(/\/login\?notice=password-reset$/);

      // Opened again: the page says so at once.
      await page.goto(link);
      await expect(main.getByRole('alert')).toHaveText(t.invalid);
      await expect(field(main, t.newPassword)).toHaveCount(0);
      await expect(main.getByRole('link', { name: t.requestNew })).toHaveAttribute(
        'href',
        '/forgot-password',
      );
      await expectNoA11yViolations(page);
    });
  });
}
