import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { usePost } from '../api/get-post';
import { useUpdatePost } from '../api/update-post';
import { type ComposerOutput, PostComposer } from '../components/post-composer';

const route = getRouteApi('/inside/$postId/edit');

export function EditPostPage() {
  const { t } = useTranslation('inside');
  usePageMeta(t('composer.editTitle'));
  const { postId } = route.useParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const post = usePost(postId);
  const updatePost = useUpdatePost(postId);

  async function submit({ language, ...values }: ComposerOutput) {
    await updatePost.mutateAsync({ ...values, ...(language === 'auto' ? {} : { language }) });
    await navigate({ to: '/inside/$postId', params: { postId } });
  }

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('composer.editTitle')}
      </h1>
      <div className="mt-8">
        {post.isPending && <Spinner label={t('post.loading')} />}
        {post.isError && <ServerErrorAlert error={post.error} />}
        {post.data && !post.data.canEdit && <Alert tone="warning">{t('composer.notYours')}</Alert>}
        {post.data?.canEdit && (
          <PostComposer
            initial={post.data}
            submitLabel={t('composer.save')}
            cancelTo={{ to: '/inside/$postId', params: { postId } }}
            onSubmit={submit}
            error={error}
            onError={setError}
          />
        )}
      </div>
    </div>
  );
}
