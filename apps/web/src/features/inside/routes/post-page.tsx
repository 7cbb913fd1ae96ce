import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Spinner } from '../../../components/ui/spinner';
import { isApiError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDeletePost } from '../api/delete-post';
import { usePost } from '../api/get-post';
import { AdminPostActions } from '../components/admin-post-actions';
import { AuthorLine } from '../components/author-line';
import { CommentsSection } from '../components/comments-section';
import { FlagDialog } from '../components/flag-dialog';
import { PencilIcon, TrashIcon } from '../components/inside-icons';
import { LikeButton } from '../components/like-button';
import { PostMeta } from '../components/post-meta';
import { useWriteAccess } from '../components/write-gate';
import { formatTimeAgo } from '../lib/time-ago';

const route = getRouteApi('/inside/$postId');

export function PostPage() {
  const { t, i18n } = useTranslation('inside');
  const { postId } = route.useParams();
  const navigate = useNavigate();
  const access = useWriteAccess();
  const [likeError, setLikeError] = useState<unknown>(null);
  const post = usePost(postId);
  const deletePost = useDeletePost(postId);
  usePageMeta(post.data?.title ?? t('metaTitle'));

  async function remove() {
    await deletePost.mutateAsync();
    await navigate({ to: '/inside' });
  }

  const data = post.data;
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12">
      <Link to="/inside" className="inline-flex min-h-11 items-center font-medium text-brand-800">
        ← {t('post.back')}
      </Link>
      {post.isPending && <Spinner label={t('post.loading')} className="mt-6" />}
      {post.isError &&
        (isApiError(post.error) && post.error.status === 404 ? (
          <div className="mt-6">
            <h1 className="font-bold text-2xl text-brand-950">{t('post.notFound')}</h1>
          </div>
        ) : (
          <ServerErrorAlert error={post.error} className="mt-6">
            <Button variant="secondary" className="mt-3" onClick={() => void post.refetch()}>
              {t('feed.retry')}
            </Button>
          </ServerErrorAlert>
        ))}
      {data && (
        <>
          <article className="mt-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">
            {data.status === 'held' && (
              <Alert tone="warning" live={false} className="mb-4">
                <p>{t('post.heldNotice')}</p>
                {/* Held by an automated rule: the person can learn why and ask a person to review it. */}
                <p className="mt-1">
                  {t('post.heldAutomated')}{' '}
                  <Link
                    to="/profile/privacy"
                    hash="decisions"
                    className="font-medium underline underline-offset-2"
                  >
                    {t('post.heldReview')}
                  </Link>
                </p>
              </Alert>
            )}
            {data.status === 'hidden' && (
              <Alert tone="warning" live={false} className="mb-4">
                {t('post.hiddenNotice')}
              </Alert>
            )}
            <h1 className="break-words font-bold text-2xl text-brand-950 tracking-tight sm:text-3xl">
              {data.title}
            </h1>
            <div className="mt-3 flex flex-col gap-3">
              <AuthorLine author={data.author} createdAt={data.createdAt} />
              {data.editedAt && (
                <p className="text-slate-600 text-sm italic">
                  <time dateTime={data.editedAt} title={formatDateTime(data.editedAt, i18n.language)}>
                    {t('post.editedAt', { when: formatTimeAgo(data.editedAt, i18n.language) })}
                  </time>
                </p>
              )}
              <PostMeta post={data} />
            </div>
            <div
              className="rich-text mt-6 text-slate-900"
              lang={data.language}
              // Sanitised by the API (markdown-it without HTML, then an allowlist): meant to be inserted.
              // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised body
              dangerouslySetInnerHTML={{ __html: data.bodyHtml }}
            />
            <div className="mt-6 flex flex-wrap items-center gap-2 border-slate-200 border-t pt-4">
              <LikeButton
                target="post"
                targetId={data.id}
                likeCount={data.likeCount}
                likedByMe={data.likedByMe}
                disabled={access !== 'allowed'}
                onChange={() => setLikeError(null)}
                onError={setLikeError}
              />
              {access === 'allowed' && !data.canEdit && <FlagDialog targetType="post" targetId={data.id} />}
              {data.canEdit && (
                <>
                  <ButtonLink to="/inside/$postId/edit" params={{ postId: data.id }} variant="ghost">
                    <PencilIcon />
                    {t('post.edit')}
                  </ButtonLink>
                  <ConfirmDialog
                    trigger={
                      <Button variant="ghost">
                        <TrashIcon />
                        {t('post.delete')}
                      </Button>
                    }
                    title={t('post.deleteTitle')}
                    description={t('post.deleteBody')}
                    confirmLabel={t('post.deleteConfirm')}
                    cancelLabel={t('post.cancel')}
                    onConfirm={remove}
                  />
                </>
              )}
            </div>
            <ServerErrorAlert error={likeError} className="mt-3" />
            <AdminPostActions post={data} />
            <p className="mt-6 text-slate-600 text-sm">{t('post.disclaimer')}</p>
          </article>
          <CommentsSection postId={data.id} commentCount={data.commentCount} />
        </>
      )}
    </div>
  );
}
