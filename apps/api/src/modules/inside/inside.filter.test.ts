import { describe, expect, it } from 'vitest';
import { ORDINARY_SENTENCES } from '../../../test/fixtures/ordinary-sentences';
import { AppError } from '../../lib/errors';
import { checkContent, findProfanity, foldText, watchedWordPattern } from './inside.filter';

describe('keyword filter', () => {
  it('lets every ordinary sentence through (no false positive)', () => {
    expect(ORDINARY_SENTENCES.length).toBeGreaterThanOrEqual(30);
    const refused = ORDINARY_SENTENCES.map((sentence) => [sentence, findProfanity(sentence)]).filter(
      ([, word]) => word !== null,
    );
    expect(refused).toEqual([]);
    for (const sentence of ORDINARY_SENTENCES) {
      expect(checkContent([{ path: 'body.body', text: sentence }], [])).toEqual({ action: 'allow' });
    }
  });

  it('finds French and English profanity, whatever the case, accents and punctuation', () => {
    expect(findProfanity('Quel ENCULÉ, ce consultant !')).toBe('encule');
    expect(findProfanity('c’est de la merde!')).toBe('merde');
    expect(findProfanity('What the fuck.')).toBe('fuck');
    expect(findProfanity('espèce de connard')).toBe('connard');
    expect(findProfanity('sale @brut!')).toBe('@brut!');
  });

  it('refuses with CONTENT_BLOCKED and the word, and holds on a hold word', () => {
    const watched = [
      { word: 'western union', action: 'block' as const },
      { word: 'garanti*', action: 'hold' as const },
    ];
    expect(() => checkContent([{ path: 'body.title', text: 'Payez par Western  Union' }], watched)).toThrow(
      AppError,
    );
    try {
      checkContent([{ path: 'body.body', text: 'Payez par western-union' }], watched);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('CONTENT_BLOCKED');
      expect((error as AppError).message).toContain('western union');
      expect((error as AppError).fieldErrors?.[0]?.path).toBe('body.body');
    }
    expect(checkContent([{ path: 'body.body', text: 'Visa GARANTIE à 100 %' }], watched)).toEqual({
      action: 'hold',
      word: 'garanti*',
      path: 'body.body',
    });
    expect(checkContent([{ path: 'body.body', text: 'Une garantie' }], [])).toEqual({ action: 'allow' });
  });

  it('matches watched words on whole words, ignoring accents', () => {
    expect(watchedWordPattern('élite').test(foldText('ELITE consultants'))).toBe(true);
    expect(watchedWordPattern('elite').test(foldText('célite'))).toBe(false);
    expect(watchedWordPattern('visa*').test(foldText('visas garantis'))).toBe(true);
    expect(watchedWordPattern('visa').test(foldText('visas'))).toBe(false);
  });
});
