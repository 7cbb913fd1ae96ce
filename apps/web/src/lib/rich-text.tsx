import { Fragment, type ReactNode } from 'react';

/** Renders the text between `<name>` and `</name>` in a translation. */
export type RichTextComponents = Record<string, (children: string) => ReactNode>;

const tagPattern = /<([a-zA-Z][\w-]*)>(.*?)<\/\1>/g;

/**
 * Turns `Écrivez à <mail>x@capitune.ca</mail>.` into text and elements, with `components.mail`.
 * Translations stay plain strings (no HTML is ever injected); an unknown tag renders its text only.
 */
export function renderRichText(text: string, components: RichTextComponents): ReactNode {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(tagPattern)) {
    const [whole, name = '', inner = ''] = match;
    if (match.index > last) nodes.push(text.slice(last, match.index));
    const render = components[name];
    nodes.push(<Fragment key={match.index}>{render ? render(inner) : inner}</Fragment>);
    last = match.index + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes.length === 1 && typeof nodes[0] === 'string' ? nodes[0] : nodes;
}
