import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { demo, field, logInAsAdmin } from '../support/accounts';
import { apiToken } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { atPhoneWidth, loosely } from '../support/pages';

/**
 * The admin console's tools: the watched words of automated moderation (a rule added, a text tested
 * against it, a phone number caught as a fraud signal, the rules exported and imported as CSV); the
 * platform statistics (key figures, charts' captions and data tables, another period, the CSV); the
 * audit log (filtered by an action family, its chain verified, the CSV). Every page passes axe at 1280
 * and 360 px, in French and in English.
 */

type Language = 'fr' | 'en';

/** The texts of these pages in both languages (apps/web/src/locales/*\/admin*.json). */
const text = {
  fr: {
    consoleNav: 'Console d’administration',
    watchedWordsTitle: 'Mots surveillés',
    addRegion: 'Ajouter une règle',
    word: 'Mot ou expression',
    list: 'Liste',
    action: 'Action',
    add: 'Ajouter',
    added: (word: string) => `« ${word} » est ajouté.`,
    rulesRegion: 'Règles',
    editRule: (word: string) => `Modifier « ${word} »`,
    testRegion: 'Tester un texte',
    textToTest: 'Texte à tester',
    textLanguage: 'Langue du texte',
    test: 'Tester',
    matches: 'Règles qui correspondent',
    watchedWordSource: 'Mot surveillé',
    signalSource: 'Signal de fraude',
    phoneSignal: 'numéro de téléphone',
    csvRegion: 'Importer et exporter',
    exportCsv: 'Exporter en CSV',
    importCsv: 'Importer un CSV',
    imported: 'Import terminé : 1 ajoutées, 0 modifiées, 0 inchangées.',
    csvFile: /^mots-surveilles-\d{4}-\d{2}-\d{2}\.csv$/,
    statsTitle: 'Statistiques de la plateforme',
    statsNav: 'Statistiques',
    keyFigures: 'En bref',
    keyGroups: ['Membres actifs', 'Documents', 'Vérifications des professionnels', 'Modération d’Inside'],
    figures: [
      {
        title: 'Inscriptions par jour',
        summary: /^[\d\s\u00a0\u202f]+ inscriptions sur la période, par rôle\.$/,
      },
      { title: 'Messages par jour', summary: /^[\d\s\u00a0\u202f]+ messages échangés sur la période\.$/ },
      {
        title: 'Dossiers par statut',
        summary: /^[\d\s\u00a0\u202f]+ dossiers en tout, tous statuts confondus\.$/,
      },
    ],
    range: /^Du .+ au .+ · Chiffres calculés le /,
    period: 'Période',
    ninetyDays: '90 derniers jours',
    showData: 'Voir les données',
    dayColumn: 'Jour',
    candidates: 'Candidats',
    download: 'Télécharger en CSV',
    auditTitle: 'Journal d’audit',
    auditFilters: 'Filtres du journal',
    filter: 'Filtrer',
    entries: 'Entrées du journal',
    verify: 'Vérifier maintenant',
    intact: /^Chaîne intacte\s?: [\d\s\u00a0\u202f]+ entrées? vérifiées?$/,
    auditFile: /^journal-audit-\d{4}-\d{2}-\d{2}\.csv$/,
  },
  en: {
    consoleNav: 'Admin console',
    watchedWordsTitle: 'Watched words',
    addRegion: 'Add a rule',
    word: 'Word or phrase',
    list: 'List',
    action: 'Action',
    add: 'Add',
    added: (word: string) => `“${word}” was added.`,
    rulesRegion: 'Rules',
    editRule: (word: string) => `Edit “${word}”`,
    testRegion: 'Test a text',
    textToTest: 'Text to test',
    textLanguage: 'Language of the text',
    test: 'Test',
    matches: 'Matching rules',
    watchedWordSource: 'Watched word',
    signalSource: 'Fraud signal',
    phoneSignal: 'phone number',
    csvRegion: 'Import and export',
    exportCsv: 'Export as CSV',
    importCsv: 'Import a CSV',
    imported: 'Import done: 1 added, 0 changed, 0 unchanged.',
    csvFile: /^watched-words-\d{4}-\d{2}-\d{2}\.csv$/,
    statsTitle: 'Platform statistics',
    statsNav: 'Statistics',
    keyFigures: 'At a glance',
    keyGroups: ['Active members', 'Documents', 'Professional verifications', 'Inside moderation'],
    figures: [
      { title: 'Sign-ups per day', summary: /^[\d,]+ sign-ups over the period, by role\.$/ },
      { title: 'Messages per day', summary: /^[\d,]+ messages exchanged over the period\.$/ },
      { title: 'Dossiers by status', summary: /^[\d,]+ dossiers in all, whatever their status\.$/ },
    ],
    range: /^From .+ to .+ · Figures computed on /,
    period: 'Period',
    ninetyDays: 'Last 90 days',
    showData: 'Show the data',
    dayColumn: 'Day',
    candidates: 'Candidates',
    download: 'Download as CSV',
    auditTitle: 'Audit log',
    auditFilters: 'Audit log filters',
    filter: 'Filter',
    entries: 'Audit log entries',
    verify: 'Verify now',
    intact: /^Chain intact: [\d,]+ entr(y|ies) verified$/,
    auditFile: /^audit-log-\d{4}-\d{2}-\d{2}\.csv$/,
  },
} as const;

/** What each language's journey writes: a rule of its own list, a text it catches, a phone number. */
const samples = {
  fr: {
    stem: 'filon',
    listName: 'Français',
    actionName: 'Retenir pour modération',
    outcome: 'Retenu pour modération',
    caught: (word: string) => `Je connais un ${word} pour obtenir la résidence permanente plus vite.`,
    phone: 'Écrivez-moi sur WhatsApp au +33 6 12 34 56 78 pour la suite de votre dossier.',
    phoneOutcome: 'Retenu pour modération',
  },
  en: {
    stem: 'shortcut',
    listName: 'English',
    actionName: 'Flag to moderators',
    outcome: 'Published and flagged',
    caught: (word: string) => `I know a ${word} to get permanent residence faster.`,
    phone: 'Message me on WhatsApp at +44 7700 900123 for the rest of your file.',
    phoneOutcome: 'Held for moderation',
  },
} as const;

const stamp = () => Date.now().toString(36);

/** Clicks what starts a download and returns the file's name and text. */
async function downloaded(page: Page, start: () => Promise<void>): Promise<{ name: string; body: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  return { name: download.suggestedFilename(), body: await downloadedText(download) };
}

async function downloadedText(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

function consoleLink(page: Page, language: Language, name: string) {
  return page.getByRole('navigation', { name: text[language].consoleNav }).getByRole('link', { name });
}

/** A rule added, a text it catches tested, a phone number caught as a signal, the rules as CSV. */
async function watchedWordsJourney(page: Page, language: Language) {
  const t = text[language];
  const sample = samples[language];
  const main = page.getByRole('main');
  const rule = `${sample.stem}${stamp()}*`;

  await logInAsAdmin(page, language);
  await page.goto('/admin/watched-words');
  await expect(page.getByRole('heading', { level: 1, name: t.watchedWordsTitle })).toBeVisible();
  await expect(consoleLink(page, language, t.watchedWordsTitle)).toHaveAttribute('aria-current', 'page');
  await expectNoA11yViolations(page);

  // The rule: its own list and action; the list of rules has it at once.
  const add = main.getByRole('region', { name: t.addRegion, exact: true });
  await field(add, t.word).fill(rule);
  await field(add, t.list).selectOption({ label: sample.listName });
  await field(add, t.action).selectOption({ label: sample.actionName });
  await add.getByRole('button', { name: t.add, exact: true }).click();
  await expect(add.getByRole('status')).toHaveText(loosely(t.added(rule)));
  const rules = main.getByRole('region', { name: t.rulesRegion, exact: true });
  await expect(rules.getByRole('button', { name: loosely(t.editRule(rule)) })).toBeVisible();

  // "Test this text": the outcome the rule gives, and the rule named among the matches.
  const tester = main.getByRole('region', { name: t.testRegion, exact: true });
  await field(tester, t.textToTest).fill(sample.caught(rule.replace('*', 's')));
  await field(tester, t.textLanguage).selectOption({ label: sample.listName });
  await tester.getByRole('button', { name: t.test, exact: true }).click();
  const result = tester.getByRole('status');
  await expect(result).toContainText(sample.outcome);
  const matches = tester.getByRole('list', { name: t.matches });
  await expect(matches.getByRole('listitem').filter({ hasText: rule })).toContainText(t.watchedWordSource);
  await expect(matches.getByRole('listitem').filter({ hasText: rule })).toContainText(sample.actionName);
  await expectNoA11yViolations(page);

  // A WhatsApp number: the fraud signal holds the text of someone unknown.
  await field(tester, t.textToTest).fill(sample.phone);
  await tester.getByRole('button', { name: t.test, exact: true }).click();
  await expect(matches.getByRole('listitem').filter({ hasText: t.phoneSignal })).toContainText(
    t.signalSource,
  );
  await expect(result).toContainText(sample.phoneOutcome);
  await expect(matches).not.toContainText(rule);

  // The CSV export has the rule; an import adds one more.
  const csv = main.getByRole('region', { name: t.csvRegion, exact: true });
  const file = await downloaded(page, () => csv.getByRole('button', { name: t.exportCsv }).click());
  expect(file.name).toMatch(t.csvFile);
  expect(file.body).toMatch(/^\uFEFF?word,locale,action,tag\r\n/);
  expect(file.body).toContain(`${rule},${language},${language === 'fr' ? 'hold' : 'flag'},\r\n`);

  const imported = `${sample.stem}import${stamp()}`;
  await field(csv, t.importCsv).setInputFiles({
    name: 'rules.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`word,locale,action,tag\r\n${imported},${language},tag,import-${language}\r\n`),
  });
  await expect(csv.getByRole('status')).toHaveText(loosely(t.imported));
  await expect(rules.getByRole('button', { name: loosely(t.editRule(imported)) })).toBeVisible();
  await expectNoA11yViolations(page);

  await atPhoneWidth(page, () =>
    expect(rules.getByRole('button', { name: loosely(t.editRule(rule)) })).toBeVisible(),
  );
}

/** Key figures and charts' captions; another period; a chart's data table; the CSV. */
async function statsJourney(page: Page, language: Language) {
  const t = text[language];
  const main = page.getByRole('main');

  await logInAsAdmin(page, language);
  await page.goto('/admin/stats');
  await expect(page.getByRole('heading', { level: 1, name: t.statsTitle })).toBeVisible();
  await expect(consoleLink(page, language, t.statsNav)).toHaveAttribute('aria-current', 'page');

  const keyFigures = main.getByRole('region', { name: t.keyFigures, exact: true });
  for (const group of t.keyGroups) {
    await expect(keyFigures.getByRole('heading', { level: 3, name: group, exact: true })).toBeVisible();
  }
  for (const figure of t.figures) {
    const chart = main.getByRole('figure', { name: figure.title, exact: true });
    await expect(chart.getByText(figure.summary)).toBeVisible();
  }
  await expectNoA11yViolations(page);

  // Another period: the range said above the figures moves back.
  const range = main.getByText(t.range);
  const thirtyDays = (await range.textContent()) ?? '';
  await field(main, t.period).selectOption({ label: t.ninetyDays });
  await expect(range).not.toHaveText(thirtyDays);

  // The sign-ups chart's data: one row a day of the period, as in the CSV.
  const signups = main.getByRole('figure', { name: t.figures[0].title, exact: true });
  await signups.getByText(t.showData, { exact: true }).click();
  const table = signups.getByRole('table', { name: t.figures[0].title });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: t.dayColumn, exact: true })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: t.candidates, exact: true })).toBeVisible();
  const days = (await table.getByRole('row').count()) - 1;
  expect(days).toBeGreaterThanOrEqual(90);
  await expectNoA11yViolations(page);

  const file = await downloaded(page, () => main.getByRole('button', { name: t.download }).click());
  expect(file.name).toMatch(/^capitune-stats-\d{4}-\d{2}-\d{2}-90d\.csv$/);
  expect(file.body).toMatch(/^\uFEFF?metric,dimension,day,value\r\n/);
  expect(file.body.match(/\r\nsignups,candidate,/g)).toHaveLength(days);

  await atPhoneWidth(page, () =>
    expect(main.getByRole('figure', { name: t.figures[0].title, exact: true })).toBeVisible(),
  );
}

/** The log filtered by an action family, the chain verified, the CSV of the filtered entries. */
async function auditJourney(page: Page, language: Language) {
  const t = text[language];
  const main = page.getByRole('main');
  // An entry of its own to find: a rule added through the API.
  const word = `audit${stamp()}`;
  const token = await apiToken(page.request, demo.admin, demo.password);
  const created = await page.request.post('/api/admin/watched-words', {
    headers: { authorization: `Bearer ${token}` },
    data: { word, action: 'flag', locale: language },
  });
  expect(created.ok(), await created.text()).toBe(true);

  await logInAsAdmin(page, language);
  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: t.auditTitle })).toBeVisible();
  await expect(consoleLink(page, language, t.auditTitle)).toHaveAttribute('aria-current', 'page');
  await expectNoA11yViolations(page);

  const filters = main.getByRole('search', { name: t.auditFilters });
  await field(filters, t.action).fill('watched_word.');
  await filters.getByRole('button', { name: t.filter, exact: true }).click();
  await expect(page).toHaveURL(/[?&]action=watched_word\.(&|$)/);
  const table = main.getByRole('table', { name: t.entries });
  await expect(table.getByRole('cell', { name: 'watched_word.created', exact: true }).first()).toBeVisible();
  // Only that family: every action of the page starts with it.
  const actions = await table.locator('tbody tr td:nth-child(4)').allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  for (const action of actions) expect(action).toMatch(/^watched_word\./);

  await main.getByRole('button', { name: t.verify }).click();
  await expect(main.getByText(t.intact)).toBeVisible({ timeout: 15_000 });
  await expectNoA11yViolations(page);

  const file = await downloaded(page, () => main.getByRole('button', { name: t.download }).click());
  expect(file.name).toMatch(t.auditFile);
  const [header, ...rows] = file.body
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(header).toBe(
    'id,seq,created_at,actor_id,actor_name,actor_email,action,subject_type,subject_id,dossier_id,organisation_id,before,after,ip',
  );
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.find((row) => row.includes(word))).toContain(',watched_word.created,');

  await atPhoneWidth(page, () =>
    expect(
      main
        .getByRole('list', { name: t.entries })
        .getByRole('heading', { name: 'watched_word.created', exact: true })
        .first(),
    ).toBeVisible(),
  );
}

test.describe('admin console: watched words, statistics and audit log', () => {
  test('in French: an admin adds a watched word, tests texts against the rules, exports and imports them', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await watchedWordsJourney(page, 'fr');
  });

  test('in French: an admin reads the statistics of another period, a chart’s data and its CSV', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await statsJourney(page, 'fr');
  });

  test('in French: an admin filters the audit log, verifies its chain and downloads it', async ({ page }) => {
    test.setTimeout(120_000);
    await auditJourney(page, 'fr');
  });

  test.describe('in English', () => {
    test.use({ locale: 'en-CA' });

    test('an admin adds a watched word, tests texts against the rules, exports and imports them', async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await watchedWordsJourney(page, 'en');
    });

    test('an admin reads the statistics of another period, a chart’s data and its CSV', async ({ page }) => {
      test.setTimeout(120_000);
      await statsJourney(page, 'en');
    });

    test('an admin filters the audit log, verifies its chain and downloads it', async ({ page }) => {
      test.setTimeout(120_000);
      await auditJourney(page, 'en');
    });
  });
});
