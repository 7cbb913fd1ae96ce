import type { TLocalized } from '@capitune/contracts';
import { type LocalizedWords, localizedEmailTo, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/** One email of the dossier's life, in the recipient's language. */
export function dossierEmail(
  template: string,
  recipient: Recipient,
  words: Omit<LocalizedWords, 'footnote'>,
): EmailToSend {
  return localizedEmailTo(recipient, template, words);
}

export const openDossier: TLocalized = { fr: 'Ouvrir le dossier', en: 'Open the dossier' };
export const openDashboard: TLocalized = { fr: 'Ouvrir mon tableau de bord', en: 'Open my dashboard' };
