import type { TLocale, TLocalized, TMilestone } from '@capitune/contracts';
import type { Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';
import { dossierEmail } from './dossiers.emails';

/** The milestone kinds in both languages (as the web app's `dossiers.timeline.kinds`). */
const kindLabels: Record<TLocale, Record<TMilestone['kind'], string>> = {
  fr: {
    profile_submitted: 'Profil Entrée express soumis',
    invitation_to_apply: 'Invitation à présenter une demande',
    application_submitted: 'Demande soumise',
    acknowledgement_of_receipt: 'Accusé de réception',
    biometrics_requested: 'Biométrie demandée',
    biometrics_done: 'Biométrie faite',
    medical_requested: 'Examen médical demandé',
    medical_passed: 'Examen médical réussi',
    additional_documents_requested: 'Documents supplémentaires demandés',
    passport_request: 'Demande de passeport',
    decision: 'Décision',
    landing: 'Arrivée au Canada',
    other: 'Autre étape',
  },
  en: {
    profile_submitted: 'Express Entry profile submitted',
    invitation_to_apply: 'Invitation to apply',
    application_submitted: 'Application submitted',
    acknowledgement_of_receipt: 'Acknowledgement of receipt',
    biometrics_requested: 'Biometrics requested',
    biometrics_done: 'Biometrics done',
    medical_requested: 'Medical exam requested',
    medical_passed: 'Medical exam passed',
    additional_documents_requested: 'Additional documents requested',
    passport_request: 'Passport request',
    decision: 'Decision',
    landing: 'Landing in Canada',
    other: 'Other milestone',
  },
};

/** A milestone's name: its own label (kind `other`, or a label given), else its kind's. */
export function milestoneName(milestone: Pick<TMilestone, 'kind' | 'label'>): TLocalized {
  if (milestone.label) return { fr: milestone.label, en: milestone.label };
  return { fr: kindLabels.fr[milestone.kind], en: kindLabels.en[milestone.kind] };
}

/** The candidate's email when the firm adds a milestone or marks one done. */
export function milestoneUpdatedEmail(
  recipient: Recipient,
  input: { milestone: TLocalized; done: boolean; url: string },
): EmailToSend {
  const { milestone, done } = input;
  return dossierEmail('dossiers.milestone_updated', recipient, {
    subject: done
      ? { fr: `Étape franchie : ${milestone.fr}`, en: `Milestone reached: ${milestone.en}` }
      : { fr: `Nouvelle étape : ${milestone.fr}`, en: `New milestone: ${milestone.en}` },
    paragraphs: [
      done
        ? {
            fr: `Votre professionnel a marqué l’étape « ${milestone.fr} » comme franchie dans votre dossier.`,
            en: `Your professional marked the milestone “${milestone.en}” as reached in your dossier.`,
          }
        : {
            fr: `Votre professionnel a ajouté l’étape « ${milestone.fr} » au calendrier de votre dossier.`,
            en: `Your professional added the milestone “${milestone.en}” to your dossier’s timeline.`,
          },
    ],
    action: { label: { fr: 'Voir l’étape', en: 'See the milestone' }, url: input.url },
  });
}
