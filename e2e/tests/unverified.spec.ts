import { expectNoA11yViolations } from '../support/a11y';
import { emailedLink, logIn, registerThroughApi, strongPassword, uniqueEmail } from '../support/accounts';
import { expect, test } from '../support/fixtures';

test.describe('an address not confirmed yet', () => {
  test.use({
    locale: 'fr-CA',
    // Refused on purpose: a bad link (400), the fourth request within the hour (429).
    allowedConsoleErrors: /Failed to load resource: the server responded with a status of (400|429)/,
  });

  test('shows the banner, resends the email (then says to wait), and goes once confirmed', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const email = uniqueEmail('banniere');
    const password = strongPassword();
    await registerThroughApi(page.request, {
      role: 'candidate',
      email,
      password,
      firstName: 'Léa',
      lastName: 'Bouchard',
      locale: 'fr',
    });

    await page.goto('/login');
    await logIn(page, email, password);
    await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Léa' })).toBeVisible();

    const banner = page.getByRole('region', { name: 'Confirmez votre adresse courriel' });
    await expect(banner).toContainText(
      'Mon dossier, la publication dans Inside et l’inscription aux Live restent fermés',
    );
    await expect(banner).toContainText(email);
    await expectNoA11yViolations(page);

    // A link that is not valid: the page itself offers a new one (and the banner steps aside).
    await page.goto(`/verify-email?token=${'x'.repeat(43)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Ce lien n’est pas valide' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('button', { name: 'Renvoyer le courriel' })).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expectNoA11yViolations(page);

    // The banner follows the person from page to page.
    await page.goto('/');
    await expect(banner).toBeVisible();

    const resend = banner.getByRole('button', { name: 'Renvoyer le courriel' });
    const status = banner.getByRole('status');
    for (let i = 0; i < 3; i++) {
      await resend.click();
      await expect(status).toHaveText(`C’est fait : un nouveau lien vous attend à ${email}.`);
    }
    // Asked too often: how long to wait, in words.
    await resend.click();
    await expect(status).toHaveText(
      /^Vous avez demandé plusieurs courriels en peu de temps\. Réessayez dans \d+ minutes?\.$/,
    );

    // The latest link confirms the address, and the banner goes (the session is refreshed).
    await page.goto(await emailedLink(page.request, email, '/verify-email'));
    await expect(page.getByRole('heading', { level: 1, name: 'Adresse courriel confirmée' })).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expectNoA11yViolations(page);
    await page.getByRole('main').getByRole('link', { name: 'Aller à mon profil' }).click();
    await expect(page.getByRole('region', { name: 'Renseignements personnels' })).toContainText('Confirmée');
    await expect(banner).toHaveCount(0);
  });
});
