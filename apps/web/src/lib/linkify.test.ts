import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('finds http(s) links in plain text', () => {
    expect(
      linkify('Confirmer mon adresse : http://127.0.0.1:3100/verify-email?token=abc_DEF-1\n\nMerci'),
    ).toEqual([
      { kind: 'text', text: 'Confirmer mon adresse : ' },
      { kind: 'link', href: 'http://127.0.0.1:3100/verify-email?token=abc_DEF-1' },
      { kind: 'text', text: '\n\nMerci' },
    ]);
  });

  it('leaves the punctuation that ends a sentence out of the link', () => {
    expect(linkify('Log in here: https://capitune.ca/login.')).toEqual([
      { kind: 'text', text: 'Log in here: ' },
      { kind: 'link', href: 'https://capitune.ca/login' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never makes a link of another scheme', () => {
    expect(linkify('javascript:alert(1) data:text/html,x')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) data:text/html,x' },
    ]);
  });

  it('returns plain text as one part', () => {
    expect(linkify('Bonjour')).toEqual([{ kind: 'text', text: 'Bonjour' }]);
    expect(linkify('')).toEqual([]);
  });
});
