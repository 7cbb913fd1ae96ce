import { expect, test } from '../support/fixtures';
import { accountJourney } from '../support/journey';

test.describe('a candidate’s account, in French', () => {
  test.use({ locale: 'fr-CA' });

  test('signs up from the home page, confirms the address, edits the profile, changes the password and logs out another device', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    await accountJourney(page, browser, {
      language: 'fr',
      role: 'candidate',
      firstName: 'Amina',
      lastName: 'Diallo',
      mailboxThroughUi: true,
    });
    await expect(page.getByRole('banner').getByRole('button', { name: /Amina/ })).toBeVisible();
  });
});
