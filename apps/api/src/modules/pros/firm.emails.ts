import type { TLocale } from '@capitune/contracts';
import { emailTo, hello } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/**
 * The emails of firms, in the recipient's language. French typography: a no-break space (U+00A0) before
 * : ; ! ? and inside « ».
 */

const NBSP = '\u00a0';

/** To a person a licensee invites to join their firm as an agent: the link sets their password. */
export function agentInvitationEmail(
  invitee: { email: string; firstName: string; locale: TLocale },
  firm: { name: string; inviter: string; supervisor: string },
  url: string,
  expiresInDays: number,
): EmailToSend {
  const fr = invitee.locale === 'fr';
  return emailTo(invitee, 'pros.firm_agent_invitation', {
    subject: fr
      ? `${firm.inviter} vous invite à rejoindre «${NBSP}${firm.name}${NBSP}» sur CAPITUNE`
      : `${firm.inviter} invites you to join ${firm.name} on CAPITUNE`,
    greeting: hello(invitee.locale, invitee.firstName),
    paragraphs: [
      fr
        ? `${firm.inviter} vous invite à rejoindre le cabinet «${NBSP}${firm.name}${NBSP}» sur CAPITUNE, en tant qu’agent sous la supervision de Me${NBSP}${firm.supervisor}.`
        : `${firm.inviter} invites you to join the firm ${firm.name} on CAPITUNE, as an agent supervised by ${firm.supervisor}.`,
      fr
        ? 'Vous travaillerez sur les dossiers des clients du cabinet tant que le permis de votre superviseur est en règle.'
        : 'You will work on the firm’s client dossiers while your supervisor’s licence is in good standing.',
      fr
        ? `Choisissez votre mot de passe avec le lien ci-dessous. Il expire dans ${expiresInDays}${NBSP}jours.`
        : `Choose your password with the link below. It expires in ${expiresInDays} days.`,
    ],
    action: { label: fr ? 'Rejoindre le cabinet' : 'Join the firm', url },
    footnote: fr
      ? `Si vous ne connaissez pas cette personne, ignorez ce courriel${NBSP}: aucun compte ne sera créé.`
      : 'If you do not know this person, ignore this email: no account will be created.',
  });
}
