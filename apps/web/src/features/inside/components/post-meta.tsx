import type { TPostSummary } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';

/** Category, language and tags of a post; a tag is a link that filters the feed. */
export function PostMeta({ post }: { post: TPostSummary }) {
  const { t } = useTranslation('inside');
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Badge tone="brand">{t(`categories.${post.category}`)}</Badge>
      <Badge>
        <abbr
          title={t('card.language', { language: t(`languages.${post.language}`) })}
          className="no-underline"
        >
          {post.language.toUpperCase()}
        </abbr>
      </Badge>
      {post.status !== 'published' && <Badge tone="warning">{t(`card.${post.status}`)}</Badge>}
      {post.tags.length > 0 && (
        <ul aria-label={t('card.tagsLabel')} className="flex flex-wrap gap-1.5">
          {post.tags.map((tag) => (
            <li key={tag}>
              <Link
                to="/inside"
                search={{ tag }}
                aria-label={t('card.filterByTag', { tag })}
                className="inline-flex min-h-8 items-center rounded-full px-2 font-medium text-brand-800 text-sm underline-offset-2 hover:bg-brand-50 hover:underline"
              >
                #{tag}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
