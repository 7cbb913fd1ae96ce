import { expectNoA11yViolations } from '../support/a11y';
import { expect, test } from '../support/fixtures';
import { text } from '../support/pages';

const pages = [
  { name: 'home', path: '/' },
  { name: 'privacy', path: '/privacy' },
  { name: 'terms', path: '/terms' },
  { name: '404', path: '/page-inconnue' },
  { name: 'sign-up', path: '/signup?role=candidate' },
  { name: 'sign-up as a professional', path: '/signup?role=pro' },
  { name: 'login', path: '/login' },
  { name: 'forgot password', path: '/forgot-password' },
  { name: 'reset password without a token', path: '/reset-password' },
  { name: 'verify email without a token', path: '/verify-email' },
  { name: 'dev mailbox', path: '/dev/mailbox' },
];

for (const locale of ['fr-CA', 'en-CA']) {
  test.describe(`accessibility (${locale})`, () => {
    test.use({ locale });

    for (const { name, path } of pages) {
      test(`${name} has no WCAG 2.1 AA violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectNoA11yViolations(page);
      });
    }
  });
}

test.describe('accessibility on a phone', () => {
  test.use({ locale: 'fr-CA', viewport: { width: 360, height: 740 } });

  test('home with the menu open has no violations', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: text.fr.menu }).click();
    await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
    await expectNoA11yViolations(page);
  });
});
