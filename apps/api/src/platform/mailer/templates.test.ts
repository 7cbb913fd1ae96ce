import type { TLocale } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import * as authEmails from '../../modules/auth/auth.emails';
import * as factorEmails from '../../modules/auth/factor.emails';
import * as dossierEmails from '../../modules/dossiers/dossiers.emails';
import * as communityEmails from '../../modules/inside/inside.emails';
import * as eventEmails from '../../modules/live/live.emails';
import * as messageEmails from '../../modules/messages/messages.emails';
import { firmEmails, verificationEmails } from '../../modules/pros';
import { renderEmail, typeset } from './layout';
import type { EmailToSend } from './outbox';

// The typography rules of the web app's catalogues (apps/web/src/locales/locales.test.ts), for the emails.
const withoutUrls = (text: string) => text.replace(/\b(?:https?|mailto):\S+/g, '');
/** French: a no-break space (U+00A0, never a plain or narrow one) before : ; ! ? » and after «; ’. */
const frenchFaults = (text: string) =>
  withoutUrls(text).match(/.{0,20}([^\u00a0][:;!?»]|«[^\u00a0]|'|\u202f).{0,5}/g);
/** English: no space before : ; ! ?; ’. */
const englishFaults = (text: string) => withoutUrls(text).match(/.{0,20}(\s[:;!?]|').{0,5}/g);

const url = 'http://capitune.test/some/page?token=abc123';
const person = (locale: TLocale) => ({
  email: 'zoe@example.ca',
  firstName: 'Zoé',
  locale,
  timeZone: 'America/Toronto',
});
const event = {
  title: 'Entrée express',
  startsAt: new Date('2026-12-01T18:00:00Z'),
  endsAt: new Date('2026-12-01T19:00:00Z'),
  timeZone: 'America/Toronto',
  url,
  hostName: 'Amina Diallo',
};
const ics = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
const message = {
  id: '6b0c5e0e-0000-4000-8000-000000000001',
  author: { firstName: 'Amina', lastName: 'Diallo' },
  body: 'Votre dossier avance bien.',
  createdAt: '2026-12-01T18:00:00.000Z',
} as Parameters<typeof messageEmails.unreadMessagesEmail>[1][number];

/** Every email template, with each of its variants, rendered in a language. */
const templates: Record<string, (locale: TLocale) => EmailToSend[]> = {
  verifyEmailMessage: (locale) => [authEmails.verifyEmailMessage(person(locale), url)],
  accountExistsMessage: (locale) => [authEmails.accountExistsMessage(person(locale), url, url)],
  resetPasswordMessage: (locale) => [authEmails.resetPasswordMessage(person(locale), url)],
  passwordChangedMessage: (locale) => [authEmails.passwordChangedMessage(person(locale), url)],
  accountLockedMessage: (locale) => [authEmails.accountLockedMessage(person(locale), 15, url)],
  signInAlertMessage: (locale) =>
    [
      { newDevice: true, newCountry: false },
      { newDevice: false, newCountry: true },
      { newDevice: true, newCountry: true },
    ].map((news) =>
      authEmails.signInAlertMessage(
        person(locale),
        {
          at: new Date('2026-12-01T18:00:00Z'),
          device: 'Chrome 140 · Windows 11',
          country: 'FR',
          ip: '203.0.113.9',
          factor: 'totp',
          ...news,
        },
        url,
      ),
    ),
  oneTimeCodeEmail: (locale) =>
    (['sign_in', 'step_up'] as const).map((purpose) =>
      factorEmails.oneTimeCodeEmail(person(locale), purpose, '123456'),
    ),
  contactFactorChangedEmail: (locale) =>
    (['email_enabled', 'email_disabled', 'sms_enabled', 'sms_removed'] as const).map((change) =>
      factorEmails.contactFactorChangedEmail(person(locale), change, url, '+1 ••• ••• •• 34'),
    ),
  twoFactorResetEmail: (locale) => [
    factorEmails.twoFactorResetEmail(person(locale), new Date('2026-12-02T18:00:00Z'), url),
  ],
  twoFactorReminderEmail: (locale) =>
    [7, 1].map((days) =>
      factorEmails.twoFactorReminderEmail(person(locale), new Date('2026-12-08T18:00:00Z'), days, url),
    ),
  postCommentedEmail: (locale) => [
    communityEmails.postCommentedEmail(person(locale), { commenter: 'Amina', title: 'Mon CAQ', url }),
  ],
  commentRepliedEmail: (locale) => [
    communityEmails.commentRepliedEmail(person(locale), { replier: 'Amina', title: 'Mon CAQ', url }),
  ],
  contentModeratedEmail: (locale) =>
    (['hidden', 'auto_hidden', 'restored', 'warned', 'suspended'] as const).flatMap((outcome) =>
      (['post', 'comment'] as const).map((targetType) =>
        communityEmails.contentModeratedEmail(person(locale), {
          outcome,
          targetType,
          title: 'Mon CAQ',
          note: 'Merci de rester courtois.',
          guidelinesUrl: url,
        }),
      ),
    ),
  // The words of dossier emails are written by the services: the layout sets their typography, as here
  // with plain spaces where French wants no-break ones.
  dossierEmail: (locale) => [
    dossierEmails.dossierEmail('dossiers.sample', person(locale), {
      subject: { fr: 'Document à remplacer : Passeport', en: 'Document to replace: Passport' },
      paragraphs: [
        { fr: 'Votre professionnel demande de remplacer « Passeport ».', en: 'Please replace “Passport”.' },
        { fr: "Motif : la page n'est pas lisible !", en: 'Reason: the page is not readable!' },
      ],
      action: { label: dossierEmails.openDossier, url },
    }),
    dossierEmails.dossierEmail('dossiers.sample', person(locale), {
      subject: { fr: 'Invitation', en: 'Invitation' },
      paragraphs: [],
      action: { label: dossierEmails.openDashboard, url },
    }),
  ],
  registrationConfirmedEmail: (locale) => [
    eventEmails.registrationConfirmedEmail(person(locale), event, ics),
  ],
  waitlistedEmail: (locale) => [eventEmails.waitlistedEmail(person(locale), event, 3)],
  seatAvailableEmail: (locale) => [eventEmails.seatAvailableEmail(person(locale), event, ics)],
  eventUpdatedEmail: (locale) => [eventEmails.eventUpdatedEmail(person(locale), event, ics)],
  eventCancelledEmail: (locale) => [eventEmails.eventCancelledEmail(person(locale), event, null)],
  reminderEmail: (locale) => [
    eventEmails.reminderEmail(person(locale), event, '24h'),
    eventEmails.reminderEmail(person(locale), event, '1h'),
  ],
  unreadMessagesEmail: (locale) => [
    messageEmails.unreadMessagesEmail(
      person(locale),
      Array.from({ length: 7 }, () => message),
      url,
    ),
  ],
  agentInvitationEmail: (locale) => [
    firmEmails.agentInvitationEmail(
      person(locale),
      { name: 'Cabinet Érable', inviter: 'Amina Diallo', supervisor: 'Julien Roy' },
      url,
      7,
    ),
  ],
  referenceRequestEmail: (locale) => [
    verificationEmails.referenceRequestEmail(
      { email: 'ref@example.ca', name: 'Julien Roy', relationship: 'Ancien collègue', locale },
      {
        name: 'Amina Diallo',
        organisationName: 'Cabinet Érable',
        regulator: 'cicc',
        licenceNumber: 'R123456',
      },
      url,
    ),
  ],
  decisionEmail: (locale) =>
    (
      [
        'approve',
        'recheck',
        'reject',
        'request_info',
        'suspend',
        'revoke',
        'reinstate',
        'dismiss_appeal',
      ] as const
    ).map((decision) =>
      verificationEmails.decisionEmail(
        person(locale),
        decision,
        'Numéro absent du registre',
        url,
        '2027-06-30',
      ),
    ),
  renewalReminderEmail: (locale) => [
    verificationEmails.renewalReminderEmail(person(locale), '2027-06-30', 30, 'cicc', url),
  ],
  lapsedEmail: (locale) => [verificationEmails.lapsedEmail(person(locale), '2027-07-30', url)],
  expiredEmail: (locale) => [verificationEmails.expiredEmail(person(locale), url)],
  clientLapseEmail: (locale) => [
    verificationEmails.clientLapseEmail(person(locale), 'Amina Diallo', '2027-07-30', url),
  ],
  accessEndedEmail: (locale) =>
    (['suspended', 'revoked', 'expired'] as const).map((reason) =>
      verificationEmails.accessEndedEmail(person(locale), 'Amina Diallo', reason, url),
    ),
};

/** Exported helpers of the email files that are not templates. */
const helpers = new Set(['formatEventTime', 'icsAttachment', 'longDay', 'oneTimeCodeSms', 'spacedCode']);

describe('email templates', () => {
  it('are all rendered below', () => {
    const exported = [
      authEmails,
      factorEmails,
      communityEmails,
      dossierEmails,
      eventEmails,
      messageEmails,
      firmEmails,
      verificationEmails,
    ].flatMap((module) =>
      Object.entries(module)
        .filter(([name, value]) => typeof value === 'function' && !helpers.has(name))
        .map(([name]) => name),
    );
    expect(exported.sort()).toEqual(Object.keys(templates).sort());
  });

  describe.each(Object.entries(templates))('%s', (_name, render) => {
    it('follows French typography in French', () => {
      for (const email of render('fr')) {
        expect(email.locale).toBe('fr');
        expect(frenchFaults(email.subject)).toBeNull();
        expect(frenchFaults(email.text)).toBeNull();
      }
    });

    it('has no French spacing in English, and the ’ apostrophe', () => {
      for (const email of render('en')) {
        expect(email.locale).toBe('en');
        expect(englishFaults(email.subject)).toBeNull();
        expect(englishFaults(email.text)).toBeNull();
      }
    });
  });
});

describe('the layout', () => {
  it('sets French typography on any words, a member’s title included', () => {
    expect(typeset('fr', "Permis d'études : reçu ! « Question ? »")).toBe(
      'Permis d’études\u00a0: reçu\u00a0! «\u00a0Question\u00a0?\u00a0»',
    );
    expect(typeset('fr', 'Motif\u202f; x')).toBe('Motif\u00a0; x');
    expect(typeset('en', "It's done: ready?")).toBe('It’s done: ready?');
  });

  it('joins an action and its address the way each language does', () => {
    const content = {
      subject: 'S',
      greeting: 'G',
      paragraphs: [],
      action: { label: 'Confirm my address', url },
    };
    expect(renderEmail('en', content).text).toContain(`Confirm my address: ${url}`);
    expect(renderEmail('fr', { ...content, action: { label: 'Confirmer', url } }).text).toContain(
      `Confirmer\u00a0: ${url}`,
    );
  });
});
