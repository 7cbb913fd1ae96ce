import type { TAutomatedDecisionKind } from '@capitune/contracts';
import { localizedEmailTo, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/** What the decision was about, as the answer names it. */
const decided: Record<TAutomatedDecisionKind, { fr: string; en: string }> = {
  moderation_hold: {
    fr: 'la retenue automatique de votre contribution à Inside',
    en: 'the automatic hold of your contribution to Inside',
  },
  trust_level: {
    fr: 'votre niveau de confiance dans Inside, calculé automatiquement',
    en: 'your trust level in Inside, computed automatically',
  },
};

/**
 * The answer to a person's request for a human review of an automated decision (Law 25 s. 12.1):
 * always sent, being the answer to their own request, in their language, with the reviewer's note.
 */
export function decisionReviewedEmail(
  recipient: Recipient,
  params: { kind: TAutomatedDecisionKind; outcome: 'upheld' | 'reversed'; note: string; url: string },
): EmailToSend {
  const what = decided[params.kind];
  const reversed = params.outcome === 'reversed';
  return localizedEmailTo(recipient, 'privacy.decision_reviewed', {
    subject: {
      fr: reversed ? 'Révision\u00a0: la décision est annulée' : 'Révision\u00a0: la décision est maintenue',
      en: reversed ? 'Review: the decision is reversed' : 'Review: the decision is upheld',
    },
    paragraphs: [
      {
        fr: `Une personne de l’équipe a révisé ${what.fr}, comme vous l’avez demandé.`,
        en: `A member of the team reviewed ${what.en}, as you asked.`,
      },
      reversed
        ? {
            fr: 'La décision est annulée.',
            en: 'The decision is reversed.',
          }
        : {
            fr: 'La décision est maintenue.',
            en: 'The decision is upheld.',
          },
      { fr: `Sa note\u00a0: ${params.note}`, en: `Their note: ${params.note}` },
    ],
    action: {
      label: { fr: 'Voir mes décisions automatisées', en: 'See my automated decisions' },
      url: params.url,
    },
    footnote: {
      fr: 'Vous recevez ce courriel parce que vous avez demandé cette révision.',
      en: 'You receive this email because you asked for this review.',
    },
  });
}
