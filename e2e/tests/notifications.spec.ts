import { createDecipheriv, createECDH, hkdfSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { field, logIn } from '../support/accounts';
import { type Account, apiToken, verifiedAccount, verifiedPro } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { atPhoneWidth, loosely } from '../support/pages';

/**
 * Notifications V2 on the profile page (issue 19): the person's channels per kind of event, quiet hours in
 * their own time zone and the email digest, kept across a reload; web push on this device, from the
 * subscription to the notification Chromium's service worker shows; text messages to a number verified
 * with the code read from the dev mailbox. In French and English, axe-clean at 1280 and 360 px.
 */

const text = {
  fr: {
    notifications: 'Notifications',
    milestonesByEmail: 'Étapes du dossier — Courriel',
    messagesByPush: 'Nouveaux messages — Notification push',
    messagesBySms: 'Nouveaux messages — Texto',
    quietHours: 'Activer les heures de silence',
    start: 'Début',
    end: 'Fin',
    zone: 'Heures de votre fuseau horaire (Toronto).',
    daily: 'Un courriel par jour, à 8 h',
    save: 'Enregistrer mes préférences',
    saved: 'Vos préférences sont enregistrées.',
    pushLocked:
      'Push : activez les notifications push sur un appareil (section « Notifications push » ci-dessous) pour les choisir.',
    push: 'Notifications push',
    enablePush: 'Activer sur cet appareil',
    disablePush: 'Désactiver sur cet appareil',
    pushOn: 'Les notifications push sont activées sur cet appareil.',
    pushOff: 'Les notifications push sont désactivées sur cet appareil.',
    thisDevice: 'Cet appareil',
    noDevice: 'Aucun appareil ne reçoit de notifications push.',
    pushTitle: 'Dossier pris en charge',
    sms: 'Textos',
    phone: 'Numéro de téléphone mobile',
    sendCode: 'Envoyer le code',
    code: 'Code reçu par texto',
    verify: 'Vérifier',
    verifiedNow: 'Votre numéro est vérifié.',
    verified: (phone: string) => `Numéro vérifié : ${phone}`,
    stop: 'Arrêter les textos',
    stopped: 'Vous ne recevrez plus de textos.',
  },
  en: {
    notifications: 'Notifications',
    milestonesByEmail: 'File milestones — Email',
    messagesByPush: 'New messages — Push notification',
    messagesBySms: 'New messages — Text message',
    quietHours: 'Turn on quiet hours',
    start: 'Start',
    end: 'End',
    zone: 'Times in your time zone (Toronto).',
    daily: 'One email a day, at 8:00',
    save: 'Save my preferences',
    saved: 'Your preferences are saved.',
    pushLocked:
      'Push: turn on push notifications on a device (the “Push notifications” section below) to choose them.',
    push: 'Push notifications',
    enablePush: 'Enable on this device',
    disablePush: 'Disable on this device',
    pushOn: 'Push notifications are on for this device.',
    pushOff: 'Push notifications are off for this device.',
    thisDevice: 'This device',
    noDevice: 'No device gets push notifications.',
    pushTitle: 'Dossier taken on',
    sms: 'Text messages',
    phone: 'Mobile phone number',
    sendCode: 'Send code',
    code: 'Code received by text',
    verify: 'Verify',
    verifiedNow: 'Your number is verified.',
    verified: (phone: string) => `Verified number: ${phone}`,
    stop: 'Stop text messages',
    stopped: 'You will get no more text messages.',
  },
} as const;

type Language = keyof typeof text;

function region(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** A new candidate, signed in on the profile page in `language`. */
async function candidateOnProfile(page: Page, language: Language): Promise<Account> {
  const account = await verifiedAccount(page.request, {
    role: 'candidate',
    firstName: language === 'fr' ? 'Amélie' : 'Grace',
    lastName: language === 'fr' ? 'Gagnon' : 'Wong',
    locale: language,
  });
  await page.goto('/login');
  await logIn(page, account.email, account.password, language);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/profile');
  await expect(region(page, text[language].notifications)).toBeVisible();
  return account;
}

// ---------------------------------------------------------------------------------------------------
// Web push: the push service stand-in and RFC 8291 decryption

interface FakePushKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
  /** The browser side's private key (P-256, JWK `d`, base64url): decrypts what the API sends. */
  privateKey: string;
}

/**
 * STANDS IN FOR THE BROWSER VENDOR'S PUSH SERVICE, which a test cannot reach here (headless Chromium has
 * no network path to Google's FCM). `PushManager.prototype.subscribe` is replaced in the page by one
 * that returns a subscription whose endpoint is this test's https server on 127.0.0.1 and whose keys
 * (P-256 and the 16-byte auth secret) the page generates with WebCrypto, as the browser would; the
 * private key is kept in localStorage for the test to decrypt what the API sends. Everything after the
 * push service is real: the API encrypts (RFC 8291) and sends with its VAPID keys, the test decrypts the
 * bytes it received, and delivers them to the real service worker through the DevTools protocol.
 */
async function fakePushService(page: Page, endpoint: string) {
  await page.addInitScript((pushEndpoint: string) => {
    const STORE = '__e2eFakePushSubscription';
    const b64url = (bytes: ArrayBuffer | Uint8Array) => {
      const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      let binary = '';
      for (const byte of view) binary += String.fromCharCode(byte);
      return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    };
    const fromB64url = (value: string) =>
      Uint8Array.from(atob(value.replaceAll('-', '+').replaceAll('_', '/')), (char) => char.charCodeAt(0));
    interface Stored {
      endpoint: string;
      p256dh: string;
      auth: string;
      privateKey: string;
      applicationServerKey: string;
    }
    const asSubscription = (stored: Stored) => ({
      endpoint: stored.endpoint,
      expirationTime: null,
      options: {
        userVisibleOnly: true,
        applicationServerKey: fromB64url(stored.applicationServerKey).buffer,
      },
      getKey: (name: string) => fromB64url(name === 'auth' ? stored.auth : stored.p256dh).buffer,
      toJSON: () => ({
        endpoint: stored.endpoint,
        expirationTime: null,
        keys: { p256dh: stored.p256dh, auth: stored.auth },
      }),
      unsubscribe: async () => {
        localStorage.removeItem(STORE);
        return true;
      },
    });
    const read = (): Stored | null => JSON.parse(localStorage.getItem(STORE) ?? 'null');
    PushManager.prototype.getSubscription = async function getSubscription() {
      const stored = read();
      return (stored ? asSubscription(stored) : null) as unknown as PushSubscription;
    };
    PushManager.prototype.subscribe = async function subscribe(options?: PushSubscriptionOptionsInit) {
      const existing = read();
      if (existing) return asSubscription(existing) as unknown as PushSubscription;
      const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
        'deriveBits',
      ]);
      const publicKey = await crypto.subtle.exportKey('raw', pair.publicKey);
      const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
      const key = options?.applicationServerKey;
      const stored: Stored = {
        endpoint: `${pushEndpoint}/${crypto.randomUUID()}`,
        p256dh: b64url(publicKey),
        auth: b64url(crypto.getRandomValues(new Uint8Array(16))),
        privateKey: jwk.d as string,
        applicationServerKey: key instanceof ArrayBuffer || key instanceof Uint8Array ? b64url(key) : '',
      };
      localStorage.setItem(STORE, JSON.stringify(stored));
      return asSubscription(stored) as unknown as PushSubscription;
    };
  }, endpoint);
}

/** The keys the page generated for its subscription. */
async function pageKeys(page: Page): Promise<FakePushKeys> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('__e2eFakePushSubscription') ?? 'null'));
}

/** RFC 8291 / RFC 8188 (`aes128gcm`): the plaintext of a push message, with the browser's keys. */
function decryptPushMessage(body: Buffer, keys: FakePushKeys): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
  const clientPublicKey = Buffer.from(keys.p256dh, 'base64url');
  const sharedSecret = ecdh.computeSecret(serverPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), clientPublicKey, serverPublicKey]);
  const ikm = Buffer.from(hkdfSync('sha256', sharedSecret, Buffer.from(keys.auth, 'base64url'), keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // One record: the content, then the delimiter 0x02, then zero padding.
  const end = padded.lastIndexOf(2);
  return padded.subarray(0, end).toString('utf8');
}

/** The push service stand-in: https on 127.0.0.1 (the API's self-signed test pair), answering 201. */
async function startPushService() {
  const fixtures = path.join(import.meta.dirname, '../../apps/api/test/fixtures');
  const [key, cert] = await Promise.all([
    readFile(path.join(fixtures, 'loopback-tls.key')),
    readFile(path.join(fixtures, 'loopback-tls.crt')),
  ]);
  const received: { path: string; encoding: string | undefined; body: Buffer }[] = [];
  const server = https.createServer({ key, cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        encoding: request.headers['content-encoding'],
        body: Buffer.concat(chunks),
      });
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}/push`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The new candidate opens a dossier and asks the pro, who takes it on: the candidate is notified. */
async function dossierTakenOn(request: APIRequestContext, candidate: Account, pro: Account) {
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
}

/** The latest six-digit code texted to `phone`, read from the dev mailbox's text messages. */
async function textedCode(request: APIRequestContext, phone: string): Promise<string> {
  let code = '';
  await expect(async () => {
    const response = await request.get('/api/dev/sms');
    expect(response.ok()).toBe(true);
    const { items } = (await response.json()) as { items: { to: string; body: string; createdAt: string }[] };
    const sms = items.find((item) => item.to === phone && /\d{3} ?\d{3}/.test(item.body));
    const match = sms?.body.match(/(\d{3}) ?(\d{3})/);
    expect(match, `a text message to ${phone} with a code`).toBeTruthy();
    code = `${match?.[1]}${match?.[2]}`;
  }).toPass({ timeout: 5_000 });
  return code;
}

for (const language of ['fr', 'en'] as const) {
  test.describe(language, () => {
    test.use({ locale: language === 'fr' ? 'fr-CA' : 'en-CA', timezoneId: 'America/Toronto' });
    const t = text[language];

    test(`preferences per kind and channel, quiet hours and the daily digest are kept (${language})`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await candidateOnProfile(page, language);
      const notifications = region(page, t.notifications);

      // Push and text messages wait for a device and a verified number: shown, not changeable, and why.
      await expect(notifications.getByRole('checkbox', { name: t.messagesByPush })).toBeDisabled();
      await expect(notifications.getByRole('checkbox', { name: t.messagesBySms })).toBeDisabled();
      await expect(notifications.getByText(loosely(t.pushLocked))).toBeVisible();
      await expectNoA11yViolations(page);

      // With the keyboard: a channel off, quiet hours on, emails once a day.
      const milestonesByEmail = notifications.getByRole('checkbox', { name: t.milestonesByEmail });
      await expect(milestonesByEmail).toBeChecked();
      await milestonesByEmail.focus();
      await page.keyboard.press('Space');
      await expect(milestonesByEmail).not.toBeChecked();
      const quiet = notifications.getByRole('checkbox', { name: t.quietHours });
      await quiet.focus();
      await page.keyboard.press('Space');
      await field(notifications, t.start).fill('21:30');
      await field(notifications, t.end).fill('06:45');
      await expect(notifications.getByText(t.zone)).toBeVisible();
      const daily = notifications.getByRole('radio', { name: loosely(t.daily) });
      await daily.check();
      await expectNoA11yViolations(page);
      await notifications.getByRole('button', { name: t.save }).click();
      await expect(notifications.getByRole('status')).toHaveText(t.saved);

      // Kept: a reload shows them again (and so does the narrow screen, axe-clean, without sideways scroll).
      const kept = async () => {
        // The page loads its sections one request each: a busy machine takes its time.
        await expect(milestonesByEmail).toBeVisible({ timeout: 15_000 });
        await expect(milestonesByEmail).not.toBeChecked();
        await expect(quiet).toBeChecked();
        await expect(field(notifications, t.start)).toHaveValue('21:30');
        await expect(field(notifications, t.end)).toHaveValue('06:45');
        await expect(daily).toBeChecked();
      };
      await page.reload();
      await kept();
      await atPhoneWidth(page, kept);
    });

    test(`push on this device: the API's message reaches the service worker, which shows it (${language})`, async ({
      page,
      context,
    }) => {
      test.setTimeout(120_000);
      const pushService = await startPushService();
      try {
        await context.grantPermissions(['notifications']);
        await fakePushService(page, pushService.endpoint);
        const pro = await verifiedPro(page.request, 'Louis', 'Tremblay', language);
        const candidate = await candidateOnProfile(page, language);

        // Subscribe from the profile page, with the keyboard.
        const push = region(page, t.push);
        await expect(push.getByText(t.noDevice)).toBeVisible();
        await push.getByRole('button', { name: t.enablePush }).focus();
        await page.keyboard.press('Enter');
        await expect(push.getByRole('status')).toHaveText(t.pushOn);
        await expect(push.getByRole('listitem')).toHaveCount(1);
        await expect(push.getByRole('listitem')).toContainText(t.thisDevice);
        await expect(push.getByRole('listitem')).toContainText('127.0.0.1');
        await expect(
          region(page, t.notifications).getByRole('checkbox', { name: t.messagesByPush }),
        ).toBeEnabled();
        await expectNoA11yViolations(page);

        // The service worker's registration, from the DevTools protocol.
        const cdp = await context.newCDPSession(page);
        const origin = new URL(page.url()).origin;
        let registrationId: string | undefined;
        cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
          for (const registration of registrations) {
            if (registration.scopeURL === `${origin}/` && !registration.isDeleted) {
              registrationId = registration.registrationId;
            }
          }
        });
        await cdp.send('ServiceWorker.enable');
        await expect.poll(() => registrationId, { message: 'the service worker is registered' }).toBeTruthy();

        // Something happens for this person: the API encrypts a push message and sends it to the endpoint.
        await dossierTakenOn(page.request, candidate, pro);
        await expect
          .poll(() => pushService.received.length, {
            timeout: 20_000,
            message: 'the API sent a push message',
          })
          .toBeGreaterThan(0);
        const message = pushService.received[0];
        expect(message?.encoding).toBe('aes128gcm');
        const payload = decryptPushMessage(message?.body as Buffer, await pageKeys(page));
        const parsed = JSON.parse(payload) as { title: string; body: string; url: string; type: string };
        expect(parsed.type).toBe('assignment_accepted');
        expect(parsed.title).toBe(t.pushTitle);
        expect(parsed.url).toMatch(/^\/dossiers\//);

        // Delivered to Chromium's service worker as a push service would: it shows the notification.
        await cdp.send('ServiceWorker.deliverPushMessage', {
          origin,
          registrationId: registrationId as string,
          data: payload,
        });
        await expect
          .poll(
            () =>
              page.evaluate(async () =>
                (await (await navigator.serviceWorker.ready).getNotifications()).map((notification) => ({
                  title: notification.title,
                  body: notification.body,
                  tag: notification.tag,
                })),
              ),
            { message: 'the service worker shows the notification' },
          )
          .toContainEqual({
            title: t.pushTitle,
            body: parsed.body,
            tag: (JSON.parse(payload) as { id: string }).id,
          });

        // Off again on this device: the API forgets it.
        await push.getByRole('button', { name: t.disablePush }).click();
        await expect(push.getByRole('status')).toHaveText(t.pushOff);
        await expect(push.getByText(t.noDevice)).toBeVisible();
      } finally {
        await pushService.close();
      }
    });

    test(`a phone number verified with the texted code, then the texts stopped (${language})`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await candidateOnProfile(page, language);
      const sms = region(page, t.sms);
      const phone = `+1514555${String(Date.now() % 10_000).padStart(4, '0')}`;

      await field(sms, t.phone).fill(phone);
      await sms.getByRole('button', { name: t.sendCode }).click();
      const code = await textedCode(page.request, phone);
      await field(sms, t.code).fill(code);
      await sms.getByRole('button', { name: t.verify }).click();
      await expect(sms.getByRole('status')).toHaveText(t.verifiedNow);
      await expect(sms.getByText(loosely(t.verified(phone)))).toBeVisible();
      // Now the text column can be chosen.
      await expect(
        region(page, t.notifications).getByRole('checkbox', { name: t.messagesBySms }),
      ).toBeEnabled();
      await expectNoA11yViolations(page);

      await sms.getByRole('button', { name: t.stop }).click();
      await expect(sms.getByRole('status')).toHaveText(t.stopped);
      await expect(field(sms, t.phone)).toBeVisible();
    });
  });
}
