import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../locales/en/privacy-account.json';
import fr from '../../../locales/fr/privacy-account.json';
import { explainFactor, factorCount, factorSentence, knownFactorCodes } from './factors';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    lng: 'fr',
    fallbackLng: false,
    defaultNS: 'privacy-account',
    resources: { fr: { 'privacy-account': fr }, en: { 'privacy-account': en } },
    interpolation: { escapeValue: false },
  });
});

const say = (language: 'fr' | 'en') => {
  const t = i18n.getFixedT(language, 'privacy-account');
  return (code: string, params: Record<string, string | number> = {}) =>
    factorSentence(t as never, { code, params });
};

describe('automated decision factors', () => {
  it('reads the count under the names the API may use', () => {
    expect(factorCount({ count: 3 })).toBe(3);
    expect(factorCount({ days: 2 })).toBe(2);
    expect(factorCount({ value: '12' })).toBe(12);
    expect(factorCount({ signal: 'phone_number' })).toBeNull();
  });

  it('explains every known factor in both languages, with and without a count', () => {
    for (const language of ['fr', 'en'] as const) {
      for (const code of knownFactorCodes) {
        for (const params of [{}, { count: 4, held: 2 }] as Record<string, number>[]) {
          const sentence = say(language)(code, params);
          const { key } = explainFactor({ code, params });
          expect(sentence, `${language} ${code}`).not.toBe(key);
          expect(sentence).not.toMatch(/\{\{|decisions\./);
        }
      }
    }
  });

  it('puts the numbers and the scam signal in the sentence', () => {
    expect(say('fr')('account_age_days', { days: 3 })).toBe('L’âge de votre compte\u00a0: 3 jours.');
    expect(say('en')('upheld_flags', { count: 2 })).toBe('Reports upheld against your texts: 2.');
    expect(say('en')('upheld_flags', { count: 2, days: 90 })).toBe(
      'Reports upheld against your texts in the last 90 days: 2.',
    );
    expect(say('fr')('first_posts', { held: 2 })).toBe(
      'Les 2 premières publications d’un nouveau membre sont vérifiées par une personne.',
    );
    expect(say('en')('scam_signal', { signal: 'guaranteed_visa' })).toBe(
      'The text looks like a known scam: a promise of a guaranteed visa.',
    );
    expect(say('fr')('scam_signal', { signal: 'payment_request' })).toBe(
      'Le texte ressemble à une fraude connue\u00a0: une demande de paiement.',
    );
  });

  it('shows an unknown code or signal generically, never as a raw key', () => {
    expect(say('en')('velocity_check')).toBe('Another factor (code velocity_check).');
    expect(say('fr')('velocity_check')).toBe('Autre facteur (code velocity_check).');
    expect(say('en')('scam_signal', { signal: 'new_trick' })).toBe(
      'The text looks like a known scam: a fraud signal.',
    );
  });
});
