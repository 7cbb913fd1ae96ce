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
    await main.getByRole('link', { name: 'Mot de passe oublié?' }).click();
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

  test('a link that is not valid says so, and offers a new one', async ({ page }) => {
    await page.goto(`/reset-password?token=${'x'.repeat(43)}`);
    const main = page.getByRole('main');
    await field(main, 'Nouveau mot de passe').fill(strongPassword());
    await main.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    const alert = main.getByRole('alert');
    await expect(alert).toContainText('Ce lien n’est pas valide. Demandez-en un nouveau.');
    await expect(alert.getByRole('link', { name: 'Demander un nouveau lien' })).toHaveAttribute(
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
