import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useCreatePost } from '../api/create-post';
import { type ComposerOutput, PostComposer } from '../components/post-composer';
import { WriteGate } from '../components/write-gate';

export function NewPostPage() {
  const { t } = useTranslation('inside');
  usePageMeta(t('composer.newTitle'));
  const navigate = useNavigate();
  const createPost = useCreatePost();
  const [error, setError] = useState<unknown>(null);

  async function submit({ language, ...values }: ComposerOutput) {
    const post = await createPost.mutateAsync({ ...values, ...(language === 'auto' ? {} : { language }) });
    await navigate({ to: '/inside/$postId', params: { postId: post.id } });
  }

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('composer.newTitle')}
      </h1>
      <p className="mt-3 text-lg text-slate-700">{t('composer.intro')}</p>
      <div className="mt-8">
        <WriteGate signInKey="write.signIn" verifyKey="write.verify" redirect="/inside/new">
          <PostComposer
            submitLabel={t('composer.publish')}
            cancelTo={{ to: '/inside' }}
            onSubmit={submit}
            error={error}
            onError={setError}
          />
        </WriteGate>
      </div>
    </div>
  );
}
