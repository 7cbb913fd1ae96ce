import type { TLocale, TLocalized } from '@capitune/contracts';
import { type EmailContent, renderEmail } from './layout';
import type { EmailToSend } from './outbox';

/** Whom an email goes to: their address, and the name and language it is written in. */
export interface Recipient {
  email: string;
  firstName: string;
  locale: TLocale;
}

/** The greeting line of every email: "Bonjour Amina," / "Hello Amina,". */
export const hello = (locale: TLocale, firstName: string) =>
  locale === 'fr' ? `Bonjour ${firstName},` : `Hello ${firstName},`;

/** One email to one person, written in their language, in the one layout of every email. */
export function emailTo(recipient: Recipient, template: string, content: EmailContent): EmailToSend {
  return {
    to: recipient.email,
    locale: recipient.locale,
    template,
    ...renderEmail(recipient.locale, content),
  };
}

/** The words of an email in both languages, for {@link localizedEmailTo}. */
export interface LocalizedWords {
  subject: TLocalized;
  paragraphs: TLocalized[];
  action: { label: TLocalized; url: string };
  footnote?: TLocalized;
}

/** One email to one person from words written in both languages, greeted by name (theirs by default). */
export function localizedEmailTo(
  recipient: Recipient,
  template: string,
  words: LocalizedWords,
  greetingName = recipient.firstName,
): EmailToSend {
  const locale = recipient.locale;
  return emailTo(recipient, template, {
    subject: words.subject[locale],
    greeting: hello(locale, greetingName),
    paragraphs: words.paragraphs.map((paragraph) => paragraph[locale]),
    action: { label: words.action.label[locale], url: words.action.url },
    ...(words.footnote ? { footnote: words.footnote[locale] } : {}),
  });
}
