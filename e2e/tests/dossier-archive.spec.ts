import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { demo, logIn } from '../support/accounts';
import { apiToken } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';

/**
 * The whole dossier as one ZIP: the demo candidate downloads the documents of their dossier in progress.
 * It is a sensitive export, so the first try asks them to confirm it is them: closing that dialog is a
 * translated error, answering it with the password lets the archive through. The button's English label
 * and its fit on a phone are checked too.
 *
 * Every step-up is a 401 of the API, which the browser logs: expected here.
 */

const text = {
  fr: {
    download: 'Télécharger tout le dossier (ZIP)',
    stepUp: 'Confirmez que c’est bien vous',
    confirm: 'Confirmer',
    cancelled: 'Action annulée\u00a0: elle demande de confirmer que c’est bien vous.',
  },
  en: { download: 'Download the whole dossier (ZIP)' },
};

/**
 * The seeded dossier in progress of the demo candidate, the one with documents (other specs open more
 * dossiers of the same program for them, all empty and newer).
 */
async function demoDossierWithDocuments(request: APIRequestContext): Promise<string> {
  const token = await apiToken(request, demo.candidate, demo.password);
  const response = await request.get('/api/dossiers?programId=express_entry_fsw&limit=100', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const { items } = (await response.json()) as {
    items: { id: string; createdAt: string; progress: { approved: number } }[];
  };
  const seeded = items
    .filter((item) => item.progress.approved > 0)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  expect(seeded, 'the demo candidate’s dossier in progress').toBeTruthy();
  return (seeded as { id: string }).id;
}

async function openDossier(page: Page, language: 'fr' | 'en') {
  const dossierId = await demoDossierWithDocuments(page.request);
  await page.goto('/login');
  await logIn(page, demo.candidate, demo.password, language);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/dossiers/${dossierId}`);
}

test.describe('the dossier as a ZIP', () => {
  test.use({ locale: 'fr-CA', allowedConsoleErrors: /status of 401/ });

  test('a candidate confirms it is them, then downloads the whole dossier', async ({ page }) => {
    const t = text.fr;
    await openDossier(page, 'fr');
    const button = page.getByRole('main').getByRole('button', { name: t.download });
    const dialog = page.getByRole('dialog', { name: t.stepUp });

    // From the keyboard; closing the "confirm that it's you" dialog cancels the download, and says why.
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    const cancelled = page.getByRole('main').getByRole('alert').filter({ hasText: t.cancelled });
    await expect(cancelled).toBeVisible();
    await expect(button).toBeFocused();

    // Again, confirmed with the password: the archive arrives.
    await button.click();
    await expect(dialog).toBeVisible();
    await expectNoA11yViolations(page);
    await dialog.locator('input[autocomplete="current-password"]').fill(demo.password);
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: t.confirm, exact: true }).click();
    const download = await downloading;
    await expect(dialog).toBeHidden();
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    // Stored as they are: the names of the entries can be read in the bytes. An approved passport is
    // there; the refused employer letter is not.
    expect(bytes.includes('passeport-amina-diallo.pdf')).toBe(true);
    expect(bytes.includes('lettre-employeur-clinique.pdf')).toBe(false);
    await expect(cancelled).toBeHidden();
    await expect(button).toBeEnabled();
  });
});

test.describe('the dossier as a ZIP, in English on a phone (360 px)', () => {
  test.use({ locale: 'en-CA', viewport: { width: 360, height: 740 } });

  test('the button says what it does and fits the screen', async ({ page }) => {
    await openDossier(page, 'en');
    const button = page.getByRole('main').getByRole('button', { name: text.en.download });
    await expect(button).toBeVisible();
    const box = await button.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(360);
    expect(await documentScrollWidth(page), 'the dossier page').toBeLessThanOrEqual(360);
    await expectNoA11yViolations(page);
  });
});
