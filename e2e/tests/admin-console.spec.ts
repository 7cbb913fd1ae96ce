import type { Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { demo, field, logIn } from '../support/accounts';
import { verifiedAccount } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';
import { confirmWithPassword } from '../support/two-factor';

/**
 * The admin console's members and batches: an admin finds a member by name and suspends them with a
 * reason (the audit log has the entry); an admin sends an announcement to a few members through a
 * batch, dry run first, and watches it reach the end. Every page passes axe at 1280 and 360 px, in
 * French and in English.
 */

type Language = 'fr' | 'en';

/** The texts of these pages in both languages (from apps/web/src/locales/*\/admin-users.json). */
const text = {
  fr: {
    usersTitle: 'Membres',
    consoleNav: 'Console d’administration',
    search: 'Recherche',
    searchButton: 'Rechercher',
    suspendRegion: 'Suspendre',
    reason: 'Motif',
    suspendSubmit: 'Suspendre le compte',
    suspendTitle: (name: string) => `Suspendre ${name} ?`,
    suspendConfirm: 'Suspendre',
    suspended: 'Le compte est suspendu.',
    statusRegion: 'Statut du compte',
    suspendedUntil: 'Suspendu jusqu’au',
    historyRegion: 'Historique de modération',
    historySuspended: 'Compte suspendu',
    selectRow: (name: string) => `Sélectionner ${name}`,
    selectedTwo: '2 membres sélectionnés',
    batchAction: 'Action groupée',
    newBatchTitle: 'Nouveau lot',
    chosenTwo: '2 membres choisis sur la page des membres.',
    action: 'Action',
    announcementFr: 'Annonce en français',
    announcementEn: 'Annonce en anglais',
    subject: 'Objet',
    body: 'Texte',
    dryRun: 'Lancer la simulation',
    dryRunRegion: 'Simulation',
    willTouchTwo: 'Cela touchera 2 personnes.',
    confirmCount: 'Pour confirmer, tapez le nombre de personnes concernées (2)',
    mismatch: 'Tapez exactement 2.',
    run: 'Lancer le lot',
    batchTitle: 'Lot : Annonce',
    progress: 'Avancement',
    progressDone: '2 sur 2',
    done: 'Terminé',
    batchesTitle: 'Lots',
    batchesList: 'Lots récents',
    announce: 'Annonce',
    tagsRegion: 'Étiquettes',
    newTag: 'Nouvelle étiquette',
    addTag: 'Ajouter l’étiquette',
    removeTag: (tag: string) => `Retirer l’étiquette ${tag}`,
    tagAdded: (tag: string) => `L’étiquette « ${tag} » est ajoutée.`,
    tagRemoved: (tag: string) => `L’étiquette « ${tag} » est retirée.`,
    banRegion: 'Bannir',
    banSubmit: 'Bannir le compte',
    banTitle: (name: string) => `Bannir ${name} ?`,
    banConfirm: 'Bannir',
    banned: 'Le compte est banni.',
    bannedSince: 'Banni depuis le',
    lift: 'Lever la suspension',
    lifted: 'La suspension est levée.',
    active: 'Le compte est actif.',
    selectMatching: 'Choisir tous les membres qui correspondent aux filtres',
    matchingChosen:
      'Tous les membres qui correspondent aux filtres sont choisis : la simulation dira combien ils sont.',
    byFilter: 'Tous les membres qui correspondent à ces filtres :',
    addTagAction: 'Ajouter une étiquette',
    tag: 'Étiquette',
    undo: 'Annuler ce lot',
    undoTitle: 'Annuler ce lot ?',
    undoConfirm: 'Annuler le lot',
    undone: 'Annulé',
  },
  en: {
    usersTitle: 'Members',
    consoleNav: 'Admin console',
    search: 'Search',
    searchButton: 'Search',
    suspendRegion: 'Suspend',
    reason: 'Reason',
    suspendSubmit: 'Suspend the account',
    suspendTitle: (name: string) => `Suspend ${name}?`,
    suspendConfirm: 'Suspend',
    suspended: 'The account is suspended.',
    statusRegion: 'Account status',
    suspendedUntil: 'Suspended until',
    historyRegion: 'Moderation history',
    historySuspended: 'Account suspended',
    selectRow: (name: string) => `Select ${name}`,
    selectedTwo: '2 members selected',
    batchAction: 'Batch action',
    newBatchTitle: 'New batch',
    chosenTwo: '2 members chosen on the members page.',
    action: 'Action',
    announcementFr: 'Announcement in French',
    announcementEn: 'Announcement in English',
    subject: 'Subject',
    body: 'Text',
    dryRun: 'Run the dry run',
    dryRunRegion: 'Dry run',
    willTouchTwo: 'This will touch 2 people.',
    confirmCount: 'To confirm, type the number of people concerned (2)',
    mismatch: 'Type exactly 2.',
    run: 'Run the batch',
    batchTitle: 'Batch: Announcement',
    progress: 'Progress',
    progressDone: '2 of 2',
    done: 'Done',
    batchesTitle: 'Batches',
    batchesList: 'Recent batches',
    announce: 'Announcement',
    tagsRegion: 'Tags',
    newTag: 'New tag',
    addTag: 'Add the tag',
    removeTag: (tag: string) => `Remove the tag ${tag}`,
    tagAdded: (tag: string) => `The tag “${tag}” is added.`,
    tagRemoved: (tag: string) => `The tag “${tag}” is removed.`,
    banRegion: 'Ban',
    banSubmit: 'Ban the account',
    banTitle: (name: string) => `Ban ${name}?`,
    banConfirm: 'Ban',
    banned: 'The account is banned.',
    bannedSince: 'Banned since',
    lift: 'Lift the suspension',
    lifted: 'The suspension is lifted.',
    active: 'The account is active.',
    selectMatching: 'Choose every member matching the filters',
    matchingChosen: 'Every member matching the filters is chosen: the dry run will say how many they are.',
    byFilter: 'Every member matching these filters:',
    addTagAction: 'Add a tag',
    tag: 'Tag',
    undo: 'Undo this batch',
    undoTitle: 'Undo this batch?',
    undoConfirm: 'Undo the batch',
    undone: 'Undone',
  },
} as const;

/** French strings carry no-break spaces (U+00A0, U+202F) where the tests write plain ones. */
function loosely(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0\\u202f]');
  return new RegExp(`^${escaped}$`);
}

/** The page again at 360 px: the check still holds, nothing scrolls sideways, axe is clean. */
async function atPhoneWidth(page: Page, check: () => Promise<void>) {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await check();
  expect(await documentScrollWidth(page), page.url()).toBeLessThanOrEqual(360);
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function logInAsAdmin(page: Page, language: Language) {
  await page.goto('/login');
  await logIn(page, demo.admin, demo.password, language);
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** An admin finds a new member by name, suspends them with a reason, and finds it in the audit log. */
async function suspendJourney(page: Page, language: Language) {
  const t = text[language];
  const main = page.getByRole('main');
  const member = await verifiedAccount(page.request, {
    role: 'candidate',
    firstName: language === 'fr' ? 'Éloïse' : 'Harriet',
    lastName: `Suspens${Date.now().toString(36)}`,
    locale: language,
  });
  const name = `${member.firstName} ${member.lastName}`;
  const reason =
    language === 'fr'
      ? 'Messages insistants envoyés à plusieurs professionnels.'
      : 'Pushy messages sent to several professionals.';

  await logInAsAdmin(page, language);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: t.usersTitle })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: t.consoleNav }).getByRole('link', { name: t.usersTitle }),
  ).toHaveAttribute('aria-current', 'page');
  await expectNoA11yViolations(page);

  // Found by name: the filter goes to the URL, the table lists them.
  await field(main, t.search).fill(member.lastName);
  await main.getByRole('button', { name: t.searchButton, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=${member.lastName}`));
  await expect(main.getByRole('link', { name })).toBeVisible();
  await expect(main.getByRole('table')).toContainText(member.email);
  await expectNoA11yViolations(page);
  await atPhoneWidth(page, () => expect(main.getByRole('article', { name })).toBeVisible());

  await main.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const memberId = new URL(page.url()).pathname.split('/').pop() as string;
  await expectNoA11yViolations(page);

  // Suspended for a week (the date field's default), with a reason, after a confirmation.
  const suspend = main.getByRole('region', { name: t.suspendRegion, exact: true });
  await field(suspend, t.reason).fill(reason);
  await suspend.getByRole('button', { name: t.suspendSubmit }).click();
  const dialog = page.getByRole('dialog', { name: loosely(t.suspendTitle(name)) });
  await expect(dialog).toBeVisible();
  await expectNoA11yViolations(page);
  await dialog.getByRole('button', { name: t.suspendConfirm, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(main.getByText(t.suspended)).toBeVisible();

  const status = main.getByRole('region', { name: t.statusRegion });
  await expect(status).toContainText(t.suspendedUntil);
  await expect(status).toContainText(reason);
  const history = main.getByRole('region', { name: t.historyRegion });
  await expect(history).toContainText(t.historySuspended);
  await expect(history).toContainText(reason);
  await atPhoneWidth(page, () => expect(status).toContainText(t.suspendedUntil));

  // The audit log has the entry, about this member.
  await page.goto(`/admin/audit?target=${memberId}&action=user.suspended`);
  await expect(main.getByText('user.suspended', { exact: true }).first()).toBeVisible();
  await expectNoA11yViolations(page);
}

/** An announcement to two members chosen on the list: dry run, the count typed, then its progress. */
async function announcementJourney(page: Page, language: Language) {
  const t = text[language];
  const main = page.getByRole('main');
  // Two seeded pros who share a last name: one search lists both.
  const people = ['Nadia Roy', 'Thomas Roy'];

  await logInAsAdmin(page, language);
  await page.goto('/admin/users?q=Roy');
  for (const person of people) {
    await expect(main.getByRole('link', { name: person })).toBeVisible();
    await main.getByRole('checkbox', { name: t.selectRow(person) }).check();
  }
  await expect(main.getByRole('status').filter({ hasText: t.selectedTwo })).toBeVisible();
  await main.getByRole('link', { name: t.batchAction }).click();

  await expect(page.getByRole('heading', { level: 1, name: t.newBatchTitle })).toBeVisible();
  await expect(main).toContainText(t.chosenTwo);
  await expect(field(main, t.action)).toHaveValue('announce');
  const stamp = Date.now().toString(36);
  const french = main.getByRole('group', { name: t.announcementFr });
  await field(french, t.subject).fill(`Nouveautés de CAPITUNE ${stamp}`);
  await field(french, t.body).fill('Le tableau de bord affiche maintenant vos échéances.');
  const english = main.getByRole('group', { name: t.announcementEn });
  await field(english, t.subject).fill(`What’s new at CAPITUNE ${stamp}`);
  await field(english, t.body).fill('The dashboard now shows your deadlines.');
  await expectNoA11yViolations(page);

  // The dry run says how many, and who.
  await main.getByRole('button', { name: t.dryRun }).click();
  const dryRun = main.getByRole('region', { name: t.dryRunRegion, exact: true });
  await expect(dryRun.getByRole('status')).toHaveText(loosely(t.willTouchTwo));
  for (const person of people) await expect(dryRun).toContainText(person);
  await expectNoA11yViolations(page);

  // Only the exact count runs it.
  const confirm = field(dryRun, t.confirmCount);
  await confirm.fill('3');
  await dryRun.getByRole('button', { name: t.run }).click();
  await expect(confirm).toHaveAccessibleDescription(t.mismatch);
  await expect(page).toHaveURL(/\/admin\/batches\/new/);
  await confirm.fill('2');
  await dryRun.getByRole('button', { name: t.run }).click();

  // Its page follows the progress to the end.
  await expect(page).toHaveURL(/\/admin\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: loosely(t.batchTitle) })).toBeVisible();
  const progress = main.getByRole('progressbar', { name: t.progress });
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(progress).toHaveAttribute('aria-valuetext', loosely(t.progressDone));
  await expect(main.getByText(t.done, { exact: true })).toBeVisible({ timeout: 10_000 });
  await expectNoA11yViolations(page);
  await atPhoneWidth(page, () => expect(progress).toHaveAttribute('aria-valuenow', '100'));

  // The list of batches has it.
  await page.goto('/admin/batches');
  await expect(page.getByRole('heading', { level: 1, name: t.batchesTitle })).toBeVisible();
  await expect(main.getByRole('list', { name: t.batchesList })).toContainText(t.announce);
  await expectNoA11yViolations(page);
  await atPhoneWidth(page, () =>
    expect(page.getByRole('heading', { level: 1, name: t.batchesTitle })).toBeVisible(),
  );
}

/** Tags added and removed; a ban (a sensitive action: the admin confirms it is them), then lifted. */
async function banJourney(page: Page, language: Language) {
  const t = text[language];
  const main = page.getByRole('main');
  const member = await verifiedAccount(page.request, {
    role: 'candidate',
    firstName: language === 'fr' ? 'Gaspard' : 'Wendell',
    lastName: `Banni${Date.now().toString(36)}`,
    locale: language,
  });
  const name = `${member.firstName} ${member.lastName}`;

  await logInAsAdmin(page, language);
  await page.goto(`/admin/users?q=${member.lastName}`);
  await main.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  const tags = main.getByRole('region', { name: t.tagsRegion, exact: true });
  await field(tags, t.newTag).fill('Beta-Testeurs');
  await tags.getByRole('button', { name: t.addTag }).click();
  await expect(tags.getByText(loosely(t.tagAdded('beta-testeurs')))).toBeVisible();
  await tags.getByRole('button', { name: t.removeTag('beta-testeurs') }).click();
  await expect(tags.getByText(loosely(t.tagRemoved('beta-testeurs')))).toBeVisible();
  await expect(field(tags, t.newTag)).toBeFocused();

  const ban = main.getByRole('region', { name: t.banRegion, exact: true });
  await field(ban, t.reason).fill(language === 'fr' ? 'Fraude avérée.' : 'Proven fraud.');
  await ban.getByRole('button', { name: t.banSubmit }).click();
  const dialog = page.getByRole('dialog', { name: loosely(t.banTitle(name)) });
  await dialog.getByRole('button', { name: t.banConfirm, exact: true }).click();
  await confirmWithPassword(page, demo.password, language);
  await expect(dialog).toBeHidden();
  await expect(main.getByText(t.banned)).toBeVisible();
  const status = main.getByRole('region', { name: t.statusRegion });
  await expect(status).toContainText(t.bannedSince);
  await expectNoA11yViolations(page);

  // Lifted: its button is gone, the focus is on the message that says it is done.
  await main.getByRole('button', { name: t.lift, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: t.lift, exact: true }).click();
  await expect(status).toContainText(t.active);
  await expect(page.locator(':focus')).toHaveText(t.lifted);
}

/** A tag batch on everyone matching a search, then undone. */
async function undoJourney(page: Page, language: Language) {
  const t = text[language];
  const main = page.getByRole('main');
  const family = `Lot${Date.now().toString(36)}`;
  for (const firstName of ['Aurore', 'Boréal']) {
    await verifiedAccount(page.request, { role: 'candidate', firstName, lastName: family, locale: language });
  }

  await logInAsAdmin(page, language);
  await page.goto(`/admin/users?q=${family}`);
  await main.getByRole('button', { name: t.selectMatching }).click();
  await expect(main.getByRole('button', { name: t.selectMatching })).toHaveAttribute('aria-pressed', 'true');
  await expect(main.getByText(loosely(t.matchingChosen))).toBeVisible();
  await main.getByRole('link', { name: t.batchAction }).click();
  await expect(main.getByText(loosely(t.byFilter))).toBeVisible();
  await expect(main).toContainText(family);

  await field(main, t.action).selectOption({ label: t.addTagAction });
  const tag = `lot-${Date.now().toString(36)}`;
  await field(main, t.tag).fill(tag);
  await main.getByRole('button', { name: t.dryRun }).click();
  const dryRun = main.getByRole('region', { name: t.dryRunRegion, exact: true });
  await expect(dryRun.getByRole('status')).toHaveText(loosely(t.willTouchTwo));
  await field(dryRun, t.confirmCount).fill('2');
  await dryRun.getByRole('button', { name: t.run }).click();

  const progress = main.getByRole('progressbar', { name: t.progress });
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await main.getByRole('button', { name: t.undo }).click({ timeout: 10_000 });
  const dialog = page.getByRole('dialog', { name: loosely(t.undoTitle) });
  await dialog.getByRole('button', { name: t.undoConfirm }).click();
  await expect(dialog).toBeHidden();
  await expect(main.getByText(t.undone, { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(main.getByRole('button', { name: t.undo })).toBeHidden();
  await expectNoA11yViolations(page);
}

test.describe('admin console: members and batches', () => {
  test('in French: an admin finds a member by name and suspends them', async ({ page }) => {
    test.setTimeout(120_000);
    await suspendJourney(page, 'fr');
  });

  test('in French: an admin sends an announcement to two members through a batch', async ({ page }) => {
    test.setTimeout(120_000);
    await announcementJourney(page, 'fr');
  });

  test.describe('sensitive actions', () => {
    // The ban asks the admin to confirm it is them: the API's 401 that opens the dialog is expected.
    test.use({ allowedConsoleErrors: /status of 401/ });

    test('in French: an admin tags, bans and reinstates a member', async ({ page }) => {
      test.setTimeout(120_000);
      await banJourney(page, 'fr');
    });
  });

  test.describe('in English', () => {
    test.use({ locale: 'en-CA' });

    test('an admin finds a member by name and suspends them', async ({ page }) => {
      test.setTimeout(120_000);
      await suspendJourney(page, 'en');
    });

    test('an admin sends an announcement to two members through a batch', async ({ page }) => {
      test.setTimeout(120_000);
      await announcementJourney(page, 'en');
    });

    test('an admin tags everyone matching a search through a batch, then undoes it', async ({ page }) => {
      test.setTimeout(120_000);
      await undoJourney(page, 'en');
    });
  });
});
