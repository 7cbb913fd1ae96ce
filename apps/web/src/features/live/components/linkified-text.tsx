import { linkify } from '../../../lib/linkify';

/**
 * Plain text with its web addresses as links (opening in a new tab, without referrer): no HTML is parsed,
 * and only http(s) addresses become links. Line breaks are kept.
 */
export function LinkifiedText({ text, newTabLabel }: { text: string; newTabLabel: string }) {
  const parts = linkify(text);
  return (
    <p className="whitespace-pre-line break-words text-slate-800">
      {parts.map((part, index) =>
        part.kind === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in a fixed order
          <span key={index}>{part.text}</span>
        ) : (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in a fixed order
            key={index}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="break-all font-medium text-brand-700 underline"
          >
            {part.href}
            <span className="sr-only"> {newTabLabel}</span>
          </a>
        ),
      )}
    </p>
  );
}
