import type { TLocale } from '@capitune/contracts';
import { dateTimeFormat, isTimeZone } from '../../lib/intl';
import { localizedEmailTo, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/**
 * The email that says a data export is ready, in the person's language. It links to the privacy page of
 * the account, never to the file: the signed link is handed there, after signing in, to the owner alone.
 * French typography: a no-break space (U+00A0) before : ; ! ?.
 */

const NBSP = '\u00a0';

export interface ExportRecipient extends Recipient {
  timeZone: string;
}

/** « 13 décembre 2026 à 14 h 05 », “December 13, 2026 at 2:05 PM”, in the person's zone. */
function longTime(at: Date, locale: TLocale, timeZone: string): string {
  return dateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: isTimeZone(timeZone) ? timeZone : 'America/Toronto',
  }).format(at);
}

export function exportReadyEmail(to: ExportRecipient, expiresAt: Date, pageUrl: string): EmailToSend {
  return localizedEmailTo(to, 'privacy.export_ready', {
    subject: { fr: 'Vos données sont prêtes à télécharger', en: 'Your data is ready to download' },
    paragraphs: [
      {
        fr: `L’export de vos données que vous avez demandé est prêt${NBSP}: un fichier ZIP avec vos renseignements (JSON et CSV) et les fichiers que vous avez déposés.`,
        en: 'The export of your data you asked for is ready: a ZIP file with your information (JSON and CSV) and the files you uploaded.',
      },
      {
        fr: `Vous pouvez le télécharger depuis la page Confidentialité de votre compte jusqu’au ${longTime(expiresAt, 'fr', to.timeZone)}. Il sera ensuite supprimé.`,
        en: `You can download it from the Privacy page of your account until ${longTime(expiresAt, 'en', to.timeZone)}. It is deleted afterwards.`,
      },
    ],
    action: { label: { fr: 'Télécharger mes données', en: 'Download my data' }, url: pageUrl },
    footnote: {
      fr: `Vous n’avez rien demandé${NBSP}? Changez votre mot de passe et écrivez-nous en répondant à ce courriel.`,
      en: 'You did not ask for it? Change your password and write to us by replying to this email.',
    },
  });
}
