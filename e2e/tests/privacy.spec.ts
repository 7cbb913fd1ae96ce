import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { demo, field, logIn } from '../support/accounts';
import { type Account, apiToken, verifiedAccount } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { atPhoneWidth, loosely } from '../support/pages';
import { confirmWithPassword } from '../support/two-factor';

/**
 * The person's side of privacy (/profile/privacy): consents given and withdrawn in one click, a copy of
 * their data prepared by a background job and downloaded through its signed link, deleting the account
 * (after typing the email and confirming it is them) and cancelling it by signing in again within the
 * grace. In French and in English, accessible, and usable at 360 px.
 *
 * The export and the deletion ask for a step-up first: a 401 the browser logs, expected here; so are the
 * 401s of requests cut short when the deletion ends every session of the account.
 */

const text = {
  fr: {
    title: 'Confidentialité et données',
    optionalEmails: 'Courriels facultatifs',
    given: 'Consentement donné\u00a0: Courriels facultatifs.',
    withdrawn: 'Consentement retiré\u00a0: Courriels facultatifs.',
    history: 'Historique',
    yourData: 'Vos données',
    requestData: 'Demander mes données',
    ready: 'Prête',
    download: 'Télécharger (ZIP)',
    confirmEmail: 'Tapez votre adresse courriel pour confirmer',
    deleteAccount: 'Supprimer mon compte',
    deletionRequested: 'Votre compte sera supprimé',
    cancelledNotice: /la suppression de votre compte est annulée/,
    pendingTitle: /Suppression prévue le/,
    consentUpToDate: 'Vos consentements sont à jour',
  },
  en: {
    title: 'Privacy and data',
    optionalEmails: 'Optional emails',
    given: 'Consent given: Optional emails.',
    withdrawn: 'Consent withdrawn: Optional emails.',
    history: 'History',
    yourData: 'Your data',
    requestData: 'Request my data',
    ready: 'Ready',
    download: 'Download (ZIP)',
    confirmEmail: 'Type your email address to confirm',
    deleteAccount: 'Delete my account',
    deletionRequested: 'Your account will be deleted',
    cancelledNotice: /the deletion of your account is cancelled/,
    pendingTitle: /Deletion planned on/,
    consentUpToDate: 'Your consents are up to date',
  },
} as const;

type Language = keyof typeof text;

async function newMember(page: Page, language: Language): Promise<Account> {
  return verifiedAccount(page.request, {
    role: 'candidate',
    firstName: language === 'fr' ? 'Léa' : 'Sam',
    lastName: language === 'fr' ? 'Tremblay' : 'Okafor',
    locale: language,
  });
}

async function openPrivacyPage(page: Page, account: Account, language: Language) {
  await page.goto('/login');
  await logIn(page, account.email, account.password, language);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/profile/privacy');
  await expect(page.getByRole('heading', { level: 1, name: text[language].title })).toBeVisible();
}

for (const language of ['fr', 'en'] as const) {
  const t = text[language];

  test.describe(`privacy and data, consents (${language})`, () => {
    test.use({ locale: language === 'fr' ? 'fr-CA' : 'en-CA' });

    test('an optional consent is given and withdrawn in one click each, and the history keeps both', async ({
      page,
    }) => {
      const account = await newMember(page, language);
      await openPrivacyPage(page, account, language);
      await expectNoA11yViolations(page);

      // Off by default: the most private setting.
      const emails = page.getByRole('switch', { name: t.optionalEmails });
      await expect(emails).not.toBeChecked();

      await emails.click();
      await expect(page.getByRole('status').filter({ hasText: loosely(t.given) })).toBeVisible();
      await expect(emails).toBeChecked();
      await page.reload();
      await expect(emails).toBeChecked();

      // From the keyboard, as easily as it was given.
      await emails.focus();
      await page.keyboard.press('Space');
      await expect(page.getByRole('status').filter({ hasText: loosely(t.withdrawn) })).toBeVisible();
      await expect(emails).not.toBeChecked();

      const history = page.getByRole('list', { name: t.history });
      await expect(history.getByRole('listitem').filter({ hasText: t.optionalEmails })).toHaveCount(2);

      await atPhoneWidth(page, async () => {
        await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
      });
    });

    test('the consent page says when nothing is left to accept, and is accessible', async ({ page }) => {
      const account = await newMember(page, language);
      await page.goto('/login');
      await logIn(page, account.email, account.password, language);
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.goto('/consent');
      await expect(page.getByRole('heading', { level: 1, name: t.consentUpToDate })).toBeVisible();
      await expectNoA11yViolations(page);
      await atPhoneWidth(page, async () => {
        await expect(page.getByRole('heading', { level: 1, name: t.consentUpToDate })).toBeVisible();
      });
    });
  });
}

for (const language of ['fr', 'en'] as const) {
  test.describe(`privacy and data, a copy of my data (${language})`, () => {
    test.use({ locale: language === 'fr' ? 'fr-CA' : 'en-CA', allowedConsoleErrors: /status of 401/ });

    test('a member requests their data, confirms it is them, and downloads the ZIP once it is ready', async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const t = text[language];
      const account = await newMember(page, language);
      await openPrivacyPage(page, account, language);

      await page.getByRole('button', { name: t.requestData }).click();
      await confirmWithPassword(page, account.password, language);

      // The job runs in the server's workers; the page follows it by itself.
      const section = page.getByRole('region', { name: t.yourData });
      await expect(section.getByText(t.ready, { exact: true })).toBeVisible({ timeout: 90_000 });
      const link = section.getByRole('link', { name: t.download });
      await expect(link).toHaveAttribute('download', '');

      const downloading = page.waitForEvent('download');
      await link.click();
      const download = await downloading;
      const bytes = await readFile(await download.path());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(bytes.length).toBeGreaterThan(200);
      expect(bytes.length).toBeLessThan(50 * 1024 * 1024);
      await expectNoA11yViolations(page);
    });
  });
}

for (const language of ['en', 'fr'] as const) {
  const t = text[language];

  test.describe(`privacy and data, deleting the account (${language})`, () => {
    test.use({ locale: language === 'fr' ? 'fr-CA' : 'en-CA', allowedConsoleErrors: /status of 401/ });

    test('a member deletes their account, is signed out, and cancels it by signing in again', async ({
      page,
    }) => {
      test.setTimeout(90_000);
      const account = await newMember(page, language);
      await openPrivacyPage(page, account, language);

      const deletion = page.getByRole('region', { name: t.deleteAccount });
      await field(deletion, t.confirmEmail).fill(account.email.toUpperCase());
      await deletion.getByRole('button', { name: t.deleteAccount }).click();
      await confirmWithPassword(page, account.password, language);

      // Every session ended: signed out, with the date and the way back.
      await expect(page).toHaveURL(/\/deletion-requested/);
      await expect(page.getByRole('heading', { level: 1, name: t.deletionRequested })).toBeVisible();
      await expectNoA11yViolations(page);

      // Signing in within the grace cancels it, and says so.
      await page.goto('/login');
      await logIn(page, account.email, account.password, language);
      await expect(page).toHaveURL(/\/profile\/privacy\?notice=deletion-cancelled/);
      await expect(page.getByText(t.cancelledNotice)).toBeVisible();
      await expect(deletion.getByRole('button', { name: t.deleteAccount })).toBeVisible();
      await expect(deletion.getByText(t.pendingTitle)).toHaveCount(0);
    });
  });
}

test.describe('the public privacy policy', () => {
  for (const language of ['fr', 'en'] as const) {
    test.describe(language, () => {
      test.use({ locale: language === 'fr' ? 'fr-CA' : 'en-CA' });

      test('names the officer, where data is stored, the retention of each record, and where to exercise rights', async ({
        page,
      }) => {
        const facts = {
          fr: {
            title: 'Responsable et conservation',
            officer: 'Personne responsable de la protection des renseignements personnels',
            retention: 'Durées de conservation',
            clientFile: 'Dossier client d’un professionnel (documents, messages, historique)',
          },
          en: {
            title: 'Officer and retention',
            officer: 'Person in charge of the protection of personal information',
            retention: 'Retention periods',
            clientFile: 'A professional’s client file (documents, messages, history)',
          },
        }[language];
        await page.goto('/privacy');
        const section = page.getByRole('region', { name: facts.title });
        await expect(section.getByRole('heading', { name: facts.officer })).toBeVisible();
        await expect(section.getByRole('rowheader', { name: facts.clientFile })).toBeVisible();
        await expect(section.getByRole('link', { name: text[language].title })).toHaveAttribute(
          'href',
          '/profile/privacy',
        );
        await expectNoA11yViolations(page);
        await atPhoneWidth(page, async () => {
          // A list of cards instead of the table on a phone.
          const rules = section.getByRole('list', { name: facts.retention });
          await expect(rules.getByRole('listitem').filter({ hasText: facts.clientFile })).toBeVisible();
        });
      });
    });
  }
});

/** The held post and its decision, in each language. */
const decisionText = {
  fr: {
    title: 'Délais de traitement en 2026',
    body: 'Quelqu’un connaît les délais actuels pour le parrainage familial au Québec ?',
    seeWhy: 'Voir pourquoi et demander qu’une personne la revoie',
    decisions: 'Décisions automatisées',
    held: /Mise en attente pour modération/,
    factor: 'Les 2 premières publications d’un nouveau membre sont vérifiées par une personne.',
    ask: 'Demander une révision par une personne',
    message: 'Votre message',
    messageText: 'Ma question ne contient rien de sensible, merci de la publier.',
    send: 'Envoyer la demande',
    sent: 'Demande envoyée : une personne examinera la décision.',
    requested: /^Révision demandée le/,
  },
  en: {
    title: 'Processing times in 2026',
    body: 'Does anyone know the current processing times for family sponsorship in Québec?',
    seeWhy: 'See why and ask a person to review it',
    decisions: 'Automated decisions',
    held: /Held for moderation/,
    factor: 'A new member’s first 2 posts are checked by a person.',
    ask: 'Ask a person to review',
    message: 'Your message',
    messageText: 'My question holds nothing sensitive, please publish it.',
    send: 'Send the request',
    sent: 'Request sent: a person will review the decision.',
    requested: /^Review requested on/,
  },
} as const;

for (const language of ['fr', 'en'] as const) {
  const d = decisionText[language];

  test.describe(`privacy and data, automated decisions (${language})`, () => {
    test.use({ locale: language === 'fr' ? 'fr-CA' : 'en-CA' });

    test('a new member’s held post says why, and the member asks a person to review the decision', async ({
      page,
    }) => {
      const account = await newMember(page, language);
      // A new member's first posts are held for a person to check: an automated decision about them.
      const token = await apiToken(page.request, account.email, account.password);
      const created = await page.request.post('/api/posts', {
        headers: { authorization: `Bearer ${token}` },
        data: { title: d.title, body: d.body, category: 'general' },
      });
      expect(created.ok(), await created.text()).toBe(true);
      const post = (await created.json()) as { id: string; status: string };
      expect(post.status).toBe('held');

      await page.goto('/login');
      await logIn(page, account.email, account.password, language);
      await expect(page).toHaveURL(/\/dashboard$/);

      // The post says an automated rule held it, and leads to the decisions.
      await page.goto(`/inside/${post.id}`);
      await page.getByRole('link', { name: d.seeWhy }).click();
      await expect(page).toHaveURL(/\/profile\/privacy#decisions$/);

      const decisions = page.getByRole('region', { name: d.decisions });
      const decision = decisions.getByRole('article', { name: d.held });
      await expect(decision).toBeVisible();
      await expect(decision.getByText(d.factor)).toBeVisible();

      await decision.getByRole('button', { name: d.ask }).click();
      const message = field(decision, d.message);
      await expect(message).toBeFocused();
      await message.fill(d.messageText);
      await decision.getByRole('button', { name: d.send }).click();
      await expect(decision.getByRole('status').filter({ hasText: loosely(d.sent) })).toBeVisible();
      await expect(decision.getByText(d.requested)).toBeVisible();
      await expectNoA11yViolations(page);
    });
  });
}

test.describe('privacy and data, what deleting keeps or blocks (en)', () => {
  test.use({ locale: 'en-CA' });

  test('a candidate sees the client files firms keep before confirming; a pro with open files is told what to do first', async ({
    page,
  }) => {
    await openPrivacyPage(page, { email: demo.candidate, password: demo.password } as Account, 'en');
    const deletion = page.getByRole('region', { name: text.en.deleteAccount });
    const kept = deletion.getByRole('list', { name: 'What firms keep' });
    await expect(kept.getByRole('listitem').first()).toContainText(
      /Kept until|File still open: kept \d+ years?/,
    );
    await expect(deletion.getByRole('button', { name: text.en.deleteAccount })).toBeVisible();

    await page.context().clearCookies();
    await page.evaluate(() => window.localStorage.clear());
    await openPrivacyPage(page, { email: demo.pro, password: demo.password } as Account, 'en');
    await expect(deletion.getByText('You cannot delete your account yet')).toBeVisible();
    await expect(deletion.getByText(/You still follow open client files/)).toBeVisible();
    await expect(deletion.getByRole('button', { name: text.en.deleteAccount })).toHaveCount(0);
  });
});
