import { milestoneKindLabels, type TLocalized, type TMilestone } from '@capitune/contracts';
import type { Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';
import { dossierEmail } from './dossiers.emails';

/** A milestone's name: its own label (kind `other`, or a label given), else its kind's. */
export function milestoneName(milestone: Pick<TMilestone, 'kind' | 'label'>): TLocalized {
  if (milestone.label) return { fr: milestone.label, en: milestone.label };
  return { fr: milestoneKindLabels.fr[milestone.kind], en: milestoneKindLabels.en[milestone.kind] };
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
