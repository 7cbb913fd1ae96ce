import { createHmac } from 'node:crypto';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { field } from './accounts';

/** The texts of two-step verification, the security page and the step-up dialog (apps/web/src/locales). */
export const twoFactorText = {
  fr: {
    securityTitle: 'Sécurité du compte',
    securityLink: 'Sécurité',
    setUpApp: 'Configurer une application',
    qrAlt: 'Code QR à scanner avec votre application d’authentification',
    sixDigits: 'Code à 6 chiffres',
    turnOn: 'Activer',
    activated: 'L’application d’authentification est activée.',
    recoveryTitle: 'Vos codes de récupération',
    keptCodes: 'J’ai conservé mes codes',
    secondStepTitle: 'Vérification en deux étapes',
    appCode: 'Code de l’application',
    recoveryMethod: 'Code de récupération',
    recoveryCode: 'Un de vos codes de récupération',
    verify: 'Vérifier',
    wrongCode: 'Ce code n’est pas valide, ou il a déjà servi. Vérifiez-le, puis réessayez.',
    stepUpTitle: 'Confirmez que c’est bien vous',
    password: 'Votre mot de passe',
    confirm: 'Confirmer',
    cancel: 'Annuler',
    cancelled: 'Action annulée\u00a0: elle demande de confirmer que c’est bien vous.',
    passkeyName: 'Nom de la nouvelle clé',
    addPasskey: 'Ajouter une clé d’accès',
    passkeyAdded: (name: string) => `La clé d’accès «\u00a0${name}\u00a0» est ajoutée.`,
    passkeys: 'Vos clés d’accès',
    rename: (name: string) => `Renommer «\u00a0${name}\u00a0»`,
    newName: 'Nouveau nom',
    save: 'Enregistrer',
    passkeySignIn: 'Se connecter avec une clé d’accès',
    emailCodesSection: 'Codes par courriel',
    enableEmailCodes: 'Activer les codes par courriel',
    emailCodesOn: 'Les codes par courriel sont activés.',
    sendEmailCode: 'M’envoyer un code par courriel',
    codeReceived: 'Code reçu',
    codeSentTo: 'Code envoyé à',
    setupRequired: 'Configurez d’abord la vérification en deux étapes',
    graceTitle: 'Activez la vérification en deux étapes',
  },
  en: {
    securityTitle: 'Account security',
    securityLink: 'Security',
    setUpApp: 'Set up an app',
    qrAlt: 'QR code to scan with your authenticator app',
    sixDigits: '6-digit code',
    turnOn: 'Turn on',
    activated: 'The authenticator app is on.',
    recoveryTitle: 'Your recovery codes',
    keptCodes: 'I’ve kept my codes',
    secondStepTitle: 'Two-step verification',
    appCode: 'Code from the app',
    recoveryMethod: 'Recovery code',
    recoveryCode: 'One of your recovery codes',
    verify: 'Verify',
    wrongCode: 'This code is not valid, or it was used already. Check it and try again.',
    stepUpTitle: 'Confirm that it’s you',
    password: 'Your password',
    confirm: 'Confirm',
    cancel: 'Cancel',
    cancelled: 'Action cancelled: it needs you to confirm that it’s you.',
    passkeyName: 'Name of the new passkey',
    addPasskey: 'Add a passkey',
    passkeyAdded: (name: string) => `The passkey “${name}” is added.`,
    passkeys: 'Your passkeys',
    rename: (name: string) => `Rename “${name}”`,
    newName: 'New name',
    save: 'Save',
    passkeySignIn: 'Log in with a passkey',
    emailCodesSection: 'Codes by email',
    enableEmailCodes: 'Turn on codes by email',
    emailCodesOn: 'Codes by email are on.',
    sendEmailCode: 'Email me a code',
    codeReceived: 'Code received',
    codeSentTo: 'Code sent to',
    setupRequired: 'First set up two-step verification',
    graceTitle: 'Turn on two-step verification',
  },
} as const;

const PERIOD_SECONDS = 30;

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => Number.parseInt(byte, 2)));
}

/** The time step of `time` (RFC 6238: 30 seconds). */
export const totpStep = (time: number = Date.now()) => Math.floor(time / 1000 / PERIOD_SECONDS);

/** The six-digit code of a time step (RFC 6238 / RFC 4226: HMAC-SHA1, dynamic truncation). */
export function totpCode(secret: string, step: number = totpStep()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = (hmac[hmac.length - 1] as number) & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/**
 * Each code is accepted once, and the API accepts the steps next to the current one: a code of the
 * step after the last one used signs in without waiting for the clock.
 */
export function nextTotpCode(secret: string, lastStep: number): { code: string; step: number } {
  const step = Math.max(lastStep + 1, totpStep());
  return { code: totpCode(secret, step), step };
}

/**
 * Chromium's virtual authenticator (DevTools protocol): a platform authenticator that keeps
 * discoverable credentials and verifies its user at once, as a phone's or a laptop's does.
 */
export async function addVirtualAuthenticator(page: Page): Promise<void> {
  const client = await page.context().newCDPSession(page);
  await client.send('WebAuthn.enable');
  await client.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

interface MailboxItem {
  to: string;
  subject: string;
  createdAt: string;
}

/** The latest six-digit code emailed to `to` (its subject says it: "Votre code … : 123 456"). */
export async function emailedCode(request: APIRequestContext, to: string, after: Date): Promise<string> {
  let code = '';
  await expect(async () => {
    const response = await request.get('/api/dev/mailbox');
    expect(response.ok()).toBe(true);
    const { items } = (await response.json()) as { items: MailboxItem[] };
    const email = items.find(
      (item) => item.to === to && new Date(item.createdAt) >= after && /\d{3}\s\d{3}$/.test(item.subject),
    );
    expect(email, `an email to ${to} with a code`).toBeTruthy();
    code = (email?.subject.match(/(\d{3})\s(\d{3})$/)?.slice(1) ?? []).join('');
  }).toPass({ timeout: 5_000 });
  return code;
}

/** Answers the step-up dialog with the password (accounts with no second factor). */
export async function confirmWithPassword(
  page: Page,
  password: string,
  language: 'fr' | 'en',
): Promise<void> {
  const text = twoFactorText[language];
  const dialog = page.getByRole('dialog', { name: text.stepUpTitle });
  await expect(dialog).toBeVisible();
  await field(dialog, text.password).fill(password);
  await dialog.getByRole('button', { name: text.confirm, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** A step-up through the API, with the password (the account has no second factor). */
export async function stepUpThroughApi(
  request: APIRequestContext,
  headers: { authorization: string },
  password: string,
): Promise<void> {
  const response = await request.post('/api/auth/step-up', {
    headers,
    data: { method: 'password', password },
  });
  expect(response.ok(), await response.text()).toBe(true);
}
