import type { TAnnouncement, TLocalized } from '@capitune/contracts';
import { emailTo, hello, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/**
 * An announcement of the CAPITUNE team to a member, in the member's language: the admin's own text for
 * that language, as plain text (the layout escapes it into the HTML and applies each language's
 * typography), each blank-line-separated block a paragraph.
 */

const NBSP = '\u00a0';

const whyFootnote = (profileUrl: string): TLocalized => ({
  fr: `Vous recevez cette annonce en tant que membre de CAPITUNE. Pour ne plus en recevoir, décochez «${NBSP}Annonces de l’équipe CAPITUNE${NBSP}» dans votre profil${NBSP}: ${profileUrl}`,
  en: `You receive this announcement as a member of CAPITUNE. To stop receiving them, untick “Announcements from the CAPITUNE team” in your profile: ${profileUrl}`,
});

export function announcementEmail(
  to: Recipient,
  announcement: TAnnouncement,
  profileUrl: string,
): EmailToSend {
  const text = announcement[to.locale];
  const paragraphs = text.body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
  return emailTo(to, 'admin.announcement', {
    subject: text.subject,
    greeting: hello(to.locale, to.firstName),
    paragraphs,
    footnote: whyFootnote(profileUrl)[to.locale],
  });
}
