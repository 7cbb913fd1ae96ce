import { describe, expect, it } from 'vitest';
import { decodeEntities, parseHighlight } from './highlight';

describe('parseHighlight', () => {
  it('splits marked and plain text', () => {
    expect(parseHighlight('Mon <mark>permis</mark> de <mark>travail</mark>')).toEqual([
      { text: 'Mon ', marked: false },
      { text: 'permis', marked: true },
      { text: ' de ', marked: false },
      { text: 'travail', marked: true },
    ]);
  });

  it('turns escaped markup back into text, never into elements', () => {
    const segments = parseHighlight('&lt;img src=x onerror=alert(1)&gt; <mark>visa</mark> &amp; co');
    expect(segments).toEqual([
      { text: '<img src=x onerror=alert(1)> ', marked: false },
      { text: 'visa', marked: true },
      { text: ' & co', marked: false },
    ]);
  });

  it('drops any tag other than mark', () => {
    expect(parseHighlight('<script>alert(1)</script><b>gras</b> <MARK>x</MARK>')).toEqual([
      { text: 'alert(1)gras ', marked: false },
      { text: 'x', marked: true },
    ]);
  });

  it('tolerates an unclosed mark and empty input', () => {
    expect(parseHighlight('<mark>ouvert')).toEqual([{ text: 'ouvert', marked: true }]);
    expect(parseHighlight('')).toEqual([]);
  });

  it('decodes numeric references and keeps unknown ones', () => {
    expect(decodeEntities('l&#39;été &#x2019; &quot;x&quot; &bogus; &#99999999;')).toBe(
      'l\'été ’ "x" &bogus; &#99999999;',
    );
  });
});
