/** A piece of plain text: either text, or a web address to show as a link. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; href: string };

const urlPattern = /https?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the address ("…: https://x.ca/a." → "https://x.ca/a"). */
const trailingPunctuation = /[.,;:!?)\]]+$/;

/**
 * Splits plain text into text and http(s) links, so they can be rendered as elements: no HTML is ever
 * parsed or injected, and no other scheme (javascript:, data:) can become a link.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const raw = match[0];
    const href = raw.replace(trailingPunctuation, '');
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'link', href });
    last = match.index + href.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
