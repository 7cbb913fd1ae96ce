import { field, logIn, registerThroughApi, strongPassword, uniqueEmail } from '../support/accounts';
import { expect, test } from '../support/fixtures';
import { heroHeading, text } from '../support/pages';

test.describe('language switcher', () => {
  test.use({ locale: 'fr-CA' });

  test('switches to English, keeps <html lang> and the title in sync, and remembers the choice', async ({
    page,
  }) => {
    await page.goto('/');
    const toEnglish = page.getByRole('button', { name: text.fr.switchTo });
    await expect(toEnglish).toHaveAttribute('lang', 'en');

    await toEnglish.click();

    await expect(heroHeading(page, 'en')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle(/Immigrate to Canada/);
    await expect(page.getByRole('link', { name: text.en.skipLink })).toBeAttached();
    const toFrench = page.getByRole('button', { name: text.en.switchTo });
    await expect(toFrench).toHaveAttribute('lang', 'fr');

    await page.reload();
    await expect(heroHeading(page, 'en')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await page.getByRole('button', { name: text.en.switchTo }).click();
    await expect(heroHeading(page, 'fr')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page).toHaveTitle(/Immigrer au Canada/);
  });

  test('translates the lazily loaded legal pages too', async ({ page }) => {
    await page.goto('/privacy');
    await expect(page.getByRole('heading', { level: 1, name: text.fr.privacy })).toBeVisible();
    await expect(page).toHaveTitle(`${text.fr.privacy} · CAPITUNE`);

    await page.getByRole('button', { name: text.fr.switchTo }).click();

    await expect(page.getByRole('heading', { level: 1, name: text.en.privacy })).toBeVisible();
    await expect(page).toHaveTitle(`${text.en.privacy} · CAPITUNE`);
    await expect(page.getByText('Last updated: December 6, 2026')).toBeVisible();
  });
});

test.describe('first visit with a browser in another language', () => {
  test.use({ locale: 'es-MX' });

  test('falls back to French', async ({ page }) => {
    await page.goto('/');
    await expect(heroHeading(page, 'fr')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });
});

test.describe('language switcher, signed in', () => {
  test.use({ locale: 'fr-CA' });

  test('changes the account’s language too (emails follow), and says so in the new language', async ({
    page,
  }) => {
    const email = uniqueEmail('langue');
    const password = strongPassword();
    await registerThroughApi(page.request, {
      role: 'candidate',
      email,
      password,
      firstName: 'Léa',
      lastName: 'Tremblay',
      locale: 'fr',
    });
    await page.goto('/login');
    await logIn(page, email, password);
    await expect(page).toHaveURL(/\/dashboard$/);

    await page.getByRole('button', { name: text.fr.switchTo }).click();
    await expect(page.getByRole('status').filter({ hasText: text.en.languageSaved })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    // An email sent now is in English: the account's language changed, not only the screen's.
    expect((await page.request.post('/api/auth/forgot-password', { data: { email } })).status()).toBe(202);
    await expect
      .poll(async () => {
        const { items } = (await (await page.request.get('/api/dev/mailbox')).json()) as {
          items: { to: string; subject: string }[];
        };
        return items.find((item) => item.to === email && /password|passe/i.test(item.subject))?.subject;
      })
      .toBe('Reset your password');

    // And back: the profile shows French as the account's language.
    await page.getByRole('button', { name: text.en.switchTo }).click();
    await expect(page.getByRole('status').filter({ hasText: text.fr.languageSaved })).toBeVisible();
    await page.goto('/profile');
    await expect(field(page.getByRole('main'), 'Langue préférée')).toHaveValue('fr');
  });
});
