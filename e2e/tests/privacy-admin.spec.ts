import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { field, logIn, logInAsAdmin } from '../support/accounts';
import { apiToken, verifiedAccount, verifiedPro } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { atPhoneWidth, loosely } from '../support/pages';
import { confirmWithPassword } from '../support/two-factor';

/**
 * The admin and pro side of privacy and records: an admin records a confidentiality incident and notes
 * the notice sent to the CAI (the date shows on the incident, with how long it is kept); an admin reads
 * the retention rules and the destruction register; a pro places a legal hold on a client file, lifts
 * it, and downloads the file's inspection export after confirming it is them. Every page passes axe at
 * 1280 and 360 px.
 */

type Language = 'fr' | 'en';

/** The texts of these pages (from apps/web/src/locales/*\/admin-privacy.json and dossiers.json). */
const text = {
  fr: {
    consoleNav: 'Console d’administration',
    incidentsNav: 'Incidents',
    incidentsTitle: 'Incidents de confidentialité',
    newIncident: 'Consigner un incident',
    newIncidentTitle: 'Nouvel incident',
    title: 'Titre',
    kind: 'Nature de l’incident',
    risk: 'Risque de préjudice sérieux',
    description: 'Description',
    discoveredAt: 'Découvert le',
    affected: 'Personnes concernées',
    affectedCount: 'Nombre de personnes concernées',
    dataConcerned: 'Renseignements concernés',
    submitIncident: 'Consigner l’incident',
    reminder: 'Risque de préjudice sérieux : des avis manquent',
    dates: 'Dates et conservation',
    caiNotified: 'CAI avisée le',
    notYet: 'Pas encore',
    keepUntil: 'Conservé jusqu’au',
    addEntry: 'Ajouter une inscription',
    entryKind: 'Type d’inscription',
    entryDate: 'Date',
    entryNote: 'Détail',
    submitEntry: 'Ajouter l’inscription',
    added: 'L’inscription est ajoutée.',
    log: 'Journal de l’incident',
    caiEntry: 'Commission d’accès à l’information (CAI) avisée',
    list: 'Incidents du registre',
    keptUntil: (date: string) => `Conservé jusqu’au ${date}`,
    retentionTitle: 'Conservation et destruction',
    rulesCaption: 'Règles de conservation, par sorte de renseignement',
    clientFile: 'Dossier client fermé',
    sixYears: '6 ans',
    register: 'Registre des destructions',
    registerEmpty: 'Rien n’a encore été détruit.',
    registerCaption: 'Registre des destructions, les plus récentes d’abord',
    ruleFilter: 'Règle',
    reviewsTitle: 'Révision des décisions automatisées',
    records: 'Registres',
    hold: 'Gel juridique',
    reason: 'Motif du gel',
    place: 'Geler le dossier',
    placed: 'Le gel est en place.',
    heldSince: 'Dossier gelé depuis le',
    lift: 'Lever le gel',
    lifted: 'Le gel est levé.',
    noHold: 'Aucun gel\u00a0: le dossier sera détruit à la fin de sa période de conservation.',
    inspection: 'Export pour inspection',
    download: 'Télécharger l’export pour inspection (ZIP)',
    holdReason: 'Litige sur les honoraires\u00a0: l’avocat du client nous demande de tout conserver.',
    tooShort: 'Litige',
  },
  en: {
    consoleNav: 'Admin console',
    incidentsNav: 'Incidents',
    newIncident: 'Record an incident',
    newIncidentTitle: 'New incident',
    title: 'Title',
    kind: 'Kind of incident',
    risk: 'Risk of serious injury',
    description: 'Description',
    discoveredAt: 'Discovered on',
    affected: 'People affected',
    affectedCount: 'Number of people affected',
    dataConcerned: 'Information concerned',
    submitIncident: 'Record the incident',
    reminder: 'Risk of serious injury: notices are missing',
    dates: 'Dates and retention',
    caiNotified: 'CAI notified on',
    notYet: 'Not yet',
    keepUntil: 'Kept until',
    addEntry: 'Add an entry',
    entryKind: 'Kind of entry',
    entryDate: 'Date',
    entryNote: 'Details',
    submitEntry: 'Add the entry',
    added: 'The entry is added.',
    log: 'Incident log',
    caiEntry: 'CAI (Commission d’accès à l’information) notified',
    list: 'Incidents in the register',
    keptUntil: (date: string) => `Kept until ${date}`,
    retentionTitle: 'Retention and destruction',
    rulesCaption: 'Retention rules, by kind of information',
    clientFile: 'Closed client file',
    sixYears: '6 years',
    register: 'Destruction register',
    registerEmpty: 'Nothing has been destroyed yet.',
    registerCaption: 'Destruction register, most recent first',
    ruleFilter: 'Rule',
    records: 'Records',
    hold: 'Legal hold',
    reason: 'Reason for the hold',
    place: 'Place a hold',
    placed: 'The hold is in place.',
    heldSince: 'File on hold since',
    lift: 'Lift the hold',
    lifted: 'The hold is lifted.',
    noHold: 'No hold: the file will be destroyed at the end of its retention period.',
    inspection: 'Inspection export',
    download: 'Download the inspection export (ZIP)',
    holdReason: 'Dispute over fees: the client’s lawyer asked us to keep everything.',
    tooShort: 'Dispute',
    incidentsTitle: 'Confidentiality incidents',
    reviewsTitle: 'Review of automated decisions',
  },
} as const;

const zone = 'America/Toronto';

/** A `datetime-local` value `daysAgo` days back at `hour:minute`, in the browser's time zone (Toronto). */
function localInput(daysAgo: number, hour: number, minute: number): { value: string; at: Date } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() - daysAgo * 86_400_000));
  const value = `${parts}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  // Toronto is 4 or 5 hours behind UTC: the instant is found by trying both.
  const at = [4, 5]
    .map((offset) => new Date(`${value}:00.000Z`).getTime() + offset * 3_600_000)
    .map((time) => new Date(time))
    .find((date) => {
      const shown = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(date);
      return shown === value.slice(11);
    }) as Date;
  return { value, at };
}

/** A day as the admin pages write it (medium date in the admin's time zone). */
const mediumDay = (date: Date, language: Language) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: zone }).format(date);

/** The value next to a term of a description list. */
function definition(scope: Locator, term: string): Locator {
  return scope.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

/** What the admin types, in the language of the test. */
const incidentInput = {
  fr: {
    title: 'Courriel envoyé au mauvais client',
    description: 'Une lettre d’acceptation a été envoyée par courriel à un autre client du cabinet.',
    affected: 'Une candidate du cabinet',
    data: 'Nom, numéro de dossier IRCC, décision',
    note: 'Formulaire de déclaration transmis à la CAI par son site.',
  },
  en: {
    title: 'Email sent to the wrong client',
    description: 'An acceptance letter was emailed to another client of the firm.',
    affected: 'A candidate of the firm',
    data: 'Name, IRCC file number, decision',
    note: 'Declaration form sent to the CAI through its website.',
  },
} as const;

for (const language of ['fr', 'en'] as const) {
  test.describe(`the confidentiality incident register (${language})`, () => {
    test.use({ locale: language === 'fr' ? 'fr-CA' : 'en-CA', timezoneId: zone });

    test('an admin records an incident, notes the notice to the CAI, and sees its date and how long it is kept', async ({
      page,
    }) => {
      const t = text[language];
      const input = incidentInput[language];
      const main = page.getByRole('main');
      const title = `${input.title} ${Date.now().toString(36)}`;
      const discovered = localInput(3, 9, 30);
      const notified = localInput(1, 14, 5);
      test.setTimeout(60_000);

      await logInAsAdmin(page, language);
      await page.goto('/admin/privacy/incidents');
      await expect(page.getByRole('heading', { level: 1, name: t.incidentsTitle })).toBeVisible();
      await expect(
        page.getByRole('navigation', { name: t.consoleNav }).getByRole('link', { name: t.incidentsNav }),
      ).toHaveAttribute('aria-current', 'page');
      await expectNoA11yViolations(page);

      // The form opens in place, its heading focused.
      await main.getByRole('button', { name: t.newIncident }).click();
      const form = main.getByRole('region', { name: t.newIncidentTitle });
      await expect(form.getByRole('heading', { name: t.newIncidentTitle })).toBeFocused();
      await field(form, t.title).fill(title);
      await field(form, t.kind).selectOption('unauthorised_disclosure');
      await field(form, t.risk).selectOption('serious');
      await field(form, t.description).fill(input.description);
      await field(form, t.discoveredAt).fill(discovered.value);
      await field(form, t.affected).fill(input.affected);
      await field(form, t.affectedCount).fill('1');
      await field(form, t.dataConcerned).fill(input.data);
      await expectNoA11yViolations(page);
      await form.getByRole('button', { name: t.submitIncident }).click();

      // Its page: serious risk and no notice yet, so the reminder of Law 25 and PIPEDA shows.
      await expect(page).toHaveURL(/\/admin\/privacy\/incidents\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(main.getByText(loosely(t.reminder))).toBeVisible();
      const dates = main.getByRole('region', { name: t.dates });
      await expect(definition(dates, t.caiNotified)).toHaveText(t.notYet);
      const keepUntil = new Date(discovered.at);
      keepUntil.setUTCFullYear(keepUntil.getUTCFullYear() + 5);
      await expect(definition(dates, t.keepUntil)).toHaveText(mediumDay(keepUntil, language));
      await expectNoA11yViolations(page);

      // The notice to the CAI, dated yesterday: the incident carries its date, the log the entry.
      const entry = main.getByRole('region', { name: t.addEntry });
      await field(entry, t.entryKind).selectOption('cai_notified');
      await field(entry, t.entryDate).fill(notified.value);
      await field(entry, t.entryNote).fill(input.note);
      await entry.getByRole('button', { name: t.submitEntry }).click();
      await expect(entry.getByRole('status')).toHaveText(t.added);
      await expect(definition(dates, t.caiNotified)).toContainText(mediumDay(notified.at, language));
      const log = main.getByRole('region', { name: t.log });
      await expect(log).toContainText(t.caiEntry);
      await expect(log).toContainText(input.note);
      await expectNoA11yViolations(page);
      await atPhoneWidth(page, () =>
        expect(definition(dates, t.caiNotified)).toContainText(mediumDay(notified.at, language)),
      );

      // The register lists it, with its keep-until date.
      await page.goto('/admin/privacy/incidents?status=open');
      const item = main.getByRole('list', { name: t.list }).getByRole('article', { name: title });
      await expect(item.getByText(loosely(t.keptUntil(mediumDay(keepUntil, language))))).toBeVisible();
      await atPhoneWidth(page, () => expect(item).toBeVisible());
    });
  });
}

/** The retention page: the client file rule in words, and the register (empty on a fresh database). */
async function retentionJourney(page: Page, language: Language) {
  const t = text[language];
  const main = page.getByRole('main');
  await logInAsAdmin(page, language);
  await page.goto('/admin/privacy/retention');
  await expect(page.getByRole('heading', { level: 1, name: t.retentionTitle })).toBeVisible();
  const rules = main.getByRole('table', { name: t.rulesCaption });
  const clientFile = rules.getByRole('row', { name: new RegExp(`^${t.clientFile}`) });
  await expect(clientFile).toBeVisible();
  // The first cell after the row's header: the period, in words.
  await expect(clientFile.getByRole('cell').first()).toHaveText(loosely(t.sixYears));
  await expect(main.getByRole('heading', { level: 2, name: t.register })).toBeVisible();
  await expect(
    main.getByText(t.registerEmpty).or(main.getByRole('table', { name: t.registerCaption })),
  ).toBeVisible();
  await expectNoA11yViolations(page);

  // Filtered by rule, from the URL.
  await page.goto('/admin/privacy/retention?rule=client_file');
  await expect(page.getByRole('heading', { level: 1, name: t.retentionTitle })).toBeVisible();
  await expect(main.getByRole('combobox', { name: t.ruleFilter })).toHaveValue('client_file');
  await atPhoneWidth(page, () => expect(rules).toBeVisible());
}

test.describe('retention and the destruction register', () => {
  test.describe('in English', () => {
    test.use({ locale: 'en-CA', timezoneId: zone });
    test('an admin reads the rules and the register', async ({ page }) => {
      await retentionJourney(page, 'en');
    });

    test('the review requests and incident pages pass axe, on a phone too', async ({ page }) => {
      await logInAsAdmin(page, 'en');
      for (const [path, title] of [
        ['/admin/privacy/reviews', text.en.reviewsTitle],
        ['/admin/privacy/incidents', text.en.incidentsTitle],
      ] as const) {
        await page.goto(path);
        const heading = page.getByRole('heading', { level: 1, name: title });
        await expect(heading).toBeVisible();
        await expectNoA11yViolations(page);
        await atPhoneWidth(page, () => expect(heading).toBeVisible());
      }
    });
  });

  test.describe('in French', () => {
    test.use({ locale: 'fr-CA', timezoneId: zone });
    test('an admin reads the rules and the register', async ({ page }) => {
      await retentionJourney(page, 'fr');
    });

    test('the review requests page passes axe', async ({ page }) => {
      await logInAsAdmin(page, 'fr');
      await page.goto('/admin/privacy/reviews');
      const heading = page.getByRole('heading', { level: 1, name: text.fr.reviewsTitle });
      await expect(heading).toBeVisible();
      await expectNoA11yViolations(page);
      await atPhoneWidth(page, () => expect(heading).toBeVisible());
    });
  });
});

/** A candidate opens a dossier and asks the pro, who accepts (through the API). */
async function clientDossier(
  request: APIRequestContext,
  pro: { email: string; password: string },
): Promise<{ id: string; candidate: { email: string; password: string } }> {
  const candidate = await verifiedAccount(request, {
    role: 'candidate',
    firstName: 'Maëlle',
    lastName: 'Fortin',
    locale: 'en',
  });
  const asCandidate = {
    authorization: `Bearer ${await apiToken(request, candidate.email, candidate.password)}`,
  };
  const asPro = { authorization: `Bearer ${await apiToken(request, pro.email, pro.password)}` };
  const created = await request.post('/api/dossiers', {
    headers: asCandidate,
    data: { programId: 'express_entry_cec' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const me = (await (await request.get('/api/me', { headers: asPro })).json()) as { id: string };
  const requested = await request.post(`/api/dossiers/${id}/assignment`, {
    headers: asCandidate,
    data: { proId: me.id },
  });
  expect(requested.status(), await requested.text()).toBe(202);
  const accepted = await request.post(`/api/dossiers/${id}/assignment/decision`, {
    headers: asPro,
    data: { decision: 'accept' },
  });
  expect(accepted.status(), await accepted.text()).toBe(204);
  return { id, candidate };
}

for (const language of ['en', 'fr'] as const) {
  test.describe(`the records of a client file (${language})`, () => {
    // The inspection export asks the pro to confirm it is them: that 401 is logged by the browser.
    test.use({
      locale: language === 'fr' ? 'fr-CA' : 'en-CA',
      timezoneId: zone,
      allowedConsoleErrors: /status of 401/,
    });

    test('a pro places a legal hold and lifts it, then downloads the inspection export', async ({ page }) => {
      test.setTimeout(90_000);
      const t = text[language];
      const main = page.getByRole('main');
      const pro = await verifiedPro(page.request, 'Chloé', 'Gagnon', language);
      const { id, candidate } = await clientDossier(page.request, pro);

      // The candidate's view of the dossier has no records panel, and no hold.
      const asCandidate = {
        authorization: `Bearer ${await apiToken(page.request, candidate.email, candidate.password)}`,
      };
      const seen = await page.request.get(`/api/dossiers/${id}`, { headers: asCandidate });
      expect(seen.ok(), await seen.text()).toBe(true);
      expect(((await seen.json()) as { legalHold: unknown }).legalHold).toBeNull();

      await page.goto('/login');
      await logIn(page, pro.email, pro.password, language);
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.goto(`/dossiers/${id}`);
      const records = main.getByRole('region', { name: t.records, exact: true });
      await expect(records).toBeVisible();
      const hold = records.getByRole('region', { name: t.hold });
      await expect(hold).toContainText(t.noHold);
      await expectNoA11yViolations(page);

      // A reason too short is refused beside its field; a real one places the hold.
      const reason = t.holdReason;
      await field(hold, t.reason).fill(t.tooShort);
      await hold.getByRole('button', { name: t.place }).click();
      await expect(field(hold, t.reason)).toBeFocused();
      await expect(field(hold, t.reason)).toHaveAttribute('aria-invalid', 'true');
      await field(hold, t.reason).fill(reason);
      await hold.getByRole('button', { name: t.place }).click();
      await expect(hold.getByRole('status')).toHaveText(t.placed);
      await expect(hold).toContainText(t.heldSince);
      await expect(hold).toContainText(reason);
      await expect(hold.getByRole('button', { name: t.lift })).toBeFocused();
      await expectNoA11yViolations(page);

      // Still there after a reload (the dossier says so), then lifted.
      await page.reload();
      await expect(hold).toContainText(reason);
      await hold.getByRole('button', { name: t.lift }).click();
      await expect(hold.getByRole('status')).toHaveText(t.lifted);
      await expect(hold).toContainText(t.noHold);

      // The inspection export: the whole file, after the step-up, as a ZIP.
      const exportRegion = records.getByRole('region', { name: t.inspection });
      const downloading = page.waitForEvent('download');
      await exportRegion.getByRole('button', { name: t.download }).click();
      await confirmWithPassword(page, pro.password, language);
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/\.zip$/);
      const bytes = await readFile(await download.path());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

      await atPhoneWidth(page, () => expect(records.getByRole('button', { name: t.download })).toBeVisible());
    });
  });
}
