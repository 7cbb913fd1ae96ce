import type { Browser, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { demo, emailedLink, field, logIn, strongPassword, uniqueEmail } from '../support/accounts';
import { apiToken, personIn, randomLicence, tinyPdf, verifiedAccount } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';
import { confirmWithPassword } from '../support/two-factor';

/**
 * Verified professionals, end to end: a pro signs up and is told they cannot reach candidates yet,
 * prepares and submits their file, a reference answers, the admin checks the register and approves, and
 * the pro is verified. The impostor journey: the same licence claimed again is refused, and the admin
 * sees the conflict. Every new page passes axe at 1280 and 360 px.
 */

type Language = 'fr' | 'en';

/** The texts of these pages in both languages (from apps/web/src/locales). */
const text = {
  fr: {
    firstName: 'Prénom',
    lastName: 'Nom',
    email: 'Adresse courriel',
    password: 'Mot de passe',
    profession: 'Profession',
    regulator: 'Ordre professionnel',
    licence: 'Numéro de permis',
    licenceHint:
      'Tel qu’il figure au registre de votre ordre, par exemple R123456. L’équipe CAPITUNE le vérifie avant que les candidats puissent vous joindre.',
    licenceClass: 'Catégorie de permis',
    firm: 'Nom du cabinet',
    consent: /J’accepte les conditions d’utilisation/,
    createAccount: 'Créer mon compte',
    checkInbox: 'Vérifiez votre boîte de réception',
    confirmed: 'Adresse courriel confirmée',
    banner: 'Votre permis n’est pas encore vérifié',
    bannerLink: 'Voir où en est ma vérification',
    title: 'Ma vérification',
    menu: 'Ma vérification',
    statusRegion: 'Où en est votre dossier',
    preparing: 'En préparation',
    underReview: 'En examen',
    verified: 'Vérifié',
    declaration: 'Votre déclaration',
    reference: (n: number) => `Référence ${n}`,
    referenceName: 'Nom complet',
    referenceEmail: 'Adresse courriel',
    relationship: 'Lien avec vous',
    saveDeclaration: 'Enregistrer ma déclaration',
    saved: 'Votre déclaration est enregistrée.',
    identity: 'Pièce d’identité',
    chooseIdentity: 'Choisir la pièce d’identité',
    sendIdentity: 'Envoyer la pièce d’identité',
    identitySent: (name: string) => `« ${name} » est envoyé.`,
    submitRegion: 'Soumettre votre dossier',
    submit: 'Soumettre',
    referenceTitle: 'Référence professionnelle',
    comment: 'Commentaire (facultatif)',
    confirmReference: 'Je confirme',
    referenceConfirmed: 'Merci : votre confirmation est enregistrée.',
    queueTitle: 'Vérification des professionnels',
    queues: 'Files de vérification',
    pending: 'À examiner',
    conflicts: 'Conflits',
    searchButton: 'Rechercher',
    register: 'Registre',
    chooseCapture: 'Capture de la page du registre',
    sendCapture: 'Téléverser la capture',
    captureSent: (name: string) => `« ${name} » est enregistré.`,
    decision: 'Décision',
    statusOnRegister: 'Statut au registre',
    renewalDate: 'Date de renouvellement du permis',
    nextCheckDate: 'Prochaine vérification',
    reason: 'Motif',
    recordDecision: 'Enregistrer la décision',
    approved: 'Le dossier est approuvé : le professionnel est vérifié et en a été informé.',
    conflictsRegion: 'Conflits de permis',
    alreadyClaimed:
      'Ce numéro de permis est déjà déclaré sur CAPITUNE. S’il s’agit du vôtre, écrivez-nous à verification@capitune.ca : notre équipe examinera la situation.',
  },
  en: {
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email address',
    password: 'Password',
    profession: 'Profession',
    regulator: 'Regulator',
    licence: 'Licence number',
    licenceHint:
      'As it appears on your regulator’s register, for example R123456. The CAPITUNE team checks it before candidates can reach you.',
    licenceClass: 'Licence class',
    firm: 'Firm name',
    consent: /I accept the terms of use/,
    createAccount: 'Create my account',
    checkInbox: 'Check your inbox',
    confirmed: 'Email address confirmed',
    banner: 'Your licence is not verified yet',
    bannerLink: 'See where my verification stands',
    title: 'My verification',
    menu: 'My verification',
    statusRegion: 'Where your file stands',
    preparing: 'In preparation',
    underReview: 'Under review',
    verified: 'Verified',
    declaration: 'Your declaration',
    reference: (n: number) => `Reference ${n}`,
    referenceName: 'Full name',
    referenceEmail: 'Email address',
    relationship: 'Relationship to you',
    saveDeclaration: 'Save my declaration',
    saved: 'Your declaration is saved.',
    identity: 'Identity document',
    chooseIdentity: 'Choose the identity document',
    sendIdentity: 'Send the identity document',
    identitySent: (name: string) => `“${name}” is sent.`,
    submitRegion: 'Submit your file',
    submit: 'Submit',
    referenceTitle: 'Professional reference',
    comment: 'Comment (optional)',
    confirmReference: 'I confirm',
    referenceConfirmed: 'Thank you: your confirmation is recorded.',
    queueTitle: 'Professional verification',
    queues: 'Verification queues',
    pending: 'To review',
    conflicts: 'Conflicts',
    searchButton: 'Search',
    register: 'Register',
    chooseCapture: 'Capture of the register page',
    sendCapture: 'Upload the capture',
    captureSent: (name: string) => `“${name}” is stored.`,
    decision: 'Decision',
    statusOnRegister: 'Status on the register',
    renewalDate: 'Licence renewal date',
    nextCheckDate: 'Next check',
    reason: 'Reason',
    recordDecision: 'Record the decision',
    approved: 'The file is approved: the professional is verified and was told.',
    conflictsRegion: 'Licence conflicts',
    alreadyClaimed:
      'This licence number is already declared on CAPITUNE. If it is yours, write to verification@capitune.ca and our team will look into it.',
  },
} as const;

/** French strings carry no-break spaces (U+00A0, U+202F) where the tests write plain ones. */
function loosely(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0\\u202f]');
  return new RegExp(escaped);
}

/** A day from today, as the date inputs take it. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function atPhoneWidth(page: Page, check: () => Promise<void>) {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await check();
  expect(await documentScrollWidth(page), page.url()).toBeLessThanOrEqual(360);
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

interface Pro {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  licence: string;
}

/** The sign-up form, as a pro: profession and regulator, the licence checked against its format. */
async function signUpAsPro(page: Page, language: Language, pro: Pro, firm: string) {
  const t = text[language];
  const main = page.getByRole('main');
  await page.goto('/signup?role=pro');
  await field(main, t.firstName).fill(pro.firstName);
  await field(main, t.lastName).fill(pro.lastName);
  await expect(field(main, t.profession)).toHaveValue('rcic');
  await expect(field(main, t.regulator)).toHaveValue('cicc');
  await expect(field(main, t.licence)).toHaveAccessibleDescription(t.licenceHint);
  await field(main, t.licence).fill(pro.licence.toLowerCase());
  await field(main, t.licenceClass).selectOption('L2');
  await field(main, t.firm).fill(firm);
  await field(main, t.email).fill(pro.email);
  await field(main, t.password).fill(pro.password);
  await main.getByLabel(t.consent).check();
}

/** The whole journey of one pro, in one language: sign-up to "Verified". */
async function verifiedJourney(page: Page, browser: Browser, language: Language) {
  const t = text[language];
  const main = page.getByRole('main');
  const problems: string[] = [];
  const pro: Pro = {
    email: uniqueEmail(`pro-${language}`),
    password: strongPassword(),
    firstName: language === 'fr' ? 'Élodie' : 'Grace',
    lastName: language === 'fr' ? `Gagnon${Date.now().toString(36)}` : `Okafor${Date.now().toString(36)}`,
    licence: randomLicence(),
  };
  const proName = `${pro.firstName} ${pro.lastName}`;

  // Sign-up in the browser, with the regulator and the licence class.
  await signUpAsPro(page, language, pro, `Cabinet ${pro.lastName}`);
  await expectNoA11yViolations(page);
  await main.getByRole('button', { name: t.createAccount }).click();
  await expect(page.getByRole('heading', { level: 1, name: t.checkInbox })).toBeVisible();
  await page.goto(await emailedLink(page.request, pro.email, '/verify-email'));
  await expect(page.getByRole('heading', { level: 1, name: t.confirmed })).toBeVisible();

  // Logged in: the dashboard says plainly that candidates cannot reach them yet.
  await page.goto('/login');
  await logIn(page, pro.email, pro.password, language);
  await expect(page).toHaveURL(/\/dashboard$/);
  const banner = main.getByRole('region', { name: t.banner });
  await expect(banner).toBeVisible();
  await expectNoA11yViolations(page);
  await banner.getByRole('link', { name: t.bannerLink }).click();
  await expect(page).toHaveURL(/\/verification$/);
  await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
  const status = main.getByRole('region', { name: t.statusRegion });
  await expect(status).toContainText(t.preparing);
  await expectNoA11yViolations(page);

  // The declaration: the licence as signed up (normalised), and two references.
  const declaration = main.getByRole('region', { name: t.declaration });
  await expect(field(declaration, t.licence)).toHaveValue(pro.licence);
  const references = [uniqueEmail(`ref1-${language}`), uniqueEmail(`ref2-${language}`)];
  for (const [index, email] of references.entries()) {
    const group = declaration.getByRole('group', { name: t.reference(index + 1) });
    await field(group, t.referenceName).fill(index === 0 ? 'Jeanne Roy' : 'Samuel Côté');
    await field(group, t.referenceEmail).fill(email);
    await field(group, t.relationship).fill(index === 0 ? 'Associée du cabinet' : 'Ancien employeur');
  }
  await declaration.getByRole('button', { name: t.saveDeclaration }).click();
  await expect(declaration.getByRole('status')).toHaveText(t.saved);

  // The identity document, through the real file input.
  const identity = main.getByRole('region', { name: t.identity });
  await identity.getByLabel(t.chooseIdentity).setInputFiles({
    name: 'identite.pdf',
    mimeType: 'application/pdf',
    buffer: tinyPdf('Piece d identite'),
  });
  await identity.getByRole('button', { name: t.sendIdentity }).click();
  await expect(identity.getByRole('status')).toHaveText(loosely(t.identitySent('identite.pdf')));

  // The public profile (its editor is another page): through the API.
  const token = await apiToken(page.request, pro.email, pro.password);
  const profile = await page.request.put('/api/me/pro-profile', {
    headers: { authorization: `Bearer ${token}` },
    data: {
      bio: { fr: 'Consultante réglementée à Montréal.', en: 'Regulated consultant in Montréal.' },
      languages: ['fr', 'en'],
      provinces: ['QC'],
      city: 'Montréal',
      remote: true,
      inPerson: true,
      acceptingClients: true,
      // Listed in the directory: the pro's choice (off until made).
      listed: true,
      programs: [],
    },
  });
  expect(profile.ok(), await profile.text()).toBe(true);

  // Submitted: under review, and the references are emailed their link.
  await page.reload();
  const submit = main.getByRole('region', { name: t.submitRegion });
  await submit.getByRole('button', { name: t.submit, exact: true }).click();
  await expect(status).toContainText(t.underReview);
  await expect(main.getByRole('region', { name: t.submitRegion })).toBeHidden();

  // Submitted but not verified: not in the directory, and no candidate can ask for them.
  const listed = await page.request.get(`/api/pros?q=${encodeURIComponent(pro.lastName)}`);
  expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
  const proId = (
    (await (await page.request.get('/api/me', { headers: { authorization: `Bearer ${token}` } })).json()) as {
      id: string;
    }
  ).id;
  // A candidate of their own (a context of their own: the page's cookies stay the pro's).
  const candidateContext = await browser.newContext();
  const candidate = await verifiedAccount(candidateContext.request, {
    role: 'candidate',
    firstName: 'Inès',
    lastName: 'Haddad',
    locale: language,
  });
  const candidateToken = await apiToken(candidateContext.request, candidate.email, candidate.password);
  const asCandidate = { authorization: `Bearer ${candidateToken}` };
  const opened = await candidateContext.request.post('/api/dossiers', {
    headers: asCandidate,
    data: { programId: 'express_entry_fsw' },
  });
  expect(opened.ok(), await opened.text()).toBe(true);
  const dossierId = ((await opened.json()) as { id: string }).id;
  const asked = await candidateContext.request.post(`/api/dossiers/${dossierId}/assignment`, {
    headers: asCandidate,
    data: { proId },
  });
  expect(asked.status()).toBe(403);
  expect(((await asked.json()) as { code: string }).code).toBe('PRO_NOT_VERIFIED');
  await candidateContext.close();

  // A reference answers on the public page (no account), at both widths.
  const referencePage = await (
    await browser.newContext({ locale: language === 'fr' ? 'fr-CA' : 'en-CA' })
  ).newPage();
  await referencePage.goto(await emailedLink(page.request, references[0] as string, '/reference'));
  await expect(referencePage.getByRole('heading', { level: 1, name: t.referenceTitle })).toBeVisible();
  await expect(referencePage.getByRole('main')).toContainText(proName);
  await expectNoA11yViolations(referencePage);
  await atPhoneWidth(referencePage, () =>
    expect(referencePage.getByRole('heading', { level: 1, name: t.referenceTitle })).toBeVisible(),
  );
  await referencePage.getByLabel(t.comment).fill('Je connais sa pratique depuis 2019.');
  await referencePage.getByRole('button', { name: t.confirmReference }).click();
  await expect(referencePage.getByRole('main')).toContainText(loosely(t.referenceConfirmed));
  await referencePage.context().close();

  // The admin finds the file in the queue, checks the register, uploads a capture and approves.
  // Deciding asks the admin to confirm it is them: the API's 401 that opens the dialog is expected.
  const admin = await personIn(
    browser,
    { email: demo.admin, password: demo.password },
    language,
    problems,
    /status of 401/,
  );
  await admin.goto('/admin/verifications');
  await expect(admin.getByRole('heading', { level: 1, name: t.queueTitle })).toBeVisible();
  const queues = admin.getByRole('navigation', { name: t.queues });
  await expect(queues.getByRole('link', { name: t.pending })).toHaveAttribute('aria-current', 'page');
  await admin.getByRole('searchbox').fill(pro.licence);
  await admin.getByRole('main').getByRole('button', { name: t.searchButton }).click();
  await expect(admin).toHaveURL(new RegExp(`q=${pro.licence}`));
  await expectNoA11yViolations(admin);
  await atPhoneWidth(admin, () => expect(admin.getByRole('link', { name: proName })).toBeVisible());
  await admin.getByRole('link', { name: proName }).click();
  await expect(admin.getByRole('heading', { level: 1, name: proName })).toBeVisible();
  await expectNoA11yViolations(admin);

  const register = admin.getByRole('region', { name: t.register });
  await register.getByLabel(t.chooseCapture).setInputFiles({
    name: 'registre.pdf',
    mimeType: 'application/pdf',
    buffer: tinyPdf(`Registre ${pro.licence}`),
  });
  await register.getByRole('button', { name: t.sendCapture }).click();
  await expect(register.getByRole('status').filter({ hasText: 'registre.pdf' })).toHaveText(
    loosely(t.captureSent('registre.pdf')),
  );

  const decision = admin.getByRole('region', { name: t.decision });
  await expect(field(decision, t.decision)).toHaveValue('approve');
  await field(decision, t.statusOnRegister).fill(language === 'fr' ? 'Actif' : 'Active');
  await field(decision, t.renewalDate).fill(dayFromToday(300));
  await field(decision, t.nextCheckDate).fill(dayFromToday(180));
  await field(decision, t.reason).fill('Inscription active au registre du CICC, références confirmées.');
  await decision.getByRole('button', { name: t.recordDecision }).click();
  await confirmWithPassword(admin, demo.password, language);
  await expect(decision).toContainText(loosely(t.approved));
  await expect(admin.getByRole('main').getByText(t.verified, { exact: true }).first()).toBeVisible();
  await atPhoneWidth(admin, () =>
    expect(admin.getByRole('heading', { level: 1, name: proName })).toBeVisible(),
  );
  await admin.context().close();

  // Verified: the directory lists them, with the badge.
  await page.goto(`/pros?q=${encodeURIComponent(pro.lastName)}`);
  const card = main.getByRole('article', { name: proName });
  await expect(card).toBeVisible();
  await expect(card).toContainText(t.verified);

  // The pro is verified; the dashboard's banner is gone.
  await page.goto('/verification');
  await expect(status).toContainText(t.verified);
  await atPhoneWidth(page, () => expect(status).toContainText(t.verified));
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(main.getByRole('region', { name: t.banner })).toBeHidden();
  // The header's menu leads to the file.
  await page
    .getByRole('banner')
    .getByRole('button', { name: new RegExp(pro.firstName) })
    .click();
  await page.getByRole('banner').getByRole('link', { name: t.menu }).click();
  await expect(page).toHaveURL(/\/verification$/);

  expect(problems, 'the other pages logged errors').toEqual([]);
}

test.describe('verified professionals', () => {
  test('in French: a pro signs up, completes the file, and the admin verifies them', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    await verifiedJourney(page, browser, 'fr');
  });

  test.describe('in English', () => {
    test.use({ locale: 'en-CA' });

    test('a pro signs up, completes the file, and the admin verifies them', async ({ page, browser }) => {
      test.setTimeout(120_000);
      await verifiedJourney(page, browser, 'en');
    });
  });

  test.describe('the impostor', () => {
    // The refused sign-up answers 409: the browser logs the failed request.
    test.use({ allowedConsoleErrors: /status of 409/ });

    test('a second sign-up with a claimed licence is refused, and the admin sees the conflict', async ({
      page,
      browser,
    }) => {
      test.setTimeout(60_000);
      const problems: string[] = [];
      // The demo pro's licence (verified at seeding), as the admin sees it.
      const token = await apiToken(page.request, demo.admin, demo.password);
      const found = await page.request.get(
        `/api/admin/verifications?queue=all&q=${encodeURIComponent(demo.pro)}`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      expect(found.ok(), await found.text()).toBe(true);
      const { items } = (await found.json()) as {
        items: Array<{
          id: string;
          licenceNumber: string | null;
          pro: { email: string; firstName: string; lastName: string };
        }>;
      };
      const holder = items.find((item) => item.pro.email === demo.pro);
      expect(holder?.licenceNumber).toBeTruthy();
      const licence = holder?.licenceNumber as string;

      const impostor: Pro = {
        email: uniqueEmail('impostor'),
        password: strongPassword(),
        firstName: holder?.pro.firstName ?? 'Marc',
        lastName: holder?.pro.lastName ?? 'Tremblay',
        licence,
      };
      const main = page.getByRole('main');
      await signUpAsPro(page, 'fr', impostor, 'Tremblay Immigration');
      await main.getByRole('button', { name: text.fr.createAccount }).click();

      // Refused under the licence field, in words that name nobody; translated with the page.
      const licenceField = field(main, text.fr.licence);
      await expect(licenceField).toHaveAttribute('aria-invalid', 'true');
      await expect(licenceField).toHaveAccessibleDescription(loosely(text.fr.alreadyClaimed));
      await expect(page.getByRole('heading', { level: 1, name: text.fr.checkInbox })).toBeHidden();
      await expectNoA11yViolations(page);
      await page.getByRole('button', { name: 'English' }).click();
      await expect(field(main, text.en.licence)).toHaveAccessibleDescription(loosely(text.en.alreadyClaimed));

      // The admin sees it in the conflicts queue, with who tried.
      const admin = await personIn(browser, { email: demo.admin, password: demo.password }, 'fr', problems);
      await admin.goto(`/admin/verifications?queue=conflicts&q=${encodeURIComponent(licence)}`);
      const queues = admin.getByRole('navigation', { name: text.fr.queues });
      await expect(queues.getByRole('link', { name: text.fr.conflicts })).toHaveAttribute(
        'aria-current',
        'page',
      );
      const holderName = `${holder?.pro.firstName} ${holder?.pro.lastName}`;
      await admin.getByRole('link', { name: holderName }).click();
      const conflicts = admin.getByRole('region', { name: text.fr.conflictsRegion });
      await expect(conflicts).toContainText(impostor.email);
      await expectNoA11yViolations(admin);
      await admin.context().close();
      expect(problems, 'the admin’s pages logged errors').toEqual([]);
    });
  });
});
