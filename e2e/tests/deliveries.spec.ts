import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { field, logIn, logInAsAdmin } from '../support/accounts';
import { apiToken, verifiedAccount, verifiedPro } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';

/**
 * Notifications V2 on the web (issue 19), beyond the firm's webhooks: the admins' delivery log (each
 * notification on each channel), filtered by channel and person, with the way to the member's page; a
 * notification's deep link into a dossier, which survives the sign-in and lands on the checklist line,
 * focused; and the unsubscribe page of an email's link, which refuses a bad link in the page's
 * language. In French and English; the new pages pass axe at 1280 and 360 px.
 */

const text = {
  fr: {
    title: 'Envois de notifications',
    nav: 'Envois de notifications',
    channel: 'Canal',
    inApp: 'Dans l’application',
    userId: 'Identifiant de la personne',
    apply: 'Filtrer',
    type: 'Décision de vérification',
    unsubscribe: 'Se désabonner',
    invalidToken: 'Ce lien n’est pas valide. Demandez-en un nouveau.',
  },
  en: {
    title: 'Notification deliveries',
    nav: 'Notification deliveries',
    channel: 'Channel',
    inApp: 'In the app',
    userId: 'Person’s id',
    apply: 'Filter',
    type: 'Verification decision',
    unsubscribe: 'Unsubscribe',
    invalidToken: 'This link is not valid. Request a new one.',
  },
} as const;

async function atBothWidths(page: Page, check: () => Promise<void>) {
  await check();
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await check();
  expect(await documentScrollWidth(page), page.url()).toBeLessThanOrEqual(360);
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

for (const language of ['fr', 'en'] as const) {
  test.describe(language, () => {
    test.use({ locale: language === 'fr' ? 'fr-CA' : 'en-CA' });

    test(`an admin reads the delivery log, filtered by channel and person (${language})`, async ({
      page,
      request,
    }) => {
      test.setTimeout(90_000);
      const t = text[language];
      // A pro whose licence the admin verified: told so in the app.
      const pro = await verifiedPro(request, 'Léa', 'Gagnon', language);
      const token = await apiToken(request, pro.email, pro.password);
      const me = (await (
        await request.get('/api/me', { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { id: string };

      await logInAsAdmin(page, language);
      await page.goto('/admin/users');
      const main = page.getByRole('main');
      await main.getByRole('navigation').getByRole('link', { name: t.nav }).click({ timeout: 15_000 });
      await expect(page).toHaveURL(/\/admin\/deliveries$/);
      await expect(main.getByRole('heading', { level: 1, name: t.title })).toBeVisible();

      const filters = main.getByRole('search');
      await filters.getByLabel(t.channel).selectOption({ label: t.inApp });
      await field(filters, t.userId).fill(me.id);
      await filters.getByRole('button', { name: t.apply }).click();
      await expect(page).toHaveURL(/channel=in_app/);
      await expect(page).toHaveURL(new RegExp(`userId=${me.id}`));

      const table = main.getByRole('table');
      const row = table.getByRole('row').filter({ hasText: t.type });
      await expect(row.first()).toBeVisible({ timeout: 15_000 });
      // Every line of the filtered log is a notification in the app of that person.
      const rows = table.locator('tbody tr');
      for (const line of await rows.all()) {
        await expect(line).toContainText(t.inApp);
        await expect(line).toContainText(`${pro.firstName} ${pro.lastName}`);
      }
      await atBothWidths(page, async () => {
        await expect(main.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
        await expect(main).toContainText(t.type);
      });

      // The person's name leads to their page in the console.
      await row
        .first()
        .getByRole('link', { name: `${pro.firstName} ${pro.lastName}` })
        .click();
      await expect(page).toHaveURL(new RegExp(`/admin/users/${me.id}$`));
    });

    test(`a deep link into a dossier survives the sign-in and focuses its line (${language})`, async ({
      page,
      request,
    }) => {
      test.setTimeout(60_000);
      const candidate = await verifiedAccount(request, {
        role: 'candidate',
        firstName: 'Amina',
        lastName: 'Diallo',
        locale: language,
      });
      const headers = {
        authorization: `Bearer ${await apiToken(request, candidate.email, candidate.password)}`,
      };
      const created = await request.post('/api/dossiers', {
        headers,
        data: { programId: 'express_entry_cec' },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const dossier = (await (await request.get(`/api/dossiers/${id}`, { headers })).json()) as {
        checklist: { itemId: string; memberId: string }[];
      };
      // A line further down the list, so that landing on it means scrolling to it.
      const line = dossier.checklist[Math.min(3, dossier.checklist.length - 1)];
      if (!line) throw new Error('the dossier has no checklist');

      // Signed out, the notification's link: the login page, then the line itself.
      await page.goto(`/dossiers/${id}?item=${encodeURIComponent(line.itemId)}#checklist`);
      await expect(page).toHaveURL(/\/login\?redirect=/);
      await logIn(page, candidate.email, candidate.password, language);
      const target = `line-${line.itemId}-${line.memberId}`;
      await expect(page).toHaveURL(new RegExp(`/dossiers/${id}#${target}$`), { timeout: 15_000 });
      const article = page.locator(`[id="${target}"]`);
      await expect(article).toBeFocused();
      await expect(article).toBeInViewport();
      await expect(article).toHaveClass(/ring-brand-700/);

      // A message's link (`?message=`): the chat loads after the page, and the message is focused.
      const posted = await request.post(`/api/dossiers/${id}/messages`, {
        headers,
        data: { clientId: randomUUID(), body: 'Voici mon passeport.' },
      });
      expect(posted.status(), await posted.text()).toBe(201);
      const message = (await posted.json()) as { id: string };
      await page.goto(`/dossiers/${id}?message=${message.id}#messages`);
      await expect(page).toHaveURL(new RegExp(`/dossiers/${id}#message-${message.id}$`), { timeout: 15_000 });
      const bubble = page.locator(`[id="message-${message.id}"]`);
      await expect(bubble).toBeFocused();
      await expect(bubble).toContainText('Voici mon passeport.');
      await expect(bubble).toHaveClass(/ring-brand-700/);
    });

    test(`the unsubscribe page refuses a bad link, translated (${language})`, async ({ page }) => {
      const t = text[language];
      await page.goto(`/unsubscribe/${'x'.repeat(43)}`);
      const main = page.getByRole('main');
      await expect(main.getByRole('heading', { level: 1, name: t.unsubscribe })).toBeVisible();
      await atBothWidths(page, async () => {
        await expect(main.getByRole('alert')).toContainText(t.invalidToken);
      });
    });
  });
}

// The bad unsubscribe link is refused by the API (400): its console line is expected.
test.use({ allowedConsoleErrors: /status of 400/ });
