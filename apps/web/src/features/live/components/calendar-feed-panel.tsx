import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Input } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { useCalendarFeed } from '../api/calendar-feed';
import { useRevokeCalendarFeed } from '../api/revoke-calendar-feed';
import { useRotateCalendarFeed } from '../api/rotate-calendar-feed';

/**
 * The personal calendar feed: a secret address that calendar apps subscribe to, with the webinars the
 * person registered for. Asked for only when the person opens the panel (the API makes it on first use).
 */
export function CalendarFeedPanel() {
  const { t } = useTranslation('live');
  const [open, setOpen] = useState(false);
  const panelId = useId();

  return (
    <section
      aria-labelledby={`${panelId}-title`}
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id={`${panelId}-title`} className="font-semibold text-brand-950 text-lg">
        {t('feed.title')}
      </h2>
      <p className="mt-1 text-slate-700 text-sm">{t('feed.intro')}</p>
      <Button
        variant="secondary"
        className="mt-3"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? t('feed.hide') : t('feed.show')}
      </Button>
      <div id={panelId} hidden={!open} className="mt-4">
        {open && <FeedAddress />}
      </div>
    </section>
  );
}

type CopyState = 'idle' | 'copied' | 'manual';

function FeedAddress() {
  const { t } = useTranslation('live');
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const feed = useCalendarFeed(!revoked);
  const rotate = useRotateCalendarFeed({
    onRotated: () => {
      setRevoked(false);
      setCopy('idle');
      setNotice(t('feed.rotated'));
    },
  });
  const revoke = useRevokeCalendarFeed({
    onRevoked: () => {
      setRevoked(true);
      setCopy('idle');
      setNotice(t('feed.revoked'));
    },
  });

  async function copyAddress(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      // No clipboard access (permissions, older browsers): select the text for a manual copy.
      inputRef.current?.select();
      setCopy('manual');
    }
  }

  if (revoked) {
    return (
      <div className="flex flex-col items-start gap-3">
        <p role="status" className="text-slate-800">
          {notice}
        </p>
        <ServerErrorAlert error={rotate.error} />
        <Button variant="secondary" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
          {t('feed.makeNew')}
        </Button>
      </div>
    );
  }
  if (feed.isPending) return <Spinner label={t('feed.loading')} />;
  if (feed.isError) return <ServerErrorAlert error={feed.error} />;

  const { url, webcalUrl } = feed.data;
  return (
    <div className="flex flex-col gap-3">
      <Input
        ref={inputRef}
        label={t('feed.addressLabel')}
        hint={t('feed.addressHint')}
        value={url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        className="[&_input]:font-mono [&_input]:text-sm"
      />
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void copyAddress(url)}>{t('feed.copy')}</Button>
        <a
          href={webcalUrl}
          className="inline-flex min-h-11 items-center rounded-lg px-4 py-2 font-semibold text-brand-800 no-underline ring-1 ring-brand-300 ring-inset hover:bg-brand-50"
        >
          {t('feed.openApp')}
        </a>
      </div>
      <p role="status" className="min-h-6 font-medium text-emerald-800 text-sm">
        {copy === 'copied' ? t('feed.copied') : copy === 'manual' ? t('feed.copyManually') : (notice ?? '')}
      </p>
      <div className="flex flex-wrap gap-2 border-slate-200 border-t pt-3">
        <ConfirmDialog
          trigger={<Button variant="ghost">{t('feed.rotate')}</Button>}
          title={t('feed.rotateTitle')}
          description={t('feed.rotateBody')}
          confirmLabel={t('feed.rotateConfirm')}
          cancelLabel={t('confirm.back')}
          onConfirm={() => rotate.mutateAsync()}
          tone="primary"
        />
        <ConfirmDialog
          trigger={<Button variant="ghost">{t('feed.revoke')}</Button>}
          title={t('feed.revokeTitle')}
          description={t('feed.revokeBody')}
          confirmLabel={t('feed.revokeConfirm')}
          cancelLabel={t('confirm.back')}
          onConfirm={() => revoke.mutateAsync()}
        />
      </div>
    </div>
  );
}
