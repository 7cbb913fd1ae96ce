import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * The composer's preview, close to what the API will store: Markdown without raw HTML (escaped, as
 * markdown-it does with `html: false`), no images or tables, then DOMPurify with the API's allowlist.
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

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'a',
  'h2',
  'h3',
  'h4',
];
const safeHref = /^(https?:\/\/|mailto:)/i;

const purifier = DOMPurify();
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  const href = node.getAttribute('href') ?? '';
  if (!safeHref.test(href)) {
    node.removeAttribute('href');
    return;
  }
  node.setAttribute('rel', 'nofollow ugc noopener');
  node.setAttribute('target', '_blank');
});

/** Headings of the page belong to the page: h1 → h2, h5/h6 → h4, as the API does. */
const shiftHeadings = (html: string) =>
  html.replace(/<(\/?)h1\b/g, '<$1h2').replace(/<(\/?)h[56]\b/g, '<$1h4');

export function renderPreview(source: string): string {
  const html = shiftHeadings(marked.parse(source) as string);
  return purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'rel', 'target'],
    KEEP_CONTENT: true,
  });
}
