import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { renderRichText } from './rich-text';

const html = (text: string) =>
  renderToStaticMarkup(
    createElement(
      'p',
      null,
      renderRichText(text, {
        mail: (children) => createElement('a', { href: 'mailto:x@capitune.ca' }, children),
      }),
    ),
  );

describe('renderRichText', () => {
  it('leaves plain text alone', () => {
    expect(renderRichText('Bonjour', {})).toBe('Bonjour');
  });

  it('renders known tags with their component', () => {
    expect(html('Écrivez à <mail>x@capitune.ca</mail>.')).toBe(
      '<p>Écrivez à <a href="mailto:x@capitune.ca">x@capitune.ca</a>.</p>',
    );
  });

  it('renders the text of unknown tags, and never injects markup', () => {
    expect(html('<b>gras</b> et <img src=x onerror=alert(1)>')).toBe(
      '<p>gras et &lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });
});
