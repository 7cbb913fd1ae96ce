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

describe('linkify, against hostile text', () => {
  it('keeps quotes and angle brackets out of the address', () => {
    expect(linkify('<a href="https://x.ca/ok">x</a>')).toEqual([
      { kind: 'text', text: '<a href="' },
      { kind: 'link', href: 'https://x.ca/ok' },
      { kind: 'text', text: '">x</a>' },
    ]);
  });

  it('does not turn a javascript: address hidden behind http into a link of that scheme', () => {
    const parts = linkify('JAVASCRIPT:alert(1)//http://x.ca and vbscript:msgbox');
    const links = parts.filter((part) => part.kind === 'link');
    expect(links).toEqual([{ kind: 'link', href: 'http://x.ca' }]);
    for (const link of links) expect(new URL(link.href).protocol).toMatch(/^https?:$/);
  });

  it('gives every character back, in order', () => {
    const text =
      'Voir https://www.canada.ca/fr/immigration.html, puis http://127.0.0.1:3500/dossiers?x=1#messages.';
    const rebuilt = linkify(text)
      .map((part) => (part.kind === 'text' ? part.text : part.href))
      .join('');
    expect(rebuilt).toBe(text);
  });
});
