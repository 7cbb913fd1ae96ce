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
    await expect(page.getByText('Last updated: November 25, 2026')).toBeVisible();
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
