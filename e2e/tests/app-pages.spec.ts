import { expectNoA11yViolations } from '../support/a11y';
import { demo, logIn } from '../support/accounts';
import { apiToken } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';

/**
 * The signed-in pages without a journey of their own: each passes axe and fits a phone. (Their main paths
 * are in dossier.spec.ts and chat.spec.ts.)
 */
test.describe('signed-in pages, French', () => {
  test.use({ locale: 'fr-CA' });

  test('the notifications page, the dossiers list and the header links pass axe; the bell is reachable', async ({
    page,
  }) => {
    await page.goto('/login');
    await logIn(page, demo.candidate, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const header = page.getByRole('banner');
    const nav = header.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav.getByRole('link', { name: 'Tableau de bord' })).toHaveAttribute('aria-current', 'page');

    await header.getByRole('link', { name: /^Notifications/ }).click();
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await expectNoA11yViolations(page);

    await nav.getByRole('link', { name: 'Mon dossier' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mon dossier' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('button', { name: 'Ouvrir un dossier' })).toBeVisible();
    await expectNoA11yViolations(page);

    await nav.getByRole('link', { name: 'Messages' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  });

  test('a pro’s list of the firm’s dossiers filters by status and program', async ({ page }) => {
    await page.goto('/login');
    await logIn(page, demo.pro, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    // The quick access names them as the header does: the firm's "Dossiers", not "Mon dossier".
    const quickAccess = page.getByRole('region', { name: 'Accès rapide' });
    await expect(quickAccess.getByRole('link', { name: 'Dossiers', exact: true })).toHaveAttribute(
      'href',
      '/dossiers',
    );
    await expect(quickAccess.getByRole('link', { name: 'Mon dossier' })).toHaveCount(0);
    await page.getByRole('banner').getByRole('link', { name: 'Dossiers', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dossiers du cabinet' })).toBeVisible();
    await page.getByLabel('Statut').selectOption('submitted');
    await expect(page).toHaveURL(/status=submitted/);
    await expect(page.getByRole('main')).toContainText('Aucun dossier ne correspond à ces filtres.');
    await expectNoA11yViolations(page);
  });
});

test.describe('signed-in pages on a phone (360 px)', () => {
  test.use({ locale: 'en-CA', viewport: { width: 360, height: 740 } });

  test('fit the screen, and the menu holds the links with their counts', async ({ page }) => {
    await page.goto('/login');
    await logIn(page, demo.candidate, demo.password, 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Hello Amina' })).toBeVisible();
    for (const [path, heading] of [
      ['/dashboard', 'Hello Amina'],
      ['/dossiers', 'My dossier'],
      ['/messages', 'Messages'],
      ['/notifications', 'Notifications'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      expect(await documentScrollWidth(page), path).toBeLessThanOrEqual(360);
    }
    await expectNoA11yViolations(page);

    // A dossier (opened through the API: the subject here is the layout).
    const token = await apiToken(page.request, demo.candidate, demo.password);
    const created = await page.request.post('/api/dossiers', {
      headers: { authorization: `Bearer ${token}` },
      data: { programId: 'study_permit' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`/dossiers/${id}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Documents to provide' })).toBeVisible();
    expect(await documentScrollWidth(page), 'the dossier page').toBeLessThanOrEqual(360);
    // A long message wraps inside the chat instead of making it scroll sideways.
    const composer = page.getByLabel('Your message');
    await composer.fill(
      'Written on a phone, with an address: https://www.canada.ca/en/immigration-refugees-citizenship.html',
    );
    await composer.press('Enter');
    const history = page.getByRole('region', { name: 'Message history' });
    await expect(history.getByText('Written on a phone')).toBeVisible();
    expect(await history.evaluate((list) => list.scrollWidth - list.clientWidth)).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(page);

    await page.getByRole('button', { name: 'Menu' }).click();
    const menu = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(menu.getByRole('link', { name: 'Dashboard' })).toBeVisible();
    await expect(menu.getByRole('link', { name: /^Messages/ })).toBeVisible();
    await expectNoA11yViolations(page);
    await menu.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hello Amina' })).toBeVisible();
  });
});
