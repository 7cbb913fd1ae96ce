import type { TFlagTargetType } from '@capitune/contracts';
import { emailTo as email, hello, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

const quote = (title: string) => `«\u00a0${title}\u00a0»`;

export function postCommentedEmail(
  recipient: Recipient,
  params: { commenter: string; title: string; url: string },
): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(recipient, 'inside.post_commented', {
    subject: fr ? `Nouveau commentaire sur ${quote(params.title)}` : `New comment on “${params.title}”`,
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? `${params.commenter} a commenté votre publication ${quote(params.title)} dans Inside.`
        : `${params.commenter} commented on your post “${params.title}” in Inside.`,
    ],
    action: { label: fr ? 'Lire le commentaire' : 'Read the comment', url: params.url },
    footnote: fr
      ? 'Vous pouvez choisir les courriels que vous recevez dans votre profil.'
      : 'You can choose which emails you receive in your profile.',
  });
}

export function commentRepliedEmail(
  recipient: Recipient,
  params: { replier: string; title: string; url: string },
): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(recipient, 'inside.comment_replied', {
    subject: fr ? `Réponse à votre commentaire` : 'Reply to your comment',
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? `${params.replier} a répondu à votre commentaire sur ${quote(params.title)}.`
        : `${params.replier} replied to your comment on “${params.title}”.`,
    ],
    action: { label: fr ? 'Lire la réponse' : 'Read the reply', url: params.url },
    footnote: fr
      ? 'Vous pouvez choisir les courriels que vous recevez dans votre profil.'
      : 'You can choose which emails you receive in your profile.',
  });
}

export type ModerationOutcome = 'hidden' | 'auto_hidden' | 'restored' | 'warned' | 'suspended';

const what = (targetType: TFlagTargetType, fr: boolean) =>
  targetType === 'post'
    ? fr
      ? 'votre publication'
      : 'your post'
    : fr
      ? 'votre commentaire'
      : 'your comment';

export function contentModeratedEmail(
  recipient: Recipient,
  params: {
    outcome: ModerationOutcome;
    targetType: TFlagTargetType;
    title: string;
    note: string | null;
    guidelinesUrl: string;
  },
): EmailToSend {
  const fr = recipient.locale === 'fr';
  const item = `${what(params.targetType, fr)} ${fr ? 'sur' : 'on'} ${fr ? quote(params.title) : `“${params.title}”`}`;
  const lines: Record<ModerationOutcome, { subject: string; text: string }> = {
    hidden: {
      subject: fr ? 'Contenu retiré par la modération' : 'Content removed by moderation',
      text: fr
        ? `L’équipe de modération a retiré ${item}\u00a0: il ne respecte pas les règles de la communauté.`
        : `The moderation team removed ${item}: it does not follow the community guidelines.`,
    },
    auto_hidden: {
      subject: fr ? 'Contenu masqué en attente de vérification' : 'Content hidden pending review',
      text: fr
        ? `Plusieurs membres ont signalé ${item}. Il est masqué jusqu’à ce que l’équipe de modération l’examine.`
        : `Several members reported ${item}. It is hidden until the moderation team reviews it.`,
    },
    restored: {
      subject: fr ? 'Contenu rétabli' : 'Content restored',
      text: fr
        ? `Après vérification, ${item} est de nouveau visible par la communauté.`
        : `After review, ${item} is visible to the community again.`,
    },
    warned: {
      subject: fr ? 'Avertissement de la modération' : 'A warning from the moderation team',
      text: fr
        ? `L’équipe de modération vous adresse un avertissement au sujet de ${item}.`
        : `The moderation team is sending you a warning about ${item}.`,
    },
    suspended: {
      subject: fr ? 'Votre compte est suspendu' : 'Your account is suspended',
      text: fr
        ? `Votre compte CAPITUNE est suspendu à la suite de ${item}. Vous ne pouvez plus vous connecter.`
        : `Your CAPITUNE account is suspended because of ${item}. You can no longer log in.`,
    },
  };
  const line = lines[params.outcome];
  return email(recipient, `inside.content_${params.outcome}`, {
    subject: line.subject,
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      line.text,
      ...(params.note
        ? [fr ? `Message de l’équipe\u00a0: ${params.note}` : `Message from the team: ${params.note}`]
        : []),
    ],
    action: {
      label: fr ? 'Lire les règles de la communauté' : 'Read the community guidelines',
      url: params.guidelinesUrl,
    },
    footnote: fr
      ? 'Pour contester cette décision, répondez via le formulaire de contact de CAPITUNE.'
      : 'To contest this decision, use the CAPITUNE contact form.',
  });
}
