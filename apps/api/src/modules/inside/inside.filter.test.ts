import { describe, expect, it } from 'vitest';
import { ORDINARY_SENTENCES } from '../../../test/fixtures/ordinary-sentences';
import { AppError } from '../../lib/errors';
import {
  findProfanity,
  foldText,
  replaceSpans,
  type WatchedWord,
  watchedWordPattern,
  watchedWordSpans,
} from './inside.filter';
import { censoredText, evaluateContent, refuseIfBlocked } from './moderation-rules';

const check = (text: string, watched: WatchedWord[], path = 'body.body') => {
  const evaluation = evaluateContent({
    fields: [{ path, text }],
    language: 'fr',
    watched,
    author: null,
    kind: 'test',
  });
  refuseIfBlocked(evaluation);
  return { outcome: evaluation.outcome, because: evaluation.because, matches: evaluation.matches };
};

describe('keyword filter', () => {
  it('lets every ordinary sentence through (no false positive)', () => {
    expect(ORDINARY_SENTENCES.length).toBeGreaterThanOrEqual(30);
    const refused = ORDINARY_SENTENCES.map((sentence) => [sentence, findProfanity(sentence)]).filter(
      ([, word]) => word !== null,
    );
    expect(refused).toEqual([]);
    for (const sentence of ORDINARY_SENTENCES) {
      expect(check(sentence, []), sentence).toMatchObject({ outcome: 'published', matches: [] });
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
      { word: 'western union', action: 'block' as const, locale: null, tag: null },
      { word: 'garanti*', action: 'hold' as const, locale: null, tag: null },
    ];
    expect(() => check('Payez par Western  Union', watched, 'body.title')).toThrow(AppError);
    try {
      check('Payez par western-union', watched);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('CONTENT_BLOCKED');
      expect((error as AppError).message).toContain('western union');
      expect((error as AppError).fieldErrors?.[0]?.path).toBe('body.body');
    }
    expect(check('Une GARANTIE de loyer', watched)).toMatchObject({
      outcome: 'held',
      because: { reason: 'watched_word', word: 'garanti*' },
    });
    expect(check('Une garantie', [])).toMatchObject({ outcome: 'published' });
  });

  it('matches watched words on whole words, ignoring accents', () => {
    expect(watchedWordPattern('élite').test(foldText('ELITE consultants'))).toBe(true);
    expect(watchedWordPattern('elite').test(foldText('célite'))).toBe(false);
    expect(watchedWordPattern('visa*').test(foldText('visas garantis'))).toBe(true);
    expect(watchedWordPattern('visa').test(foldText('visas'))).toBe(false);
  });

  it('takes `*` at the start, in the middle and at the end of a term, still on whole words', () => {
    expect(watchedWordPattern('*port').test(foldText('Mon PASSEPORT'))).toBe(true);
    expect(watchedWordPattern('*port').test(foldText('les portes'))).toBe(false);
    expect(watchedWordPattern('visa*express').test(foldText('visa-express'))).toBe(false);
    expect(watchedWordPattern('visa*express').test(foldText('visaexpress'))).toBe(true);
    expect(watchedWordPattern('visa*garanti*').test(foldText('VISAGARANTIES'))).toBe(true);
    expect(watchedWordPattern('visa* garanti*').test(foldText('Visas garantis !'))).toBe(true);
    expect(watchedWordPattern('visa* garanti*').test(foldText('avisas garantis'))).toBe(false);
  });

  it('censors every match in the original text, keeping its case and accents around', () => {
    const spans = watchedWordSpans('Élite, ÉLITE et célite : élites', 'élite');
    expect(replaceSpans('Élite, ÉLITE et célite : élites', spans, '****')).toBe(
      '****, **** et célite : élites',
    );
    const rules: WatchedWord[] = [
      { word: 'arnaque', action: 'censor', locale: 'fr', tag: null },
      { word: 'scam', action: 'censor', locale: 'en', tag: null },
      { word: 'urgent', action: 'tag', locale: null, tag: 'urgence' },
      { word: 'faux*', action: 'flag', locale: null, tag: null },
    ];
    const fields = [{ path: 'body.body', text: 'Urgent : une arnaque, a scam, de FAUX papiers' }];
    const evaluation = evaluateContent({
      fields,
      language: 'fr',
      watched: rules,
      author: null,
      kind: 'test',
    });
    expect(evaluation.outcome).toBe('flagged');
    expect(evaluation.tags).toEqual(['urgence']);
    expect(censoredText(evaluation, fields, 0)).toBe('Urgent : une ****, a scam, de FAUX papiers');
    expect(censoredText(evaluation, fields, 0, true)).toBe(
      'Urgent : une \\*\\*\\*\\*, a scam, de FAUX papiers',
    );
  });
});
