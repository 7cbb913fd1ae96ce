import { expectNoA11yViolations } from '../support/a11y';
import { logIn } from '../support/accounts';
import { dossierText, literally, personIn, tinyPdf, verifiedAccount, verifiedPro } from '../support/dossiers';
import { expect, test } from '../support/fixtures';

const fr = dossierText.fr;
const en = dossierText.en;

test.describe('Mon dossier', () => {
  test.use({ locale: 'fr-CA', timezoneId: 'America/Toronto' });

  test('a candidate opens a dossier, a pro takes it, a passport is rejected, replaced and approved', async ({
    page,
    browser,
  }) => {
    test.setTimeout(60_000);
    const problems: string[] = [];
    const pro = await verifiedPro(page.request, 'Maude', 'Lavoie', 'en');
    const candidate = await verifiedAccount(page.request, {
      role: 'candidate',
      firstName: 'Karim',
      lastName: 'Benali',
      locale: 'fr',
    });
    const candidateName = `${candidate.firstName} ${candidate.lastName}`;
    const proName = `${pro.firstName} ${pro.lastName}`;
    const main = page.getByRole('main');

    // The candidate lands on the dashboard, which says what to do first.
    await page.goto('/login');
    await logIn(page, candidate.email, candidate.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(
      page.getByRole('heading', { level: 1, name: `Bonjour ${candidate.firstName}` }),
    ).toBeVisible();
    await expectNoA11yViolations(page);
    await main.getByRole('link', { name: fr.openMine }).click();

    // Opening a dossier: the programs with what each is for.
    const openDialog = page.getByRole('dialog', { name: 'Ouvrir un dossier' });
    await openDialog.getByRole('radio', { name: literally(fr.program) }).check();
    await openDialog.getByRole('button', { name: fr.openSubmit }).click();
    await expect(page).toHaveURL(/\/dossiers\/[0-9a-f-]{36}$/);
    const dossierUrl = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1, name: fr.program })).toBeVisible();
    const passportLine = main.getByRole('article', { name: `${fr.passport} — ${candidateName}` });
    await expect(passportLine).toContainText('À fournir');
    await expectNoA11yViolations(page);

    // Choosing a professional: a searchable list, then the request.
    await main.getByRole('button', { name: fr.choosePro }).click();
    const proDialog = page.getByRole('dialog', { name: fr.choosePro });
    await proDialog.getByLabel(fr.search).fill(pro.organisationName);
    await proDialog.getByRole('radio', { name: literally(pro.organisationName) }).check();
    await proDialog.getByLabel(fr.message).fill('Bonjour, je prépare ma demande de résidence permanente.');
    await expectNoA11yViolations(page);
    await proDialog.getByRole('button', { name: fr.sendRequest }).click();
    await expect(main.getByText(fr.requestSent(proName))).toBeVisible();

    // The pro (in English) sees the request on the dashboard, and accepts it.
    const proPage = await personIn(browser, pro, 'en', problems);
    const requests = proPage.getByRole('region', { name: en.requests });
    await expect(requests.getByRole('heading', { name: `${candidateName} — ${en.program}` })).toBeVisible();
    await expect(requests).toContainText('Bonjour, je prépare ma demande de résidence permanente.');
    await expectNoA11yViolations(proPage);
    await requests.getByRole('button', { name: en.accept }).click();
    await expect(requests.getByRole('status')).toHaveText(literally(en.accepted(candidateName)));

    // The candidate's page follows (the acceptance arrives as a notification on the socket).
    await expect(main.getByText(fr.requestSent(proName))).toBeHidden();
    await expect(
      page.getByRole('banner').getByRole('link', { name: /^Notifications, 1 non lue$/ }),
    ).toBeVisible();
    await expect(main.getByRole('region', { name: 'Votre professionnel' })).toContainText(proName);

    // The passport goes up: a real file input, with the date printed on the passport.
    await passportLine.getByText(fr.uploadTitle, { exact: true }).click();
    await passportLine.getByLabel(fr.chooseFile).setInputFiles({
      name: 'passeport.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf('Passeport de Karim Benali'),
    });
    await passportLine.getByLabel(fr.expiryDate).fill('2031-03-03');
    await passportLine.getByRole('button', { name: fr.sendDocument }).click();
    await expect(passportLine.getByRole('status')).toContainText(fr.sent('passeport.pdf'));
    await expect(passportLine).toContainText(fr.pending);
    await expect(passportLine).toContainText('Valide jusqu’au 3 mars 2031');

    // The pro finds it among the documents to review (oldest first), and lands on its line.
    await proPage.reload();
    const toReview = proPage.getByRole('region', { name: en.toReview });
    await expect(toReview.getByText(en.review(en.passport))).toBeVisible();
    await toReview.getByRole('link', { name: en.reviewButton }).click();
    const proPassportLine = proPage.getByRole('article', { name: `${en.passport} — ${candidateName}` });
    await expect(proPassportLine).toBeFocused();
    await expect(proPassportLine).toContainText(en.underReview);
    await expect(proPage.getByRole('region', { name: en.notes })).toContainText(en.notesPrivate);
    await expectNoA11yViolations(proPage);
    await proPassportLine.getByRole('button', { name: new RegExp(`^${en.reject}`) }).click();
    const rejectDialog = proPage.getByRole('dialog', { name: 'Reject the document' });
    await rejectDialog
      .getByLabel(en.reason)
      .fill('La page de données est illisible : numérisez-la en couleur.');
    await rejectDialog.getByRole('button', { name: en.confirmReject }).click();
    await expect(proPassportLine).toContainText(en.rejectedTitle);

    // The candidate sees the reason at once, and the dashboard says to replace the passport.
    await expect(passportLine.getByText(fr.rejectedTitle)).toBeVisible();
    await expect(passportLine).toContainText('La page de données est illisible : numérisez-la en couleur.');
    await page.getByRole('banner').getByRole('link', { name: fr.dashboard }).click();
    const nextSteps = main.getByRole('region', { name: fr.nextSteps });
    await expect(nextSteps.getByText(fr.replace(fr.passport))).toBeVisible();
    await nextSteps.getByRole('link', { name: fr.replaceButton }).click();
    await expect(page).toHaveURL(new RegExp(`${dossierUrl}#line-`));
    await expect(passportLine).toBeFocused();

    // A new version.
    await passportLine.getByLabel(fr.chooseFile).setInputFiles({
      name: 'passeport-couleur.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf('Passeport de Karim Benali, en couleur'),
    });
    await passportLine.getByLabel(fr.expiryDate).fill('2031-03-03');
    await passportLine.getByRole('button', { name: fr.sendDocument }).click();
    await expect(passportLine.getByRole('status')).toContainText(fr.sent('passeport-couleur.pdf'));
    await expect(passportLine).toContainText(fr.pending);
    await expect(passportLine.getByText('Version précédente (1)')).toBeVisible();
    const progress = main.getByRole('progressbar', { name: fr.progress });
    await expect(progress).toHaveAttribute('aria-valuenow', '0');

    // The pro approves it; the candidate's progress rises.
    await proPage.reload();
    await expect(proPassportLine).toContainText(en.underReview);
    await proPassportLine.getByRole('button', { name: new RegExp(`^${en.approve}`) }).click();
    await expect(proPassportLine).toContainText(en.approved);
    await expect(passportLine).toContainText(fr.approved);
    await expect(progress).toHaveAttribute('aria-valuenow', '12');
    await expect(progress).toHaveAttribute('aria-valuetext', '1 sur 8 (12 %)');

    // Both dashboards: the candidate's next missing document; nothing left to review for the pro.
    await page.getByRole('banner').getByRole('link', { name: fr.dashboard }).click();
    await expect(nextSteps.getByText(fr.toProvide(fr.languageTest))).toBeVisible();
    await expect(nextSteps.getByText(fr.replace(fr.passport))).toHaveCount(0);
    await proPage.getByRole('banner').getByRole('link', { name: en.dashboard }).click();
    await expect(proPage.getByRole('region', { name: en.toReview })).toContainText(en.noReview);

    await proPage.context().close();
    expect(problems, 'the pro’s page logged errors or violated the CSP').toEqual([]);
  });
});
