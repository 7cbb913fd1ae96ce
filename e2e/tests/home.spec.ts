import { expect, test } from '../support/fixtures';
import { heroHeading, text } from '../support/pages';

test.describe('home page, French browser', () => {
  test.use({ locale: 'fr-CA' });

  test('shows the French hero with both calls to action', async ({ page }) => {
    await page.goto('/');

    await expect(heroHeading(page, 'fr')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page).toHaveTitle(/Immigrer au Canada/);
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: text.fr.ctaCandidate }).first()).toBeVisible();
    await expect(main.getByRole('link', { name: text.fr.ctaPro }).first()).toBeVisible();
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /CAPITUNE réunit/);
  });

  test('presents the four modules, how it works and the values', async ({ page }) => {
    await page.goto('/');

    for (const id of ['dossier', 'inside', 'live', 'pros']) {
      await expect(page.locator(`#${id}`)).toBeVisible();
    }
    await expect(
      page.getByRole('heading', { level: 2, name: 'De votre inscription à votre arrivée' }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Ce qui guide CAPITUNE' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Vie privée et Loi 25' })).toBeVisible();
  });

  test('the candidate call to action leads to sign-up as a candidate', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: text.fr.ctaCandidate }).first().click();

    await expect(page).toHaveURL(/\/signup\?role=candidate$/);
    await expect(page.getByRole('heading', { level: 1, name: text.fr.signup })).toBeVisible();
  });

  test('the professional call to action leads to sign-up as a professional', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: text.fr.ctaPro }).first().click();

    await expect(page).toHaveURL(/\/signup\?role=pro$/);
    await expect(page.getByRole('heading', { level: 1, name: text.fr.signup })).toBeVisible();
  });

  test('every call to action points to the sign-up route with its role', async ({ page }) => {
    await page.goto('/');
    const main = page.getByRole('main');

    for (const link of await main.getByRole('link', { name: text.fr.ctaCandidate }).all()) {
      await expect(link).toHaveAttribute('href', '/signup?role=candidate');
    }
    for (const link of await main.getByRole('link', { name: text.fr.ctaPro }).all()) {
      await expect(link).toHaveAttribute('href', '/signup?role=pro');
    }
  });

  test('the header links to each module: its page, or its place on the home page', async ({ page }) => {
    await page.goto('/privacy');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Mon dossier' }).click();
    await expect(page).toHaveURL(/\/#dossier$/);
    await expect(page.locator('#dossier')).toBeInViewport();

    await nav.getByRole('link', { name: 'Pros vérifiés' }).click();
    await expect(page).toHaveURL(/\/pros$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Professionnels vérifiés' })).toBeVisible();

    await nav.getByRole('link', { name: 'Inside' }).click();
    await expect(page).toHaveURL(/\/inside$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Inside' })).toBeVisible();
  });
});

test.describe('home page, English browser', () => {
  test.use({ locale: 'en-CA' });

  test('is in English on the first visit', async ({ page }) => {
    await page.goto('/');

    await expect(heroHeading(page, 'en')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle(/Immigrate to Canada/);
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: text.en.ctaCandidate }).first()).toHaveAttribute(
      'href',
      '/signup?role=candidate',
    );
    await expect(main.getByRole('link', { name: text.en.ctaPro }).first()).toHaveAttribute(
      'href',
      '/signup?role=pro',
    );
  });
});
