import { demo, field, logIn, uniqueEmail } from '../support/accounts';
import { expect, test } from '../support/fixtures';

test.describe('errors, in the person’s language', () => {
  test.use({
    locale: 'fr-CA',
    // Refused on purpose: the browser reports the 401 (wrong password) and the 400 (weak password).
    allowedConsoleErrors: /Failed to load resource: the server responded with a status of 40[01]/,
  });

  test('a wrong password shows the translated error and keeps what was typed', async ({ page }) => {
    await page.goto('/login');
    await logIn(page, demo.pro, 'pas-le-bon-mot-de-passe');
    const main = page.getByRole('main');
    await expect(main.getByRole('alert')).toHaveText('Adresse courriel ou mot de passe incorrect.');
    await expect(field(main, 'Adresse courriel')).toHaveValue(demo.pro);
    await expect(field(main, 'Mot de passe')).toHaveValue('pas-le-bon-mot-de-passe');
    await expect(main.getByRole('button', { name: 'Se connecter', exact: true })).toBeEnabled();
  });

  test('a weak password at sign-up shows the reason under the field', async ({ page }) => {
    await page.goto('/signup?role=candidate');
    const main = page.getByRole('main');
    await field(main, 'Prénom').fill('Noah');
    await field(main, 'Nom').fill('Lefebvre');
    await field(main, 'Adresse courriel').fill(uniqueEmail('faible'));
    await field(main, 'Mot de passe').fill('motdepasse123');
    await main.getByLabel(/J’accepte les conditions/).check();

    const answer = page.waitForResponse((response) => response.url().endsWith('/api/auth/register'));
    await main.getByRole('button', { name: 'Créer mon compte' }).click();
    const problem = (await (await answer).json()) as { code: string; detail: string };
    expect(problem.code).toBe('PASSWORD_TOO_WEAK');

    const password = field(main, 'Mot de passe');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toBeFocused();
    await expect(password).toHaveAccessibleDescription(
      new RegExp(problem.detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    // Still the form, with what was typed.
    await expect(field(main, 'Prénom')).toHaveValue('Noah');
  });

  test('the form checks its fields before sending, and translates the messages with the page', async ({
    page,
  }) => {
    await page.goto('/signup?role=pro');
    const main = page.getByRole('main');
    await field(main, 'Numéro de permis').fill('R1');
    await field(main, 'Adresse courriel').fill('pas-une-adresse');
    await field(main, 'Mot de passe').fill('court');
    await main.getByRole('button', { name: 'Créer mon compte' }).click();

    await expect(field(main, 'Prénom')).toHaveAccessibleDescription('Ce champ est obligatoire.');
    await expect(field(main, 'Prénom')).toBeFocused();
    // The licence is checked against the chosen regulator's format (the CICC's by default).
    await expect(field(main, 'Numéro de permis')).toHaveAccessibleDescription(
      /Ce numéro n’a pas la forme de ceux de cet ordre, par exemple R123456\.$/,
    );
    await expect(field(main, 'Adresse courriel')).toHaveAccessibleDescription(
      'Entrez une adresse courriel valide, par exemple nom@exemple.ca.',
    );
    await expect(main).toContainText('Entrez au moins 10 caractères.');
    await expect(main.getByLabel(/J’accepte les conditions/)).toHaveAccessibleDescription(
      'Acceptez les conditions d’utilisation et la politique de confidentialité pour continuer.',
    );

    // Switching the language translates the messages on screen too.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(field(main, 'First name')).toHaveAccessibleDescription('This field is required.');
    await expect(field(main, 'Email address')).toHaveAccessibleDescription(
      'Enter a valid email address, for example name@example.ca.',
    );
  });
});
