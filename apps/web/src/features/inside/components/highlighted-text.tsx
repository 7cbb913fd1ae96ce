import { parseHighlight } from '../lib/highlight';

/** A search highlight of the API, rendered as text with `<mark>` around the matches (never as HTML). */
export function HighlightedText({ html }: { html: string }) {
  return parseHighlight(html).map((segment, index) =>
    segment.marked ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their place
      <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
        {segment.text}
      </mark>
    ) : (
      segment.text
    ),
  );
}
