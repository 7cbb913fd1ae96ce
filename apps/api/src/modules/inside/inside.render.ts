import { isAllowedMarkdownHref, markdownAllowlist, type TLocale } from '@capitune/contracts';
import { eld } from 'eld/extrasmall';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown from users becomes HTML here, once, when it is written: markdown-it without raw HTML, then
 * sanitize-html with a strict allowlist as a second, independent barrier. What is stored in `body_html`
 * is safe to insert in a page as is. The allowlist (tags, attributes, schemes, links, headings) is
 * `markdownAllowlist` of the contracts, which the web composer's preview applies too.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// Images and tables are not part of the subset (no remote images: tracking, layout).
markdown.disable(['image', 'table']);

export const REL_FOR_LINKS = markdownAllowlist.link.rel;

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [...markdownAllowlist.tags],
  allowedAttributes: Object.fromEntries(
    Object.entries(markdownAllowlist.attributes).map(([tag, attributes]) => [tag, [...attributes]]),
  ),
  allowedSchemes: [...markdownAllowlist.schemes],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    ...markdownAllowlist.headings,
    // Only absolute http(s) and mailto links; any other link (relative, odd scheme) keeps just its text,
    // as the unknown tag `span` is discarded with its content kept.
    a: (tagName, attribs) =>
      attribs.href && isAllowedMarkdownHref(attribs.href)
        ? { tagName, attribs: { href: attribs.href, ...markdownAllowlist.link } }
        : { tagName: 'span', attribs: {} as Record<string, string> },
  },
};

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), sanitizeOptions).trim();
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The text of sanitised HTML, for search and excerpts: tags dropped, blocks separated by new lines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/(p|li|h[2-4]|blockquote|pre)>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (match, entity: string) => {
      if (entity in entities) return entities[entity] as string;
      if (entity.startsWith('#x') || entity.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
      if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
      return match;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The start of a text, cut on a word, on one line. */
export function excerptOf(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// ELD's smallest n-gram table: as right as the larger ones between French and English, five times
// faster than tinyld was (10 µs a post) and 11 MB of memory.
eld.setLanguageSubset(['fr', 'en']);

/** French or English from the text; too short or unsure, the author's own language. */
export function detectLanguage(text: string, fallback: TLocale): TLocale {
  if (text.replace(/\s+/g, ' ').trim().length < 20) return fallback;
  const found = eld.detect(text).language;
  return found === 'fr' || found === 'en' ? found : fallback;
}

const escapeMap: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => escapeMap[char] as string);

/** Markers that ts_headline puts around matches; control characters never stored in user text. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_STOP = '\u0003';

const markers = new RegExp(`([${HIGHLIGHT_START}${HIGHLIGHT_STOP}])`);

/** A ts_headline result as safe HTML: everything escaped, then the markers turned into `<mark>`. */
export function highlightToHtml(value: string): string {
  let open = false;
  let html = '';
  for (const part of value.split(markers)) {
    if (part === HIGHLIGHT_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === HIGHLIGHT_STOP) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}
