import { describe, expect, it } from 'vitest';
import { isAllowedMarkdownHref, markdownAllowlist } from './markdown';

describe('markdown allowlist', () => {
  it('keeps only absolute http(s) and mailto links', () => {
    for (const href of ['https://example.com', 'HTTP://example.com/a', 'mailto:a@example.com'])
      expect(isAllowedMarkdownHref(href)).toBe(true);
    for (const href of [
      '/relative',
      '//example.com',
      'javascript:alert(1)',
      'http:example.com',
      'ftp://x',
      '',
    ])
      expect(isAllowedMarkdownHref(href)).toBe(false);
  });

  it('lets links carry only their target, rel and window', () => {
    expect(markdownAllowlist.attributes).toEqual({ a: ['href', 'rel', 'target'] });
    expect(markdownAllowlist.tags).not.toContain('img');
    expect(markdownAllowlist.tags).not.toContain('h1');
  });
});
