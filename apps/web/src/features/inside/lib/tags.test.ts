import { describe, expect, it } from 'vitest';
import { normaliseTag, parseTagInput } from './tags';

describe('parseTagInput', () => {
  it('keeps the text after the last separator in the field', () => {
    expect(parseTagInput([], 'visa, #Permis-Travail ent', { max: 5 })).toEqual({
      tags: ['visa', 'permis-travail'],
      rest: 'ent',
    });
  });

  it('takes everything on commit', () => {
    expect(parseTagInput(['visa'], 'Études', { max: 5, commit: true })).toEqual({
      tags: ['visa', 'études'],
      rest: '',
    });
  });

  it('refuses duplicates, bad shapes and too many tags, reporting the first', () => {
    const result = parseTagInput(['visa'], 'visa x <b> ok-ok a--b', { max: 5, commit: true });
    expect(result.tags).toEqual(['visa', 'ok-ok']);
    expect(result.problem).toEqual({ value: 'visa', reason: 'duplicate' });
    expect(parseTagInput(['a1', 'b2'], 'c3', { max: 2, commit: true }).problem?.reason).toBe('tooMany');
    expect(parseTagInput([], '<b>', { max: 5, commit: true }).problem?.reason).toBe('format');
    expect(parseTagInput([], 'x'.repeat(31), { max: 5, commit: true }).problem?.reason).toBe('tooLong');
  });

  it('ignores empty entries', () => {
    expect(parseTagInput([], ' , ;; ', { max: 5, commit: true })).toEqual({ tags: [], rest: '' });
  });

  it('normalises like the API', () => {
    expect(normaliseTag('  ##Québec ')).toBe('québec');
  });
});
