import type { TLocale, TLocalized } from '@capitune/contracts';
import { dateTimeFormat } from '../../lib/intl';
import { localizedEmailTo, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/**
 * The emails a member gets when an admin suspends, bans or reinstates their account, each in the
 * member's language. French typography: a no-break space (U+00A0) before : ; ! ? and inside « ».
 */

const NBSP = '\u00a0';

/** A member to write to, with the time zone their dates are shown in. */
export interface MemberRecipient extends Recipient {
  timeZone: string;
}

/** An instant as words in the member's zone: « 15 janvier 2027 à 09 h 00 », “January 15, 2027 at 9:00 AM”. */
function longTime(at: Date, locale: TLocale, timeZone: string): string {
  const zone = (() => {
    try {
      dateTimeFormat('en', { timeZone });
      return timeZone;
    } catch {
      return 'America/Toronto';
    }
  })();
  return dateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zone,
  }).format(at);
}

const reasonLine = (reason: string): TLocalized => ({
  fr: `Motif${NBSP}: ${reason}`,
  en: `Reason: ${reason}`,
});
const contactLine: TLocalized = {
  fr: `Une question${NBSP}? Répondez à ce courriel${NBSP}: l’équipe CAPITUNE vous lira.`,
  en: 'A question? Reply to this email: the CAPITUNE team will read it.',
};
const signIn: TLocalized = { fr: 'Se connecter', en: 'Sign in' };

/** A suspension that ends by itself at `until`, or (null) when an admin lifts it. */
export function suspendedEmail(
  to: MemberRecipient,
  reason: string,
  until: Date | null,
  url: string,
): EmailToSend {
  return localizedEmailTo(to, 'admin.member_suspended', {
    subject: { fr: 'Votre compte CAPITUNE est suspendu', en: 'Your CAPITUNE account is suspended' },
    paragraphs: [
      until
        ? {
            fr: `Votre compte est suspendu jusqu’au ${longTime(until, 'fr', to.timeZone)}. D’ici là, vous ne pouvez pas vous connecter.`,
            en: `Your account is suspended until ${longTime(until, 'en', to.timeZone)}. Until then, you cannot sign in.`,
          }
        : {
            fr: `Votre compte est suspendu jusqu’à nouvel ordre${NBSP}: vous ne pouvez pas vous connecter.`,
            en: 'Your account is suspended until further notice: you cannot sign in.',
          },
      reasonLine(reason),
      contactLine,
    ],
    action: { label: signIn, url },
  });
}

/** A ban: a suspension with no end that only an admin lifts. */
export function bannedEmail(to: MemberRecipient, reason: string, url: string): EmailToSend {
  return localizedEmailTo(to, 'admin.member_banned', {
    subject: { fr: 'Votre compte CAPITUNE est fermé', en: 'Your CAPITUNE account is closed' },
    paragraphs: [
      {
        fr: 'Votre compte est suspendu sans date de fin. Vous ne pouvez plus vous connecter.',
        en: 'Your account is suspended with no end date. You can no longer sign in.',
      },
      reasonLine(reason),
      contactLine,
    ],
    action: { label: { fr: 'CAPITUNE', en: 'CAPITUNE' }, url },
  });
}

/** An admin lifted the suspension (or the ban), or it ended on its date (`ended`). */
export function reinstatedEmail(to: MemberRecipient, url: string, ended: boolean): EmailToSend {
  return localizedEmailTo(to, ended ? 'admin.suspension_ended' : 'admin.member_lifted', {
    subject: ended
      ? { fr: 'Votre suspension est terminée', en: 'Your suspension has ended' }
      : { fr: 'Votre compte CAPITUNE est rétabli', en: 'Your CAPITUNE account is reinstated' },
    paragraphs: [
      ended
        ? {
            fr: `La suspension de votre compte est arrivée à son terme${NBSP}: vous pouvez de nouveau vous connecter.`,
            en: 'The suspension of your account has come to its end: you can sign in again.',
          }
        : {
            fr: `Un administrateur a levé la suspension de votre compte${NBSP}: vous pouvez de nouveau vous connecter.`,
            en: 'An administrator lifted the suspension of your account: you can sign in again.',
          },
    ],
    action: { label: signIn, url },
  });
}
