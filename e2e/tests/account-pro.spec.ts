import { expect, test } from '../support/fixtures';
import { accountJourney } from '../support/journey';

test.describe('a professional’s account, in English', () => {
  test.use({ locale: 'en-CA' });

  test('signs up with a licence number and a firm, then follows the main path', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await accountJourney(page, browser, {
      language: 'en',
      role: 'pro',
      firstName: 'Julien',
      lastName: 'Okafor',
      mailboxThroughUi: false,
    });

    // The preferred language of the profile is the language of the interface.
    const personal = page.getByRole('region', { name: 'Personal information' });
    await personal.getByLabel('Preferred language').selectOption('fr');
    await personal.getByRole('button', { name: 'Save my information' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(
      page.getByRole('region', { name: 'Renseignements personnels' }).getByRole('status'),
    ).toHaveText('Vos renseignements sont enregistrés.');
  });
});
