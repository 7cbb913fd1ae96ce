import type { TLocale } from '@capitune/contracts';
import { dateTimeFormat, isTimeZone } from '../../lib/intl';
import { emailTo, hello as greeting } from '../../platform/mailer/email';
import type { EmailContent } from '../../platform/mailer/layout';
import type { EmailAttachment, EmailToSend } from '../../platform/mailer/outbox';

export interface EventRecipient {
  email: string;
  firstName: string;
  locale: TLocale;
  /** The person's time zone; times are shown in it. */
  timeZone: string;
}

export interface EventForEmail {
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** The host's zone, used when the recipient's own is not a valid one. */
  timeZone: string;
  url: string;
  hostName: string;
}

const intlLocale = (locale: TLocale) => (locale === 'fr' ? 'fr-CA' : 'en-CA');

const validZone = (timeZone: string, fallback: string) => (isTimeZone(timeZone) ? timeZone : fallback);

/** "mardi 1 décembre 2026, 13 h 00 – 14 h 00 HNE", in the recipient's language and time zone. */
export function formatEventTime(event: EventForEmail, locale: TLocale, timeZone: string): string {
  return dateTimeFormat(intlLocale(locale), {
    timeZone: validZone(timeZone, event.timeZone),
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatRange(event.startsAt, event.endsAt);
}

const hello = (recipient: EventRecipient) => greeting(recipient.locale, recipient.firstName);

function email(
  recipient: EventRecipient,
  template: string,
  content: EmailContent,
  attachments: EmailAttachment[] = [],
): EmailToSend {
  return { ...emailTo(recipient, template, content), attachments };
}

/** A calendar file to attach, named in the recipient's language. */
export function icsAttachment(
  locale: TLocale,
  content: string,
  method: 'PUBLISH' | 'CANCEL',
): EmailAttachment {
  return {
    filename: locale === 'fr' ? 'webinaire.ics' : 'webinar.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content,
  };
}

function when(recipient: EventRecipient, event: EventForEmail): string {
  const time = formatEventTime(event, recipient.locale, recipient.timeZone);
  return recipient.locale === 'fr' ? `Quand\u00a0: ${time}` : `When: ${time}`;
}

const viewLabel = (locale: TLocale) => (locale === 'fr' ? 'Voir le webinaire' : 'View the webinar');

export function registrationConfirmedEmail(
  recipient: EventRecipient,
  event: EventForEmail,
  ics: string,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(
    recipient,
    'events.registration_confirmed',
    {
      subject: fr ? `Inscription confirmée\u00a0: ${event.title}` : `Registration confirmed: ${event.title}`,
      greeting: hello(recipient),
      paragraphs: [
        fr
          ? `Votre place est réservée pour le webinaire «\u00a0${event.title}\u00a0», animé par ${event.hostName}.`
          : `Your seat is booked for the webinar “${event.title}”, hosted by ${event.hostName}.`,
        when(recipient, event),
        fr
          ? 'Ajoutez-le à votre agenda avec le fichier joint. Nous vous enverrons un rappel 24 heures et 1 heure avant le début. Le lien de diffusion s’affiche sur la page du webinaire 15 minutes avant le début.'
          : 'Add it to your calendar with the attached file. We will remind you 24 hours and 1 hour before the start. The stream link appears on the webinar page 15 minutes before the start.',
      ],
      action: { label: viewLabel(recipient.locale), url: event.url },
      footnote: fr
        ? 'Vous ne pouvez plus venir\u00a0? Annulez votre inscription sur la page du webinaire pour libérer votre place.'
        : 'Cannot make it? Cancel your registration on the webinar page to free your seat.',
    },
    [icsAttachment(recipient.locale, ics, 'PUBLISH')],
  );
}

export function waitlistedEmail(
  recipient: EventRecipient,
  event: EventForEmail,
  position: number,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(recipient, 'events.waitlisted', {
    subject: fr ? `Liste d’attente\u00a0: ${event.title}` : `Waitlist: ${event.title}`,
    greeting: hello(recipient),
    paragraphs: [
      fr
        ? `Le webinaire «\u00a0${event.title}\u00a0» est complet. Vous êtes sur la liste d’attente, en position ${position}.`
        : `The webinar “${event.title}” is full. You are on the waitlist, in position ${position}.`,
      when(recipient, event),
      fr
        ? 'Si une place se libère, elle vous sera attribuée automatiquement et nous vous écrirons aussitôt.'
        : 'If a seat frees up, it will be given to you automatically and we will write to you at once.',
    ],
    action: { label: viewLabel(recipient.locale), url: event.url },
  });
}

export function seatAvailableEmail(
  recipient: EventRecipient,
  event: EventForEmail,
  ics: string,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(
    recipient,
    'events.seat_available',
    {
      subject: fr ? `Une place s’est libérée\u00a0: ${event.title}` : `A seat is yours: ${event.title}`,
      greeting: hello(recipient),
      paragraphs: [
        fr
          ? `Bonne nouvelle\u00a0: une place s’est libérée pour le webinaire «\u00a0${event.title}\u00a0» et elle est à vous. Votre inscription est confirmée.`
          : `Good news: a seat freed up for the webinar “${event.title}” and it is yours. Your registration is confirmed.`,
        when(recipient, event),
        fr
          ? 'Ajoutez-le à votre agenda avec le fichier joint.'
          : 'Add it to your calendar with the attached file.',
      ],
      action: { label: viewLabel(recipient.locale), url: event.url },
    },
    [icsAttachment(recipient.locale, ics, 'PUBLISH')],
  );
}

export function eventUpdatedEmail(
  recipient: EventRecipient,
  event: EventForEmail,
  ics: string | null,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(
    recipient,
    'events.updated',
    {
      subject: fr ? `Nouvel horaire\u00a0: ${event.title}` : `New time: ${event.title}`,
      greeting: hello(recipient),
      paragraphs: [
        fr
          ? `L’horaire du webinaire «\u00a0${event.title}\u00a0» a changé.`
          : `The time of the webinar “${event.title}” has changed.`,
        when(recipient, event),
        ...(ics
          ? [
              fr
                ? 'Le fichier joint met à jour votre agenda. Vos rappels suivront le nouvel horaire.'
                : 'The attached file updates your calendar. Your reminders will follow the new time.',
            ]
          : []),
      ],
      action: { label: viewLabel(recipient.locale), url: event.url },
    },
    ics ? [icsAttachment(recipient.locale, ics, 'PUBLISH')] : [],
  );
}

export function eventCancelledEmail(
  recipient: EventRecipient,
  event: EventForEmail,
  ics: string | null,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  return email(
    recipient,
    'events.cancelled',
    {
      subject: fr ? `Webinaire annulé\u00a0: ${event.title}` : `Webinar cancelled: ${event.title}`,
      greeting: hello(recipient),
      paragraphs: [
        fr
          ? `Nous sommes désolés\u00a0: le webinaire «\u00a0${event.title}\u00a0», prévu ${formatEventTime(event, 'fr', recipient.timeZone)}, est annulé.`
          : `We are sorry: the webinar “${event.title}”, planned for ${formatEventTime(event, 'en', recipient.timeZone)}, is cancelled.`,
        fr
          ? 'D’autres webinaires vous attendent dans le calendrier Live.'
          : 'More webinars are waiting for you in the Live calendar.',
      ],
      action: { label: viewLabel(recipient.locale), url: event.url },
    },
    ics ? [icsAttachment(recipient.locale, ics, 'CANCEL')] : [],
  );
}

export function reminderEmail(
  recipient: EventRecipient,
  event: EventForEmail,
  kind: '24h' | '1h',
): EmailToSend {
  const fr = recipient.locale === 'fr';
  const soon = kind === '24h' ? (fr ? 'demain' : 'tomorrow') : fr ? 'dans 1 heure' : 'in 1 hour';
  return email(recipient, `events.reminder_${kind}`, {
    subject: fr ? `Rappel\u00a0: «\u00a0${event.title}\u00a0» ${soon}` : `Reminder: “${event.title}” ${soon}`,
    greeting: hello(recipient),
    paragraphs: [
      fr
        ? `Le webinaire «\u00a0${event.title}\u00a0», animé par ${event.hostName}, commence ${soon}.`
        : `The webinar “${event.title}”, hosted by ${event.hostName}, starts ${soon}.`,
      when(recipient, event),
      fr
        ? 'Le lien de diffusion s’affiche sur la page du webinaire 15 minutes avant le début.'
        : 'The stream link appears on the webinar page 15 minutes before the start.',
    ],
    action: { label: fr ? 'Ouvrir le webinaire' : 'Open the webinar', url: event.url },
  });
}
