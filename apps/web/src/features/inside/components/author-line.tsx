import type { TAuthor } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { RoleBadge } from '../../../components/account/role-badge';
import { formatDateTime } from '../../../lib/format';
import { formatTimeAgo } from '../lib/time-ago';

/** "Amina D. [Pro] · il y a 3 heures", the exact date and time in the tooltip and for machines. */
export function AuthorLine({
  author,
  createdAt,
  edited,
}: {
  author: TAuthor | null;
  createdAt: string;
  edited?: boolean;
}) {
  const { t, i18n } = useTranslation('inside');
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-700 text-sm">
      {author && (
        <>
          <span className="font-semibold text-slate-900">{author.displayName}</span>
          <RoleBadge role={author.role} />
          <span aria-hidden="true">·</span>
        </>
      )}
      <time dateTime={createdAt} title={formatDateTime(createdAt, i18n.language)}>
        {formatTimeAgo(createdAt, i18n.language)}
      </time>
      {edited && <span className="text-slate-600 italic">({t('card.edited')})</span>}
    </p>
  );
}
