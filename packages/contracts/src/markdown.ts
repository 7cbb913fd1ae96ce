/**
 * The Markdown subset of Inside posts and comments, as HTML: the one allowlist that the API's
 * sanitize-html (what is stored in `body_html`) and the web composer's DOMPurify preview both apply.
 * Plain data, no library: each side builds its sanitiser's options from it.
 * Images and tables are not part of the subset (no remote images: tracking, layout).
 */
export const markdownAllowlist = {
  /** Every other tag is dropped, its text kept. */
  tags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'a', 'h2', 'h3', 'h4'],
  /** Attributes kept, by tag; every other attribute is dropped. */
  attributes: { a: ['href', 'rel', 'target'] },
  /** URL schemes a link may have (http and https absolute, with `//`). */
  schemes: ['http', 'https', 'mailto'],
  /** Headings of the page belong to the page: a post's headings start at h2. */
  headings: { h1: 'h2', h5: 'h4', h6: 'h4' },
  /** What every kept link carries. */
  link: { rel: 'nofollow ugc noopener', target: '_blank' },
} as const;

export type TMarkdownTag = (typeof markdownAllowlist.tags)[number];

const linkPrefix = new RegExp(
  `^(${markdownAllowlist.schemes.map((scheme) => (scheme === 'mailto' ? `${scheme}:` : `${scheme}:\\/\\/`)).join('|')})`,
  'i',
);

/**
 * Whether a link keeps its target: only absolute http(s) and mailto links. Any other link (relative,
 * protocol-relative, another scheme) keeps just its text.
 */
export function isAllowedMarkdownHref(href: string): boolean {
  return linkPrefix.test(href);
}
