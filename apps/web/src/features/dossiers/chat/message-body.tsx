import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { linkify } from '../../../lib/linkify';

/**
 * A message's text as text (never HTML), with its http(s) addresses as links that open apart and pass
 * nothing about the dossier to the site they lead to.
 */
export function MessageBody({ body }: { body: string }) {
  const { t } = useTranslation('common');
  return (
    <p className="whitespace-pre-wrap break-words">
      {linkify(body).map((part, index) =>
        part.kind === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move
          <Fragment key={index}>{part.text}</Fragment>
        ) : (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move
            key={index}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="font-medium underline underline-offset-2"
          >
            {part.href}
            <span className="sr-only"> {t('newTab')}</span>
          </a>
        ),
      )}
    </p>
  );
}
