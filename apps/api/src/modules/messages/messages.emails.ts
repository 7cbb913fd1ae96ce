import type { TLocale, TMessage } from '@capitune/contracts';
import { dateTimeFormat } from '../../lib/intl';
import { emailTo, hello } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

const MAX_QUOTED = 5;
const MAX_CHARS = 300;

/** One email for the unread messages of a dossier: who wrote, when (in the reader's time zone), an excerpt. */
export function unreadMessagesEmail(
  recipient: { email: string; firstName: string; locale: TLocale; timeZone: string },
  unread: TMessage[],
  url: string,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  const format = dateTimeFormat(fr ? 'fr-CA' : 'en-CA', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: recipient.timeZone,
  });
  const quoted = unread.slice(-MAX_QUOTED).map((message) => {
    const text = message.body.length > MAX_CHARS ? `${message.body.slice(0, MAX_CHARS)}…` : message.body;
    const when = format.format(new Date(message.createdAt));
    return `${message.author.firstName} ${message.author.lastName} (${when})${fr ? '\u00a0:' : ':'} ${text}`;
  });
  const count = unread.length;
  return emailTo(recipient, 'messages.unread', {
    subject: fr
      ? `${count} message${count > 1 ? 's' : ''} non lu${count > 1 ? 's' : ''} dans votre dossier`
      : `${count} unread message${count > 1 ? 's' : ''} in your dossier`,
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr ? 'Vous avez des messages non lus\u00a0:' : 'You have unread messages:',
      ...quoted,
      ...(count > MAX_QUOTED
        ? [fr ? `… et ${count - MAX_QUOTED} de plus.` : `… and ${count - MAX_QUOTED} more.`]
        : []),
    ],
    action: { label: fr ? 'Lire et répondre' : 'Read and reply', url },
    footnote: fr
      ? 'Vous recevez au plus un courriel par dossier et par heure. Réglez vos préférences dans votre profil.'
      : 'You get at most one email per dossier per hour. Change your preferences in your profile.',
  });
}
