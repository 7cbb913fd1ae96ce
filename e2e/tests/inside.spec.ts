import type { Browser, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { demo, field, logIn } from '../support/accounts';
import { expect, test } from '../support/fixtures';

/** A second or third person in their own browser context, failing on console errors as `page` does. */
async function openAs(
  browser: Browser,
  email: string | null,
  { locale = 'fr-CA', allowed }: { locale?: 'fr-CA' | 'en-CA'; allowed?: RegExp } = {},
) {
  const context = await browser.newContext({ locale, timezoneId: 'America/Toronto' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed?.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  if (email) {
    await page.goto('/login');
    await logIn(page, email, demo.password, locale === 'fr-CA' ? 'fr' : 'en');
    await expect(page).toHaveURL(/\/dashboard$/);
  }
  return { page, problems, close: () => context.close() };
}

const feedItem = (page: Page, title: string) =>
  page.getByRole('article').filter({ has: page.getByRole('link', { name: title }) });

test.describe('Inside', () => {
  test.use({ locale: 'fr-CA' });

  test('post, comment, reply, like, search, report, then hide and restore from moderation', async ({
    page,
    browser,
  }) => {
    // Three people, a dozen pages, each checked by axe: about 50 s alone, more beside another worker.
    test.setTimeout(120_000);
    const token = `zibeline${Date.now().toString(36).replace(/\d/g, '')}`;
    const title = `Permis de travail ouvert et ${token}`;

    // The candidate writes a post.
    await page.goto('/login');
    await logIn(page, demo.candidate, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole('banner').getByRole('link', { name: 'Inside' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Inside' })).toBeVisible();
    await page.getByRole('link', { name: 'Écrire une publication' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle publication' })).toBeVisible();
    const main = page.getByRole('main');
    await field(main, 'Titre').fill(title);
    await field(main, 'Texte').fill(
      `Bonjour, j’ai une **question** sur le permis ${token} pour mon conjoint.\n\n- délais\n- documents`,
    );
    await field(main, 'Catégorie').selectOption({ label: 'Travail' });
    const tags = field(main, 'Étiquettes');
    await tags.fill('permis-travail');
    await tags.press('Enter');
    await tags.fill('conjoint,');
    await expect(main.getByRole('button', { name: 'Retirer l’étiquette conjoint' })).toBeVisible();
    await main.getByRole('button', { name: 'Aperçu' }).click();
    await expect(main.getByRole('region', { name: 'Aperçu' }).locator('strong')).toHaveText('question');
    await expectNoA11yViolations(page);
    await main.getByRole('button', { name: 'Écrire' }).click();
    await main.getByRole('button', { name: 'Publier' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(main.locator('.rich-text strong').first()).toHaveText('question');
    await expect(main.getByRole('link', { name: 'Voir les publications #permis-travail' })).toBeVisible();
    const postUrl = page.url();

    // A second member comments, replies, likes, finds the post by searching and reports it.
    // The one error expected: the 404 of the post once hidden.
    const pro = await openAs(browser, demo.pro, { allowed: /status of 404/ });
    await pro.page.goto(postUrl);
    const proMain = pro.page.getByRole('main');
    await expect(proMain.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await field(proMain, 'Votre commentaire').fill('Comptez environ 4 mois pour le permis.');
    await proMain.getByRole('button', { name: 'Commenter' }).click();
    await expect(field(proMain, 'Votre commentaire')).toHaveValue('');
    await expect(proMain.getByRole('article', { name: 'Julien T.' })).toContainText(
      'Comptez environ 4 mois pour le permis.',
    );
    await proMain.getByRole('button', { name: 'Répondre (Julien T.)' }).click();
    await field(proMain, 'Votre réponse à Julien T.').fill('Et joignez la preuve de relation.');
    await proMain.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await expect(proMain.getByRole('list', { name: 'Réponses à Julien T.' })).toContainText(
      'Et joignez la preuve de relation.',
    );
    await expect(proMain.getByRole('heading', { name: /Commentaires/ })).toContainText('2 commentaires');

    const like = proMain.getByRole('button', { name: /^J’aime, / }).first();
    await expect(like).toHaveAttribute('aria-pressed', 'false');
    await like.click();
    await expect(like).toHaveAttribute('aria-pressed', 'true');
    await expect(like).toHaveAccessibleName('J’aime, 1');
    await pro.page.reload();
    await expect(proMain.getByRole('button', { name: 'J’aime, 1' }).first()).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await pro.page.goto('/inside');
    await field(proMain, 'Rechercher dans Inside').fill(token);
    await proMain.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(proMain.getByRole('heading', { name: `Résultats pour « ${token} »` })).toBeVisible();
    const result = feedItem(pro.page, title);
    await expect(result.locator('mark').first()).toHaveText(new RegExp(token, 'i'));
    await expect(result).toContainText('1 j’aime');
    await expect(result).toContainText('2 commentaires');
    await result.getByRole('link', { name: title }).click();

    await proMain.getByRole('button', { name: 'Signaler' }).first().click();
    const dialog = pro.page.getByRole('dialog', { name: 'Signaler ce contenu' });
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect(dialog.getByText('Choisissez un motif.')).toBeVisible();
    await dialog.getByRole('radio', { name: 'Arnaque ou conseil d’un consultant non autorisé' }).check();
    await field(dialog, 'Précisions (facultatif)').fill('Promet un résultat garanti.');
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect(dialog.getByText('Merci, votre signalement a été transmis aux modérateurs.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Fermer' }).first().click();
    await expectNoA11yViolations(pro.page);

    // The admin hides it from the queue: the others no longer see it.
    const admin = await openAs(browser, demo.admin);
    await admin.page.goto('/admin/moderation');
    const adminMain = admin.page.getByRole('main');
    await expect(adminMain.getByRole('heading', { level: 1, name: 'File de modération' })).toBeVisible();
    const item = adminMain.getByRole('article', { name: title });
    await expect(item).toContainText('1 signalement ouvert');
    await expect(item).toContainText('Arnaque ou conseil non autorisé × 1');
    await expect(item).toContainText('Promet un résultat garanti.');
    await expectNoA11yViolations(admin.page);
    await item.getByRole('button', { name: 'Masquer' }).click();
    const confirm = admin.page.getByRole('dialog', { name: 'Masquer' });
    await confirm.getByRole('button', { name: 'Masquer' }).click();
    await expect(adminMain.getByText('Contenu masqué.')).toBeVisible();
    await expect(adminMain.getByRole('article', { name: title })).toHaveCount(0);

    await pro.page.goto('/inside');
    await expect(proMain.getByRole('heading', { level: 1, name: 'Inside' })).toBeVisible();
    await expect(feedItem(pro.page, title)).toHaveCount(0);
    await pro.page.goto(postUrl);
    await expect(proMain.getByText('Cette publication n’existe pas ou a été retirée.')).toBeVisible();

    // …and restores it from the post's page: it comes back.
    await admin.page.goto(postUrl);
    await expect(adminMain.getByText('Cette publication a été masquée par la modération.')).toBeVisible();
    await adminMain.getByRole('button', { name: 'Rétablir la publication' }).click();
    await admin.page
      .getByRole('dialog', { name: 'Rétablir la publication' })
      .getByRole('button', { name: 'Rétablir la publication' })
      .click();
    await expect(adminMain.getByText('Publication rétablie.')).toBeVisible();
    await pro.page.goto('/inside');
    await expect(feedItem(pro.page, title)).toBeVisible();
    await expectNoA11yViolations(pro.page);

    // The feed in English, for a visitor.
    const visitor = await openAs(browser, null, { locale: 'en-CA' });
    await visitor.page.goto('/inside?category=work');
    const visitorMain = visitor.page.getByRole('main');
    await expect(visitorMain.getByRole('heading', { level: 1, name: 'Inside' })).toBeVisible();
    await expect(field(visitorMain, 'Category')).toHaveValue('work');
    await expect(visitorMain.getByText(/Log in or create an account to post/)).toBeVisible();
    const card = feedItem(visitor.page, title);
    await expect(card).toContainText('1 like');
    await expect(card).toContainText('2 comments');
    await card.getByRole('link', { name: 'See posts tagged #conjoint' }).click();
    await expect(visitorMain.getByRole('button', { name: 'Remove the #conjoint filter' })).toBeVisible();
    await expect(feedItem(visitor.page, title)).toBeVisible();
    await expectNoA11yViolations(visitor.page);

    for (const other of [pro, admin, visitor]) {
      expect(other.problems, 'console errors in a second browser').toEqual([]);
      await other.close();
    }
  });
});

test.describe('Inside, refusals', () => {
  test.use({ locale: 'fr-CA', allowedConsoleErrors: /status of 400/ });

  test('a refused word is named under its field, and moderation is for admins only', async ({ page }) => {
    await page.goto('/login');
    await logIn(page, demo.candidate, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto('/inside/new');
    const main = page.getByRole('main');
    await field(main, 'Titre').fill('Une question sur les délais');
    await field(main, 'Texte').fill('Ce consultant est un vrai connard, méfiez-vous.');
    await field(main, 'Catégorie').selectOption({ label: 'Général' });
    await main.getByRole('button', { name: 'Publier' }).click();
    await expect(
      main.getByRole('alert').filter({ hasText: 'contient un mot refusé : « connard »' }),
    ).toBeVisible();
    await expect(main.getByText('Mot refusé : « connard ».', { exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\/inside\/new$/);

    await page.goto('/admin/moderation');
    await expect(main.getByRole('heading', { level: 1, name: 'Accès refusé' })).toBeVisible();
  });
});
