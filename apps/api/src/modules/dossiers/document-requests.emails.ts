import type { TLocalized } from '@capitune/contracts';
import type { Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';
import { dossierEmail } from './dossiers.emails';

/**
 * The email of a pro's request for one checklist line ("Marie Tremblay vous demande : Passeport"), in the
 * candidate's language; its button opens that line's upload step. The note is the pro's own words.
 */
export function documentRequestedEmail(
  recipient: Recipient,
  input: { pro: string; firm: string | null; document: TLocalized; note: string | null; url: string },
): EmailToSend {
  const who = input.pro || null;
  const from: TLocalized = input.firm
    ? {
        fr: `${who ?? 'Votre professionnel'} (${input.firm})`,
        en: `${who ?? 'Your professional'} (${input.firm})`,
      }
    : { fr: who ?? 'Votre professionnel', en: who ?? 'Your professional' };
  return dossierEmail('dossiers.document_requested', recipient, {
    subject: {
      fr: `${who ?? 'Votre professionnel'} vous demande : ${input.document.fr}`,
      en: `${who ?? 'Your professional'} asks you for: ${input.document.en}`,
    },
    paragraphs: [
      {
        fr: `${from.fr} vous demande d’ajouter « ${input.document.fr} » à votre dossier.`,
        en: `${from.en} asks you to add “${input.document.en}” to your dossier.`,
      },
      ...(input.note
        ? [{ fr: `Son message : « ${input.note} »`, en: `Their message: “${input.note}”` }]
        : []),
      {
        fr: 'Le bouton ci-dessous ouvre directement cette ligne de la liste de documents.',
        en: 'The button below opens that line of the document checklist.',
      },
    ],
    action: { label: { fr: 'Ajouter le document', en: 'Add the document' }, url: input.url },
  });
}
