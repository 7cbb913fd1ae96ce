import { describe, expect, it } from 'vitest';
import { capitalize, formatList, formatScore, initials, languageName, shorten } from './labels';

describe('directory labels', () => {
  it('names languages in the reader’s language, lists them, and capitalises the list only', () => {
    const list = formatList(
      ['en', 'es'].map((code) => languageName(code, 'fr')),
      'fr',
    );
    expect(list).toBe('anglais et espagnol');
    expect(capitalize(list, 'fr')).toBe('Anglais et espagnol');
    expect(formatList([languageName('fr', 'en')], 'en')).toBe('French');
  });

  it('writes scores with one decimal in the reader’s format', () => {
    expect(formatScore(4.25, 'fr')).toBe('4,3');
    expect(formatScore(4, 'en')).toBe('4.0');
  });

  it('cuts a description at a word, as the server does', () => {
    expect(shorten('Court.', 160)).toBe('Court.');
    const long =
      'Consultante réglementée, j’accompagne les familles, les étudiants et les travailleurs qualifiés.';
    const cut = shorten(long, 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('gives two initials for a pro without a photo', () => {
    expect(initials('élise', 'Ouellet')).toBe('ÉO');
  });
});
