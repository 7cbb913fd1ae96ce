import type { TLocale, TLocalized } from '@capitune/contracts';
import { renderEmail } from '../../platform/mailer/layout';
import type { EmailToSend } from '../../platform/mailer/outbox';

interface Recipient {
  email: string;
  firstName: string;
  locale: TLocale;
}

type Words = { subject: TLocalized; paragraphs: TLocalized[]; action: { label: TLocalized; url: string } };

/** One email of the dossier's life, in the recipient's language. */
export function dossierEmail(template: string, recipient: Recipient, words: Words): EmailToSend {
  const locale = recipient.locale;
  return {
    to: recipient.email,
    locale,
    template,
    ...renderEmail(locale, {
      subject: words.subject[locale],
      greeting: locale === 'fr' ? `Bonjour ${recipient.firstName},` : `Hello ${recipient.firstName},`,
      paragraphs: words.paragraphs.map((paragraph) => paragraph[locale]),
      action: { label: words.action.label[locale], url: words.action.url },
    }),
  };
}

export const openDossier: TLocalized = { fr: 'Ouvrir le dossier', en: 'Open the dossier' };
export const openDashboard: TLocalized = { fr: 'Ouvrir mon tableau de bord', en: 'Open my dashboard' };
