import { expect, test } from '../support/fixtures';
import { documentScrollWidth, text } from '../support/pages';

test.describe('layout', () => {
  test.use({ locale: 'fr-CA' });

  test('the skip link is the first Tab stop and moves focus to the main content', async ({ page }) => {
    await page.goto('/');

    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: text.fr.skipLink });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport();

    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();

    // The next Tab continues from the content, not from the header.
    await page.keyboard.press('Tab');
    await expect(
      page.getByRole('main').getByRole('link', { name: text.fr.ctaCandidate }).first(),
    ).toBeFocused();
  });

  test('the footer links to the legal pages and the contact addresses', async ({ page }) => {
    await page.goto('/');
    const footer = page.getByRole('contentinfo');

    await expect(footer.getByRole('link', { name: 'contact@capitune.ca' })).toHaveAttribute(
      'href',
      'mailto:contact@capitune.ca',
    );
    await expect(footer).toContainText(`© ${new Date().getFullYear()} CAPITUNE`);

    await footer.getByRole('link', { name: text.fr.terms }).click();
    await expect(page.getByRole('heading', { level: 1, name: text.fr.terms })).toBeVisible();
    await page.getByRole('contentinfo').getByRole('link', { name: text.fr.privacy }).click();
    await expect(page.getByRole('heading', { level: 1, name: text.fr.privacy })).toBeVisible();
    await expect(page.getByText('Dernière mise à jour\u00a0: 6 décembre 2026')).toBeVisible();
  });
});

test.describe('small screens (360 px)', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const locale of ['fr-CA', 'en-CA']) {
    test.describe(locale, () => {
      test.use({ locale });

      for (const path of [
        '/',
        '/privacy',
        '/terms',
        '/signup?role=pro',
        '/login',
        '/forgot-password',
        '/dev/mailbox',
        '/page-inconnue',
      ]) {
        test.describe(() => {
          // The unknown page answers 404, as it should: the browser reports it.
          test.use({ allowedConsoleErrors: path === '/page-inconnue' ? /status of 404/ : undefined });

          test(`${path} does not scroll sideways`, async ({ page }) => {
            await page.goto(path);
            await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
            expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
          });
        });
      }
    });
  }

  test('the menu opens and closes with the keyboard', async ({ page }) => {
    await page.goto('/');
    const menuButton = page.getByRole('button', { name: text.fr.menu });
    const firstLink = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', {
      name: 'Mon dossier',
    });
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    await expect(firstLink).toBeHidden();

    // Reach the button by keyboard: skip link, brand, language, menu.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    await expect(menuButton).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    await expect(firstLink).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(firstLink).toBeFocused();

    await page.keyboard.press('Escape');
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    await expect(firstLink).toBeHidden();
    await expect(menuButton).toBeFocused();

    await page.keyboard.press('Space');
    await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Space');
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  });

  test('a menu link takes you to its section and closes the menu', async ({ page }) => {
    await page.goto('/');
    const menuButton = page.getByRole('button', { name: text.fr.menu });
    await menuButton.click();
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mon dossier' })
      .click();

    // Inside, Live and the verified pros have pages of their own; Mon dossier is a section of the home page.
    await expect(page).toHaveURL(/\/#dossier$/);
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator('#dossier')).toBeInViewport();
  });

  test('the language switcher stays one tap away', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: text.fr.switchTo }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
  });
});
