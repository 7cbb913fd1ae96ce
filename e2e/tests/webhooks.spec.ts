import { readFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { field, logIn } from '../support/accounts';
import { verifiedPro } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';
import { confirmWithPassword } from '../support/two-factor';

/**
 * A firm's outgoing webhooks, end to end (issue 19): a verified licensee opens "My firm", then its
 * webhooks page. An http address is refused by the API, with the translated reason under the field; an
 * https one (a receiver this test starts on 127.0.0.1 with the self-signed fixture certificate: the e2e
 * server allows loopback with WEBHOOKS_ALLOW_LOOPBACK) is added once the licensee confirms it is them, and
 * its secret is shown once. A test is sent, its delivery shows in the log with the receiver's status
 * code, and is sent again; the secret is rotated with an overlap. In French and English; the page passes
 * axe at 1280 and 360 px.
 */

type Language = 'fr' | 'en';

const NBSP = '\u00a0';

const text = {
  fr: {
    firmSection: 'Webhooks',
    manage: 'Gérer les webhooks',
    title: 'Webhooks',
    add: 'Ajouter une adresse',
    url: 'Adresse (URL)',
    description: 'Description',
    event: /^Document déposé/,
    submit: 'Ajouter l’adresse',
    notAllowed: `Cette adresse n’est pas acceptée${NBSP}: elle doit commencer par https://`,
    secretTitle: `Adresse ajoutée${NBSP}: voici son secret`,
    secret: 'Secret de signature',
    copy: 'Copier le secret',
    done: 'C’est fait, masquer le secret',
    sendTest: 'Envoyer un test',
    testQueued: 'Test envoyé',
    log: 'Envois',
    delivered: 'Livré',
    response: 'Réponse 200',
    sendAgain: 'Envoyer de nouveau',
    twoAttempts: '2 essais',
    rotate: 'Changer le secret',
    rotateForm: 'Changer le secret de signature',
    hours: 'Chevauchement (heures)',
    rotated: 'Nouveau secret',
    previous: `Ancien secret${NBSP}:`,
    verify: 'Vérifier les envois',
  },
  en: {
    firmSection: 'Webhooks',
    manage: 'Manage webhooks',
    title: 'Webhooks',
    add: 'Add an endpoint',
    url: 'Address (URL)',
    description: 'Description',
    event: /^Document uploaded/,
    submit: 'Add the endpoint',
    notAllowed: 'This address is not accepted: it must start with https://',
    secretTitle: 'Endpoint added: here is its secret',
    secret: 'Signing secret',
    copy: 'Copy the secret',
    done: 'Done, hide the secret',
    sendTest: 'Send a test',
    testQueued: 'Test sent',
    log: 'Deliveries',
    delivered: 'Delivered',
    response: 'Response 200',
    sendAgain: 'Send again',
    twoAttempts: '2 attempts',
    rotate: 'Rotate the secret',
    rotateForm: 'Rotate the signing secret',
    hours: 'Overlap (hours)',
    rotated: 'New secret',
    previous: 'Previous secret:',
    verify: 'Verifying deliveries',
  },
} as const;

/** The firm's tool: an https server on 127.0.0.1 (the API's self-signed test pair) answering 200. */
async function startReceiver(): Promise<{ url: string; received: string[]; close: () => Promise<void> }> {
  const fixtures = path.join(import.meta.dirname, '../../apps/api/test/fixtures');
  const [key, cert] = await Promise.all([
    readFile(path.join(fixtures, 'loopback-tls.key')),
    readFile(path.join(fixtures, 'loopback-tls.crt')),
  ]);
  const received: string[] = [];
  const server = https.createServer({ key, cert }, (request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(`${request.headers['webhook-id']} ${body}`);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/capitune`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Waits for `outcome`; answers the step-up dialog on the way when it opens (a proof given a moment ago
 * may still be fresh: the API then asks for none).
 */
async function stepUpIfAsked(page: Page, outcome: Locator, password: string, language: Language) {
  const stepUp = page.getByRole('dialog');
  await expect(outcome.or(stepUp)).toBeVisible({ timeout: 10_000 });
  if (await stepUp.isVisible()) await confirmWithPassword(page, password, language);
  await expect(outcome).toBeVisible({ timeout: 10_000 });
}

async function atBothWidths(page: Page, check: () => Promise<void>) {
  await check();
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await check();
  expect(await documentScrollWidth(page), page.url()).toBeLessThanOrEqual(360);
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

// The refusals are part of the journey: the http address (400) and the step-up (401).
test.use({ allowedConsoleErrors: /status of (400|401)/ });

for (const language of ['fr', 'en'] as const) {
  test.describe(language, () => {
    test.use({ locale: language === 'fr' ? 'fr-CA' : 'en-CA' });

    test(`a licensee registers a webhook, tests it and rotates its secret (${language})`, async ({
      page,
      request,
    }) => {
      test.setTimeout(300_000);
      const t = text[language];
      const receiver = await startReceiver();
      try {
        const pro = await verifiedPro(request, 'Inès', 'Tremblay', language as Language);
        await page.goto('/login');
        await logIn(page, pro.email, pro.password, language);
        await expect(page).toHaveURL(/\/dashboard$/);

        // From "My firm", the way to its webhooks.
        await page.goto('/firm');
        const main = page.getByRole('main');
        await main
          .getByRole('region', { name: t.firmSection })
          .getByRole('link', { name: t.manage })
          .click({ timeout: 15_000 });
        await expect(page).toHaveURL(/\/firm\/webhooks$/);
        await expect(main.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
        const form = main.getByRole('region', { name: t.add });
        await atBothWidths(page, async () => {
          await expect(form.getByRole('button', { name: t.submit })).toBeVisible();
          await expect(main.getByRole('region', { name: t.verify })).toContainText('webhook-signature');
        });

        // An http address: the API refuses it, and the reason shows under the field, translated.
        await field(form, t.url).fill('http://tools.example.com/capitune');
        await form.getByRole('checkbox', { name: t.event }).check();
        await form.getByRole('button', { name: t.submit }).click();
        // Adding an endpoint asks the licensee to confirm it is them first.
        await confirmWithPassword(page, pro.password, language);
        await expect(field(form, t.url)).toHaveAttribute('aria-invalid', 'true');
        await expect(field(form, t.url)).toBeFocused();
        await expect(form).toContainText(t.notAllowed);
        await expectNoA11yViolations(page);

        // The https receiver: added once the licensee confirms it is them; the secret is shown once.
        await field(form, t.url).fill(receiver.url);
        await field(form, t.description).fill('CRM');
        await form.getByRole('button', { name: t.submit }).click();
        const secretBox = main.getByRole('region', { name: t.secretTitle });
        await stepUpIfAsked(page, secretBox, pro.password, language);
        await expect(secretBox.getByRole('heading', { name: t.secretTitle })).toBeFocused();
        await expect(field(secretBox, t.secret)).toHaveValue(/^whsec_/);
        await expect(secretBox.getByRole('button', { name: t.copy })).toBeVisible();
        await expectNoA11yViolations(page);
        await secretBox.getByRole('button', { name: t.done }).click();
        await expect(secretBox).toBeHidden();
        await expect(main.getByText(/^whsec_/)).toHaveCount(0);

        // "Send a test": the log opens, and the delivery shows the receiver's answer.
        const endpoint = main.getByRole('article', { name: receiver.url });
        await expect(endpoint).toContainText('CRM');
        await endpoint.getByRole('button', { name: t.sendTest }).click();
        await expect(endpoint.getByRole('status').filter({ hasText: t.testQueued })).toBeVisible();
        const log = endpoint.getByRole('list', { name: t.log });
        const delivery = log.getByRole('listitem').first();
        // The worker delivers what is due every few seconds for most of each minute: give it two minutes.
        await expect(delivery).toContainText(t.response, { timeout: 120_000 });
        await expect(delivery).toContainText(t.delivered);
        await expect(delivery).toContainText('webhook.test');
        expect(receiver.received.length).toBeGreaterThanOrEqual(1);

        // "Send again": a second attempt, with the same delivery id.
        await delivery.getByRole('button', { name: t.sendAgain }).click();
        await expect(delivery).toContainText(t.twoAttempts, { timeout: 120_000 });
        await expect(delivery.getByRole('button', { name: t.sendAgain })).toBeVisible({ timeout: 15_000 });
        const ids = new Set(receiver.received.map((line) => line.split(' ')[0]));
        expect(ids.size).toBe(1);
        await atBothWidths(page, async () => {
          await expect(delivery).toContainText(t.response);
        });

        // Rotating the secret: a new one, shown once; the old one signs on during the overlap.
        await endpoint.getByRole('button', { name: t.rotate, exact: true }).click();
        const rotateForm = endpoint.getByRole('form', { name: t.rotateForm });
        await field(rotateForm, t.hours).fill('2');
        await rotateForm.getByRole('button', { name: t.rotate, exact: true }).click();
        const rotated = main.getByRole('region', { name: t.rotated });
        await stepUpIfAsked(page, rotated, pro.password, language);
        await expect(field(rotated, t.secret)).toHaveValue(/^whsec_/);
        await expect(endpoint).toContainText(t.previous);
      } finally {
        await receiver.close();
      }
    });
  });
}
