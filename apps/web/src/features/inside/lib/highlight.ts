/**
 * Search highlights arrive as `titleHtml`/`excerptHtml`: the API escapes everything and wraps the matches
 * in `<mark>`. Rather than trusting that string as HTML, it is read back into text segments here and
 * rendered by React as text: whatever the string holds, the only element it can produce is `<mark>`.
 */
export interface HighlightSegment {
  text: string;
  marked: boolean;
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references of escaped text; an unknown or invalid one stays as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (match, entity: string) => {
    if (entity[0] !== '#') return named[entity.toLowerCase()] ?? match;
    const code =
      entity[1] === 'x' || entity[1] === 'X'
        ? Number.parseInt(entity.slice(2), 16)
        : Number.parseInt(entity.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/**
 * Splits highlighted HTML into plain and marked segments. Only `<mark>` and `</mark>` are read as markup;
 * any other tag is dropped (the API never sends one), and entities are decoded into the text.
 */
export function parseHighlight(html: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let marked = false;
  const push = (raw: string) => {
    const text = decodeEntities(raw.replace(/<[^>]*>/g, ''));
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.marked === marked) last.text += text;
    else segments.push({ text, marked });
  };
  for (const part of html.split(/(<\/?mark>)/i)) {
    const lower = part.toLowerCase();
    if (lower === '<mark>') marked = true;
    else if (lower === '</mark>') marked = false;
    else push(part);
  }
  return segments;
}
