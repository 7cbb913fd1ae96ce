import { defaultLocale, locales } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import { detectLocale, fallbackLocale, supportedLocales, toLocale } from './locale';

describe('locales', () => {
  it('mirror the contracts', () => {
    expect([...supportedLocales]).toEqual([...locales]);
    expect(fallbackLocale).toBe(defaultLocale);
  });

  it('reduce a language tag to a supported locale', () => {
    expect(toLocale('fr-CA')).toBe('fr');
    expect(toLocale('EN_us')).toBe('en');
    expect(toLocale('en')).toBe('en');
    expect(toLocale('es-MX')).toBeUndefined();
    expect(toLocale('')).toBeUndefined();
    expect(toLocale(null)).toBeUndefined();
  });
});

describe('detectLocale', () => {
  it('keeps the language the visitor chose', () => {
    expect(detectLocale('en', ['fr-CA'])).toBe('en');
    expect(detectLocale('fr', ['en-CA'])).toBe('fr');
  });

  it('ignores a stored value that is not a supported language', () => {
    expect(detectLocale('de', ['en-CA'])).toBe('en');
  });

  it('follows the browser on a first visit', () => {
    expect(detectLocale(null, ['en-CA', 'en'])).toBe('en');
    expect(detectLocale(null, ['fr-CA'])).toBe('fr');
    expect(detectLocale(null, ['es-MX', 'en-US'])).toBe('en');
  });

  it('falls back to French', () => {
    expect(detectLocale(null, ['es-MX', 'de'])).toBe('fr');
    expect(detectLocale(null, [])).toBe('fr');
    expect(detectLocale(undefined, undefined)).toBe('fr');
  });
});
