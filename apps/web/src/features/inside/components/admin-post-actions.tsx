import type { TPost } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { useSession } from '../../../lib/auth';
import { useModeratePost } from '../api/moderate-post';

/** For admins on a post's page: hide it, or restore it once hidden or held. */
export function AdminPostActions({ post }: { post: TPost }) {
  const { t } = useTranslation('inside');
  const { user } = useSession();
  const moderate = useModeratePost(post.id);
  const [done, setDone] = useState<'hidden' | 'restored' | null>(null);
  if (user?.role !== 'admin') return null;

  const act = async (action: 'hide' | 'restore') => {
    await moderate.mutateAsync(action);
    setDone(action === 'hide' ? 'hidden' : 'restored');
  };
  const action = post.status === 'published' ? 'hide' : 'restore';

  return (
    <section
      aria-label={t('moderation.label')}
      className="mt-4 flex flex-wrap items-center gap-3 rounded-xl bg-amber-50 px-4 py-3 ring-1 ring-amber-300 ring-inset"
    >
      <span className="font-semibold text-amber-950">{t('moderation.label')}</span>
      <ConfirmDialog
        trigger={
          <Button variant={action === 'hide' ? 'danger' : 'primary'}>{t(`moderation.${action}`)}</Button>
        }
        title={t(`moderation.${action}`)}
        description={t(`moderation.${action}Body`)}
        confirmLabel={t(`moderation.${action}`)}
        cancelLabel={t('post.cancel')}
        onConfirm={() => act(action)}
      />
      <Link to="/admin/moderation" className="inline-flex min-h-11 items-center font-medium text-brand-800">
        {t('moderation.queue')}
      </Link>
      <div aria-live="polite" className="w-full empty:hidden">
        {done && (
          <Alert tone="success" live={false}>
            {t(`moderation.${done}`)}
          </Alert>
        )}
      </div>
    </section>
  );
}
