import type { Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { demo, logIn } from '../support/accounts';
import { apiToken } from '../support/dossiers';
import { expect, test } from '../support/fixtures';

/** The texts of the directory, the profiles and the review form (from apps/web/src/locales/{fr,en}/pros.json). */
const text = {
  fr: {
    locale: 'fr-CA',
    directory: 'Professionnels vérifiés',
    directoryTitle: 'Professionnels de l’immigration vérifiés · CAPITUNE',
    navLink: 'Pros vérifiés',
    language: 'Langue parlée',
    province: 'Province ou territoire',
    provinceName: 'Québec',
    accepting: 'Accepte de nouveaux clients',
    apply: 'Rechercher',
    reset: 'Effacer les filtres',
    more: 'Afficher plus de professionnels',
    shown: /^\d+ professionnel·les? affiché·es?$/,
    ranking: /^Aucun placement payant/,
    profileTitle: (name: string) => new RegExp(`^${name}, .+, permis vérifié · CAPITUNE$`),
    verified: 'Vérifié',
    register: /^Consulter le registre public/,
    ask: 'Demander un accompagnement',
    chooseDossier: (name: string) => `Confier un dossier à ${name}`,
    continue: 'Continuer',
    chooser: 'Choisir un professionnel',
    send: 'Envoyer la demande',
    requestSent: (name: string) => `Demande envoyée à ${name}`,
    reviews: 'Avis de clients',
    writeReview: 'Laisser un avis',
    criteria: ['Réactivité', 'Clarté des honoraires', 'Explication de la démarche', 'Appréciation générale'],
    body: 'Votre expérience',
    anonymous: 'Anonymement',
    consent: /^J’accepte que ce ou cette professionnel·le mette mon avis en avant/,
    publish: 'Publier mon avis',
    editReview: /^Modifier mon avis/,
    saveReview: 'Enregistrer les modifications',
    edited: '(modifié)',
    photo: 'Choisir une photo',
    photoSaved: 'Photo enregistrée.',
    city: 'Ville de votre bureau',
    save: 'Enregistrer',
    saved: 'Profil enregistré.',
    publicProfile: 'Mon profil public',
  },
  en: {
    locale: 'en-CA',
    directory: 'Verified professionals',
    directoryTitle: 'Verified immigration professionals · CAPITUNE',
    navLink: 'Verified pros',
    language: 'Language spoken',
    province: 'Province or territory',
    provinceName: 'Quebec',
    accepting: 'Accepting new clients',
    apply: 'Search',
    reset: 'Clear filters',
    more: 'Show more professionals',
    shown: /^\d+ professionals? shown$/,
    ranking: /^No paid placement/,
    profileTitle: (name: string) => new RegExp(`^${name}, .+, licence verified · CAPITUNE$`),
    verified: 'Verified',
    register: /^Search the public register/,
    ask: 'Ask for accompaniment',
    chooseDossier: (name: string) => `Entrust a dossier to ${name}`,
    continue: 'Continue',
    chooser: 'Choose a professional',
    send: 'Send the request',
    requestSent: (name: string) => `Request sent to ${name}`,
    reviews: 'Client reviews',
    writeReview: 'Leave a review',
    criteria: ['Responsiveness', 'Clarity of fees', 'Explanation of the process', 'Overall'],
    body: 'Your experience',
    anonymous: 'Anonymously',
    consent: /^I agree that this professional may feature my review/,
    publish: 'Publish my review',
    editReview: /^Edit my review/,
    saveReview: 'Save changes',
    edited: '(edited)',
    photo: 'Choose a photo',
    photoSaved: 'Photo saved.',
    city: 'City of your office',
    save: 'Save',
    saved: 'Profile saved.',
    publicProfile: 'My public profile',
  },
} as const;

/** A 1×1 PNG: a portrait as far as the API's check of the bytes goes. */
const portrait = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** The cards of the directory's results. */
const cards = (page: Page) => page.getByRole('main').getByRole('listitem').getByRole('article');

/** Gives the demo candidate a dossier no pro follows yet, so that a request can be sent for it. */
async function openDossierForDemoCandidate(page: Page): Promise<void> {
  const token = await apiToken(page.request, demo.candidate, demo.password);
  const response = await page.request.post('/api/dossiers', {
    headers: { authorization: `Bearer ${token}` },
    data: { programId: 'express_entry_fsw' },
  });
  expect(response.status(), await response.text()).toBe(201);
}

interface DirectoryCard {
  id: string;
  slug: string;
  firstName: string;
  lastName: string;
}

/**
 * A dossier of the demo candidate that the demo pro (seeded verified) followed and the candidate then
 * closed: closing it with the pro makes it reviewable at once, without waiting 30 days.
 */
async function reviewableDossier(page: Page): Promise<{ dossierId: string; pro: DirectoryCard }> {
  const candidate = {
    authorization: `Bearer ${await apiToken(page.request, demo.candidate, demo.password)}`,
  };
  const proHeaders = { authorization: `Bearer ${await apiToken(page.request, demo.pro, demo.password)}` };
  const found = await page.request.get('/api/pros?q=Tremblay&limit=100');
  expect(found.ok(), await found.text()).toBe(true);
  const { items } = (await found.json()) as { items: DirectoryCard[] };
  const pro = items.find((item) => item.firstName === 'Julien' && item.lastName === 'Tremblay');
  expect(pro, 'the demo pro is listed in the directory').toBeTruthy();
  const opened = await page.request.post('/api/dossiers', {
    headers: candidate,
    data: { programId: 'express_entry_fsw' },
  });
  expect(opened.status(), await opened.text()).toBe(201);
  const { id: dossierId } = (await opened.json()) as { id: string };
  const asked = await page.request.post(`/api/dossiers/${dossierId}/assignment`, {
    headers: candidate,
    data: { proId: pro?.id, message: null },
  });
  expect(asked.status(), await asked.text()).toBe(202);
  const accepted = await page.request.post(`/api/dossiers/${dossierId}/assignment/decision`, {
    headers: proHeaders,
    data: { decision: 'accept' },
  });
  expect(accepted.status(), await accepted.text()).toBe(204);
  const closed = await page.request.patch(`/api/dossiers/${dossierId}`, {
    headers: candidate,
    data: { status: 'closed' },
  });
  expect(closed.ok(), await closed.text()).toBe(true);
  return { dossierId, pro: pro as DirectoryCard };
}

for (const language of ['fr', 'en'] as const) {
  const t = text[language];

  test.describe(`directory (${language})`, () => {
    test.use({ locale: t.locale });

    test('a visitor filters the directory, loads more, opens a profile and asks for accompaniment', async ({
      page,
    }) => {
      test.setTimeout(60_000);
      await openDossierForDemoCandidate(page);

      // The header's link leads to the directory, readable without an account.
      await page.goto('/');
      await page.getByRole('banner').getByRole('link', { name: t.navLink }).first().click();
      await expect(page).toHaveURL(/\/pros$/);
      await expect(page.getByRole('heading', { level: 1, name: t.directory })).toBeVisible();
      await expect(page).toHaveTitle(t.directoryTitle);
      const main = page.getByRole('main');
      await expect(main.getByText(t.ranking)).toBeVisible();
      await expect(main.getByRole('status').filter({ hasText: t.shown })).toBeVisible();

      // Page 2: more cards below the first ones.
      const firstPage = await cards(page).count();
      expect(firstPage).toBeGreaterThan(0);
      await main.getByRole('button', { name: t.more }).click();
      await expect.poll(() => cards(page).count()).toBeGreaterThan(firstPage);

      // Filters go to the address: French speakers in Québec who take new clients.
      await main.getByLabel(t.language).selectOption('fr');
      await main.getByLabel(t.province).selectOption('QC');
      await main.getByLabel(t.accepting).check();
      await main.getByRole('button', { name: t.apply }).click();
      await expect(page).toHaveURL(/language=fr/);
      await expect(page).toHaveURL(/province=QC/);
      await expect(page).toHaveURL(/accepting=true/);
      await expect(cards(page).first()).toBeVisible();
      for (const card of await cards(page).all()) {
        await expect(card).toContainText(t.provinceName);
        await expect(card).toContainText(t.verified);
      }
      // A reload keeps the filters.
      await page.reload();
      await expect(main.getByLabel(t.province)).toHaveValue('QC');

      // The profile: its own title and heading, the licence and the register.
      const card = cards(page).first();
      const name = (await card.getByRole('heading', { level: 2 }).textContent())?.trim() ?? '';
      expect(name).not.toBe('');
      await card.getByRole('link', { name }).click();
      await expect(page).toHaveURL(/\/pros\/[a-z0-9-]+$/);
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page).toHaveTitle(t.profileTitle(name));
      await expect(main.getByRole('link', { name: t.register })).toBeVisible();
      await expect(main.getByRole('heading', { level: 2, name: t.reviews })).toBeVisible();

      // Asking for accompaniment: signing in first, then the dossier's request with this pro chosen.
      await main.getByRole('link', { name: t.ask }).click();
      await expect(page).toHaveURL(/\/login\?redirect=/);
      await logIn(page, demo.candidate, demo.password, language);
      const chooseDossier = page.getByRole('dialog', { name: t.chooseDossier(name) });
      const chooser = page.getByRole('dialog', { name: t.chooser });
      await expect(chooseDossier.or(chooser)).toBeVisible();
      if (await chooseDossier.isVisible())
        await chooseDossier.getByRole('button', { name: t.continue }).click();
      await expect(page).toHaveURL(/\/dossiers\/[0-9a-f-]{36}/);
      await expect(chooser).toBeVisible();
      await expect(chooser.getByRole('radio', { name: new RegExp(name) })).toBeChecked();
      await chooser.getByRole('button', { name: t.send }).click();
      await expect(page.getByRole('main').getByText(t.requestSent(name))).toBeVisible();
    });

    test('a candidate whose dossier the pro followed leaves a review and sees it on the profile', async ({
      page,
    }) => {
      test.setTimeout(60_000);
      const { dossierId, pro } = await reviewableDossier(page);
      const review = `${language === 'fr' ? 'Très bon suivi, réponses rapides et claires.' : 'Great follow-up, quick and clear answers.'} ${Date.now()}`;

      await page.goto('/login');
      await logIn(page, demo.candidate, demo.password, language);
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.goto(`/dossiers/${dossierId}`);
      const main = page.getByRole('main');
      await main.getByRole('link', { name: t.writeReview }).click();
      await expect(page).toHaveURL(new RegExp(`/pros/${pro.slug}/review\\?dossier=${dossierId}`));
      await expect(page.getByRole('heading', { level: 1 })).toContainText(`${pro.firstName} ${pro.lastName}`);

      // Four scores as radio groups, the text, how to appear, the consent to be featured.
      for (const [index, criterion] of t.criteria.entries()) {
        await main
          .getByRole('group', { name: new RegExp(`^${criterion}`) })
          .getByRole('radio')
          .nth(4 - (index % 2))
          .check();
      }
      await main.getByLabel(t.body).fill(review);
      await main.getByRole('radio', { name: t.anonymous }).check();
      await main.getByLabel(t.consent).check();
      await expectNoA11yViolations(page);
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoA11yViolations(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await main.getByRole('button', { name: t.publish }).click();

      // Back on the profile, the review is there.
      await expect(page).toHaveURL(new RegExp(`/pros/${pro.slug}`));
      await expect(
        page.getByRole('heading', { level: 1, name: `${pro.firstName} ${pro.lastName}` }),
      ).toBeVisible();
      await expect(main.getByText(review)).toBeVisible();

      // The author may edit it for 30 days.
      await main
        .getByRole('article')
        .filter({ hasText: review })
        .getByRole('link', { name: t.editReview })
        .click();
      await expect(main.getByLabel(t.body)).toHaveValue(review);
      await main.getByLabel(t.body).fill(`${review} ${t.edited}`);
      await main.getByRole('button', { name: t.saveReview }).click();
      await expect(page).toHaveURL(new RegExp(`/pros/${pro.slug}`));
      await expect(main.getByText(`${review} ${t.edited}`)).toBeVisible();
    });

    test('a pro sets their photo and public profile, and sees them on their page', async ({ page }) => {
      await page.goto('/login');
      await logIn(page, demo.pro, demo.password, language);
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.goto('/profile/public');
      const main = page.getByRole('main');
      await expect(page.getByRole('heading', { level: 1, name: t.publicProfile })).toBeVisible();
      await main
        .getByLabel(t.photo)
        .setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: portrait });
      await expect(main.getByRole('status').filter({ hasText: t.photoSaved })).toBeVisible();
      const city = language === 'fr' ? 'Laval' : 'Gatineau';
      await main.getByLabel(t.city).fill(city);
      await main.getByRole('button', { name: t.save, exact: true }).click();
      await expect(main.getByRole('status').filter({ hasText: t.saved })).toBeVisible();

      await main.getByRole('link', { name: /\/pros\// }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Julien Tremblay' })).toBeVisible();
      await expect(main.getByText(city).first()).toBeVisible();
      const photo = main.locator('header img').first();
      await expect(photo).toHaveAttribute('src', /\/api\/pros\/.+\/photo/);
      await expect
        .poll(() => photo.evaluate((image: HTMLImageElement) => image.naturalWidth))
        .toBeGreaterThan(0);
    });
  });
}

for (const [language, viewport] of [
  ['fr', { width: 1280, height: 800 }],
  ['en', { width: 360, height: 740 }],
  ['fr', { width: 360, height: 740 }],
  ['en', { width: 1280, height: 800 }],
] as const) {
  test.describe(`directory pages at ${viewport.width} px (${language})`, () => {
    test.use({ locale: text[language].locale, viewport });

    test('the directory, a profile and the public profile editor have no WCAG 2.1 AA violations', async ({
      page,
    }) => {
      const t = text[language];
      await page.goto('/pros');
      await expect(page.getByRole('heading', { level: 1, name: t.directory })).toBeVisible();
      await expect(cards(page).first()).toBeVisible();
      await expectNoA11yViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );

      await cards(page).first().getByRole('link').first().click();
      await expect(page).toHaveURL(/\/pros\/[a-z0-9-]+$/);
      await expect(page.getByRole('heading', { level: 2, name: t.reviews })).toBeVisible();
      await expectNoA11yViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );

      // The demo pro edits their public profile.
      await page.goto('/login');
      await logIn(page, demo.pro, demo.password, language);
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.goto('/profile/public');
      await expect(page.getByRole('heading', { level: 1, name: t.publicProfile })).toBeVisible();
      await expect(
        page.getByRole('main').getByRole('button', { name: language === 'fr' ? 'Enregistrer' : 'Save' }),
      ).toBeVisible();
      await expectNoA11yViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
    });
  });
}
