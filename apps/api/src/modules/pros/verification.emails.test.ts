import { describe, expect, it } from 'vitest';
import {
  accessEndedEmail,
  clientLapseEmail,
  type DecisionKind,
  decisionEmail,
  expiredEmail,
  lapsedEmail,
  referenceRequestEmail,
  renewalReminderEmail,
} from './verification.emails';

const decisions: DecisionKind[] = [
  'approve',
  'recheck',
  'reject',
  'request_info',
  'suspend',
  'revoke',
  'reinstate',
  'dismiss_appeal',
];
const person = (locale: 'fr' | 'en') => ({ email: 'julien@example.ca', firstName: 'Julien', locale });
const url = 'http://capitune.test/verification';

/** French typography: no plain space before « : ; ! ? » or inside « ». */
function expectFrenchTypography(text: string) {
  expect(text).not.toMatch(/ [:;!?»]/);
  expect(text).not.toMatch(/« /);
}

describe('verification emails', () => {
  it('words every decision in French and in English, with the reason', () => {
    const subjects = new Set<string>();
    for (const decision of decisions) {
      const fr = decisionEmail(person('fr'), decision, 'Numéro absent du registre', url, '2027-06-30');
      const en = decisionEmail(person('en'), decision, 'Number not on the register', url, '2027-06-30');
      expect(fr).toMatchObject({ locale: 'fr', template: `pros.verification_${decision}` });
      expect(fr.text).toContain('Bonjour Julien,');
      expect(fr.text).toContain('Motif\u00a0: Numéro absent du registre');
      expect(en.text).toContain('Hello Julien,');
      expect(en.text).toContain('Reason: Number not on the register');
      expect(fr.html).toContain('<html lang="fr">');
      expectFrenchTypography(fr.subject);
      for (const paragraph of fr.text.split('\n').filter((line) => !line.includes('http'))) {
        expectFrenchTypography(paragraph);
      }
      subjects.add(fr.subject).add(en.subject);
    }
    expect(subjects.size).toBe(decisions.length * 2);
    expect(decisionEmail(person('fr'), 'approve', 'Vu au registre', url, '2027-06-30').text).toContain(
      '30 juin 2027',
    );
  });

  it('words the reminders, the lapse and the end of access in both languages', () => {
    const emails = [
      renewalReminderEmail(person('fr'), '2027-06-30', 30, 'cicc', url),
      renewalReminderEmail(person('fr'), '2027-06-30', 7, 'barreau_qc', url),
      lapsedEmail(person('fr'), '2027-07-30', url),
      expiredEmail(person('fr'), url),
      clientLapseEmail(person('fr'), 'Julien Tremblay', '2027-07-30', url),
      accessEndedEmail(person('fr'), 'Julien Tremblay', 'suspended', url),
      referenceRequestEmail(
        { email: 'marie@example.ca', name: 'Marie Gagnon', relationship: 'Associée', locale: 'fr' },
        {
          name: 'Julien Tremblay',
          organisationName: 'Cabinet Boréal',
          regulator: 'cicc',
          licenceNumber: 'R700123',
        },
        'http://capitune.test/reference?token=abc',
      ),
    ];
    for (const email of emails) {
      expect(email.locale).toBe('fr');
      expectFrenchTypography(email.subject);
      for (const paragraph of email.text.split('\n').filter((line) => !line.includes('http'))) {
        expectFrenchTypography(paragraph);
      }
    }
    expect(emails[0]?.template).toBe('pros.renewal_reminder_30');
    expect(emails[1]?.template).toBe('pros.renewal_reminder_7');
    expect(emails[1]?.text).toContain('Barreau du Québec');
    const en = accessEndedEmail(person('en'), 'Julien Tremblay', 'revoked', url);
    expect(en.text).toContain(
      'Julien Tremblay can no longer act on your dossier: their authorisation on CAPITUNE is revoked.',
    );
    expect(clientLapseEmail(person('en'), 'Julien Tremblay', '2027-07-30', url).text).toContain(
      'July 30, 2027',
    );
  });
});
