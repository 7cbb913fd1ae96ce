import type { TLocale, TLocalized, TSignInFactor } from '@capitune/contracts';
import { dateTimeFormat, isTimeZone } from '../../lib/intl';
import { emailTo as email, hello, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

// Also sent by a firm inviting an address that has an account: one template, kept where both reach it.
export { accountExistsMessage } from '../../platform/mailer/account-emails';

export function verifyEmailMessage(recipient: Recipient, url: string): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(recipient, 'auth.verify_email', {
    subject: fr ? 'Confirmez votre adresse courriel' : 'Confirm your email address',
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? 'Bienvenue sur CAPITUNE\u00a0! Pour activer votre dossier, la communauté et les webinaires, confirmez votre adresse courriel.'
        : 'Welcome to CAPITUNE! To use your dossier, the community and the webinars, please confirm your email address.',
    ],
    action: { label: fr ? 'Confirmer mon adresse' : 'Confirm my address', url },
    footnote: fr
      ? 'Ce lien est valable 24 heures. Si vous n’avez pas créé de compte, ignorez ce courriel.'
      : 'This link is valid for 24 hours. If you did not create an account, you can ignore this email.',
  });
}

export function resetPasswordMessage(recipient: Recipient, url: string): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(recipient, 'auth.reset_password', {
    subject: fr ? 'Réinitialisez votre mot de passe' : 'Reset your password',
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? 'Nous avons reçu une demande de réinitialisation du mot de passe de votre compte CAPITUNE.'
        : 'We received a request to reset the password of your CAPITUNE account.',
    ],
    action: { label: fr ? 'Choisir un nouveau mot de passe' : 'Choose a new password', url },
    footnote: fr
      ? 'Ce lien est valable 1 heure et ne fonctionne qu’une fois. Si vous n’avez rien demandé, ignorez ce courriel\u00a0: votre mot de passe reste le même.'
      : 'This link is valid for 1 hour and works once. If you did not ask for it, ignore this email: your password stays the same.',
  });
}

export function passwordChangedMessage(recipient: Recipient, resetUrl: string): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(recipient, 'auth.password_changed', {
    subject: fr ? 'Votre mot de passe a été modifié' : 'Your password was changed',
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? 'Le mot de passe de votre compte CAPITUNE vient d’être modifié.'
        : 'The password of your CAPITUNE account was just changed.',
      fr
        ? 'Si vous n’êtes pas à l’origine de ce changement, réinitialisez votre mot de passe immédiatement et écrivez-nous à securite@capitune.ca.'
        : 'If you did not make this change, reset your password right away and write to us at security@capitune.ca.',
    ],
    action: { label: fr ? 'Réinitialiser mon mot de passe' : 'Reset my password', url: resetUrl },
  });
}

export function accountLockedMessage(recipient: Recipient, minutes: number, resetUrl: string): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(recipient, 'auth.account_locked', {
    subject: fr
      ? 'Des tentatives de connexion à votre compte ont été bloquées'
      : 'Login attempts on your account were blocked',
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? `Après plusieurs tentatives de connexion avec un mauvais mot de passe, nous bloquons pendant ${minutes} minutes les nouvelles tentatives venant du même endroit. Depuis vos appareils habituels, vous pouvez toujours vous connecter.`
        : `After several login attempts with a wrong password, we are blocking new attempts from the same place for ${minutes} minutes. You can still log in from your usual devices.`,
      fr
        ? 'Si c’était vous, patientez puis réessayez, ou choisissez un nouveau mot de passe. Sinon, nous vous conseillons de changer votre mot de passe.'
        : 'If this was you, wait and try again, or choose a new password. If it was not, we advise you to change your password.',
    ],
    action: { label: fr ? 'Choisir un nouveau mot de passe' : 'Choose a new password', url: resetUrl },
  });
}

/** A sign-in that the account had not seen the like of: from a new device, a new country, or both. */
export interface SignInAlert {
  at: Date;
  /** The device as the sessions page names it; null when unknown. */
  device: string | null;
  /** ISO 3166-1 alpha-2, or null when the address has no known country. */
  country: string | null;
  ip: string | null;
  factor: TSignInFactor;
  newDevice: boolean;
  newCountry: boolean;
}

const intlLocale = (locale: TLocale) => (locale === 'fr' ? 'fr-CA' : 'en-CA');

const factorNames: Record<TSignInFactor, TLocalized> = {
  password: { fr: 'mot de passe', en: 'password' },
  totp: { fr: 'application d’authentification', en: 'authenticator app' },
  passkey: { fr: 'clé d’accès', en: 'passkey' },
  recovery_code: { fr: 'code de récupération', en: 'recovery code' },
  email: { fr: 'code reçu par courriel', en: 'code received by email' },
  sms: { fr: 'code reçu par SMS', en: 'code received by SMS' },
};

const countryNames = new Map<TLocale, Intl.DisplayNames>();
/** "France", "Canada": the country's name in the reader's language. */
function countryName(locale: TLocale, code: string): string {
  let names = countryNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([intlLocale(locale)], { type: 'region', fallback: 'code' });
    countryNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

export function signInAlertMessage(
  recipient: Recipient & { timeZone: string },
  alert: SignInAlert,
  endSessionUrl: string,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  const what =
    alert.newDevice && alert.newCountry
      ? fr
        ? 'depuis un nouvel appareil, dans un pays d’où vous ne vous étiez encore jamais connecté'
        : 'from a new device, in a country you had never signed in from'
      : alert.newDevice
        ? fr
          ? 'depuis un appareil que nous ne connaissions pas'
          : 'from a device we had not seen before'
        : fr
          ? 'depuis un pays d’où vous ne vous étiez encore jamais connecté'
          : 'from a country you had never signed in from';
  const when = dateTimeFormat(intlLocale(recipient.locale), {
    timeZone: isTimeZone(recipient.timeZone) ? recipient.timeZone : 'America/Toronto',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(alert.at);
  const device = alert.device ?? (fr ? 'appareil inconnu' : 'unknown device');
  const place = alert.country ? countryName(recipient.locale, alert.country) : fr ? 'inconnu' : 'unknown';
  const address = alert.ip ?? (fr ? 'inconnue' : 'unknown');
  const factor = factorNames[alert.factor][recipient.locale];
  return email(recipient, 'auth.sign_in_alert', {
    subject: fr ? 'Nouvelle connexion à votre compte CAPITUNE' : 'New sign-in to your CAPITUNE account',
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? `Une connexion à votre compte CAPITUNE vient d’avoir lieu ${what}.`
        : `Someone just signed in to your CAPITUNE account ${what}.`,
      fr ? `Quand : ${when}` : `When: ${when}`,
      fr ? `Appareil : ${device}` : `Device: ${device}`,
      fr ? `Lieu approximatif : ${place}` : `Approximate place: ${place}`,
      fr ? `Adresse IP : ${address}` : `IP address: ${address}`,
      fr ? `Connexion avec : ${factor}` : `Signed in with: ${factor}`,
      fr
        ? 'Si c’était vous, vous n’avez rien à faire. Sinon, mettez fin à cette session avec le bouton ci-dessous, puis changez votre mot de passe.'
        : 'If this was you, there is nothing to do. If not, end this session with the button below, then change your password.',
    ],
    action: { label: fr ? 'Mettre fin à cette session' : 'End this session', url: endSessionUrl },
    footnote: fr
      ? 'Ce lien est valable 7 jours et ne fonctionne qu’une fois.'
      : 'This link is valid for 7 days and works once.',
  });
}
