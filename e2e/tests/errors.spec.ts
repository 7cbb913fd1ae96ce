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
