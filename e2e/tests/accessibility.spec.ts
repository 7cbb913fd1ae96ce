import { expectNoA11yViolations } from '../support/a11y';
import { demo, logIn } from '../support/accounts';
import { expect, test } from '../support/fixtures';
import { text } from '../support/pages';

const pages = [
  { name: 'home', path: '/' },
  { name: 'privacy', path: '/privacy' },
  { name: 'terms', path: '/terms' },
  // The page answers 404, as it should: the browser reports it.
  { name: '404', path: '/page-inconnue', allowedConsoleErrors: /status of 404/ },
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

    for (const { name, path, allowedConsoleErrors } of pages) {
      test.describe(() => {
        test.use({ allowedConsoleErrors });

        test(`${name} has no WCAG 2.1 AA violations`, async ({ page }) => {
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          await expectNoA11yViolations(page);
        });
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

  test('moderation: a long excerpt scrolls from the keyboard, and its list keeps its bullets', async ({
    page,
  }) => {
    // A pro's post with a long list, reported by a candidate: it waits in the moderation queue.
    const bearer = async (email: string) => {
      const login = await page.request.post('/api/auth/login', { data: { email, password: demo.password } });
      return { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    };
    const title = `Étapes à suivre ${Date.now()}`;
    const body = ['Les étapes\u00a0:', '', ...Array.from({ length: 15 }, (_, i) => `- étape ${i + 1}`)].join(
      '\n',
    );
    const post = await page.request.post('/api/posts', {
      headers: await bearer(demo.pro),
      data: { title, body, category: 'general' },
    });
    expect(post.status(), await post.text()).toBe(201);
    const { id } = (await post.json()) as { id: string };
    const flag = await page.request.post('/api/flags', {
      headers: await bearer(demo.candidate),
      data: { targetType: 'post', targetId: id, reason: 'off_topic' },
    });
    expect(flag.status(), await flag.text()).toBe(201);

    await page.goto('/login');
    await logIn(page, demo.admin, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto('/admin/moderation');
    const excerpt = page.getByRole('region', { name: `Contenu de l’élément «\u00a0${title}\u00a0»` });
    await expect(excerpt).toHaveAttribute('tabindex', '0');
    expect(await excerpt.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    // In view first (the admin menu above it is long on a phone), so the keys scroll the excerpt itself.
    await excerpt.scrollIntoViewIfNeeded();
    await excerpt.focus();
    await page.keyboard.press('End');
    await expect.poll(() => excerpt.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    await expect(excerpt.locator('ul')).toHaveCSS('list-style-type', 'disc');
    await expectNoA11yViolations(page);
  });
});

for (const [locale, title] of [
  ['fr-CA', 'Sécurité du compte'],
  ['en-CA', 'Account security'],
] as const) {
  test.describe(`accessibility of the security page (${locale})`, () => {
    test.use({ locale });

    test('the security page has no violations, at 1280 and 360 px', async ({ page }) => {
      await page.goto('/login');
      await logIn(page, demo.candidate, demo.password, locale === 'fr-CA' ? 'fr' : 'en');
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.goto('/profile/security');
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByRole('region', { name: /Clés d’accès|Passkeys/ })).toBeVisible();
      await expectNoA11yViolations(page);
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoA11yViolations(page);
    });
  });
}
