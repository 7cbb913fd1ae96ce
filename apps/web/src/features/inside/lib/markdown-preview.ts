import { isAllowedMarkdownHref, markdownAllowlist } from '@capitune/contracts';
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * The composer's preview, close to what the API will store: Markdown without raw HTML (escaped, as
 * markdown-it does with `html: false`), no images or tables, then DOMPurify with the allowlist the API
 * applies too (`markdownAllowlist` of `@capitune/contracts`).
 * Links keep only absolute http(s) and mailto targets and open in a new tab with `nofollow ugc noopener`.
 * Loaded only by the composer, on demand.
 */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
    table: () => '',
  },
});

/** DOMPurify's options from the shared allowlist (`@capitune/contracts`), which the API applies too. */
const ALLOWED_TAGS = [...markdownAllowlist.tags];
const ALLOWED_ATTR = [...new Set(Object.values(markdownAllowlist.attributes).flat())];

const purifier = DOMPurify();
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  const href = node.getAttribute('href') ?? '';
  if (!isAllowedMarkdownHref(href)) {
    node.removeAttribute('href');
    return;
  }
  node.setAttribute('rel', markdownAllowlist.link.rel);
  node.setAttribute('target', markdownAllowlist.link.target);
});

/** Headings of the page belong to the page: h1 → h2, h5/h6 → h4, as the API does. */
const shiftHeadings = (html: string) =>
  Object.entries(markdownAllowlist.headings).reduce(
    (text, [from, to]) => text.replace(new RegExp(`<(\\/?)${from}\\b`, 'g'), `<$1${to}`),
    html,
  );

export function renderPreview(source: string): string {
  const html = shiftHeadings(marked.parse(source) as string);
  return purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    KEEP_CONTENT: true,
  });
}
