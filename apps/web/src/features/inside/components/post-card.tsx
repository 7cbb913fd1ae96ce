import type { TPostSummary } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ChatIcon } from '../../../components/ui/icons';
import { AuthorLine } from './author-line';
import { HighlightedText } from './highlighted-text';
import { HeartIcon } from './inside-icons';
import { PostMeta } from './post-meta';

/** One post of the feed: title (the link), author, excerpt or search highlight, meta and counts. */
export function PostCard({ post }: { post: TPostSummary }) {
  const { t } = useTranslation('inside');
  return (
    <article className="flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <AuthorLine author={post.author} createdAt={post.createdAt} edited={post.editedAt !== null} />
      <h2 className="font-semibold text-brand-950 text-lg leading-snug sm:text-xl">
        <Link
          to="/inside/$postId"
          params={{ postId: post.id }}
          className="text-brand-900 no-underline hover:underline"
        >
          {post.highlight ? <HighlightedText html={post.highlight.titleHtml} /> : post.title}
        </Link>
      </h2>
      <p className="break-words text-slate-700">
        {post.highlight ? <HighlightedText html={post.highlight.excerptHtml} /> : post.excerpt}
      </p>
      <PostMeta post={post} />
      <p className="flex flex-wrap gap-4 text-slate-700 text-sm">
        <span className="inline-flex items-center gap-1.5">
          <HeartIcon className="size-4" />
          {t('card.likes', { count: post.likeCount })}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <ChatIcon className="size-4" />
          {t('card.comments', { count: post.commentCount })}
        </span>
      </p>
    </article>
  );
}
