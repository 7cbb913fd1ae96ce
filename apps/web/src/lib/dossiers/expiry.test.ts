import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { daysBetween, expiryBadge, expiryState, todayIn } from './expiry';

const locales = join(import.meta.dirname, '../../locales');
const load = (language: string) =>
  JSON.parse(readFileSync(join(locales, language, 'dossiers.json'), 'utf8')) as Record<string, unknown>;

let fr: TFunction;
let en: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'fr',
    ns: ['dossiers'],
    defaultNS: 'dossiers',
    resources: { fr: { dossiers: load('fr') }, en: { dossiers: load('en') } },
    interpolation: { escapeValue: false },
  });
  fr = instance.getFixedT('fr', 'dossiers');
  en = instance.getFixedT('en', 'dossiers');
});

const badge = (expiry: string, language: 'fr' | 'en') =>
  expiryBadge(expiry, '2026-11-25', language, (key, options) =>
    String((language === 'fr' ? fr : en)(key as never, options as never)),
  );

describe('expiry', () => {
  it('counts whole days between calendar dates', () => {
    expect(daysBetween('2026-11-25', '2026-11-25')).toBe(0);
    expect(daysBetween('2026-11-25', '2026-12-25')).toBe(30);
    expect(daysBetween('2026-11-25', '2026-11-24')).toBe(-1);
    // Across the change to winter time, still whole days.
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
  });

  it('is expired the day after its date, soon within 30 days, valid after', () => {
    expect(expiryState('2026-11-24', '2026-11-25')).toEqual({ kind: 'expired', days: -1 });
    expect(expiryState('2026-11-25', '2026-11-25')).toEqual({ kind: 'soon', days: 0 });
    expect(expiryState('2026-12-25', '2026-11-25')).toEqual({ kind: 'soon', days: 30 });
    expect(expiryState('2026-12-26', '2026-11-25')).toEqual({ kind: 'valid', days: 31 });
  });

  it('says it in French with relative days', () => {
    expect(badge('2026-12-07', 'fr')).toEqual({ tone: 'warning', text: 'Expire dans 12 jours' });
    expect(badge('2026-11-26', 'fr')).toEqual({ tone: 'warning', text: 'Expire demain' });
    expect(badge('2026-11-25', 'fr')).toEqual({ tone: 'warning', text: 'Expire aujourd’hui' });
    expect(badge('2026-11-24', 'fr')).toEqual({ tone: 'danger', text: 'Expiré hier' });
    expect(badge('2026-11-20', 'fr')).toEqual({ tone: 'danger', text: 'Expiré il y a 5 jours' });
    expect(badge('2031-03-03', 'fr')).toEqual({ tone: 'neutral', text: 'Valide jusqu’au 3 mars 2031' });
  });

  it('says it in English', () => {
    expect(badge('2026-12-07', 'en')).toEqual({ tone: 'warning', text: 'Expires in 12 days' });
    expect(badge('2026-11-26', 'en')).toEqual({ tone: 'warning', text: 'Expires tomorrow' });
    expect(badge('2026-11-20', 'en')).toEqual({ tone: 'danger', text: 'Expired 5 days ago' });
    expect(badge('2031-03-03', 'en')).toEqual({ tone: 'neutral', text: 'Valid until March 3, 2031' });
  });

  it('takes today in the person’s time zone', () => {
    // 03:30 UTC on 25 November is still the 24th in Toronto, already the 25th in Paris.
    const now = new Date('2026-11-25T03:30:00Z');
    expect(todayIn('America/Toronto', now)).toBe('2026-11-24');
    expect(todayIn('Europe/Paris', now)).toBe('2026-11-25');
    expect(todayIn('Not/AZone', now)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
