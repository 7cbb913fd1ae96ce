import type { TComment } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Spinner } from '../../../components/ui/spinner';
import { useCreateComment } from '../api/create-comment';
import { useDeleteComment } from '../api/delete-comment';
import { useComments } from '../api/get-comments';
import { useUpdateComment } from '../api/update-comment';
import { groupThreads } from '../lib/threads';
import { AuthorLine } from './author-line';
import { CommentForm } from './comment-form';
import { FlagDialog } from './flag-dialog';
import { PencilIcon, TrashIcon } from './inside-icons';
import { LikeButton } from './like-button';
import { useWriteAccess, WriteGate } from './write-gate';

/** The comments of a post: threads of one level, paginated, with the forms to comment and reply. */
export function CommentsSection({ postId, commentCount }: { postId: string; commentCount: number }) {
  const { t } = useTranslation('inside');
  const comments = useComments(postId);
  const create = useCreateComment(postId);
  const threads = groupThreads(comments.data?.pages.flatMap((page) => page.items) ?? []);

  return (
    <section aria-labelledby="comments-title" className="mt-10">
      <h2 id="comments-title" className="font-bold text-2xl text-brand-950">
        {t('comments.title')}{' '}
        <span className="font-normal text-lg text-slate-600">
          ({t('comments.count', { count: commentCount })})
        </span>
      </h2>
      <div className="mt-4">
        <WriteGate signInKey="comments.signIn" verifyKey="comments.verify" redirect={`/inside/${postId}`}>
          <CommentForm
            label={t('comments.new')}
            submitLabel={t('comments.submit')}
            onSubmit={async (body) => {
              await create.mutateAsync({ body });
            }}
          />
        </WriteGate>
      </div>
      {comments.isPending && <Spinner label={t('comments.loading')} className="mt-6" />}
      {comments.isError && <ServerErrorAlert error={comments.error} className="mt-6" />}
      {comments.isSuccess && threads.length === 0 && (
        <p className="mt-6 text-slate-700">{t('comments.empty')}</p>
      )}
      {threads.length > 0 && (
        <ol className="mt-6 flex flex-col gap-4">
          {threads.map(({ comment, replies }) => (
            <li key={comment.id} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
              <CommentItem comment={comment} postId={postId} />
              {replies.length > 0 && (
                <ol
                  aria-label={t('comments.repliesLabel', { name: comment.author?.displayName ?? '' })}
                  className="mt-4 flex flex-col gap-4 border-slate-200 border-s-2 ps-4 sm:ms-2"
                >
                  {replies.map((reply) => (
                    <li key={reply.id}>
                      <CommentItem comment={reply} postId={postId} />
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      )}
      {comments.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={comments.isFetchingNextPage}
            onClick={() => void comments.fetchNextPage()}
          >
            {comments.isFetchingNextPage ? t('feed.loadingMore') : t('comments.loadMore')}
          </Button>
        </div>
      )}
    </section>
  );
}

function CommentItem({ comment, postId }: { comment: TComment; postId: string }) {
  const { t } = useTranslation('inside');
  const access = useWriteAccess();
  const [mode, setMode] = useState<'view' | 'reply' | 'edit'>('view');
  const [likeError, setLikeError] = useState<unknown>(null);
  const reply = useCreateComment(postId);
  const update = useUpdateComment(postId, comment.id);
  const remove = useDeleteComment(postId, comment.id);

  if (comment.status === 'deleted' || comment.status === 'removed') {
    return <p className="text-slate-600 italic">{t(`comments.${comment.status}`)}</p>;
  }

  const name = comment.author?.displayName ?? '';
  return (
    <article aria-label={name} className="flex flex-col gap-2">
      <AuthorLine author={comment.author} createdAt={comment.createdAt} edited={comment.editedAt !== null} />
      {comment.status === 'held' && <p className="text-amber-900 text-sm">{t('comments.held')}</p>}
      {mode === 'edit' ? (
        <CommentForm
          label={t('comments.editLabel')}
          submitLabel={t('comments.save')}
          initial={comment.bodySource ?? ''}
          autoFocus
          onCancel={() => setMode('view')}
          onSubmit={async (body) => {
            await update.mutateAsync(body);
            setMode('view');
          }}
        />
      ) : (
        <div
          className="rich-text text-slate-900"
          // Sanitised by the API, like the post's body.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised comment
          dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? '' }}
        />
      )}
      <div className="flex flex-wrap items-center gap-1">
        <LikeButton
          target="comment"
          targetId={comment.id}
          likeCount={comment.likeCount}
          likedByMe={comment.likedByMe}
          disabled={access !== 'allowed'}
          onChange={() => setLikeError(null)}
          onError={setLikeError}
        />
        {access === 'allowed' && mode === 'view' && (
          <Button
            variant="ghost"
            onClick={() => setMode('reply')}
            aria-label={`${t('comments.reply')} (${name})`}
          >
            {t('comments.reply')}
          </Button>
        )}
        {comment.canEdit && mode === 'view' && (
          <>
            <Button variant="ghost" onClick={() => setMode('edit')}>
              <PencilIcon />
              {t('comments.edit')}
            </Button>
            <ConfirmDialog
              trigger={
                <Button variant="ghost">
                  <TrashIcon />
                  {t('comments.delete')}
                </Button>
              }
              title={t('comments.deleteTitle')}
              description={t('comments.deleteBody')}
              confirmLabel={t('comments.deleteConfirm')}
              cancelLabel={t('comments.cancel')}
              onConfirm={() => remove.mutateAsync()}
            />
          </>
        )}
        {access === 'allowed' && !comment.canEdit && (
          <FlagDialog targetType="comment" targetId={comment.id} />
        )}
      </div>
      <ServerErrorAlert error={likeError} />
      {mode === 'reply' && (
        <div className="mt-2">
          <CommentForm
            label={t('comments.replyTo', { name })}
            submitLabel={t('comments.sendReply')}
            autoFocus
            onCancel={() => setMode('view')}
            onSubmit={async (body) => {
              await reply.mutateAsync({ body, parentId: comment.parentId ?? comment.id });
              setMode('view');
            }}
          />
        </div>
      )}
    </article>
  );
}
