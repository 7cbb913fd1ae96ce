import type { TLocale, TLocalized } from '@capitune/contracts';
import { dateTimeFormat, isTimeZone } from '../../lib/intl';
import { localizedEmailTo, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/**
 * The emails of an account deletion, in the person's language. French typography: a no-break space
 * (U+00A0) before : ; ! ? and inside « ».
 */

const NBSP = '\u00a0';

export interface DeletionRecipient extends Recipient {
  timeZone: string;
}

/** A day as words in the person's zone: « 5 janvier 2027 », “January 5, 2027”. */
function longDay(at: Date, locale: TLocale, timeZone: string): string {
  return dateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'long',
    timeZone: isTimeZone(timeZone) ? timeZone : 'America/Toronto',
  }).format(at);
}

const signIn: TLocalized = { fr: 'Me connecter pour annuler', en: 'Sign in to cancel' };

/** The request is recorded: what happens on `dueAt`, what firms keep, and that signing in cancels it. */
export function deletionRequestedEmail(
  to: DeletionRecipient,
  dueAt: Date,
  keptFiles: number,
  url: string,
): EmailToSend {
  const fr = longDay(dueAt, 'fr', to.timeZone);
  const en = longDay(dueAt, 'en', to.timeZone);
  const paragraphs: TLocalized[] = [
    {
      fr: `Vous avez demandé la suppression de votre compte CAPITUNE. Elle aura lieu le ${fr}${NBSP}: votre profil, vos connexions, vos facteurs de sécurité et vos dossiers personnels seront effacés, et vos publications de la communauté seront signées «${NBSP}Membre supprimé${NBSP}».`,
      en: `You asked for your CAPITUNE account to be deleted. It will happen on ${en}: your profile, sign-ins, security factors and personal dossiers will be erased, and your community posts will be signed “Deleted member”.`,
    },
    {
      fr: `Vous avez changé d’avis${NBSP}? Connectez-vous avant cette date${NBSP}: la suppression sera annulée.`,
      en: 'Changed your mind? Sign in before that date: the deletion will be cancelled.',
    },
  ];
  if (keptFiles > 0) {
    paragraphs.push({
      fr: `Comme indiqué avant votre demande, ${keptFiles === 1 ? 'le dossier client suivi par un cabinet est conservé' : `les ${keptFiles} dossiers clients suivis par des cabinets sont conservés`} par ${keptFiles === 1 ? 'ce cabinet' : 'ces cabinets'} pendant la durée de conservation prévue par leurs obligations professionnelles, puis détruits.`,
      en: `As shown before your request, ${keptFiles === 1 ? 'the client file a firm follows is kept by that firm' : `the ${keptFiles} client files firms follow are kept by those firms`} for the retention period their professional duties require, then destroyed.`,
    });
  }
  return localizedEmailTo(to, 'privacy.deletion_requested', {
    subject: {
      fr: `Suppression de votre compte le ${fr}`,
      en: `Your account will be deleted on ${en}`,
    },
    paragraphs,
    action: { label: signIn, url },
    footnote: {
      fr: `Vous n’avez rien demandé${NBSP}? Connectez-vous pour annuler, puis changez votre mot de passe.`,
      en: 'Did not ask for this? Sign in to cancel, then change your password.',
    },
  });
}

/** The deletion is cancelled: by the person, or by their signing in during the grace. */
export function deletionCancelledEmail(to: Recipient, by: 'request' | 'sign_in', url: string): EmailToSend {
  return localizedEmailTo(to, 'privacy.deletion_cancelled', {
    subject: {
      fr: 'La suppression de votre compte est annulée',
      en: 'The deletion of your account is cancelled',
    },
    paragraphs: [
      by === 'sign_in'
        ? {
            fr: `Vous vous êtes connecté à CAPITUNE pendant le délai de grâce${NBSP}: la suppression de votre compte est annulée. Votre compte reste tel quel.`,
            en: 'You signed in to CAPITUNE during the grace period: the deletion of your account is cancelled. Your account stays as it is.',
          }
        : {
            fr: 'Vous avez annulé la suppression de votre compte. Votre compte reste tel quel.',
            en: 'You cancelled the deletion of your account. Your account stays as it is.',
          },
    ],
    action: { label: { fr: 'Ouvrir CAPITUNE', en: 'Open CAPITUNE' }, url },
    footnote: {
      fr: `Ce n’était pas vous${NBSP}? Changez votre mot de passe et vérifiez vos sessions dans la page Sécurité.`,
      en: 'Was it not you? Change your password and check your sessions on the Security page.',
    },
  });
}
