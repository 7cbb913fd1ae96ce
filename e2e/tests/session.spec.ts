import { expectNoA11yViolations } from '../support/a11y';
import { demo, logIn } from '../support/accounts';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';

test.describe('session', () => {
  test.use({ locale: 'fr-CA' });

  test('a reload keeps the session (silent refresh), with no "log in" flashing in the header', async ({
    page,
  }) => {
    await page.goto('/login');
    await logIn(page, demo.candidate, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const header = page.getByRole('banner');
    await expect(header.getByRole('button', { name: /Amina/ })).toBeVisible();

    // From the first byte of the next load, note every moment the header offers to log in.
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { __loginLinkSeen: seen });
      new MutationObserver(() => {
        if (document.querySelector('header a[href="/login"]')) seen.push(performance.now().toFixed(0));
      }).observe(document, { subtree: true, childList: true });
    });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Amina' })).toBeVisible();
    await expect(header.getByRole('button', { name: /Amina/ })).toBeVisible();
    await expect(page).toHaveURL(/\/dashboard$/);
    expect(
      await page.evaluate(() => (window as unknown as { __loginLinkSeen: string[] }).__loginLinkSeen),
    ).toEqual([]);

    // The access token is never stored: only a hint that a session may exist.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/eyJ/);
  });

  test('protected pages send anonymous visitors to log in, then back', async ({ page }) => {
    await page.goto('/profile');
    await expect(page).toHaveURL(/\/login\?redirect=%2Fprofile$/);
    await expect(page.getByRole('main').getByText('Connectez-vous pour accéder à cette page.')).toBeVisible();
    await expectNoA11yViolations(page);

    await logIn(page, demo.admin, demo.password);
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: /Admin/ })).toBeVisible();
  });

  test('the login page only sends back to a path of this site', async ({ page }) => {
    await page.goto('/login?redirect=https%3A%2F%2Fevil.example%2Fprofile');
    await logIn(page, demo.admin, demo.password);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
  });

  test.describe('across tabs', () => {
    // The other tab may be refreshing its token (a page's requests) as the session ends: its refused
    // refresh is logged by the browser, and is what sends it to the login page.
    test.use({ allowedConsoleErrors: /status of 401/ });

    test('logging out in one tab logs out the other tabs', async ({ page }) => {
      await page.goto('/login');
      await logIn(page, demo.pro, demo.password);
      await expect(page).toHaveURL(/\/dashboard$/);

      const other = await page.context().newPage();
      await other.goto('/profile');
      await expect(other.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();

      await page
        .getByRole('banner')
        .getByRole('button', { name: /Julien/ })
        .click();
      await page.getByRole('banner').getByRole('button', { name: 'Déconnexion' }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(other).toHaveURL(/\/login\?redirect=%2Fprofile$/);
      await expect(other.getByRole('banner').getByRole('link', { name: 'Se connecter' })).toBeVisible();
    });
  });
});

test.describe('the account menu', () => {
  test.use({ locale: 'fr-CA' });

  test('works with the keyboard', async ({ page }) => {
    await page.goto('/login');
    await logIn(page, demo.pro, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const header = page.getByRole('banner');
    const button = header.getByRole('button', { name: /Julien/ });
    await expect(button).toContainText('Pro');
    await expect(button).toHaveAttribute('aria-expanded', 'false');

    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(header.getByText('pro@demo.capitune.ca')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(header.getByRole('link', { name: 'Profil', exact: true })).toBeFocused();
    for (const entry of [
      'Sécurité',
      'Confidentialité et données',
      'Mon profil public',
      'Mon cabinet',
      'Ma vérification',
    ]) {
      await page.keyboard.press('Tab');
      await expect(header.getByRole('link', { name: entry })).toBeFocused();
    }
    await page.keyboard.press('Tab');
    await expect(header.getByRole('button', { name: 'Déconnexion' })).toBeFocused();
    await expectNoA11yViolations(page);

    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();
    await expect(header.getByRole('link', { name: 'Profil', exact: true })).toBeHidden();
  });
});

test.describe('profile on a phone (360 px)', () => {
  test.use({ locale: 'en-CA', viewport: { width: 360, height: 740 } });

  test('fits the screen, passes axe, and the menu holds the account links', async ({ page }) => {
    await page.goto('/login');
    await logIn(page, demo.candidate, demo.password, 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Hello Amina' })).toBeVisible();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
    await expectNoA11yViolations(page);

    await page.getByRole('button', { name: 'Menu' }).click();
    const menu = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(menu.getByRole('link', { name: 'Profile', exact: true })).toBeVisible();
    await expectNoA11yViolations(page);
    await menu.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});
