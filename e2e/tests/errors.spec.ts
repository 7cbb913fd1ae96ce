import { expect, test } from '../support/fixtures';
import { text } from '../support/pages';

test.describe('error boundary', () => {
  test.use({
    locale: 'fr-CA',
    // The test cuts the network on purpose: the browser and React report it.
    allowedConsoleErrors: /Failed to load resource|dynamically imported module|Failed to fetch/i,
  });

  test('a page whose code cannot load shows a friendly message, a retry and a way home', async ({ page }) => {
    await page.route(/\/assets\/privacy-page-[\w-]+\.js$/, (route) => route.abort('internetdisconnected'));
    await page.goto('/privacy');

    await expect(page.getByRole('heading', { level: 1, name: text.fr.routeError })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: text.fr.home })).toHaveAttribute(
      'href',
      '/',
    );
    await expect(page.getByRole('banner')).toBeVisible();

    await page.unroute(/\/assets\/privacy-page-[\w-]+\.js$/);
    await page.getByRole('button', { name: text.fr.retry }).click();
    await expect(page.getByRole('heading', { level: 1, name: text.fr.privacy })).toBeVisible();
  });
});

for (const language of ['fr', 'en'] as const) {
  test.describe(`an unknown address (${language})`, () => {
    test.use({
      locale: language === 'fr' ? 'fr-CA' : 'en-CA',
      // The page itself answers 404, as it should: the browser reports it.
      allowedConsoleErrors: /Failed to load resource: the server responded with a status of 404/,
    });

    test('answers HTTP 404 with the "page not found" screen and a way home', async ({ page }) => {
      const t = text[language];
      const response = await page.goto('/cette-page-n-existe-pas/vraiment?x=1');
      expect(response?.status()).toBe(404);

      await expect(page.getByRole('heading', { level: 1, name: t.notFound })).toBeVisible();
      await expect(page).toHaveTitle(`${t.notFound} · CAPITUNE`);

      await page.getByRole('main').getByRole('link', { name: t.home }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });

    test('a page of the app still answers 200', async ({ page }) => {
      expect((await page.goto('/pros'))?.status()).toBe(200);
      expect((await page.goto('/dossiers/6b0c5e0e-0000-4000-8000-000000000000'))?.status()).toBe(200);
    });
  });
}
