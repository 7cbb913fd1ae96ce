import type { TLocale } from '@capitune/contracts';
import { dateTimeFormat, isTimeZone } from '../../lib/intl';
import { emailTo as email, hello, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/** Emails and text messages about second factors: one-time codes, factor changes, recovery, reminders. */

const NBSP = '\u00a0';

/** The web app's page where a person manages their factors: the links of these emails lead there. */
export const SECURITY_PAGE = '/profile/security';

/** "123 456": read and typed more easily in two groups, never split across lines. */
export const spacedCode = (code: string) => `${code.slice(0, 3)}${NBSP}${code.slice(3)}`;

/** A moment in the reader's zone and language: "7 décembre 2026 à 14 h 30 HNE", "December 7, 2026 at 2:30 p.m. EST". */
function moment(recipient: Recipient & { timeZone: string }, at: Date): string {
  return dateTimeFormat(recipient.locale === 'fr' ? 'fr-CA' : 'en-CA', {
    timeZone: isTimeZone(recipient.timeZone) ? recipient.timeZone : 'America/Toronto',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

/** A code sent by email: to finish a sign-in, or to confirm it is the person before a sensitive action. */
export function oneTimeCodeEmail(
  recipient: Recipient,
  purpose: 'sign_in' | 'step_up',
  code: string,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  const spaced = spacedCode(code);
  const signIn = purpose === 'sign_in';
  return email(recipient, `auth.one_time_code_${purpose}`, {
    subject: fr
      ? `Votre code ${signIn ? 'de connexion' : 'de confirmation'} CAPITUNE${NBSP}: ${spaced}`
      : `Your CAPITUNE ${signIn ? 'sign-in' : 'confirmation'} code: ${spaced}`,
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      signIn
        ? fr
          ? `Voici le code qui termine votre connexion à CAPITUNE${NBSP}: ${spaced}`
          : `Here is the code that completes your sign-in to CAPITUNE: ${spaced}`
        : fr
          ? `Voici le code qui confirme qu’il s’agit bien de vous avant une action sensible${NBSP}: ${spaced}`
          : `Here is the code that confirms it is you before a sensitive action: ${spaced}`,
      fr
        ? 'Il est valable 10 minutes et ne fonctionne qu’une fois. Ne le communiquez à personne, pas même à quelqu’un qui se présente comme un employé de CAPITUNE.'
        : 'It is valid for 10 minutes and works once. Do not share it with anyone, not even someone who says they work for CAPITUNE.',
    ],
    footnote: signIn
      ? fr
        ? `Si vous n’êtes pas à l’origine de cette connexion, ignorez ce courriel. Quelqu’un connaît sans doute votre mot de passe${NBSP}: changez-le.`
        : 'If you did not try to sign in, ignore this email. Someone probably knows your password: change it.'
      : fr
        ? 'Si vous n’avez rien demandé, ignorez ce courriel et changez votre mot de passe.'
        : 'If you did not ask for it, ignore this email and change your password.',
  });
}

/**
 * A code sent by SMS. Written in the GSM 7-bit alphabet (no apostrophe, no no-break space): a character
 * outside it would switch the whole message to UCS-2, which halves its length and doubles its cost.
 */
export function oneTimeCodeSms(
  locale: TLocale,
  purpose: 'sign_in' | 'step_up' | 'sms_setup',
  code: string,
): string {
  const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
  const fr = locale === 'fr';
  const what = {
    sign_in: fr ? 'votre code de connexion' : 'your sign-in code',
    step_up: fr ? 'votre code de confirmation' : 'your confirmation code',
    sms_setup: fr ? 'le code qui confirme ce numéro' : 'the code that confirms this number',
  }[purpose];
  return fr
    ? `CAPITUNE : ${what} est ${spaced}. Valable 10 minutes. Ne le donnez à personne.`
    : `CAPITUNE: ${what} is ${spaced}. Valid for 10 minutes. Do not share it.`;
}

export type ContactFactorChange = 'email_enabled' | 'email_disabled' | 'sms_enabled' | 'sms_removed';

/** To the account's address whenever its email or SMS codes are turned on or off: a change made by someone else shows. */
export function contactFactorChangedEmail(
  recipient: Recipient,
  change: ContactFactorChange,
  securityUrl: string,
  maskedPhone?: string,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  const phone = maskedPhone ? ` (${maskedPhone})` : '';
  const words: Record<ContactFactorChange, { subject: string; paragraph: string }> = {
    email_enabled: {
      subject: fr ? 'Codes par courriel activés' : 'Email codes turned on',
      paragraph: fr
        ? 'Des codes envoyés à cette adresse pourront désormais confirmer vos connexions à CAPITUNE.'
        : 'Codes sent to this address can now confirm your sign-ins to CAPITUNE.',
    },
    email_disabled: {
      subject: fr ? 'Codes par courriel désactivés' : 'Email codes turned off',
      paragraph: fr
        ? 'Les codes envoyés à cette adresse ne confirment plus vos connexions à CAPITUNE.'
        : 'Codes sent to this address no longer confirm your sign-ins to CAPITUNE.',
    },
    sms_enabled: {
      subject: fr ? 'Codes par SMS activés' : 'SMS codes turned on',
      paragraph: fr
        ? `Des codes envoyés par SMS à votre numéro${phone} pourront désormais confirmer vos connexions à CAPITUNE.`
        : `Codes sent by SMS to your number${phone} can now confirm your sign-ins to CAPITUNE.`,
    },
    sms_removed: {
      subject: fr ? 'Codes par SMS désactivés' : 'SMS codes turned off',
      paragraph: fr
        ? `Les codes par SMS${phone} ne confirment plus vos connexions à CAPITUNE.`
        : `SMS codes${phone} no longer confirm your sign-ins to CAPITUNE.`,
    },
  };
  return email(recipient, `auth.contact_factor_${change}`, {
    subject: words[change].subject,
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      words[change].paragraph,
      fr
        ? 'Si vous n’êtes pas à l’origine de ce changement, changez votre mot de passe et vérifiez la sécurité de votre compte.'
        : 'If you did not make this change, change your password and review the security of your account.',
    ],
    action: { label: fr ? 'Voir la sécurité du compte' : 'Review account security', url: securityUrl },
  });
}

/** To a person whose factors an administrator removed after checking their identity. */
export function twoFactorResetEmail(
  recipient: Recipient & { timeZone: string },
  graceEndsAt: Date,
  loginUrl: string,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  const until = moment(recipient, graceEndsAt);
  return email(recipient, 'auth.two_factor_reset', {
    subject: fr ? 'Votre double authentification a été réinitialisée' : 'Your two-step sign-in was reset',
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? 'À votre demande, et après avoir vérifié votre identité, un administrateur de CAPITUNE a retiré les moyens de connexion de votre compte : application d’authentification, clés d’accès, codes de récupération, codes par courriel et par SMS. Toutes vos sessions ont été fermées.'
        : 'At your request, and after checking your identity, a CAPITUNE administrator removed the sign-in methods of your account: authenticator app, passkeys, recovery codes, email and SMS codes. All your sessions were ended.',
      fr
        ? `Connectez-vous avec votre mot de passe et configurez un nouveau moyen avant le ${until}.`
        : `Sign in with your password and set up a new method before ${until}.`,
      fr
        ? 'Si vous n’avez rien demandé, écrivez-nous immédiatement à securite@capitune.ca.'
        : 'If you did not ask for this, write to us right away at security@capitune.ca.',
    ],
    action: { label: fr ? 'Me connecter' : 'Sign in', url: loginUrl },
  });
}

/** To a pro or an admin who has not set up an authenticator or a passkey, some days before the grace ends. */
export function twoFactorReminderEmail(
  recipient: Recipient & { timeZone: string },
  graceEndsAt: Date,
  daysLeft: number,
  securityUrl: string,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  const until = moment(recipient, graceEndsAt);
  const days = fr
    ? `${daysLeft}${NBSP}jour${daysLeft > 1 ? 's' : ''}`
    : `${daysLeft} day${daysLeft > 1 ? 's' : ''}`;
  return email(recipient, 'auth.two_factor_reminder', {
    subject: fr
      ? `Plus que ${days} pour sécuriser votre compte CAPITUNE`
      : `${days} left to secure your CAPITUNE account`,
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? 'Les comptes des professionnels et des administrateurs doivent être protégés par une double authentification : une application d’authentification ou une clé d’accès, en plus du mot de passe.'
        : 'Professional and administrator accounts must be protected by two-step sign-in: an authenticator app or a passkey, on top of the password.',
      fr
        ? `Configurez-en une avant le ${until}. Passé cette date, vous ne pourrez plus rien faire d’autre dans CAPITUNE avant de l’avoir fait.`
        : `Set one up before ${until}. After that, you will not be able to do anything else in CAPITUNE until you have.`,
    ],
    action: { label: fr ? 'Configurer maintenant' : 'Set it up now', url: securityUrl },
    footnote: fr
      ? 'Cela prend deux minutes avec une application comme Google Authenticator, Microsoft Authenticator ou 1Password, ou avec la clé d’accès de votre téléphone ou de votre ordinateur.'
      : 'It takes two minutes with an app such as Google Authenticator, Microsoft Authenticator or 1Password, or with the passkey of your phone or computer.',
  });
}
